using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using RuntimePerf.Engine.Model;
using RuntimePerf.Engine.Reports;
using Xunit;

namespace RuntimePerf.Tests.Reports
{
    public class JsonReportTests
    {
        [Fact]
        public void Seed_fields_come_first_and_in_the_RULES_md_order()
        {
            using var doc = JsonDocument.Parse(JsonReport.Serialize(SampleReports.Create()));
            Assert.Equal(
                new[] { "category", "score", "total_issues", "critical", "high", "medium", "low", "findings", "actions", "tool", "project", "files", "notices", "gate", "rating", "duration_ms" },
                doc.RootElement.EnumerateObject().Select(p => p.Name));
            Assert.Equal(
                new[] { "severity", "location", "issue", "principle", "recommendation", "effort", "rule", "confidence", "context", "language", "file", "line", "column", "endLine", "endColumn", "fingerprint", "priority" },
                doc.RootElement.GetProperty("findings")[0].EnumerateObject().Select(p => p.Name));
            Assert.Equal("Runtime Performance", doc.RootElement.GetProperty("category").GetString());
            // 10 − (2·1 + 1·1 + 0.5·2 + 0.2·1) = 5.8
            Assert.Equal(5.8, doc.RootElement.GetProperty("score").GetDouble());
            Assert.Equal(5, doc.RootElement.GetProperty("total_issues").GetInt32());
        }

        [Fact]
        public void Score_always_has_one_decimal_and_an_unset_min_score_is_null()
        {
            var clean = SampleReports.Create(new Finding[0]) with { GateSettings = new GateSettings(null, true) };
            string text = Encoding.UTF8.GetString(JsonReport.Serialize(clean));
            Assert.Contains("\"score\": 10.0,", text);
            Assert.Contains("\"min_score\": null,", text);
            Assert.Contains("\"passed\": true,", text);
        }

        [Fact]
        public void Output_is_utf8_without_bom_with_lf_newlines_and_readable_text()
        {
            byte[] bytes = JsonReport.Serialize(SampleReports.Create());
            Assert.NotEqual(0xEF, bytes[0]);
            Assert.DoesNotContain((byte)'\r', bytes);
            string text = Encoding.UTF8.GetString(bytes);
            Assert.EndsWith("}\n", text);
            Assert.Contains("\"file\": \"scripts/données/export job.py\"", text);
            Assert.Contains("List<Order>", text);
        }

        [Fact]
        public void Parse_gives_back_every_field_the_gate_needs()
        {
            var report = SampleReports.Create();
            byte[] bytes = JsonReport.Serialize(report);
            var read = JsonReport.Parse(bytes);

            // Symbol and line text only feed the fingerprint; the report carries the fingerprint itself.
            Assert.Equal(report.Findings.Select(f => f with { EnclosingSymbol = "", LineText = "" }), read.Findings);
            Assert.All(read.Findings, f => Assert.Equal(32, f.Fingerprint.Length));
            Assert.Equal(report.Files.OrderBy(kv => kv.Key), read.Files.OrderBy(kv => kv.Key));
            Assert.Equal(report.Notices, read.Notices);
            Assert.Equal(report.DurationMs, read.DurationMs);
            Assert.Equal(report.GateSettings, read.GateSettings);
            Assert.Equal(report.ToolVersion, read.ToolVersion);
            Assert.Equal(report.Project, read.Project);
            Assert.False(read.Gate.Passed);
            Assert.Equal(bytes, JsonReport.Serialize(read));
        }

        [Fact]
        public void A_suppressed_finding_is_kept_with_its_reason_but_left_out_of_score_gate_and_sarif()
        {
            var raw = SampleReports.RawFindings;
            var silenced = raw[0] with { Suppression = new Suppression(SuppressionKinds.Attribute, "runs once at start-up") };
            var report = SampleReports.Create(new[] { silenced }.Concat(raw.Skip(1)));
            var without = SampleReports.Create(raw.Skip(1));

            var read = JsonReport.Parse(JsonReport.Serialize(report));

            Assert.Equal(raw.Count, read.Findings.Count);
            Assert.Equal(silenced.Suppression, Assert.Single(read.Findings, f => f.Suppression != null).Suppression);
            Assert.Equal(without.Score, read.Score);
            Assert.Equal(without.Counts, read.Counts);
            Assert.Equal(SarifReport.Serialize(without, SampleReports.PinnedSarifOptions), SarifReport.Serialize(report, SampleReports.PinnedSarifOptions));
        }

        [Fact]
        public void Read_accepts_a_file_an_editor_saved_with_a_bom()
        {
            using var dir = new TempDir();
            string path = dir.Combine("runtimeperf.json");
            byte[] bytes = JsonReport.Serialize(SampleReports.Create());
            File.WriteAllBytes(path, new byte[] { 0xEF, 0xBB, 0xBF }.Concat(bytes).ToArray());
            Assert.Equal(5, JsonReport.Read(path).Findings.Count);
        }

        [Fact]
        public void A_truncated_report_file_gives_a_clear_error_naming_the_file()
        {
            using var dir = new TempDir();
            string path = dir.Combine("runtimeperf.json");
            byte[] bytes = JsonReport.Serialize(SampleReports.Create());
            File.WriteAllBytes(path, bytes.Take(bytes.Length / 2).ToArray());

            var e = Assert.Throws<ReportFormatException>(() => JsonReport.Read(path));
            Assert.Equal(path, e.Path);
            Assert.Contains(path, e.Message);
            Assert.Contains("not valid JSON", e.Message);
        }

        [Theory]
        [InlineData("[]", "the top level is not a JSON object")]
        [InlineData("", "not valid JSON")]
        public void Input_that_is_no_report_at_all_is_rejected(string json, string problem)
        {
            var e = Assert.Throws<ReportFormatException>(() => JsonReport.Parse(json));
            Assert.Contains(problem, e.Message);
            Assert.Null(e.Path);
        }

        [Theory]
        [InlineData("\"rule\": \"RP0001\",", "", "finding 1: \"rule\" is missing")]   // findings are in path order: scripts/ first
        [InlineData("\"severity\": \"HIGH\"", "\"severity\": \"SEVERE\"", "finding 3: unknown severity \"SEVERE\"")]
        [InlineData("\"line\": 42,", "\"line\": \"42\",", "finding 3: \"line\" should be number, found string")]
        [InlineData("\"language\": \"python\"", "\"language\": \"cobol\"", "finding 1: unknown language \"cobol\"")]
        [InlineData("\"duration_ms\": 1234", "\"duration_ms\": 12.5", "report: \"duration_ms\" is not an integer")]
        [InlineData("\"min_score\": 7,", "\"min_score\": \"7\",", "gate: \"min_score\" must be a number or null")]
        public void A_damaged_field_is_named_in_the_error(string original, string damaged, string problem)
        {
            string text = Encoding.UTF8.GetString(JsonReport.Serialize(SampleReports.Create()));
            Assert.Contains(original, text);
            var e = Assert.Throws<ReportFormatException>(() => JsonReport.Parse(ReplaceFirst(text, original, damaged)));
            Assert.Equal(problem, e.Problem);
        }

        [Fact]
        public void Absolute_paths_are_refused()
        {
            var finding = SampleReports.RawFindings[0] with { Path = "/work/repo/src/A.cs" };
            var e = Assert.Throws<ArgumentException>(() => JsonReport.Serialize(SampleReports.Create(new[] { finding })));
            Assert.Contains("/work/repo/src/A.cs", e.Message);
        }

        [Fact]
        public void WriteIfChanged_rewrites_only_when_more_than_the_duration_changed()
        {
            using var dir = new TempDir();
            string path = dir.Combine("runtimeperf.json");
            var report = SampleReports.Create(durationMs: 1000);
            Assert.True(JsonReport.WriteIfChanged(path, report));
            var past = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            File.SetLastWriteTimeUtc(path, past);

            Assert.False(JsonReport.WriteIfChanged(path, report));
            Assert.False(JsonReport.WriteIfChanged(path, report with { DurationMs = 2000 }));
            Assert.Equal(past, File.GetLastWriteTimeUtc(path));
            Assert.Equal(1000, JsonReport.Read(path).DurationMs);

            var changed = SampleReports.Create(SampleReports.RawFindings.Skip(1), durationMs: 2000);
            Assert.True(JsonReport.WriteIfChanged(path, changed));
            Assert.Equal(JsonReport.Serialize(changed), File.ReadAllBytes(path));
            Assert.Equal(new[] { path }, Directory.GetFiles(dir.Path));
        }

        [Fact]
        public void WriteIfChanged_replaces_a_damaged_report()
        {
            using var dir = new TempDir();
            string path = dir.Combine("runtimeperf.json");
            File.WriteAllText(path, "{\"duration_ms\": 1234");
            var report = SampleReports.Create();
            Assert.True(JsonReport.WriteIfChanged(path, report));
            Assert.Equal(JsonReport.Serialize(report), File.ReadAllBytes(path));
        }

        private static string ReplaceFirst(string text, string old, string replacement)
        {
            int i = text.IndexOf(old, StringComparison.Ordinal);
            return text.Substring(0, i) + replacement + text.Substring(i + old.Length);
        }
    }
}
