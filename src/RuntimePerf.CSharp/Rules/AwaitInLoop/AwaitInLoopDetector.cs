using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using RuntimePerf.CSharp.Analysis;
using RuntimePerf.Engine.Model;

namespace RuntimePerf.CSharp.Rules.AwaitInLoop
{
    /// <summary>
    /// RP0009: a <c>foreach</c> (not <c>await foreach</c>) or <c>for</c> loop over data whose body awaits a read per
    /// iteration when no iteration depends on another: the loop never stops early (break, return, throw, yield), no
    /// awaited expression reads a value the body writes only after it (a cursor, an accumulator fed back), the loop
    /// condition reads nothing the body writes, and no await paces the loop, reads on from a reader that outlives it or
    /// reaches a single-operation object (a DbContext, a connection) — those iterations cannot overlap. The awaited read
    /// must use something that varies per iteration; the same call repeated is loop-invariant work, not a fan-out.
    /// </summary>
    internal sealed class AwaitInLoopDetector : Detector
    {
        private readonly MemberTable _pacing;

        public AwaitInLoopDetector(AnalysisSession session, Compilation compilation) : base(session) =>
            _pacing = new MemberTable(compilation, AwaitInLoopTable.Pacing);

        public override ImmutableArray<OperationKind> Kinds { get; } = ImmutableArray.Create(OperationKind.Loop);

        public override void Analyze(IOperation operation, CancellationToken ct)
        {
            if (!(operation is IForEachLoopOperation { IsAsynchronous: false } || operation is IForLoopOperation)) return;
            var loop = (ILoopOperation)operation;
            var awaits = AwaitsOf(loop);
            if (awaits == null || awaits.Count == 0 || Loops.IsSmallFixed((StatementSyntax)loop.Syntax, loop.SemanticModel!, ct)) return;

            var writes = Variables.Writes(loop.Body);
            if (loop is IForLoopOperation forLoop && ReadsAny(writes, forLoop.AtLoopBottom.Add(forLoop.Condition!))) return;
            // What changes from one iteration to the next: the loop's own variables and whatever the body assigns.
            var varying = new HashSet<ISymbol>(loop.Locals, SymbolEqualityComparer.Default);
            foreach (var write in writes) varying.Add(write.Variable);
            IAwaitOperation? first = null;
            IInvocationOperation? firstCall = null;
            foreach (var awaited in awaits)
            {
                var call = AwaitedCalls.Call(awaited);
                if (call != null && (IsPacing(call) || InOrder(call, loop) || Session.Awaited.Resources(call, loop.Syntax) != 0)) return;
                if (CarriesOver(awaited, writes)) return;
                // A call that reads nothing per-iteration repeats the same work: hoist it (RP0016/RP0015), not parallelise it.
                if (first == null && call != null && AwaitedCalls.IsRead(call.TargetMethod) && Variables.Reads(awaited.Operation).Overlaps(varying))
                {
                    first = awaited;
                    firstCall = call;
                }
            }
            if (first == null || firstCall == null) return;

            var scope = Session.ScopeOf(operation, ct);
            string items = loop is IForEachLoopOperation each ? "item of " + OperationFacts.Snippet(each.Collection.Syntax, 40) : "iteration of the for loop";
            Session.Add(new Candidate("RP0009", first.Syntax.GetLocation(), scope,
                "Await in a loop: " + firstCall.TargetMethod.Name + "() in ",
                " is awaited once per " + items + ", one at a time, although no iteration needs the previous one's result",
                "Run the items concurrently with a bound: await Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = N }, async (item, ct) => …), or a SemaphoreSlim around Task.WhenAll",
                Confidence.High) { AsyncPathOnly = true });
        }

        /// <summary>
        /// The awaits of the loop's own body (not of nested loops or functions), or null when the body can leave the loop
        /// early: a break of this loop, a return, a throw, a yield or a goto.
        /// </summary>
        private static List<IAwaitOperation>? AwaitsOf(ILoopOperation loop)
        {
            var awaits = new List<IAwaitOperation>();
            var pending = new Stack<(IOperation Operation, bool Nested)>();
            pending.Push((loop.Body, false));
            while (pending.Count > 0)
            {
                var (op, nested) = pending.Pop();
                switch (op)
                {
                    case IAnonymousFunctionOperation _:
                    case ILocalFunctionOperation _:
                        continue;
                    case IReturnOperation _:
                    case IThrowOperation _:
                    case IBranchOperation { BranchKind: BranchKind.GoTo }:
                        return null;
                    case IBranchOperation { BranchKind: BranchKind.Break } exit when SymbolEqualityComparer.Default.Equals(exit.Target, loop.ExitLabel):
                        return null;
                    case IAwaitOperation awaited when !nested:
                        awaits.Add(awaited);
                        break;
                }
                bool inner = nested || op is ILoopOperation;
                foreach (var child in op.ChildOperations) pending.Push((child, inner));
            }
            // The stack visits the body backwards: report the first await in source order.
            awaits.Sort((a, b) => a.Syntax.SpanStart.CompareTo(b.Syntax.SpanStart));
            return awaits;
        }

        private bool IsPacing(IInvocationOperation call) => _pacing.Contains(call.TargetMethod.ContainingType, call.TargetMethod.Name);

        /// <summary><c>await reader.ReadLineAsync()</c> on a reader that outlives the loop: each read goes on where the last stopped.</summary>
        private static bool InOrder(IInvocationOperation call, ILoopOperation loop)
        {
            if (!AwaitedCalls.IsSequentialRead(call.TargetMethod)) return false;
            return AwaitedCalls.Target(call) is { } target && !OperationFacts.IsDeclaredIn(target, loop.Syntax);
        }

        /// <summary>
        /// The awaited expression depends on the previous iteration: it reads a variable the body writes only at or after
        /// the await's statement (<c>token = await RefreshAsync(token)</c>), directly or through values computed earlier in
        /// the iteration (<c>var url = next ?? first;</c> then <c>await GetAsync(url)</c> and <c>next = page.Next;</c>).
        /// </summary>
        private static bool CarriesOver(IAwaitOperation awaited, List<Write> writes)
        {
            int statementStart = awaited.Syntax.FirstAncestorOrSelf<StatementSyntax>()!.SpanStart;
            var seen = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            var pending = new Stack<ISymbol>(Variables.Reads(awaited.Operation));
            while (pending.Count > 0)
            {
                var read = pending.Pop();
                if (!seen.Add(read)) continue;
                bool before = false, after = false;
                foreach (var write in writes)
                {
                    if (!SymbolEqualityComparer.Default.Equals(write.Variable, read)) continue;
                    if (write.Position >= statementStart)
                    {
                        after = true;
                        continue;
                    }
                    before = true;
                    foreach (var source in Variables.Reads(write.Source)) pending.Push(source);
                }
                if (after && !before) return true;
            }
            return false;
        }

        /// <summary>The for loop's condition or increment reads what the body writes (<c>for (…; page &lt;= pages; …)</c> with pages set from a result).</summary>
        private static bool ReadsAny(List<Write> writes, ImmutableArray<IOperation> parts)
        {
            foreach (var part in parts)
            {
                if (part == null) continue;
                var reads = Variables.Reads(part);
                if (writes.Exists(w => reads.Contains(w.Variable))) return true;
            }
            return false;
        }
    }
}
