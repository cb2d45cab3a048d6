using System.Collections.Generic;
using System.Linq;
using RuntimePerf.Engine.Model;
using RuntimePerf.Engine.Reports;
using RuntimePerf.Engine.Scoring;
using RuntimePerf.Tests.Reports;
using Xunit;

namespace RuntimePerf.Tests.Scoring
{
    public class SizeRatingTests
    {
        private static Finding High(Effort effort = Effort.S) => SampleReports.RawFindings[0] with { Severity = Severity.High, Effort = effort };

        [Theory]
        // 15 weighted minutes per HIGH finding of effort S; the code costs 30 minutes a line.
        [InlineData(0, 1000, Rating.A)]
        [InlineData(1, 1000, Rating.A)]     // 15 / 30,000 = 0.05%: the A bound itself
        [InlineData(2, 1000, Rating.B)]     // 0.1%
        [InlineData(4, 1000, Rating.B)]     // 0.2%
        [InlineData(10, 1000, Rating.C)]    // 0.5%
        [InlineData(11, 1000, Rating.D)]
        [InlineData(40, 1000, Rating.D)]    // 2%
        [InlineData(41, 1000, Rating.E)]
        [InlineData(10, 300_000, Rating.A)] // the same ten findings in a large code base
        public void Rating_follows_the_debt_ratio_bounds(int findings, int lines, Rating expected)
        {
            var rating = SizeRating.Of(Enumerable.Repeat(High(), findings), lines);
            Assert.Equal(expected, rating.Rating);
            Assert.Equal(findings * 15.0, rating.RemediationMinutes);
        }

        [Fact]
        public void Severity_and_effort_weigh_the_minutes()
        {
            var findings = new[]
            {
                High(Effort.L),
                SampleReports.RawFindings[0] with { Severity = Severity.Low, Effort = Effort.M },
                SampleReports.RawFindings[0] with { Severity = Severity.Critical, Effort = Effort.S },
            };
            Assert.Equal(240 + 0.2 * 60 + 2 * 15, SizeRating.Of(findings, 100).RemediationMinutes, 6);
            Assert.Equal(Rating.E, SizeRating.Of(new[] { High() }, 0).Rating); // findings in no measured code
            Assert.Equal(Rating.A, SizeRating.Of(new Finding[0], 0).Rating);
        }

        [Fact]
        public void The_rating_gate_is_opt_in_and_judges_every_active_finding()
        {
            var files = new Dictionary<string, FileCounts> { ["csharp"] = new FileCounts(2, 0, 100) };
            var report = AuditReport.Create("0.1.0", "p.csproj", SampleReports.RawFindings, files, new AuditNotice[0], 1, new GateSettings(null, false));
            Assert.Equal(Rating.E, report.Rating.Rating);
            Assert.True(report.Gate.Passed);
            var gated = report with { GateSettings = new GateSettings(null, false, Rating.C) };
            Assert.False(gated.Gate.Passed);
            Assert.Contains(gated.Gate.Reasons, r => r.Contains("RuntimePerfMinRating C"));
            Assert.True((report with { Files = new Dictionary<string, FileCounts> { ["csharp"] = new FileCounts(2, 0, 1_000_000) }, GateSettings = gated.GateSettings }).Gate.Passed);
        }

        [Fact]
        public void Lines_and_min_rating_survive_the_json_report_and_the_snapshot()
        {
            var files = new Dictionary<string, FileCounts> { ["python"] = new FileCounts(3, 1, 420) };
            var report = AuditReport.Create("0.1.0", "p.csproj", SampleReports.RawFindings, files, new AuditNotice[0], 1, new GateSettings(null, true, Rating.B));
            var read = JsonReport.Parse(JsonReport.Serialize(report));
            Assert.Equal(420, read.Files["python"].Lines);
            Assert.Equal(Rating.B, read.GateSettings.MinRating);
            Assert.Equal(report.Rating, read.Rating);

            using var dir = new TempDir();
            string path = System.IO.Path.Combine(dir.Path, "r.bin");
            ReportSnapshot.Write(path, report);
            var snapshot = ReportSnapshot.TryRead(path, "0.1.0")!;
            Assert.Equal(420, snapshot.Files["python"].Lines);
            Assert.Equal(Rating.B, snapshot.GateSettings.MinRating);
        }
    }
}
