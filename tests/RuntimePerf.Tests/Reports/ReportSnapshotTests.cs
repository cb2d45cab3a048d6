using System;
using System.IO;
using System.Linq;
using RuntimePerf.Engine.Baselines;
using RuntimePerf.Engine.Model;
using RuntimePerf.Engine.Reports;
using Xunit;

namespace RuntimePerf.Tests.Reports
{
    public sealed class ReportSnapshotTests : IDisposable
    {
        private readonly string _dir = Directory.CreateTempSubdirectory("rp-snapshot-").FullName;

        public void Dispose() => Directory.Delete(_dir, recursive: true);

        /// <summary>The sample report with a baseline (one finding known, one stale entry) and a suppressed finding.</summary>
        private static AuditReport Rich()
        {
            var raw = SampleReports.RawFindings.ToList();
            raw[2] = raw[2] with { Suppression = new Suppression(SuppressionKinds.Pragma, "") };
            var known = Baseline.Of(raw.Take(1));
            var baseline = new Baseline(known.Entries.Append(new BaselineEntry("RP0002", "gone.py", "old", Fingerprints.LineHash("time.sleep(1)"), 2)));
            return AuditReport.Create("0.1.0", "src/Api/Api.csproj", raw, SampleReports.Files, SampleReports.Notices, 99,
                new GateSettings(null, false), baseline, "runtimeperf.baseline.json");
        }

        [Fact]
        public void Reads_back_the_report_it_wrote()
        {
            foreach (var report in new[] { SampleReports.Create(), Rich() })
            {
                string path = Path.Combine(_dir, "report.bin");
                ReportSnapshot.Write(path, report);

                var read = ReportSnapshot.TryRead(path, report.ToolVersion);

                Assert.NotNull(read);
                // every field, also those the JSON leaves out, but the flagged line's text (source text the JSON does not show)
                Assert.Equal(report.Findings.Select(f => f with { LineText = "" }), read!.Findings);
                Assert.Equal(report.Baseline?.Absent, read.Baseline?.Absent);
                Assert.Equal(JsonReport.Serialize(report), JsonReport.Serialize(read));
            }
        }

        [Fact]
        public void Holds_no_source_text_beyond_what_the_json_shows()
        {
            var raw = SampleReports.RawFindings.Select(f => f with { LineText = f.LineText + " // SECRET_TOKEN=hunter2" }).ToList();
            var report = AuditReport.Create("0.1.0", "src/Api/Api.csproj", raw, SampleReports.Files, SampleReports.Notices, 1,
                new GateSettings(null, true), Baseline.Of(raw.Take(1)), "runtimeperf.baseline.json");
            string path = Path.Combine(_dir, "report.bin");
            ReportSnapshot.Write(path, report);
            Assert.DoesNotContain("hunter2", System.Text.Encoding.UTF8.GetString(File.ReadAllBytes(path)));
        }

        [Fact]
        public void Another_tool_version_or_a_damaged_file_reads_as_nothing()
        {
            string path = Path.Combine(_dir, "report.bin");
            ReportSnapshot.Write(path, Rich());
            byte[] bytes = File.ReadAllBytes(path);

            Assert.Null(ReportSnapshot.TryRead(path, "0.2.0"));
            File.WriteAllBytes(path, bytes.Take(bytes.Length / 2).ToArray());
            Assert.Null(ReportSnapshot.TryRead(path, "0.1.0"));
            File.WriteAllBytes(path, bytes.Append((byte)0).ToArray());
            Assert.Null(ReportSnapshot.TryRead(path, "0.1.0"));
            File.WriteAllText(path, "{ \"not\": \"a snapshot\" }");
            Assert.Null(ReportSnapshot.TryRead(path, "0.1.0"));
            Assert.Null(ReportSnapshot.TryRead(Path.Combine(_dir, "missing.bin"), "0.1.0"));
        }
    }
}
