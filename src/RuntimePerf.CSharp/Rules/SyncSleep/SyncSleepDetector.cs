using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using RuntimePerf.CSharp.Analysis;
using RuntimePerf.Engine.Model;

namespace RuntimePerf.CSharp.Rules.SyncSleep
{
    /// <summary>RP0002: <c>Thread.Sleep</c> inside async code or a request handler.</summary>
    internal sealed class SyncSleepDetector : Detector
    {
        private readonly TypeSet _thread;

        public SyncSleepDetector(AnalysisSession session, Compilation compilation) : base(session) =>
            _thread = new TypeSet(compilation, new[] { "System.Threading.Thread" });

        public override ImmutableArray<OperationKind> Kinds { get; } = ImmutableArray.Create(OperationKind.Invocation);

        public override void Analyze(IOperation operation, CancellationToken ct)
        {
            var call = (IInvocationOperation)operation;
            if (call.TargetMethod.Name != "Sleep" || !_thread.Contains(call.TargetMethod.ContainingType) || call.Arguments.Length != 1) return;
            var scope = Session.ScopeOf(operation, ct);
            if (!scope.MayBeAsyncPath) return;
            string delay = OperationFacts.Snippet(call.Arguments[0].Value.Syntax, 40);
            Session.Add(new Candidate("RP0002", OperationFacts.NameLocation(call), scope,
                "Sync sleep: Thread.Sleep(" + delay + ") inside ", " parks a thread-pool thread instead of yielding it",
                "Use await Task.Delay(" + delay + ")", Confidence.High) { AsyncPathOnly = true });
        }
    }
}
