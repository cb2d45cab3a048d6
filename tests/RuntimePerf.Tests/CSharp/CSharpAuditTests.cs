using System;
using System.IO;
using System.Linq;
using System.Text;
using RuntimePerf.Engine.Model;
using Xunit;

namespace RuntimePerf.Tests.CSharp
{
    public class CSharpAuditTests
    {
        [Fact]
        public void A_finding_names_the_call_the_handler_and_the_replacement()
        {
            var result = CSharpFixtures.Audit(Path.Combine(CSharpFixtures.Folder, "RP0001_handlers.cs"));
            var finding = Assert.Single(result.Findings, f => f.EnclosingSymbol == "OrdersController.Get" && f.Issue.Contains("ReadAllText"));

            Assert.Equal("Blocking I/O: File.ReadAllText() inside request handler OrdersController.Get blocks a thread-pool thread", finding.Issue);
            Assert.Equal("Use await File.ReadAllTextAsync(…)", finding.Recommendation);
            Assert.Equal(Severity.High, finding.Severity);
            Assert.Equal(Confidence.High, finding.Confidence);
            Assert.Equal(CodeContext.RequestHandler, finding.Context);
            Assert.Equal(Effort.S, finding.Effort);
            Assert.Equal(Language.CSharp, finding.Language);
            Assert.Equal("Async Best Practices / Non-Blocking IO", finding.Principle);
            Assert.Equal("RP0001_handlers.cs", finding.Path);
            Assert.Contains("File.ReadAllText(", finding.LineText);
            // A static call is reported from its (qualified) type name, as written.
            Assert.Equal(finding.LineText.IndexOf("System.IO.File.ReadAllText", StringComparison.Ordinal) + 1, finding.Span.Column);
        }

        [Fact]
        public void Sync_over_async_in_plain_sync_code_is_a_medium_finding_with_context_sync()
        {
            var result = CSharpFixtures.Audit(Path.Combine(CSharpFixtures.Folder, "RP0007_sync_code.cs"));
            var convert = Assert.Single(result.Findings, f => f.EnclosingSymbol == "RateConverter.Convert");
            var dropped = Assert.Single(result.Findings, f => f.EnclosingSymbol == "RateConverter.Refresh");
            var semaphore = Assert.Single(result.Findings, f => f.EnclosingSymbol == "RateCache.GetAsync" && f.RuleId == "RP0007");

            Assert.Equal(("RP0007", Severity.Medium, CodeContext.Sync), (convert.RuleId, convert.Severity, convert.Context));
            Assert.Equal(("RP0024", Severity.Medium, CodeContext.Sync), (dropped.RuleId, dropped.Severity, dropped.Context));
            Assert.Equal((Severity.High, CodeContext.Background), (semaphore.Severity, semaphore.Context));
            Assert.Equal("Use await _gate.WaitAsync(…)", semaphore.Recommendation);
        }

        [Fact]
        public void An_awaitable_returning_method_without_async_is_async_code_and_says_what_it_returns()
        {
            var result = CSharpFixtures.Audit(Path.Combine(CSharpFixtures.Folder, "RP0001_awaitable_returning.cs"));
            var save = Assert.Single(result.Findings, f => f.EnclosingSymbol == "DiskSnapshotStore.SaveAsync");

            Assert.Equal(CodeContext.Background, save.Context);
            Assert.Equal("Blocking I/O: File.WriteAllText() inside method DiskSnapshotStore.SaveAsync (returns Task) blocks a thread-pool thread", save.Issue);
        }

        [Fact]
        public void A_using_of_an_async_disposable_advises_await_using_and_CreateAsyncScope()
        {
            var result = CSharpFixtures.Audit(Path.Combine(CSharpFixtures.Folder, "RP0001_await_using.cs"));
            var scope = Assert.Single(result.Findings, f => f.EnclosingSymbol == "ExportController.Process" && f.Issue.Contains("CreateScope"));
            var writer = Assert.Single(result.Findings, f => f.EnclosingSymbol == "NightlyExport.RunAsync" && f.Issue.StartsWith("Blocking dispose"));

            Assert.Equal("Use await using with _services.CreateAsyncScope()", scope.Recommendation);
            Assert.Equal(Severity.Medium, scope.Severity);
            Assert.Equal("Use await using (make the function async)", writer.Recommendation);
            Assert.StartsWith("Blocking dispose: using var writer = new StreamWriter(path) inside ", writer.Issue);
        }

        [Fact]
        public void The_advice_for_an_XmlReader_says_to_create_it_for_async()
        {
            var result = CSharpFixtures.Audit(Path.Combine(CSharpFixtures.Folder, "RP0001_twins.cs"));
            var read = Assert.Single(result.Findings, f => f.EnclosingSymbol == "FeedReader.TitleAsync");

            Assert.Equal("Use await reader.MoveToContentAsync(…), creating it from new XmlReaderSettings { Async = true } if it was not (its async methods throw otherwise)",
                read.Recommendation);
        }

        [Fact]
        public void Deeply_nested_code_does_not_crash_the_audit()
        {
            const int depth = 5000;
            var source = new StringBuilder("class Deep { async System.Threading.Tasks.Task Run() { int x = ");
            source.Append('(', depth).Append('1').Append(')', depth).Append(";\n");
            source.Append('{', depth).Append("System.Threading.Thread.Sleep(1);").Append('}', depth).Append("\n} }\n");
            string path = WriteTemp("Deep.cs", Encoding.UTF8.GetBytes(source.ToString()));

            var result = CSharpFixtures.Audit(path);

            Assert.True(result.Notices.Count <= 1, string.Join("\n", result.Notices));
        }

        [Fact]
        public void A_binary_file_becomes_one_notice_and_the_rest_is_audited()
        {
            string binary = WriteTemp("Binary.cs", new byte[] { 0x4D, 0x5A, 0x00, 0x00, 0x03, 0x00, 0xFF, 0x00 });
            string code = WriteTemp("Worker.cs", Encoding.UTF8.GetBytes(
                "class Worker { async System.Threading.Tasks.Task Run() { System.Threading.Thread.Sleep(5); await System.Threading.Tasks.Task.Yield(); } }"));

            var result = CSharpFixtures.Audit(binary, code);

            var notice = Assert.Single(result.Notices);
            Assert.EndsWith("Binary.cs", notice.Path);
            var finding = Assert.Single(result.Findings);
            Assert.Equal(("RP0002", Severity.Medium, CodeContext.Background), (finding.RuleId, finding.Severity, finding.Context));
        }

        [Fact]
        public void An_unreadable_reference_becomes_a_notice()
        {
            string bogus = WriteTemp("NotAnAssembly.dll", Encoding.UTF8.GetBytes("not metadata"));
            var input = CSharpFixtures.Input(Path.Combine(CSharpFixtures.Folder, "Clean_service.cs")) with
            {
                ReferencePaths = CSharpFixtures.References.Append(bogus).ToList(),
            };

            var result = RuntimePerf.CSharp.CSharpAudit.Run(input);

            var notice = Assert.Single(result.Notices);
            Assert.Equal("NotAnAssembly.dll", notice.Path);
            Assert.Empty(result.Findings);
        }

        [Fact]
        public void Without_references_the_audit_still_runs_and_reports_nothing_it_cannot_resolve()
        {
            var input = CSharpFixtures.Input(Path.Combine(CSharpFixtures.Folder, "RP0001_handlers.cs")) with { ReferencePaths = Array.Empty<string>() };

            var result = RuntimePerf.CSharp.CSharpAudit.Run(input);

            Assert.Empty(result.Notices);
            Assert.Empty(result.Findings); // File, Task, ControllerBase… do not resolve: no guessing by name
        }

        private static string WriteTemp(string name, byte[] content)
        {
            string dir = Path.Combine(Path.GetTempPath(), "runtimeperf-tests", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            string path = Path.Combine(dir, name);
            File.WriteAllBytes(path, content);
            return path;
        }
    }
}
