using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using RuntimePerf.CSharp;
using RuntimePerf.Engine.Model;
using Xunit;

namespace RuntimePerf.Tests.CSharp
{
    /// <summary>
    /// What an editor sees: it analyses the open document (operation actions only, no compilation end). Every finding
    /// must show there with the properties the build gives it — also in a plain method that a MapGet(…, Method)
    /// elsewhere makes a handler, or an async void method that a delegate made elsewhere excuses.
    /// </summary>
    public class LiveAnalysisTests
    {
        [Fact]
        public async Task Handler_findings_appear_in_per_document_analysis_with_the_same_properties_as_in_the_build()
        {
            string path = Path.Combine(CSharpFixtures.Folder, "RP0001_handlers.cs");
            var compilation = CSharpAudit.Compile(CSharpFixtures.Input(path), new ConcurrentQueue<AuditNotice>(), CancellationToken.None);
            var withAnalyzer = compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new RuntimePerfAnalyzer()));
            var model = compilation.GetSemanticModel(compilation.SyntaxTrees.Single(t => t.FilePath == path));

            var live = (await withAnalyzer.GetAnalyzerSemanticDiagnosticsAsync(model, null, CancellationToken.None))
                .Where(d => d.Id.StartsWith("RP")).ToList();
            var build = CSharpFixtures.Audit(path).Findings;

            // SaveNote is a handler only through group.MapPost("/{id}/notes", SaveNote), written in another method.
            var byMethodGroup = Assert.Single(build, f => f.EnclosingSymbol.EndsWith(".SaveNote", System.StringComparison.Ordinal));
            Assert.Equal(CodeContext.RequestHandler, byMethodGroup.Context);
            Assert.True(build.Count(f => f.Context == CodeContext.RequestHandler) >= 10, string.Join("\n", build));
            Assert.Contains(build, f => f.Context == CodeContext.Background);
            Assert.Equal(build.Count, live.Count);
            foreach (var f in build)
            {
                var d = Assert.Single(live, d => d.Id == f.RuleId && d.Location.GetLineSpan().StartLinePosition.Line + 1 == f.Span.Line);
                Assert.Equal(Names.Of(f.Severity), d.Properties[AnalyzerProperties.Severity]);
                Assert.Equal(Names.Of(f.Context), d.Properties[AnalyzerProperties.Context]);
                Assert.Equal(DiagnosticSeverity.Info, d.Severity);
            }
        }

        [Fact]
        public async Task A_method_registered_or_made_a_delegate_in_another_file_is_judged_so_in_the_open_document()
        {
            string dir = Directory.CreateTempSubdirectory("rp-live-").FullName;
            try
            {
                string program = Path.Combine(dir, "Program.cs");
                string handlers = Path.Combine(dir, "Handlers.cs");
                File.WriteAllText(program, """
                    using System;
                    using System.Threading.Tasks;
                    using Microsoft.AspNetCore.Builder;
                    var app = WebApplication.Create(args);
                    app.MapGet("/report", Handlers.Report);
                    app.MapGet("/export", (Func<Task<string>>)Handlers.Export);
                    using var timer = new System.Threading.Timer(Handlers.Tick, null, 0, 1000);
                    Handlers.OnStarted();
                    app.Run();
                    """);
                File.WriteAllText(handlers, """
                    using System.Threading;
                    using System.Threading.Tasks;
                    public static class Handlers
                    {
                        public static async Task<string> Report() { Thread.Sleep(50); await Task.Yield(); return "ok"; }
                        public static async Task Refresh() { Thread.Sleep(50); await Task.Yield(); }
                        public static async Task<string> Export() { Thread.Sleep(50); await Task.Yield(); return "ok"; }
                        public static async void Fire() { await Task.Yield(); }
                        public static async void Tick(object? state) { await Task.Yield(); }
                        public static async void OnStarted() { await Task.Yield(); }
                        public static async void OnStopped() { await Task.Yield(); }
                    }
                    """);
                var input = CSharpFixtures.Input(program, handlers);
                var compilation = CSharpAudit.Compile(input, new ConcurrentQueue<AuditNotice>(), CancellationToken.None);
                var withAnalyzer = compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new RuntimePerfAnalyzer()));
                var model = compilation.GetSemanticModel(compilation.SyntaxTrees.Single(t => t.FilePath == handlers));

                var live = (await withAnalyzer.GetAnalyzerSemanticDiagnosticsAsync(model, null, CancellationToken.None))
                    .Where(d => d.Id.StartsWith("RP")).OrderBy(d => d.Location.SourceSpan.Start).ToList();
                var build = CSharpAudit.Run(input).Findings;

                // Report, Export (through a cast): handlers by MapGet; Refresh: plain async code; Fire: async void; Tick: the
                // TimerCallback's void; OnStarted: named like a handler but called in the other file; OnStopped: named like
                // a handler and called nowhere.
                var expected = new[]
                {
                    ("RP0002", "request-handler", "HIGH"), ("RP0002", "background", "MEDIUM"), ("RP0002", "request-handler", "HIGH"),
                    ("RP0024", "background", "MEDIUM"), ("RP0024", "background", "MEDIUM"),
                };
                Assert.Equal(expected, live.Select(d => (d.Id, d.Properties[AnalyzerProperties.Context]!, d.Properties[AnalyzerProperties.Severity]!)));
                Assert.Equal(expected, build.Select(f => (f.RuleId, Names.Of(f.Context), Names.Of(f.Severity))));
            }
            finally
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }
}
