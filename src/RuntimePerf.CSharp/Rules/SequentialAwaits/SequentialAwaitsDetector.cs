using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using RuntimePerf.CSharp.Analysis;
using RuntimePerf.Engine.Model;

namespace RuntimePerf.CSharp.Rules.SequentialAwaits
{
    /// <summary>
    /// RP0008: two or more consecutive statements of one block that keep the result of an awaited read
    /// (<c>var a = await x.GetAsync(…)</c>, <c>vm.B = await y.FindAsync(…)</c>) where no later one reads what an earlier one
    /// wrote and no two may wait on each other (<see cref="AwaitedCalls.MayShareState"/>). A bare <c>await SaveAsync()</c>
    /// is a side effect whose order is the point; awaits inside a loop are RP0009's. Each run is reported once, at its start.
    /// </summary>
    internal sealed class SequentialAwaitsDetector : Detector
    {
        public SequentialAwaitsDetector(AnalysisSession session) : base(session) { }

        public override ImmutableArray<OperationKind> Kinds { get; } = ImmutableArray.Create(OperationKind.Block);

        public override void Analyze(IOperation operation, CancellationToken ct)
        {
            var block = (IBlockOperation)operation;
            var run = new List<KeptAwait>();
            foreach (var statement in block.Operations)
            {
                var call = KeptRead(statement);
                if (call == null || (run.Count > 0 && DependsOnRun(statement, call, run)))
                {
                    Flush(block, run, ct);
                }
                if (call != null) run.Add(new KeptAwait(statement, call, Variables.Writes(statement)));
            }
            Flush(block, run, ct);
        }

        /// <summary><c>var a = await x.GetAsync(…);</c>, <c>a = await …;</c> or <c>var (a, b) = await …;</c> (not a discard): the awaited read, else null.</summary>
        private static IInvocationOperation? KeptRead(IOperation statement)
        {
            var value = statement switch
            {
                IVariableDeclarationGroupOperation { Declarations: { Length: 1 } group } when group[0].Declarators.Length == 1 =>
                    group[0].Declarators[0].Initializer?.Value,
                // Not x ??= await … (the await may not run) nor x += await … (reads x).
                IExpressionStatementOperation { Operation: IAssignmentOperation assignment }
                    when (assignment is ISimpleAssignmentOperation || assignment is IDeconstructionAssignmentOperation)
                         && !(assignment.Target is IDiscardOperation) => assignment.Value,
                _ => null,
            };
            return OperationFacts.Unwrap(value) is IAwaitOperation awaited && AwaitedCalls.Call(awaited) is { } call && AwaitedCalls.IsRead(call.TargetMethod)
                ? call
                : null;
        }

        /// <summary>
        /// The statement reads or overwrites what an earlier one wrote, may share an object with it, or repeats the
        /// same call (a second read goes on where the first one stopped).
        /// </summary>
        private bool DependsOnRun(IOperation statement, IInvocationOperation call, List<KeptAwait> run)
        {
            var reads = Variables.Reads(statement);
            var writes = Variables.Writes(statement);
            foreach (var earlier in run)
            {
                foreach (var write in earlier.Writes)
                {
                    if (reads.Contains(write.Variable) || writes.Exists(w => SymbolEqualityComparer.Default.Equals(w.Variable, write.Variable))) return true;
                }
                if (Session.Awaited.MayShareState(call, earlier.Call)) return true;
                if (SymbolEqualityComparer.Default.Equals(call.TargetMethod, earlier.Call.TargetMethod)
                    && call.Syntax.ToString() == earlier.Call.Syntax.ToString()) return true;
            }
            return false;
        }

        private void Flush(IBlockOperation block, List<KeptAwait> run, CancellationToken ct)
        {
            if (run.Count >= 2)
            {
                var scope = Session.ScopeOf(block, ct);
                if (OperationFacts.EnclosingLoops(block.Syntax, scope.Node).Count == 0)
                {
                    string calls = string.Join(", ", run.Select(r => r.Call.TargetMethod.Name + "()"));
                    Session.Add(new Candidate("RP0008", run[0].Statement.Syntax.GetLocation(), scope,
                        "Sequential awaits of independent work: " + calls + " in ",
                        " are awaited one after another although none uses another's result",
                        "Start them together and await Task.WhenAll(…), then read each task's result: the latency becomes the slowest call's, not the sum",
                        Confidence.Medium) { AsyncPathOnly = true });
                }
            }
            run.Clear();
        }

        private sealed record KeptAwait(IOperation Statement, IInvocationOperation Call, List<Write> Writes);
    }
}
