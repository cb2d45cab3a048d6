using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using RuntimePerf.CSharp.Analysis;

namespace RuntimePerf.CSharp
{
    /// <summary>
    /// Runs the detectors over a whole compilation outside the compiler. Not through the analyzer driver
    /// (CompilationWithAnalyzers): to raise its events it compiles every body, then binds each one again for the
    /// operations while holding the semantic models of the files in flight, which cost about twice the time and memory
    /// of a plain <c>GetDiagnostics()</c> on a 300k-line code base. Here each body is bound once, through a semantic model
    /// dropped as soon as its operation tree is walked. The findings then pass through the driver as a syntax-tree
    /// action that only reports them (nothing is bound), so that generated code and in-source suppressions
    /// (<c>#pragma</c>, <c>[SuppressMessage]</c>) are treated exactly as in the compiler.
    /// </summary>
    internal static class StandaloneAnalysis
    {
        public static ImmutableArray<Diagnostic> Run(CSharpCompilation compilation, Action<Diagnostic> onAnalyzerFailure, CancellationToken ct)
        {
            var detectors = new DetectorSet(compilation, options: null);
            var found = new ConcurrentDictionary<SyntaxTree, ConcurrentQueue<Diagnostic>>();
            void Report(Diagnostic diagnostic) =>
                found.GetOrAdd(diagnostic.Location.SourceTree!, _ => new ConcurrentQueue<Diagnostic>()).Enqueue(diagnostic);

            // Largest files first, so that no thread is left with a big one at the end. One thread per core: binding waits
            // on the compiler's locks, and the thread pool answers that with more threads than cores, which only thrash.
            var trees = compilation.SyntaxTrees.OrderByDescending(t => t.Length).ToList();
#pragma warning disable RS1035 // the standalone runner (MSBuild task, tool), never the compiler-hosted analyzer
            var parallel = new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = Environment.ProcessorCount };
#pragma warning restore RS1035
            Parallel.ForEach(Partitioner.Create(trees, EnumerablePartitionerOptions.NoBuffering), parallel,
                tree => Analyze(compilation, tree, detectors, Report, ct));
            if (found.IsEmpty) return ImmutableArray<Diagnostic>.Empty;

            var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                (exception, analyzer, diagnostic) => onAnalyzerFailure(diagnostic), concurrentAnalysis: false, logAnalyzerExecutionTime: false,
                reportSuppressedDiagnostics: true); // kept, marked suppressed, as the analyzer's findings log has them
            var replay = compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new Replay(found)), options);
            var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
            foreach (var tree in found.Keys) diagnostics.AddRange(replay.GetAnalyzerSyntaxDiagnosticsAsync(tree, ct).GetAwaiter().GetResult());
            return diagnostics.ToImmutable();
        }

        private static void Analyze(CSharpCompilation compilation, SyntaxTree tree, DetectorSet detectors, Action<Diagnostic> report, CancellationToken ct)
        {
            var root = tree.GetRoot(ct);
            var operations = new Stack<IOperation>();
            var bodies = root.DescendantNodes(n => !IsBody(n) && !(n is GlobalStatementSyntax)).Where(IsBody);
            // Top-level statements: the compilation unit's operation is their body.
            if (root is CompilationUnitSyntax unit && unit.Members.Any(m => m is GlobalStatementSyntax)) bodies = bodies.Prepend(unit);
            foreach (var node in bodies)
            {
                try
                {
                    // A semantic model per body: its bound nodes and operations are garbage as soon as the body is walked,
                    // as the compiler's own are, instead of living (and ageing into the oldest GC generation) with the file.
                    if (compilation.GetSemanticModel(tree).GetOperation(node, ct) is { } body) operations.Push(body);
                    // Explicit stack: deeply nested code must not overflow the thread's stack.
                    while (operations.Count > 0)
                    {
                        var operation = operations.Pop();
                        detectors.Run(operation, report, ct);
                        foreach (var child in operation.ChildOperations) operations.Push(child);
                    }
                }
                catch (Exception ex) when (!(ex is OperationCanceledException))
                {
                    operations.Clear();
                    report(Diagnostic.Create(Descriptors.Failure, node.GetLocation(), "operation walk", ex.GetType().Name + ": " + ex.Message));
                }
            }
        }

        /// <summary>
        /// The syntax whose operation tree is executable code the driver would hand the detectors: member bodies
        /// (constructor initializers included), property arrows, field and property initializers and top-level statements.
        /// </summary>
        private static bool IsBody(SyntaxNode node) => node switch
        {
            BaseMethodDeclarationSyntax _ => true,
            AccessorDeclarationSyntax _ => true,
            ArrowExpressionClauseSyntax arrow => arrow.Parent is BasePropertyDeclarationSyntax,
            EqualsValueClauseSyntax value => value.Parent is PropertyDeclarationSyntax
                || value.Parent is VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Parent: BaseFieldDeclarationSyntax _ } },
            _ => false,
        };

        /// <summary>
        /// Reports the findings already made, per file, through the driver. Without [DiagnosticAnalyzer]: the compiler
        /// loads every analyzer so marked from this assembly, and this one is only ever made here.
        /// </summary>
#pragma warning disable RS1001 // deliberately unmarked (see above)
        private sealed class Replay : DiagnosticAnalyzer
#pragma warning restore RS1001
        {
            private readonly ConcurrentDictionary<SyntaxTree, ConcurrentQueue<Diagnostic>> _found;

            public Replay(ConcurrentDictionary<SyntaxTree, ConcurrentQueue<Diagnostic>> found) => _found = found;

            public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => Descriptors.All;

            public override void Initialize(AnalysisContext context)
            {
                context.EnableConcurrentExecution();
                context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
                context.RegisterSyntaxTreeAction(tree =>
                {
                    if (!_found.TryGetValue(tree.Tree, out var diagnostics)) return;
                    foreach (var diagnostic in diagnostics) tree.ReportDiagnostic(diagnostic);
                });
            }
        }
    }
}
