using System.Linq;
using RuntimePerf.Engine.Reports;
using Xunit;

namespace RuntimePerf.Tests.Reports
{
    public class DeterminismTests
    {
        [Fact]
        public void Same_report_gives_the_same_bytes()
        {
            Assert.Equal(JsonReport.Serialize(SampleReports.Create()), JsonReport.Serialize(SampleReports.Create()));
            Assert.Equal(SarifReport.Serialize(SampleReports.Create(), SarifOptions.Default),
                SarifReport.Serialize(SampleReports.Create(), SarifOptions.Default));
        }

        [Fact]
        public void Finding_order_does_not_depend_on_input_order()
        {
            var reversed = SampleReports.Create(SampleReports.RawFindings.Reverse());
            var interleaved = SampleReports.Create(SampleReports.RawFindings.Where((_, i) => i % 2 == 1).Concat(SampleReports.RawFindings.Where((_, i) => i % 2 == 0)));
            var expectedJson = JsonReport.Serialize(SampleReports.Create());
            var expectedSarif = SarifReport.Serialize(SampleReports.Create(), SarifOptions.Default);

            Assert.Equal(expectedJson, JsonReport.Serialize(reversed));
            Assert.Equal(expectedJson, JsonReport.Serialize(interleaved));
            Assert.Equal(expectedSarif, SarifReport.Serialize(reversed, SarifOptions.Default));
            Assert.Equal(expectedSarif, SarifReport.Serialize(interleaved, SarifOptions.Default));
        }
    }
}
