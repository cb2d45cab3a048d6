using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using RuntimePerf.Engine.Catalog;
using RuntimePerf.Engine.Model;

namespace RuntimePerf.CSharp.Analysis
{
    /// <summary>
    /// Per-compilation state shared by the detectors: the resolved framework tables, the methods registered as
    /// minimal-API handlers by method group and the methods delegates are made from. Thread-safe (operation actions
    /// run concurrently).
    /// </summary>
    internal sealed class AnalysisSession
    {
        private readonly RegisteredHandlers _registered;
        private readonly DelegateUses _delegateUses;
        private readonly Compilation _compilation;

        public AnalysisSession(Compilation compilation, AnalyzerOptions? options = null)
        {
            _compilation = compilation;
            Options = new RuleOptions(options);
            Frameworks = new Frameworks(compilation);
            Linq = new LinqCalls(compilation);
            InMemory = new InMemoryValues(compilation);
            Awaited = new AwaitedCalls(compilation);
            _registered = new RegisteredHandlers(compilation, Frameworks);
            _delegateUses = new DelegateUses(compilation);
        }

        public Frameworks Frameworks { get; }

        public RuleOptions Options { get; }

        public LinqCalls Linq { get; }

        public InMemoryValues InMemory { get; }

        public AwaitedCalls Awaited { get; }

        // Most flagged operations share a function with others (and several detectors ask about the same one):
        // classify each function once. Keyed by syntax node, so the cache lives as long as this compilation's session.
        private readonly ConcurrentDictionary<SyntaxNode, FunctionScope> _scopes = new ConcurrentDictionary<SyntaxNode, FunctionScope>();

        public FunctionScope ScopeOf(IOperation operation, CancellationToken ct)
        {
            var model = operation.SemanticModel!;
            if (!(ScopeResolver.Owner(operation.Syntax) is { } owner)) return ScopeResolver.Resolve(operation.Syntax, model, Frameworks, ct);
            if (_scopes.TryGetValue(owner, out var scope)) return scope;
            return _scopes.GetOrAdd(owner, ScopeResolver.Resolve(owner, model, Frameworks, ct));
        }

        // Candidates found by the operation action running on this thread, diagnosed when it ends (ReportReady).
        [ThreadStatic] private static List<Candidate>? t_found;

        /// <summary>A finding of the operation action running on this thread.</summary>
        public void Add(Candidate candidate)
        {
            if (candidate.Scope.IsTest) return;
            (t_found ??= new List<Candidate>()).Add(candidate);
        }

        /// <summary>
        /// Called after each operation action: its candidates become diagnostics now, with their final context — whether
        /// a plain method is a handler by registration, or an async void method the source of a delegate, is looked up
        /// (<see cref="RegisteredHandlers"/>, <see cref="DelegateUses"/>) — so editors show them as the code is typed.
        /// </summary>
        public void ReportReady(Action<Diagnostic> report, CancellationToken ct)
        {
            var found = t_found;
            if (found == null || found.Count == 0) return;
            t_found = null;
            foreach (var candidate in found)
            {
                Diagnostic? diagnostic;
                try
                {
                    if (candidate.UnlessDelegateMadeFrom is { } method && IsExcusedBy(_delegateUses.Of(method, ct), candidate)) continue;
                    var key = candidate.Scope.MethodGroupKey;
                    bool registered = key != null && !candidate.Scope.IsHandler && _registered.Contains(key, ct);
                    diagnostic = Diagnose(candidate, registered);
                }
                catch (Exception ex) when (!(ex is OperationCanceledException))
                {
                    // As for a detector: one clear diagnostic where it happened, and the other findings go on.
                    diagnostic = Diagnostic.Create(Descriptors.Failure, candidate.Location, "context lookup for " + candidate.RuleId, ex.GetType().Name + ": " + ex.Message);
                }
                if (diagnostic != null) report(diagnostic);
            }
        }

        private static bool IsExcusedBy(DelegateUses.Uses uses, Candidate candidate) =>
            (uses & DelegateUses.Uses.DelegateMade) != 0 || candidate.UnlessNeverCalled && (uses & DelegateUses.Uses.Called) == 0;

        private Diagnostic? Diagnose(Candidate candidate, bool registered)
        {
            var codeContext = candidate.Scope.ContextWith(registered);
            // A blocking call in the synchronous mode of a body shared by a sync and an async API is synchronous code.
            if (codeContext != CodeContext.Sync && Array.IndexOf(SyncModeRules, candidate.RuleId) >= 0 && InSyncMode(candidate)) codeContext = CodeContext.Sync;
            return candidate.AsyncPathOnly && !IsAsyncPath(candidate.Scope, codeContext) ? null : Descriptors.Create(candidate, codeContext);
        }

        /// <summary>The blocking rules, whose findings in a synchronous mode are synchronous code (<see cref="SyncMode"/>).</summary>
        private static readonly string[] SyncModeRules = { RuleIds.BlockingIo, RuleIds.SyncSleep, RuleIds.BlockingWait, RuleIds.LockAroundIo };

        private bool InSyncMode(Candidate candidate)
        {
            var function = candidate.Scope.Node;
            var span = candidate.Location.SourceSpan;
            return candidate.Location.SourceTree == function.SyntaxTree && function.Span.Contains(span)
                && SyncMode.InSyncBranch(function.FindNode(span, getInnermostNodeForTie: true), function, _compilation.GetSemanticModel(function.SyntaxTree));
        }

        // RULES.md: the async rules apply in handlers and async code, not in offloaded work or startup code.
        public static bool IsAsyncPath(FunctionScope scope, CodeContext context) =>
            context == CodeContext.RequestHandler
            || (context == CodeContext.Background && !scope.IsOffloaded && !scope.IsStartup);
    }
}
