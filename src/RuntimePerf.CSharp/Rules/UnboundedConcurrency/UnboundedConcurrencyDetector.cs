using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using RuntimePerf.CSharp.Analysis;
using RuntimePerf.Engine.Model;

namespace RuntimePerf.CSharp.Rules.UnboundedConcurrency
{
    /// <summary>
    /// RP0010: <c>Task.WhenAll(items.Select(async x => …))</c> — also through <c>ToList()</c>/<c>ToArray()</c> or a local —
    /// over a sequence of unknown size, outside a loop (a loop over batches bounds it) and with no limiter in reach
    /// (a SemaphoreSlim or rate limiter in the function, or held by the class of a method the selector calls); and
    /// <c>Channel.CreateUnbounded</c>.
    /// </summary>
    internal sealed class UnboundedConcurrencyDetector : Detector
    {
        private static readonly string[] Selects = { "Select" };

        private readonly MemberTable _queues;
        private readonly MemberTable _fanIns;
        private readonly MemberTable _sized;
        private readonly TypeSet _limiters;

        public UnboundedConcurrencyDetector(AnalysisSession session, Compilation compilation) : base(session)
        {
            _queues = new MemberTable(compilation, UnboundedConcurrencyTable.UnboundedQueues);
            _fanIns = new MemberTable(compilation, UnboundedConcurrencyTable.FanIns);
            _sized = new MemberTable(compilation, UnboundedConcurrencyTable.SizedSources);
            _limiters = new TypeSet(compilation, UnboundedConcurrencyTable.Limiters);
        }

        public override ImmutableArray<OperationKind> Kinds { get; } = ImmutableArray.Create(OperationKind.Invocation);

        public override void Analyze(IOperation operation, CancellationToken ct)
        {
            var call = (IInvocationOperation)operation;
            var method = call.TargetMethod;
            if (_queues.Contains(method.ContainingType, method.Name))
            {
                Session.Add(new Candidate("RP0010", OperationFacts.NameLocation(call), Session.ScopeOf(call, ct),
                    "Unbounded queue: " + OperationFacts.Snippet(call.Syntax, 50) + " in ",
                    " has no capacity, so producers never wait and memory grows with the backlog",
                    "Use Channel.CreateBounded(new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.Wait }) so writers wait when readers fall behind",
                    Confidence.High));
                return;
            }
            if (!_fanIns.Contains(method.ContainingType, method.Name) || call.Arguments.Length != 1) return;
            var model = call.SemanticModel!;
            var select = PerItemTasks(call.Arguments[0].Value, model, ct);
            if (select == null || IsBounded(select.Arguments[0].Value, model, ct)) return;
            var scope = Session.ScopeOf(call, ct);
            if (scope.IsStartup || OperationFacts.EnclosingLoops(call.Syntax, scope.Node).Count > 0 || Limited(select, scope.Node, model, ct)) return;

            var source = select.Arguments[0].Value;
            string items = Variables.Referenced(OperationFacts.Unwrap(source)!) is ISymbol named ? named.Name : "items";
            Session.Add(new Candidate("RP0010", OperationFacts.NameLocation(call), scope,
                "Unbounded concurrency: Task.WhenAll over " + OperationFacts.Snippet(source.Syntax, 40) + ".Select(…) in ",
                " starts one task per item, all at once, with no SemaphoreSlim or other limit",
                "Bound the fan-out: await Parallel.ForEachAsync(" + items + ", new ParallelOptions { MaxDegreeOfParallelism = N }, …), or await a SemaphoreSlim inside the per-item lambda",
                Confidence.Medium));
        }

        /// <summary><c>items.Select(x => FooAsync(x))</c> (a sequence of tasks), seen through ToList/ToArray and locals; else null.</summary>
        private IInvocationOperation? PerItemTasks(IOperation value, SemanticModel model, CancellationToken ct)
        {
            var op = OperationFacts.Unwrap(value);
            for (int step = 0; step < 4 && op != null; step++)
            {
                switch (op)
                {
                    case ILocalReferenceOperation local:
                        op = OperationFacts.Unwrap(OperationFacts.Initializer(local.Local, model, ct));
                        break;
                    case IInvocationOperation select when Session.Linq.IsCall(select, Selects):
                        var results = select.TargetMethod.TypeArguments;
                        return OperationFacts.IsAwaitable(results[results.Length - 1]) && StartsWorkPerItem(select.Arguments[1].Value) ? select : null;
                    case IInvocationOperation copy when Session.Linq.Copy(copy) != null:
                        op = OperationFacts.Unwrap(copy.Arguments[0].Value);
                        break;
                    default:
                        return null;
                }
            }
            return null;
        }

        /// <summary>
        /// The selector starts work for each item as data — a method group, or a lambda making an awaitable call on
        /// something other than the item (<c>id =&gt; _orders.GetAsync(id)</c>) — rather than collecting tasks that already
        /// run (<c>jobs.Select(j =&gt; j.Completion)</c>) or telling each of a set of components to act
        /// (<c>subscribers.Select(s =&gt; s.NotifyAsync())</c>: one call per subscriber, as many as the program made).
        /// </summary>
        private static bool StartsWorkPerItem(IOperation selector)
        {
            var op = OperationFacts.Unwrap(selector);
            if (op is IMethodReferenceOperation) return true;
            if (!(op is IAnonymousFunctionOperation lambda) || lambda.Symbol.Parameters.Length == 0) return false;
            var item = lambda.Symbol.Parameters[0];
            foreach (var descendant in lambda.Body.Descendants())
            {
                if (descendant is IInvocationOperation call && OperationFacts.IsAwaitable(call.Type)
                    && !SymbolEqualityComparer.Default.Equals(AwaitedCalls.Target(call), item))
                {
                    return true;
                }
            }
            return false;
        }

        /// <summary>
        /// The sequence has a size fixed in the code: a collection literal, <c>Enumerable.Range(0, 10)</c>, <c>.Take(20)</c>,
        /// or a LINQ chain, local or readonly field that starts from one.
        /// </summary>
        private bool IsBounded(IOperation source, SemanticModel model, CancellationToken ct)
        {
            var op = OperationFacts.Unwrap(source);
            for (int step = 0; step < 6 && op != null; step++)
            {
                if (op.Syntax is ExpressionSyntax expression && Loops.LiteralElements(expression) != null) return true;
                switch (op)
                {
                    case IInvocationOperation sized when _sized.Contains(sized.TargetMethod.ContainingType, sized.TargetMethod.Name):
                        return sized.Arguments[sized.Arguments.Length - 1].Value.ConstantValue.HasValue;
                    case IInvocationOperation linq when Session.Linq.IsLinq(linq, orQueryable: false):
                        op = OperationFacts.Unwrap(linq.Arguments[0].Value);
                        break;
                    case ILocalReferenceOperation local:
                        op = OperationFacts.Unwrap(OperationFacts.Initializer(local.Local, model, ct));
                        break;
                    case IFieldReferenceOperation { Field: { IsReadOnly: true } field }:
                        // Possibly declared in another file: read the initializer's syntax, no semantic model needed.
                        return field.DeclaringSyntaxReferences.Length == 1
                            && field.DeclaringSyntaxReferences[0].GetSyntax(ct) is VariableDeclaratorSyntax { Initializer: { } initializer }
                            && Loops.LiteralElements(initializer.Value) != null;
                    default:
                        return false;
                }
            }
            return false;
        }

        /// <summary>
        /// A limiter is in reach: named or created in the enclosing function (the per-item lambda is part of it), or held
        /// by the class of — or passed to — a method of this compilation that the selector calls.
        /// </summary>
        private bool Limited(IInvocationOperation select, SyntaxNode function, SemanticModel model, CancellationToken ct)
        {
            foreach (var node in function.DescendantNodes())
            {
                if ((node is IdentifierNameSyntax || node is BaseObjectCreationExpressionSyntax) && _limiters.ContainsSelfOrBase(model.GetTypeInfo(node, ct).Type)) return true;
            }
            foreach (var callee in Callees(select.Arguments[1].Value))
            {
                if (callee.DeclaringSyntaxReferences.Length == 0) continue;
                foreach (var parameter in callee.Parameters)
                {
                    if (_limiters.ContainsSelfOrBase(parameter.Type)) return true;
                }
                foreach (var member in callee.ContainingType.GetMembers())
                {
                    var type = member is IFieldSymbol field ? field.Type : (member as IPropertySymbol)?.Type;
                    if (_limiters.ContainsSelfOrBase(type)) return true;
                }
            }
            return false;
        }

        /// <summary>The method of a method group, or the methods a lambda calls.</summary>
        private static IEnumerable<IMethodSymbol> Callees(IOperation selector)
        {
            var op = OperationFacts.Unwrap(selector);
            if (op is IMethodReferenceOperation reference)
            {
                yield return reference.Method;
                yield break;
            }
            if (!(op is IAnonymousFunctionOperation lambda)) yield break;
            foreach (var descendant in lambda.Body.Descendants())
            {
                if (descendant is IInvocationOperation invocation) yield return invocation.TargetMethod;
            }
        }
    }
}
