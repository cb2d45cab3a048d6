using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using NJsonSchema;
using RuntimePerf.Cli;
using RuntimePerf.Engine.Model;
using RuntimePerf.Tests.Reports;
using Xunit;

namespace RuntimePerf.Tests.Cli
{
    /// <summary>The tool's run-wide reports (merged from the projects' own) and its command line.</summary>
    public class RunReportTests
    {
        private static IReadOnlyList<AuditReport> TwoProjects() => new[]
        {
            SampleReports.Create(),
            SampleReports.Create(SampleReports.RawFindings.Take(2)) with { Project = "src/Worker/Worker.csproj" },
        };

        [Fact]
        public async Task Sarif_has_one_run_per_project_valid_against_the_schema_and_within_GitHub_upload_limits()
        {
            string text = Encoding.UTF8.GetString(AuditCommand.Sarif(TwoProjects()));
            var schema = await JsonSchema.FromJsonAsync(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "schemas", "sarif-2.1.0.json")));
            Assert.Empty(schema.Validate(text));

            using var log = JsonDocument.Parse(text);
            var runs = log.RootElement.GetProperty("runs").EnumerateArray().ToList();
            Assert.Equal(2, runs.Count);
            // GitHub: one run per category, and a category is the automationDetails id.
            var categories = runs.Select(r => r.GetProperty("automationDetails").GetProperty("id").GetString()).ToList();
            Assert.Equal(new[] { "runtimeperf/src/Api/Api.csproj/", "runtimeperf/src/Worker/Worker.csproj/" }, categories);
            foreach (var run in runs)
            {
                var results = run.GetProperty("results").EnumerateArray().ToList();
                Assert.InRange(results.Count, 1, 25_000);
                var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray()
                    .Select(r => r.GetProperty("id").GetString()).ToList();
                foreach (var result in results)
                {
                    // Rule ids known to the run, at the index the result names.
                    string id = result.GetProperty("ruleId").GetString()!;
                    Assert.Equal(id, rules[result.GetProperty("ruleIndex").GetInt32()]);
                    string uri = result.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString()!;
                    Assert.True(Uri.TryCreate(uri, UriKind.Relative, out _), uri);
                    Assert.False(uri.StartsWith("/", StringComparison.Ordinal), uri);
                }
            }
            Assert.Equal(5 + 2, runs.Sum(r => r.GetProperty("results").GetArrayLength()));
        }

        [Fact]
        public void Json_has_a_total_and_each_project_report_as_its_section()
        {
            using var json = JsonDocument.Parse(AuditCommand.Json(TwoProjects()));
            var total = json.RootElement.GetProperty("total");
            Assert.Equal(2, total.GetProperty("projects").GetInt32());
            Assert.Equal(7, total.GetProperty("total_issues").GetInt32());
            Assert.Equal(2, total.GetProperty("critical").GetInt32());
            Assert.False(total.GetProperty("gate_passed").GetBoolean());
            var projects = json.RootElement.GetProperty("projects").EnumerateArray().ToList();
            Assert.Equal(new[] { "src/Api/Api.csproj", "src/Worker/Worker.csproj" }, projects.Select(p => p.GetProperty("project").GetString()));
            // A section is the project's own runtimeperf.json, which the engine reads back.
            var section = RuntimePerf.Engine.Reports.JsonReport.Parse(projects[1].GetRawText());
            Assert.Equal(2, section.Findings.Count);
        }

        [Theory]
        [InlineData(new[] { "audit", ".", "--min-score", "eleven" }, "--min-score")]
        [InlineData(new[] { "audit", ".", "--min-rating", "F" }, "--min-rating")]
        [InlineData(new[] { "audit", ".", "--format", "xml" }, "--format")]
        [InlineData(new[] { "audit", ".", "--sarif" }, "--sarif needs a file name")]
        [InlineData(new[] { "audit", ".", "--frobnicate" }, "unknown option")]
        [InlineData(new[] { "audit", ".", "other" }, "one PATH only")]
        [InlineData(new[] { "scan" }, "unknown command")]
        public void Bad_command_lines_are_one_message(string[] args, string expected)
        {
            var (options, error) = Options.Parse(args);
            Assert.Null(options);
            Assert.Contains(expected, error);
            Assert.DoesNotContain("\n", error);
        }

        [Fact]
        public void Options_map_to_the_package_settings()
        {
            var (options, error) = Options.Parse(new[] { "audit", ".", "--min-score", "7.5", "--min-rating", "c", "--no-fail-on-high", "--update-baseline", "--format", "SARIF" });
            Assert.Null(error);
            Assert.Equal(7.5, options!.MinScore);
            Assert.Equal(RuntimePerf.Engine.Scoring.Rating.C, options.MinRating);
            Assert.True(options.NoFailOnHigh && options.UpdateBaseline);
            Assert.Equal(OutputFormat.Sarif, options.Format);
        }

        [Fact]
        public void Help_is_what_the_README_shows()
        {
            string readme = File.ReadAllText(RepoRootAttribute.Combine("README.md")).Replace("\r\n", "\n");
            Assert.Contains("```\n" + Options.Help.Replace("\r\n", "\n") + "```", readme);
        }
    }
}
