using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using RuntimePerf.CSharp;
using RuntimePerf.Engine.Model;
using Xunit;

namespace RuntimePerf.Tests.CSharp
{
    /// <summary>
    /// What an editor sees: it analyses the open document (operation actions only, no compilation end). Findings
    /// whose context is known from the code itself — handler lambdas, controller actions — must show there; a plain
    /// method's context waits for compilation end, since a MapGet(…, Method) in any file may make it a handler.
    /// </summary>
    public class LiveAnalysisTests
    {
        [Fact]
        public void Handler_findings_appear_in_per_document_analysis_with_the_same_properties_as_in_the_build()
        {
            string path = Path.Combine(CSharpFixtures.Folder, "RP0001_handlers.cs");
            var compilation = CSharpAudit.Compile(CSharpFixtures.Input(path), new ConcurrentQueue<AuditNotice>(), CancellationToken.None);
            var withAnalyzer = compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new RuntimePerfAnalyzer()));
            var model = compilation.GetSemanticModel(compilation.SyntaxTrees.Single(t => t.FilePath == path));

            var live = withAnalyzer.GetAnalyzerSemanticDiagnosticsAsync(model, null, CancellationToken.None).GetAwaiter().GetResult()
                .Where(d => d.Id.StartsWith("RP")).ToList();
            var build = CSharpFixtures.Audit(path).Findings;

            // SaveNote is a handler only through group.MapPost("/{id}/notes", SaveNote): known at compilation end.
            var byMethodGroup = Assert.Single(build, f => f.EnclosingSymbol.EndsWith(".SaveNote", System.StringComparison.Ordinal));
            Assert.DoesNotContain(live, d => d.Location.GetLineSpan().StartLinePosition.Line + 1 == byMethodGroup.Span.Line);
            var handlerFindings = build.Where(f => f.Context == CodeContext.RequestHandler && f != byMethodGroup).ToList();
            Assert.True(handlerFindings.Count >= 10, string.Join("\n", handlerFindings));
            foreach (var f in handlerFindings)
            {
                var d = Assert.Single(live, d => d.Id == f.RuleId && d.Location.GetLineSpan().StartLinePosition.Line + 1 == f.Span.Line);
                Assert.Equal(Names.Of(f.Severity), d.Properties[AnalyzerProperties.Severity]);
                Assert.Equal(DiagnosticSeverity.Info, d.Severity);
            }
        }
    }
}
