using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using RuntimePerf.CSharp.Analysis;

namespace RuntimePerf.CSharp.Rules.BlockingIo
{
    /// <summary>
    /// Sync helpers of the compilation that block: a method or local function (not async, not returning an awaitable)
    /// whose own body — not its lambdas or local functions, which may run elsewhere — makes a blocking I/O call (RP0001) or
    /// sleeps (RP0002), directly or through such helpers up to <see cref="MaxDepth"/> calls down. Called from async code,
    /// the helper blocks there: RP0001 and RP0002 report the call with the chain (<c>LoadConfig() → File.ReadAllText()</c>),
    /// as the other front ends do. Each helper is bound once per compilation, on first need (<see cref="Summarize"/>).
    /// </summary>
    internal sealed class BlockingHelpers
    {
        /// <summary>The chain of calls from a helper to the call that blocks, and the rule that call belongs to.</summary>
        internal sealed record Blocking(string RuleId, string Chain);

        private const int MaxDepth = 3;

        private readonly Compilation _compilation;
        private readonly BlockingIoDetector _blockingIo;
        private readonly TypeSet _thread;
        // One answer per helper and depth: from a deeper start the search stops sooner, so the answer for a depth never
        // depends on which caller (or thread) asked first, and the findings are the same on every run.
        private readonly ConcurrentDictionary<IMethodSymbol, Blocking?>[] _byDepth = new ConcurrentDictionary<IMethodSymbol, Blocking?>[MaxDepth + 1];
        private readonly ConcurrentDictionary<IMethodSymbol, Summary> _summaries = new ConcurrentDictionary<IMethodSymbol, Summary>(SymbolEqualityComparer.Default);

        public BlockingHelpers(Compilation compilation, BlockingIoDetector blockingIo)
        {
            _compilation = compilation;
            _blockingIo = blockingIo;
            _thread = new TypeSet(compilation, new[] { "System.Threading.Thread" });
            for (int depth = 0; depth <= MaxDepth; depth++) _byDepth[depth] = new ConcurrentDictionary<IMethodSymbol, Blocking?>(SymbolEqualityComparer.Default);
        }

        /// <summary>
        /// What the helper <paramref name="call"/> invokes blocks on, or null (not a helper of this compilation, or it does not
        /// block). Only for calls made in async code or a handler: binding every helper that sync code calls would cost a
        /// second compile of much of the project.
        /// </summary>
        public (Blocking Blocking, FunctionScope Scope)? Of(IInvocationOperation call, string ruleId, AnalysisSession session, CancellationToken ct)
        {
            if (Helper(call.TargetMethod) is not { } method) return null; // cheap symbol test before the scope and the binding
            var scope = session.ScopeOf(call, ct);
            if (!(scope.IsAsync || scope.IsHandler) || !scope.MayBeAsyncPath || Of(method, 0, ct) is not { } blocking || blocking.RuleId != ruleId) return null;
            return (blocking, scope);
        }

        /// <summary><c>Thread.Sleep(…)</c>.</summary>
        public bool IsSleep(IInvocationOperation call) =>
            call.TargetMethod.Name == "Sleep" && _thread.Contains(call.TargetMethod.ContainingType) && call.Arguments.Length == 1;

        private Blocking? Of(IMethodSymbol method, int depth, CancellationToken ct)
        {
            if (_byDepth[depth].TryGetValue(method, out var known)) return known;
            // A cycle (A calls B calls A) ends at the depth limit: each answer is a function of the helper and the depth alone.
            var found = Find(method, depth, ct);
            _byDepth[depth].TryAdd(method, found);
            return found;
        }

        private Blocking? Find(IMethodSymbol method, int depth, CancellationToken ct)
        {
            var summary = _summaries.GetOrAdd(method, m => Summarize(m, ct));
            if (summary.Own != null) return summary.Own;
            if (depth >= MaxDepth) return null;
            // The helper's own calls first, then the helpers it calls: the shortest chain is the one reported.
            foreach (var next in summary.Helpers)
            {
                if (Of(next, depth + 1, ct) is { } inner) return new Blocking(inner.RuleId, method.Name + "() → " + inner.Chain);
            }
            return null;
        }

        /// <summary>What a helper's own body blocks on, else the helpers it calls in order: its body is bound once, whatever the depth.</summary>
        private Summary Summarize(IMethodSymbol method, CancellationToken ct)
        {
            var helpers = new List<(int Start, IMethodSymbol Method)>();
            if (OperationFacts.BodySyntax(method, ct) is not { } body || _compilation.GetSemanticModel(body.SyntaxTree).GetOperation(body, ct) is not { } root) return Summary.None;
            foreach (var call in OperationFacts.OwnOperations(root).OfType<IInvocationOperation>())
            {
                if (IsSleep(call)) return new Summary(new Blocking("RP0002", method.Name + "() → Thread.Sleep()"), Array.Empty<IMethodSymbol>());
                if (_blockingIo.Classify(call, ct) is var (name, _, _)) return new Summary(new Blocking("RP0001", method.Name + "() → " + name + "()"), Array.Empty<IMethodSymbol>());
                if (Helper(call.TargetMethod) is { } next) helpers.Add((call.Syntax.SpanStart, next));
            }
            helpers.Sort((a, b) => a.Start.CompareTo(b.Start));
            return new Summary(null, helpers.ConvertAll(h => h.Method));
        }

        /// <summary>A helper's own blocking call, or the helpers it calls (in the order written).</summary>
        private sealed record Summary(Blocking? Own, IReadOnlyList<IMethodSymbol> Helpers)
        {
            public static readonly Summary None = new Summary(null, Array.Empty<IMethodSymbol>());
        }

        /// <summary>A sync method or local function written in this compilation, with a body to look into.</summary>
        private static IMethodSymbol? Helper(IMethodSymbol target)
        {
            var method = target.OriginalDefinition;
            if (method.MethodKind != MethodKind.Ordinary && method.MethodKind != MethodKind.LocalFunction) return null;
            if (method.IsAsync || method.IsAbstract || method.IsExtern || method.DeclaringSyntaxReferences.Length != 1) return null;
            // Dispose: synchronous on purpose (await using and RP0001's disposal check cover the async kind).
            if (method.Name == "Dispose" || !method.ReturnsVoid && OperationFacts.IsAsyncResult(method.ReturnType)) return null;
            return method;
        }
    }
}
