using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using RuntimePerf.CSharp.Analysis;
using RuntimePerf.CSharp.Rules.BlockingIo;
using RuntimePerf.Engine.Model;

namespace RuntimePerf.CSharp.Rules.SyncSleep
{
    /// <summary>
    /// RP0002: <c>Thread.Sleep</c> inside async code or a request handler, directly or in a sync helper of the compilation
    /// called there (reported at the call, with the chain: <c>Backoff() → Thread.Sleep()</c>).
    /// </summary>
    internal sealed class SyncSleepDetector : Detector
    {
        private readonly BlockingHelpers _helpers;

        public SyncSleepDetector(AnalysisSession session, BlockingHelpers helpers) : base(session) => _helpers = helpers;

        public override ImmutableArray<OperationKind> Kinds { get; } = ImmutableArray.Create(OperationKind.Invocation);

        public override void Analyze(IOperation operation, CancellationToken ct)
        {
            var call = (IInvocationOperation)operation;
            if (!_helpers.IsSleep(call))
            {
                ReportHelper(call, ct);
                return;
            }
            var scope = Session.ScopeOf(operation, ct);
            if (!scope.MayBeAsyncPath) return;
            string delay = OperationFacts.Snippet(call.Arguments[0].Value.Syntax, 40);
            Session.Add(new Candidate("RP0002", OperationFacts.NameLocation(call), scope,
                "Sync sleep: Thread.Sleep(" + delay + ") inside ", " parks a thread-pool thread instead of yielding it",
                "Use await Task.Delay(" + delay + ")", Confidence.High) { AsyncPathOnly = true });
        }

        private void ReportHelper(IInvocationOperation call, CancellationToken ct)
        {
            if (!(_helpers.Of(call, "RP0002", Session, ct) is var (blocking, scope))) return;
            Session.Add(new Candidate("RP0002", OperationFacts.NameLocation(call), scope,
                "Sync sleep: " + blocking.Chain + " inside ", " parks a thread-pool thread instead of yielding it",
                "Make " + call.TargetMethod.Name + " async and await Task.Delay(…) inside it", Confidence.Medium) { AsyncPathOnly = true });
        }
    }
}
