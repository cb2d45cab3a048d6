using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using NJsonSchema;
using NJsonSchema.Validation;
using RuntimePerf.Engine.Catalog;
using RuntimePerf.Engine.Model;
using RuntimePerf.Engine.Reports;
using Xunit;

namespace RuntimePerf.Tests.Reports
{
    public class SarifReportTests
    {
        private static byte[] Sample() => SarifReport.Serialize(SampleReports.Create(), SampleReports.PinnedSarifOptions);

        [Fact]
        public async Task Log_validates_against_the_official_SARIF_2_1_0_schema()
        {
            string schemaPath = Path.Combine(AppContext.BaseDirectory, "schemas", "sarif-2.1.0.json");
            var schema = await JsonSchema.FromJsonAsync(File.ReadAllText(schemaPath));
            // With a baseline too: results carry baselineState.
            var baselined = AuditReport.Create("0.1.0", "p.csproj", SampleReports.RawFindings, SampleReports.Files, SampleReports.Notices, 1,
                new GateSettings(null, true), RuntimePerf.Engine.Baselines.Baseline.Of(SampleReports.RawFindings.Skip(2)), "runtimeperf.baseline.json");
            byte[] withBaseline = SarifReport.Serialize(baselined, SarifOptions.Default);
            Assert.Contains("\"baselineState\": \"new\"", Encoding.UTF8.GetString(withBaseline));
            Assert.Contains("\"baselineState\": \"unchanged\"", Encoding.UTF8.GetString(withBaseline));
            foreach (var log in new[] { Sample(), SarifReport.Serialize(SampleReports.Create(new Finding[0]), SarifOptions.Default), withBaseline })
            {
                var errors = Flatten(schema.Validate(Encoding.UTF8.GetString(log))).ToList();
                Assert.True(errors.Count == 0, "SARIF schema errors:\n" + string.Join("\n", errors));
            }

            // The validator does reject what the schema forbids (guards against a schema that validates nothing).
            string broken = Encoding.UTF8.GetString(Sample()).Replace("\"level\": \"note\"", "\"level\": \"fatal\"");
            Assert.NotEmpty(schema.Validate(broken));
        }

        [Fact]
        public void Log_has_no_absolute_paths_when_findings_were_made_relative()
        {
            using var checkout = new TempDir();
            var findings = SampleReports.RawFindings.Select(f =>
            {
                string absolute = Path.Combine(checkout.Path, f.Path.Replace('/', Path.DirectorySeparatorChar));
                return f with { Path = Path.GetRelativePath(checkout.Path, absolute).Replace('\\', '/') };
            });
            string text = Encoding.UTF8.GetString(SarifReport.Serialize(SampleReports.Create(findings), SarifOptions.Default));

            Assert.DoesNotContain("file:", text);
            Assert.DoesNotContain("/tmp", text);
            Assert.DoesNotContain("/work", text);
            Assert.DoesNotContain(checkout.Path, text);
            Assert.DoesNotMatch(new Regex(@"\b[A-Za-z]:[\\/]"), text);
            Assert.Contains("\"uri\": \"scripts/donn%C3%A9es/export%20job.py\"", text);
        }

        [Fact]
        public void Absolute_paths_are_refused()
        {
            var notice = new AuditNotice("C:\\src\\broken.py", "unreadable");
            var report = SampleReports.Create() with { Notices = new[] { notice } };
            Assert.Throws<ArgumentException>(() => SarifReport.Serialize(report, SarifOptions.Default));
        }

        [Fact]
        public void Rules_are_those_with_a_detector_plus_those_with_results_in_id_order()
        {
            using var doc = JsonDocument.Parse(Sample());
            var run = doc.RootElement.GetProperty("runs").EnumerateArray().Single();
            var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().ToList();

            // RP0001/RP0002/RP0007 have detectors (RP0002 without results); RP0003 and RP0005 only have results.
            Assert.Equal(new[] { "RP0001", "RP0002", "RP0003", "RP0005", "RP0007" }, rules.Select(r => r.GetProperty("id").GetString()));
            foreach (var result in run.GetProperty("results").EnumerateArray())
            {
                int index = result.GetProperty("ruleIndex").GetInt32();
                Assert.Equal(result.GetProperty("ruleId").GetString(), rules[index].GetProperty("id").GetString());
            }
        }

        [Fact]
        public void Rule_descriptors_carry_catalog_data_and_no_security_severity()
        {
            string text = Encoding.UTF8.GetString(Sample());
            Assert.DoesNotContain("security-severity", text);

            using var doc = JsonDocument.Parse(text);
            var rp0001 = doc.RootElement.GetProperty("runs")[0].GetProperty("tool").GetProperty("driver").GetProperty("rules")[0];
            var rule = RuleCatalog.Get("RP0001");
            Assert.Equal("BlockingIoInAsync", rp0001.GetProperty("name").GetString());
            Assert.Equal(rule.Concept, rp0001.GetProperty("fullDescription").GetProperty("text").GetString());
            Assert.Equal(rule.HelpUri, rp0001.GetProperty("helpUri").GetString());
            Assert.Equal("warning", rp0001.GetProperty("defaultConfiguration").GetProperty("level").GetString());
            Assert.Equal("warning", rp0001.GetProperty("properties").GetProperty("problem.severity").GetString());
            Assert.Equal("high", rp0001.GetProperty("properties").GetProperty("precision").GetString());
            Assert.Equal(rule.Tags, rp0001.GetProperty("properties").GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        }

        [Fact]
        public void Help_is_the_doc_page_or_falls_back_to_the_concept_and_link()
        {
            using var doc = JsonDocument.Parse(Sample());
            var rules = doc.RootElement.GetProperty("runs")[0].GetProperty("tool").GetProperty("driver").GetProperty("rules");
            Assert.Equal(SampleReports.RP0001Page, rules[0].GetProperty("help").GetProperty("markdown").GetString());
            Assert.Equal(SampleReports.RP0001Page, rules[0].GetProperty("help").GetProperty("text").GetString());

            var rp0002 = RuleCatalog.Get("RP0002");
            Assert.Equal(rp0002.Concept + " See " + rp0002.HelpUri, rules[1].GetProperty("help").GetProperty("text").GetString());
            Assert.Equal(rp0002.Concept + " See [RP0002](" + rp0002.HelpUri + ").", rules[1].GetProperty("help").GetProperty("markdown").GetString());
        }

        [Fact]
        public void Results_carry_level_region_fingerprint_and_properties()
        {
            var report = SampleReports.Create();
            using var doc = JsonDocument.Parse(SarifReport.Serialize(report, SampleReports.PinnedSarifOptions));
            var run = doc.RootElement.GetProperty("runs")[0];
            var results = run.GetProperty("results").EnumerateArray().ToList();
            Assert.Equal(report.Findings.Count, results.Count);

            Assert.Equal(new[] { "warning", "warning", "error", "error", "note" }, results.Select(r => r.GetProperty("level").GetString()));
            var first = report.Findings[0];
            var location = results[0].GetProperty("locations")[0].GetProperty("physicalLocation");
            var region = location.GetProperty("region");
            Assert.Equal(new[] { first.Span.Line, first.Span.Column, first.Span.EndLine, first.Span.EndColumn },
                new[] { "startLine", "startColumn", "endLine", "endColumn" }.Select(p => region.GetProperty(p).GetInt32()));
            Assert.Equal(first.Fingerprint, results[0].GetProperty("partialFingerprints").GetProperty(SarifReport.FingerprintKey).GetString());
            Assert.Equal("background", results[0].GetProperty("properties").GetProperty("context").GetString());
            Assert.Equal("utf16CodeUnits", run.GetProperty("columnKind").GetString());
            Assert.Equal("runtimeperf/src/Api/Api.csproj/", run.GetProperty("automationDetails").GetProperty("id").GetString());

            // Each result's artifact index points at its own file.
            var artifacts = run.GetProperty("artifacts").EnumerateArray().Select(a => a.GetProperty("location").GetProperty("uri").GetString()).ToList();
            foreach (var result in results)
            {
                var artifact = result.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation");
                Assert.Equal(artifact.GetProperty("uri").GetString(), artifacts[artifact.GetProperty("index").GetInt32()]);
            }
        }

        [Fact]
        public void Notices_become_warning_notifications_at_their_file()
        {
            using var doc = JsonDocument.Parse(Sample());
            var notification = doc.RootElement.GetProperty("runs")[0].GetProperty("invocations")[0].GetProperty("toolExecutionNotifications").EnumerateArray().Single();
            Assert.Equal("warning", notification.GetProperty("level").GetString());
            Assert.Equal(SampleReports.Notices[0].Message, notification.GetProperty("message").GetProperty("text").GetString());
            Assert.Equal("scripts/legacy/broken.py",
                notification.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString());
        }

        [Theory]
        [InlineData("Blocking I/O in async", "BlockingIoInAsync")]
        [InlineData("CPU-bound work in async without offload", "CpuBoundWorkInAsyncWithoutOffload")]
        [InlineData("Fire-and-forget async work", "FireAndForgetAsyncWork")]
        public void Rule_names_are_PascalCase_titles(string title, string name) => Assert.Equal(name, SarifReport.RuleName(title));

        [Fact]
        public void Every_catalog_rule_name_is_a_unique_identifier()
        {
            var names = RuleCatalog.All.Select(r => SarifReport.RuleName(r.Title)).ToList();
            Assert.All(names, n => Assert.Matches("^[A-Z][A-Za-z0-9]*$", n));
            Assert.Equal(names.Count, names.Distinct().Count());
        }

        [Theory]
        [InlineData("src/App/Program.cs", "src/App/Program.cs")]
        [InlineData("scripts/données/export job.py", "scripts/donn%C3%A9es/export%20job.py")]
        [InlineData("a:b/c.go", "a%3Ab/c.go")]
        [InlineData("50%/x#1?.rs", "50%25/x%231%3F.rs")]
        [InlineData("web/[id]/page (old)+~.ts", "web/%5Bid%5D/page%20(old)+~.ts")]
        public void Paths_become_percent_encoded_relative_uris(string path, string uri) => Assert.Equal(uri, SarifReport.ToUri(path));

        [Fact]
        public void WriteIfChanged_leaves_an_identical_log_alone()
        {
            using var dir = new TempDir();
            string path = dir.Combine("runtimeperf.sarif");
            var report = SampleReports.Create();
            Assert.True(SarifReport.WriteIfChanged(path, report, SampleReports.PinnedSarifOptions));
            var past = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            File.SetLastWriteTimeUtc(path, past);

            // The duration is not part of the log, so a new run of the same audit writes nothing.
            Assert.False(SarifReport.WriteIfChanged(path, report with { DurationMs = 99 }, SampleReports.PinnedSarifOptions));
            Assert.Equal(past, File.GetLastWriteTimeUtc(path));
            Assert.True(SarifReport.WriteIfChanged(path, SampleReports.Create(SampleReports.RawFindings.Skip(1)), SampleReports.PinnedSarifOptions));
            Assert.Equal(new[] { path }, Directory.GetFiles(dir.Path));
        }

        private static IEnumerable<string> Flatten(IEnumerable<ValidationError> errors)
        {
            foreach (var e in errors)
            {
                yield return e.ToString();
                if (e is ChildSchemaValidationError child)
                {
                    foreach (var nested in Flatten(child.Errors.SelectMany(kv => kv.Value))) yield return "  " + nested;
                }
            }
        }
    }
}
