using System;
using System.IO;
using System.Text;
using RuntimePerf.Engine.Reports;
using Xunit;

namespace RuntimePerf.Tests.Reports
{
    /// <summary>
    /// The reports' byte-exact contract. After an intended format change, regenerate with UPDATE_GOLDEN=1
    /// and review the diff of tests/fixtures/golden/ by eye.
    /// </summary>
    public class GoldenTests
    {
        [Fact]
        public void Json_report_matches_the_golden_file() =>
            AssertGolden("report.json", JsonReport.Serialize(SampleReports.Create()));

        [Fact]
        public void Sarif_report_matches_the_golden_file() =>
            AssertGolden("report.sarif", SarifReport.Serialize(SampleReports.Create(), SampleReports.PinnedSarifOptions));

        private static void AssertGolden(string name, byte[] actual)
        {
            string path = RepoRootAttribute.Combine("tests", "fixtures", "golden", name);
            if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
            {
                File.WriteAllBytes(path, actual);
                return;
            }
            Assert.True(File.Exists(path), path + " is missing; run the tests once with UPDATE_GOLDEN=1 to create it.");
            byte[] expected = File.ReadAllBytes(path);
            // Compare as text first for a readable diff, then as bytes (BOM, newlines).
            Assert.Equal(Encoding.UTF8.GetString(expected), Encoding.UTF8.GetString(actual));
            Assert.Equal(expected, actual);
        }
    }
}
