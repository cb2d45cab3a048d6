using System.IO;
using System.Linq;
using RuntimePerf.Engine.Model;
using RuntimePerf.Engine.Reports;
using Xunit;

namespace RuntimePerf.Tests.Reports
{
    /// <summary>
    /// A log the real compiler wrote with <c>-errorlog:…,version=2</c> (tests/fixtures/compiler-logs, from a web project
    /// with Program.cs and Sup.cs: one Thread.Sleep in a MapGet handler, one under #pragma, one under [SuppressMessage]):
    /// the shape the analyzer's own findings log copies.
    /// </summary>
    public class CompilerErrorLogTests
    {
        private static string Log(string name) => Path.Combine(System.AppContext.BaseDirectory, "fixtures", "compiler-logs", name);

        [Fact]
        public void Only_our_results_are_read_with_location_message_and_properties()
        {
            var results = CompilerErrorLog.Read(Log("v2.sarif"), "RP");

            Assert.All(results, r => Assert.Equal("RP0002", r.RuleId));
            var handler = Assert.Single(results, r => r.Suppression == null);
            Assert.Equal("/tmp/exp1/Program.cs", handler.FilePath);
            Assert.Equal(new SourceSpan(2, 25, 2, 42), handler.Span);
            Assert.StartsWith("Sync sleep: Thread.Sleep(100) inside request handler", handler.Message);
            Assert.Equal("HIGH", handler.Properties[AnalyzerProperties.Severity]);
            Assert.Equal("request-handler", handler.Properties[AnalyzerProperties.Context]);
            Assert.Equal("Use await Task.Delay(100)", handler.Properties[AnalyzerProperties.Recommendation]);

            var finding = new AnalyzerDiagnostic(handler.RuleId, handler.Message, "Program.cs", handler.Span, handler.Properties,
                "app.MapGet(...)", handler.Suppression).ToFinding();
            Assert.Equal((Severity.High, Confidence.High, CodeContext.RequestHandler, Language.CSharp),
                (finding.Severity, finding.Confidence, finding.Context, finding.Language));
        }

        [Fact]
        public void Sarif_2_names_how_a_result_was_suppressed_and_why()
        {
            var suppressed = CompilerErrorLog.Read(Log("v2.sarif"), "RP").Where(r => r.Suppression != null)
                .OrderBy(r => r.FilePath).Select(r => (Path.GetFileName(r.FilePath), r.Suppression)).ToList();

            Assert.Equal(new[]
            {
                ("Program.cs", (Suppression?)new Suppression(SuppressionKinds.Pragma, "")),
                ("Sup.cs", new Suppression(SuppressionKinds.Attribute, "warm-up probe, runs once")),
            }, suppressed);
        }

        [Theory]
        [InlineData("{", "not a readable SARIF log")]
        [InlineData("{\"version\":\"1.0.0\"}", "not a SARIF 2.1.0 log")]
        public void A_damaged_log_is_a_clear_error_naming_the_file(string content, string problem)
        {
            using var dir = new TempDir();
            string path = Path.Combine(dir.Path, "broken.sarif");
            File.WriteAllText(path, content);

            var ex = Assert.Throws<ReportFormatException>(() => CompilerErrorLog.Read(path, "RP"));

            Assert.Contains("broken.sarif", ex.Message);
            Assert.Contains(problem, ex.Message);
        }
    }
}
