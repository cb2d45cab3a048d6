using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using RuntimePerf.Build.Tasks;
using RuntimePerf.Engine.Model;
using RuntimePerf.Engine.Reports;
using Xunit;

namespace RuntimePerf.Tests.Tasks
{
    public sealed class GateTaskTests : IDisposable
    {
        private readonly string _dir = Directory.CreateTempSubdirectory("rp-gate-").FullName;

        public void Dispose() => Directory.Delete(_dir, recursive: true);

        private static Finding F(string rule, Severity severity, int line, string issue) => new Finding
        {
            RuleId = rule, Severity = severity, Confidence = Confidence.High, Effort = Effort.S,
            Path = "src/Api/Program.cs", Span = new SourceSpan(line, 5, line, 22), Issue = issue,
            Principle = "Async Best Practices / Non-Blocking IO", Recommendation = "Use the async API.",
            Context = severity == Severity.High ? CodeContext.RequestHandler : CodeContext.Background,
            Language = Language.CSharp, EnclosingSymbol = "M", LineText = "x",
        };

        private string WriteReport(params Finding[] findings)
        {
            var report = AuditReport.Create("0.1.0", "src/Api/Api.csproj", findings,
                new Dictionary<string, FileCounts> { ["csharp"] = new FileCounts(3, 0, 600), ["python"] = new FileCounts(0, 2) },
                Array.Empty<AuditNotice>(), 42, new GateSettings(null, true));
            string path = Path.Combine(_dir, "runtimeperf.json");
            File.WriteAllBytes(path, JsonReport.Serialize(report));
            return path;
        }

        private (bool Ok, MockBuildEngine Log) RunGate(string json, string? minScore = null, string? failOnHigh = null)
        {
            var engine = new MockBuildEngine();
            var task = new RuntimePerfGateTask { BuildEngine = engine, ProjectFile = Path.Combine(_dir, "src", "Api", "Api.csproj"), RepositoryRoot = _dir, JsonFile = json, MinScore = minScore, FailOnHigh = failOnHigh };
            return (task.Execute(), engine);
        }

        [Fact]
        public void High_finding_is_an_error_and_fails_the_gate_medium_is_a_warning_low_a_message()
        {
            string json = WriteReport(
                F("RP0002", Severity.High, 10, "Sync sleep: Thread.Sleep(100) inside async lambda."),
                F("RP0001", Severity.Medium, 20, "Blocking I/O: File.ReadAllText() inside async method Worker.RunAsync."),
                F("RP0006", Severity.Low, 30, "Redundant copy: items.ToList() is only enumerated."));
            var (ok, log) = RunGate(json);
            string file = Path.Combine(_dir, "src", "Api", "Program.cs");

            Assert.False(ok);
            Assert.Equal(new[]
            {
                $"{file}(10,5,10,22): error RP0002: Sync sleep: Thread.Sleep(100) inside async lambda. Use the async API. [HIGH, confidence HIGH, request-handler]",
                "test.csproj: error RPGATE: RuntimePerf gate failed: 1 HIGH or CRITICAL finding(s) (set RuntimePerfFailOnHigh=false to only report them).",
            }, log.Errors);
            Assert.Equal(new[]
            {
                $"{file}(20,5,20,22): warning RP0001: Blocking I/O: File.ReadAllText() inside async method Worker.RunAsync. Use the async API. [MEDIUM, confidence HIGH, background]",
            }, log.Warnings);
            Assert.Equal(new[]
            {
                $"{file}(30,5,30,22): message RP0006: Redundant copy: items.ToList() is only enumerated. Use the async API. [LOW, confidence HIGH, background]",
                $"RuntimePerf: score 8.3/10, 3 finding(s) (0 critical, 1 high, 1 medium, 1 low) in 3 file(s) (csharp 3), 2 skipped, rating B (debt ratio 0.14%: 26 min to fix over 600 line(s)), 42 ms; report {json}",
            }, log.Messages);
            Assert.Equal("https://github.com/runtimeperf/RuntimePerf.Build/blob/main/docs/rules/RP0002.md", log.ErrorEvents[0].HelpLink);
        }

        [Fact]
        public void The_audits_snapshot_is_read_when_it_is_not_older_than_the_json_report()
        {
            string json = WriteReport(F("RP0001", Severity.Medium, 20, "From the JSON."));
            string snapshot = Path.Combine(_dir, "runtimeperf.report.bin");
            var report = AuditReport.Create(RuntimePerfAuditTask.ToolVersion, "src/Api/Api.csproj", new[] { F("RP0001", Severity.Medium, 21, "From the snapshot.") },
                new Dictionary<string, FileCounts> { ["csharp"] = new FileCounts(3, 0) }, Array.Empty<AuditNotice>(), 42, new GateSettings(null, true));
            ReportSnapshot.Write(snapshot, report);

            var fresh = new MockBuildEngine();
            Assert.True(new RuntimePerfGateTask { BuildEngine = fresh, ProjectFile = Path.Combine(_dir, "Api.csproj"), RepositoryRoot = _dir, JsonFile = json, SnapshotFile = snapshot }.Execute());
            Assert.Contains("From the snapshot.", Assert.Single(fresh.Warnings));

            // A JSON written after the snapshot (an older package's audit, a failed snapshot write) wins.
            File.SetLastWriteTimeUtc(snapshot, File.GetLastWriteTimeUtc(json).AddSeconds(-10));
            var stale = new MockBuildEngine();
            Assert.True(new RuntimePerfGateTask { BuildEngine = stale, ProjectFile = Path.Combine(_dir, "Api.csproj"), RepositoryRoot = _dir, JsonFile = json, SnapshotFile = snapshot }.Execute());
            Assert.Contains("From the JSON.", Assert.Single(stale.Warnings));
        }

        [Fact]
        public void Notices_come_from_the_report_so_an_up_to_date_build_shows_them_too_the_first_ten_at_normal_verbosity()
        {
            var notices = Enumerable.Range(1, 12).Select(i => new AuditNotice($"tools/f{i:00}.py", "binary file; not audited")).ToList();
            var report = AuditReport.Create("0.1.0", "src/Api/Api.csproj", Array.Empty<Finding>(), new Dictionary<string, FileCounts>(),
                notices, 42, new GateSettings(null, true));
            string json = Path.Combine(_dir, "runtimeperf.json");
            File.WriteAllBytes(json, JsonReport.Serialize(report));

            var (ok, log) = RunGate(json);

            Assert.True(ok);
            Assert.Equal(Enumerable.Range(1, 10).Select(i => $"RuntimePerf: tools/f{i:00}.py: binary file; not audited")
                    .Append($"RuntimePerf: 2 more notice(s), listed with -v:d and in {json}."),
                log.Messages.Where(m => !m.StartsWith("RuntimePerf: score", StringComparison.Ordinal)));
        }

        [Fact]
        public void Stale_baseline_entries_are_one_summary_line_naming_the_first_few()
        {
            var stale = Enumerable.Range(1, 5).Select(i => new Engine.Baselines.BaselineEntry("RP0002", $"src/Old{i}.cs", "Old.Run",
                Engine.Model.Fingerprints.LineHash("Thread.Sleep(5);"), 1));
            var report = AuditReport.Create("0.1.0", "src/Api/Api.csproj", Array.Empty<Finding>(), new Dictionary<string, FileCounts>(),
                Array.Empty<AuditNotice>(), 42, new GateSettings(null, true), new Engine.Baselines.Baseline(stale), "runtimeperf.baseline.json");
            string json = Path.Combine(_dir, "runtimeperf.json");
            File.WriteAllBytes(json, JsonReport.Serialize(report));

            var (ok, log) = RunGate(json);

            Assert.True(ok);
            string line = Assert.Single(log.Messages, m => m.Contains("stale", StringComparison.Ordinal));
            Assert.StartsWith("RuntimePerf baseline: 5 stale entries (fixed, or the code changed): RP0002 src/Old1.cs Old.Run, RP0002 src/Old2.cs Old.Run, RP0002 src/Old3.cs Old.Run, and 2 more", line);
        }

        [Fact]
        public void With_FailOnHigh_false_a_high_finding_is_a_warning_and_the_gate_passes()
        {
            var (ok, log) = RunGate(WriteReport(F("RP0002", Severity.High, 10, "Sync sleep.")), failOnHigh: "false");
            Assert.True(ok);
            Assert.Empty(log.Errors);
            Assert.Single(log.Warnings);
        }

        [Fact]
        public void Min_score_fails_when_the_score_is_lower_and_says_which_property()
        {
            var (ok, log) = RunGate(WriteReport(F("RP0001", Severity.Medium, 20, "Blocking I/O.")), minScore: "9.8");
            Assert.False(ok);
            Assert.Equal("test.csproj: error RPGATE: RuntimePerf gate failed: score 9.5 is below RuntimePerfMinScore 9.8.", Assert.Single(log.Errors));
        }

        [Theory]
        [InlineData("abc", null, "test.csproj: error RPCONFIG: RuntimePerfMinScore 'abc' is not a number from 0 to 10 (write it with a dot, e.g. 9.5).")]
        [InlineData("9,5", null, "test.csproj: error RPCONFIG: RuntimePerfMinScore '9,5' is not a number from 0 to 10 (write it with a dot, e.g. 9.5).")]
        [InlineData("11", null, "test.csproj: error RPCONFIG: RuntimePerfMinScore '11' is not a number from 0 to 10 (write it with a dot, e.g. 9.5).")]
        [InlineData(null, "maybe", "test.csproj: error RPCONFIG: RuntimePerfFailOnHigh 'maybe' must be true or false.")]
        public void Bad_settings_are_one_clear_error(string? minScore, string? failOnHigh, string expected)
        {
            var (ok, log) = RunGate(WriteReport(), minScore, failOnHigh);
            Assert.False(ok);
            Assert.Equal(expected, Assert.Single(log.Errors));
        }

        [Fact]
        public void Min_score_is_parsed_culture_invariant()
        {
            var saved = System.Globalization.CultureInfo.CurrentCulture;
            try
            {
                System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
                var (ok, log) = RunGate(WriteReport(F("RP0001", Severity.Medium, 20, "Blocking I/O.")), minScore: "9.4");
                Assert.True(ok, string.Join("\n", log.Errors));
            }
            finally
            {
                System.Globalization.CultureInfo.CurrentCulture = saved;
            }
        }

        [Fact]
        public void Missing_or_corrupt_report_is_a_clear_error()
        {
            var (ok, log) = RunGate(Path.Combine(_dir, "nope.json"));
            Assert.False(ok);
            Assert.Contains("run the RuntimePerfAudit target first", Assert.Single(log.Errors));

            string bad = Path.Combine(_dir, "bad.json");
            File.WriteAllText(bad, "{ \"category\": ");
            (ok, log) = RunGate(bad);
            Assert.False(ok);
            Assert.Contains("the report is unreadable", Assert.Single(log.Errors));
        }
    }
}
