using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;
using RuntimePerf.CSharp.Analysis;
using RuntimePerf.CSharp.Rules.BlockingIo;
using RuntimePerf.Engine.Model;

namespace RuntimePerf.CSharp.Rules.LockAroundIo
{
    /// <summary>
    /// RP0014: a <c>lock</c> whose body makes a blocking I/O call (as RP0001 classifies calls, in any code: every thread
    /// that needs the lock waits for the device), and <c>SemaphoreSlim.Wait()</c> in async code or a request handler
    /// (the semaphore is taken by blocking a pool thread). HIGH when the lock or semaphore is static — one for the
    /// whole process — on an async path, where it holds up every request, and the I/O is certain; MEDIUM otherwise
    /// (a static lock in a plain file logger serialises its writers, which is often the point).
    /// </summary>
    internal sealed class LockAroundIoDetector : Detector
    {
        private readonly BlockingIoDetector _blockingIo;
        private readonly TypeSet _semaphore;

        public LockAroundIoDetector(AnalysisSession session, Compilation compilation, BlockingIoDetector blockingIo) : base(session)
        {
            _blockingIo = blockingIo;
            _semaphore = new TypeSet(compilation, new[] { "System.Threading.SemaphoreSlim" });
        }

        public override ImmutableArray<OperationKind> Kinds { get; } = ImmutableArray.Create(OperationKind.Lock, OperationKind.Invocation);

        public override void Analyze(IOperation operation, CancellationToken ct)
        {
            switch (operation)
            {
                case ILockOperation lockOperation:
                    AnalyzeLock(lockOperation, ct);
                    break;
                case IInvocationOperation { TargetMethod: { Name: "Wait" } } wait when _semaphore.Contains(wait.TargetMethod.ContainingType) && !OperationFacts.IsPoll(wait):
                    var scope = Session.ScopeOf(wait, ct);
                    if (!scope.MayBeAsyncPath) return;
                    bool global = IsGlobal(wait.Instance);
                    string semaphore = OperationFacts.Snippet(wait.Instance!.Syntax, 40);
                    Session.Add(new Candidate("RP0014", OperationFacts.NameLocation(wait), scope,
                        "Semaphore taken synchronously: " + OperationFacts.Snippet(wait.Syntax) + " inside ",
                        " blocks a thread-pool thread for as long as " + (global ? "any other request holds this static semaphore" : "the semaphore is held elsewhere"),
                        "Use await " + semaphore + ".WaitAsync(…)", Confidence.High)
                    {
                        AsyncPathOnly = true,
                        Severity = _ => global ? Severity.High : Severity.Medium,
                    });
                    break;
            }
        }

        private void AnalyzeLock(ILockOperation lockOperation, CancellationToken ct)
        {
            var io = FirstBlockingIo(lockOperation.Body, ct);
            if (io == null || !(lockOperation.Syntax is LockStatementSyntax syntax)) return;
            var (name, _, confidence) = io.Value;
            bool global = IsGlobal(lockOperation.LockedValue);
            var header = Location.Create(syntax.SyntaxTree, TextSpan.FromBounds(syntax.LockKeyword.SpanStart, syntax.CloseParenToken.Span.End));
            var scope = Session.ScopeOf(lockOperation, ct);
            if (scope.IsStartup) return; // runs once, before anything else could contend for the lock
            Session.Add(new Candidate("RP0014", header, scope,
                "Lock held during I/O: lock (" + OperationFacts.Snippet(syntax.Expression, 40) + ") in ",
                " is held while " + name + "() waits on I/O, so every thread that needs " + (global ? "this process-wide lock" : "the lock") + " waits for the device",
                "Do the I/O outside the lock (take or copy what it needs under the lock), or serialise it with a SemaphoreSlim and its async twin",
                confidence)
            {
                Severity = context => global && confidence == Confidence.High && AnalysisSession.IsAsyncPath(scope, context) ? Severity.High : Severity.Medium,
            });
        }

        /// <summary>The first blocking I/O call of the body itself, not of a function declared in it (that may run later).</summary>
        private (string Name, string Twin, Confidence Confidence)? FirstBlockingIo(IOperation body, CancellationToken ct)
        {
            (string, string, Confidence)? first = null;
            int firstStart = int.MaxValue;
            foreach (var call in OperationFacts.OwnOperations(body).OfType<IInvocationOperation>())
            {
                if (call.Syntax.SpanStart < firstStart && _blockingIo.Classify(call, ct) is { } io)
                {
                    first = io;
                    firstStart = call.Syntax.SpanStart;
                }
            }
            return first;
        }

        /// <summary>A static field or property, or <c>typeof(…)</c>: one lock for the whole process.</summary>
        private static bool IsGlobal(IOperation? value) => OperationFacts.Unwrap(value) switch
        {
            IFieldReferenceOperation field => field.Field.IsStatic,
            IPropertyReferenceOperation property => property.Property.IsStatic,
            ITypeOfOperation _ => true,
            _ => false,
        };
    }
}
