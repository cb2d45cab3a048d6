using System.Linq;
using RuntimePerf.Engine.Baselines;
using RuntimePerf.Engine.Model;
using RuntimePerf.Engine.Reports;
using RuntimePerf.Tests.Reports;
using Xunit;

namespace RuntimePerf.Tests.Baselines
{
    public class BaselineTests
    {
        private static readonly Finding Read = SampleReports.RawFindings[0];

        [Fact]
        public void Moving_code_and_reformatting_whitespace_keep_the_key_renaming_the_function_or_file_does_not()
        {
            var baseline = Baseline.Of(new[] { Read });
            var moved = Read with { Span = new SourceSpan(142, 4, 142, 31), LineText = "  var   json = File.ReadAllText(path);   " };

            Assert.Equal(BaselineState.Unchanged, Assert.Single(baseline.Compare(new[] { moved }).Findings).Baseline);
            Assert.Equal(BaselineState.New, Assert.Single(baseline.Compare(new[] { Read with { EnclosingSymbol = "GetV2Async" } }).Findings).Baseline);
            Assert.Equal(BaselineState.New, Assert.Single(baseline.Compare(new[] { Read with { Path = "src/Api/Renamed.cs" } }).Findings).Baseline);
        }

        [Fact]
        public void Identical_lines_are_counted_so_one_more_copy_is_new_and_one_less_is_fixed()
        {
            var twice = new[] { Read, Read with { Span = new SourceSpan(50, 20, 50, 47) } };
            var baseline = Baseline.Of(twice);
            Assert.Equal(2, Assert.Single(baseline.Entries).Count);

            var thrice = baseline.Compare(twice.Append(Read with { Span = new SourceSpan(60, 20, 60, 47) }).ToList());
            Assert.Equal(new BaselineState?[] { BaselineState.Unchanged, BaselineState.Unchanged, BaselineState.New }, thrice.Findings.Select(f => f.Baseline));
            Assert.Empty(thrice.Absent);

            var once = baseline.Compare(new[] { Read });
            Assert.Equal(1, Assert.Single(once.Absent).Count);
        }

        [Fact]
        public void Suppressed_findings_are_neither_baselined_nor_judged()
        {
            var silenced = Read with { Suppression = new Suppression(SuppressionKinds.Inline, "reviewed") };
            Assert.Empty(Baseline.Of(new[] { silenced }).Entries);
            Assert.Null(Assert.Single(new Baseline(new BaselineEntry[0]).Compare(new[] { silenced }).Findings).Baseline);
        }

        [Fact]
        public void The_file_is_sorted_readable_and_the_same_bytes_when_written_again()
        {
            var baseline = Baseline.Of(SampleReports.RawFindings.Reverse());
            byte[] first = baseline.Serialize();
            using var dir = new TempDir();
            string path = dir.Combine("runtimeperf.baseline.json");
            System.IO.File.WriteAllBytes(path, first);

            var again = Baseline.Read(path);

            Assert.Equal(first, again.Serialize());
            Assert.Equal(first, Baseline.Of(SampleReports.RawFindings).Serialize());
            Assert.Equal(baseline.Entries.OrderBy(e => e.File, System.StringComparer.Ordinal).Select(e => e.File), again.Entries.Select(e => e.File));
            string text = System.Text.Encoding.UTF8.GetString(first);
            Assert.Contains("\"line_hash\": \"" + Fingerprints.LineHash("var json = File.ReadAllText(path);") + "\"", text);
            Assert.DoesNotContain("\"line\"", text);
        }

        [Fact]
        public void The_file_keeps_a_hash_of_the_flagged_line_never_its_text()
        {
            var secret = Read with { LineText = "time.sleep(1)  # SECRET_TOKEN=hunter2" };
            string text = System.Text.Encoding.UTF8.GetString(Baseline.Of(new[] { secret }).Serialize());
            Assert.DoesNotContain("hunter2", text);
            Assert.DoesNotContain("time.sleep", text);
            Assert.Contains("\"version\": 2", text);
        }

        [Fact]
        public void A_version_1_baseline_with_the_line_text_still_matches_and_an_unknown_version_is_refused()
        {
            using var dir = new TempDir();
            string path = dir.Combine("runtimeperf.baseline.json");
            System.IO.File.WriteAllText(path, "{ \"version\": 1, \"tool\": \"RuntimePerf.Build\", \"findings\": [ { \"rule\": \"" + Read.RuleId
                + "\", \"file\": \"" + Read.Path + "\", \"symbol\": \"" + Read.EnclosingSymbol + "\", \"code\": \"" + Fingerprints.NormaliseLine(Read.LineText)
                + "\", \"count\": 1 } ] }");
            Assert.Equal(BaselineState.Unchanged, Assert.Single(Baseline.Read(path).Compare(new[] { Read }).Findings).Baseline);

            System.IO.File.WriteAllText(path, "{ \"version\": 99, \"tool\": \"RuntimePerf.Build\", \"findings\": [] }");
            var error = Assert.Throws<ReportFormatException>(() => Baseline.Read(path));
            Assert.Contains("version 99", error.Problem);
        }

        [Fact]
        public void With_a_baseline_the_gate_judges_only_new_findings_and_the_report_lists_the_fixed_ones()
        {
            var baseline = Baseline.Of(SampleReports.RawFindings.Skip(1)); // all but the RP0001 HIGH
            var stale = new BaselineEntry("RP0002", "src/Old.cs", "Old.Run", Fingerprints.LineHash("Thread.Sleep(5);"), 1);
            var report = AuditReport.Create("0.1.0", "p.csproj", SampleReports.RawFindings, SampleReports.Files, SampleReports.Notices, 1,
                new GateSettings(null, true), new Baseline(baseline.Entries.Append(stale)), "runtimeperf.baseline.json");

            var gateFinding = Assert.Single(report.GateFindings);
            Assert.Equal("RP0001", gateFinding.RuleId);
            Assert.Equal(new BaselineEntry[] { stale }, report.Baseline!.Absent);

            var read = JsonReport.Parse(JsonReport.Serialize(report));
            Assert.Equal(report.Baseline.Absent, read.Baseline!.Absent);
            Assert.Equal(report.GateCounts, read.GateCounts);
            Assert.False(read.Gate.Passed);
        }
    }
}
