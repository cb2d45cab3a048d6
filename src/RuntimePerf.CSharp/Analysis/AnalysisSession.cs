using System.Collections.Concurrent;
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
    /// concurrently); candidates become diagnostics at compilation end.
    /// </summary>
    internal sealed class AnalysisSession
    {
        private readonly ConcurrentQueue<Candidate> _candidates = new ConcurrentQueue<Candidate>();
        private readonly ConcurrentDictionary<Location, byte> _methodGroupHandlers = new ConcurrentDictionary<Location, byte>();

        public AnalysisSession(Compilation compilation)
        {
            Frameworks = new Frameworks(compilation);
            Linq = new LinqCalls(compilation);
            InMemory = new InMemoryValues(compilation);
            Awaited = new AwaitedCalls(compilation);
        }

        public Frameworks Frameworks { get; }

        public LinqCalls Linq { get; }

        public InMemoryValues InMemory { get; }

        public AwaitedCalls Awaited { get; }

        public FunctionScope ScopeOf(IOperation operation, CancellationToken ct) =>
            ScopeResolver.Resolve(operation.Syntax, operation.SemanticModel!, Frameworks, ct);

        public void Add(Candidate candidate)
        {
            if (!candidate.Scope.IsTest) _candidates.Enqueue(candidate);
        }

        /// <summary><c>app.MapGet("/", Handler)</c>: remembers where Handler is declared.</summary>
        public void CollectMethodGroupHandler(IInvocationOperation invocation)
        {
            if (!Frameworks.IsHandlerRegistration(invocation.TargetMethod)) return;
            foreach (var argument in invocation.Arguments)
            {
                if (!(OperationFacts.Unwrap(argument.Value) is IMethodReferenceOperation reference)) continue;
                var method = reference.Method.OriginalDefinition;
                method = method.PartialImplementationPart ?? method;
                foreach (var declaration in method.DeclaringSyntaxReferences)
                {
                    _methodGroupHandlers.TryAdd(Location.Create(declaration.SyntaxTree, declaration.Span), 0);
                }
            }
        }

        public void ReportAll(CompilationAnalysisContext context)
        {
            foreach (var candidate in _candidates)
            {
                var scope = candidate.Scope;
                bool registered = scope.MethodGroupKey != null && _methodGroupHandlers.ContainsKey(scope.MethodGroupKey);
                var codeContext = scope.ContextWith(registered);
                if (candidate.AsyncPathOnly && !IsAsyncPath(scope, codeContext)) continue;
                context.ReportDiagnostic(Descriptors.Create(candidate, codeContext));
            }
        }

        // RULES.md: the async rules apply in handlers and async code, not in offloaded work or startup code.
        public static bool IsAsyncPath(FunctionScope scope, CodeContext context) =>
            context == CodeContext.RequestHandler
            || (context == CodeContext.Background && !scope.IsOffloaded && !scope.IsStartup);
    }
}
