using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using RuntimePerf.CSharp;
using RuntimePerf.Engine.Model;
using Xunit;

namespace RuntimePerf.Tests.CSharp
{
    /// <summary>The standalone audit walks the operation trees itself: it must see what the compiler's analyzer driver hands the analyzer.</summary>
    public class StandaloneAnalysisTests
    {
        [Fact]
        public async Task The_standalone_audit_reports_what_the_analyzer_reports_in_the_compiler_on_every_fixture()
        {
            var input = CSharpFixtures.Input(CSharpFixtures.All().ToArray());
            var compilation = CSharpAudit.Compile(input, new ConcurrentQueue<AuditNotice>(), CancellationToken.None);
            var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), null,
                concurrentAnalysis: true, logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: true);
            var hosted = (await compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new RuntimePerfAnalyzer()), options)
                .GetAnalyzerDiagnosticsAsync())
                .Select(d => Key(d.Id, input.RelativePath(d.Location.SourceTree!.FilePath), d.Location.GetLineSpan().StartLinePosition.Line + 1,
                    d.GetMessage(), d.IsSuppressed))
                .OrderBy(k => k, StringComparer.Ordinal).ToList();

            var standalone = CSharpAudit.Run(input).Findings
                .Select(f => Key(f.RuleId, f.Path, f.Span.Line, f.Issue, f.Suppression != null))
                .OrderBy(k => k, StringComparer.Ordinal).ToList();

            Assert.True(hosted.Count > 100, "the fixtures hold findings");
            Assert.Equal(hosted, standalone);
        }

        [Fact]
        public void Every_analyzer_the_compiler_loads_from_the_assembly_can_be_created()
        {
            // The compiler creates every type marked [DiagnosticAnalyzer] with its parameterless constructor.
            var marked = typeof(RuntimePerfAnalyzer).Assembly.GetTypes()
                .Where(t => t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() != null).ToList();

            Assert.Equal(new[] { typeof(RuntimePerfAnalyzer) }, marked);
        }

        private static string Key(string id, string path, int line, string message, bool suppressed) =>
            $"{path}:{line}: {id} {message}{(suppressed ? " (suppressed)" : "")}";
    }
}
