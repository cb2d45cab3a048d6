using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using RuntimePerf.CSharp;
using RuntimePerf.Engine.Model;
using RuntimePerf.Engine.Reports;
using RuntimePerf.Tests.Reports;
using Xunit;
using Suppression = RuntimePerf.Engine.Model.Suppression;

namespace RuntimePerf.Tests.CSharp
{
    /// <summary>
    /// The log the analyzer writes for the task when the compiler runs it: every finding once, in-source suppressions
    /// marked exactly as Roslyn itself decides them (the in-task run asks Roslyn), rules turned off left out.
    /// </summary>
    public class FindingsLogTests
    {
        private const string Source = """
            using System.Diagnostics.CodeAnalysis;
            using System.IO;
            using System.Threading;
            using System.Threading.Tasks;

            [assembly: SuppressMessage("RuntimePerf", "RP0002", Scope = "member", Target = "~M:Probes.ByAssembly~System.Threading.Tasks.Task", Justification = "global")]

            public static class Probes
            {
                [SuppressMessage("RuntimePerf", "RP0002:Sync sleep in async", Justification = "runs once at start-up")]
                public static async Task WarmUp() { Thread.Sleep(10); await Task.Yield(); }

                public static async Task ByAssembly() { Thread.Sleep(10); await Task.Yield(); }

                public static async Task Settle()
                {
            #pragma warning disable RP0002 // one rule
                    Thread.Sleep(10);
            #pragma warning restore RP0002
                    Thread.Sleep(10);
            #pragma warning disable // every rule
                    Thread.Sleep(10);
            #pragma warning restore
            #pragma warning disable CS0168
                    Thread.Sleep(10);
            #pragma warning restore CS0168
            #if NEVER_DEFINED
            #pragma warning disable RP0002
            #endif
                    Thread.Sleep(10);
                    await Task.Yield();
                }

                public static async Task<string> Read(string path) { await Task.Yield(); return File.ReadAllText(path); }
            }
            """;

        [Fact]
        public async Task Suppressions_are_marked_as_Roslyn_decides_them_and_turned_off_rules_are_left_out()
        {
            using var dir = new TempDir();
            string path = dir.Combine("Probes.cs");
            File.WriteAllText(path, Source);
            string log = Path.Combine(dir.Path, "obj", "runtimeperf.compiler.sarif");
            var compilation = CSharpAudit.Compile(CSharpFixtures.Input(path), new ConcurrentQueue<AuditNotice>(), CancellationToken.None);

            var logged = await Analyze(compilation, log);
            var inTask = CSharpFixtures.Audit(path).Findings;

            Assert.Equal(inTask.Select(f => (f.RuleId, f.Span.Line, f.Suppression)).OrderBy(f => f.Line),
                logged.Select(d => (d.RuleId, d.Span.Line, d.Suppression)).OrderBy(f => f.Line));
            // What the comparison covers: both suppression kinds, each pragma form, and what does not suppress.
            Assert.Equal(new (int, Suppression?)[]
            {
                (11, new Suppression(SuppressionKinds.Attribute, "runs once at start-up")),
                (13, new Suppression(SuppressionKinds.Attribute, "global")),
                (18, new Suppression(SuppressionKinds.Pragma, "")),
                (20, null),
                (22, new Suppression(SuppressionKinds.Pragma, "")),
                (25, null),
                (30, null),
                (34, null),
            }, logged.Select(d => (d.Span.Line, d.Suppression)).OrderBy(f => f.Line));
            Assert.Equal("RP0001", logged.Single(d => d.Span.Line == 34).RuleId);
            Assert.Equal(path, logged[0].FilePath);

            // NoWarn RP0001: the compiler would not report it, so neither does the log.
            var noWarn = compilation.WithOptions(compilation.Options.WithSpecificDiagnosticOptions(
                new Dictionary<string, ReportDiagnostic> { ["RP0001"] = ReportDiagnostic.Suppress }));
            Assert.DoesNotContain(await Analyze(noWarn, log), d => d.RuleId == "RP0001");
        }

        [Fact]
        public async Task Without_the_build_property_nothing_is_written()
        {
            using var dir = new TempDir();
            string path = dir.Combine("Probes.cs");
            File.WriteAllText(path, Source);
            var compilation = CSharpAudit.Compile(CSharpFixtures.Input(path), new ConcurrentQueue<AuditNotice>(), CancellationToken.None);

            var diagnostics = await compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new RuntimePerfAnalyzer()))
                .GetAnalyzerDiagnosticsAsync(CancellationToken.None);

            Assert.NotEmpty(diagnostics);
            Assert.Empty(Directory.GetFiles(dir.Path, "*.sarif", SearchOption.AllDirectories));
        }

        [Fact]
        public async Task A_log_that_cannot_be_written_is_one_RP9998_warning_not_an_analyzer_crash()
        {
            using var dir = new TempDir();
            string path = dir.Combine("Probes.cs");
            File.WriteAllText(path, Source);
            var compilation = CSharpAudit.Compile(CSharpFixtures.Input(path), new ConcurrentQueue<AuditNotice>(), CancellationToken.None);

            // A "folder" that is a file: the log's directory cannot be created.
            var diagnostics = await Run(compilation, Path.Combine(path, "obj", "runtimeperf.compiler.sarif"));

            var failure = Assert.Single(diagnostics, d => d.Id == "RP9998");
            Assert.Equal(DiagnosticSeverity.Warning, failure.Severity);
            Assert.Contains("runtimeperf.compiler.sarif", failure.GetMessage());
            Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        }

        private static async Task<IReadOnlyList<LoggedDiagnostic>> Analyze(Compilation compilation, string log)
        {
            await Run(compilation, log);
            return CompilerErrorLog.Read(log, "RP");
        }

        private static async Task<ImmutableArray<Diagnostic>> Run(Compilation compilation, string log)
        {
            var options = new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, new GlobalOptionsProvider("build_property._RuntimePerfCompilerLog", log));
            var analyzed = compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new RuntimePerfAnalyzer()), options);
            return await analyzed.GetAllDiagnosticsAsync(CancellationToken.None);
        }

        /// <summary>What MSBuild's generated analyzer config gives the compiler for a <c>CompilerVisibleProperty</c>.</summary>
        private sealed class GlobalOptionsProvider : AnalyzerConfigOptionsProvider
        {
            private readonly Options _global;

            public GlobalOptionsProvider(string key, string value) => _global = new Options(new Dictionary<string, string> { [key] = value });

            public override AnalyzerConfigOptions GlobalOptions => _global;
            public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;
            public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.Empty;

            private sealed class Options : AnalyzerConfigOptions
            {
                public static readonly Options Empty = new(new Dictionary<string, string>());
                private readonly Dictionary<string, string> _values;

                public Options(Dictionary<string, string> values) => _values = values;

                // No [NotNullWhen]: the polyfills of two referenced netstandard assemblies make its name ambiguous here.
#pragma warning disable CS8765
                public override bool TryGetValue(string key, out string? value) => _values.TryGetValue(key, out value);
#pragma warning restore CS8765
            }
        }
    }
}
