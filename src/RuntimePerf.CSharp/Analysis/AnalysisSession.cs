using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using RuntimePerf.Engine.Model;

namespace RuntimePerf.CSharp.Analysis
{
    /// <summary>
    /// Per-compilation state shared by the detectors: the resolved framework tables, the candidates found so far
    /// and the methods registered as minimal-API handlers by method group. Thread-safe (operation actions run
    /// concurrently); candidates whose context depends on those registrations become diagnostics at compilation end.
    /// </summary>
    internal sealed class AnalysisSession
    {
        private readonly ConcurrentQueue<Candidate> _candidates = new ConcurrentQueue<Candidate>();
        private readonly ConcurrentDictionary<Location, byte> _methodGroupHandlers = new ConcurrentDictionary<Location, byte>();
        private readonly ConcurrentDictionary<Location, byte> _delegateTargets = new ConcurrentDictionary<Location, byte>();

        public AnalysisSession(Compilation compilation, AnalyzerOptions? options = null)
        {
            Options = new RuleOptions(options);
            Frameworks = new Frameworks(compilation);
            Linq = new LinqCalls(compilation);
            InMemory = new InMemoryValues(compilation);
            Awaited = new AwaitedCalls(compilation);
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

        // Diagnostics whose context is already final, waiting for the operation action that found them to report them.
        [ThreadStatic] private static List<Diagnostic>? t_ready;

        /// <summary>
        /// A candidate whose context cannot change (a handler by declaration, a lambda) becomes a diagnostic now, so
        /// editors show it as the code is typed; a method that a MapGet(…, Method) elsewhere may still make a handler
        /// waits for compilation end.
        /// </summary>
        public void Add(Candidate candidate)
        {
            if (candidate.Scope.IsTest) return;
            if (candidate.Scope.IsHandler || candidate.Scope.MethodGroupKey == null)
            {
                if (Diagnose(candidate, registered: false) is { } diagnostic) (t_ready ??= new List<Diagnostic>()).Add(diagnostic);
            }
            else
            {
                _candidates.Enqueue(candidate);
            }
        }

        /// <summary>Reports what <see cref="Add"/> finalised on this thread (called after each operation action).</summary>
        public static void ReportReady(Action<Diagnostic> report)
        {
            var ready = t_ready;
            if (ready == null || ready.Count == 0) return;
            t_ready = null;
            foreach (var diagnostic in ready) report(diagnostic);
        }

        /// <summary><c>app.MapGet("/", Handler)</c>: remembers where Handler is declared.</summary>
        public void CollectMethodGroupHandler(IInvocationOperation invocation)
        {
            if (!Frameworks.IsHandlerRegistration(invocation.TargetMethod)) return;
            foreach (var argument in invocation.Arguments)
            {
                if (OperationFacts.Unwrap(argument.Value) is IMethodReferenceOperation reference) AddDeclarations(_methodGroupHandlers, reference.Method);
            }
        }

        /// <summary><c>timer = new Timer(Tick)</c>, <c>button.Click += OnClick</c>: remembers where Tick and OnClick are declared.</summary>
        public void CollectDelegateTarget(IDelegateCreationOperation creation)
        {
            if (creation.Target is IMethodReferenceOperation reference) AddDeclarations(_delegateTargets, reference.Method);
        }

        // Keyed like FunctionScope.MethodGroupKey: the span of each declaration (both parts of a partial method).
        private static void AddDeclarations(ConcurrentDictionary<Location, byte> set, IMethodSymbol referenced)
        {
            var method = referenced.OriginalDefinition;
            method = method.PartialImplementationPart ?? method;
            foreach (var declaration in method.DeclaringSyntaxReferences)
            {
                set.TryAdd(Location.Create(declaration.SyntaxTree, declaration.Span), 0);
            }
        }

        public void ReportAll(Action<Diagnostic> report)
        {
            foreach (var candidate in _candidates)
            {
                var scope = candidate.Scope;
                if (candidate.UnlessUsedAsDelegate && scope.MethodGroupKey != null && _delegateTargets.ContainsKey(scope.MethodGroupKey)) continue;
                bool registered = scope.MethodGroupKey != null && _methodGroupHandlers.ContainsKey(scope.MethodGroupKey);
                if (Diagnose(candidate, registered) is { } diagnostic) report(diagnostic);
            }
        }

        private static Diagnostic? Diagnose(Candidate candidate, bool registered)
        {
            var codeContext = candidate.Scope.ContextWith(registered);
            return candidate.AsyncPathOnly && !IsAsyncPath(candidate.Scope, codeContext) ? null : Descriptors.Create(candidate, codeContext);
        }

        // RULES.md: the async rules apply in handlers and async code, not in offloaded work or startup code.
        public static bool IsAsyncPath(FunctionScope scope, CodeContext context) =>
            context == CodeContext.RequestHandler
            || (context == CodeContext.Background && !scope.IsOffloaded && !scope.IsStartup);
    }
}
