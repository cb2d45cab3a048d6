using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;
using RuntimePerf.CSharp.Analysis;
using RuntimePerf.Engine.Model;

namespace RuntimePerf.CSharp.Rules.RedundantCopy
{
    /// <summary>
    /// RP0006: <c>foreach (var x in source.ToList())</c>, or a local <c>= source.ToList()</c> read only by one foreach,
    /// when nothing in between can change the source (the usual reason for the snapshot). Queries (IQueryable) are
    /// materialised on purpose and never reported.
    /// </summary>
    internal sealed class RedundantCopyDetector : Detector
    {
        private readonly TypeSet _queryable;

        public RedundantCopyDetector(AnalysisSession session, Compilation compilation) : base(session) =>
            _queryable = new TypeSet(compilation, new[] { "System.Linq.IQueryable" });

        public override ImmutableArray<OperationKind> Kinds { get; } = ImmutableArray.Create(OperationKind.Loop);

        public override void Analyze(IOperation operation, CancellationToken ct)
        {
            if (!(operation is IForEachLoopOperation loop) || loop.IsAsynchronous || !(loop.Syntax is CommonForEachStatementSyntax loopSyntax)) return;
            var model = operation.SemanticModel!;
            if (!(Session.Linq.LoopCopy(loop, ct) is { } found)) return;
            var (copy, source, local) = found;
            if (_queryable.IsAssignableFrom(OperationFacts.Unwrap(source)?.Type)) return;

            var scope = Session.ScopeOf(operation, ct);
            // The region where a change to the source would make the copy necessary.
            var region = local == null ? loopSyntax.Statement.Span : TextSpan.FromBounds(copy.Syntax.SpanStart, loopSyntax.Span.End);
            if (local != null && (!scope.Node.Span.Contains(copy.Syntax.Span) || OperationFacts.References(local, scope.Node, model, ct).Count != 1
                // a foreach inside a loop the copy was made before reads the copy once per outer pass (without it, a query would run again each time)
                || IsDeferredQuery(source) && OperationFacts.EnclosingLoops(loopSyntax, scope.Node).Exists(outer => !outer.Span.Contains(copy.Syntax.Span)))) return;
            if (MayChange(OperationFacts.RootSymbol(source), loop.Locals.FirstOrDefault(), region, scope.Node, model, ct)) return;

            string copyText = OperationFacts.Snippet(copy.Syntax, 50);
            Session.Add(new Candidate("RP0006", OperationFacts.NameLocation(copy), scope,
                "Redundant copy: " + (local == null ? copyText : local.Name + " = " + copyText) + " is only read once by foreach in ", "",
                "Enumerate " + OperationFacts.Snippet(source.Syntax, 40) + " directly, without " + copy.TargetMethod.Name + "()",
                Confidence.High));
        }

        /// <summary>A LINQ operator's result (<c>window.Where(…)</c>): enumerating it runs the query again.</summary>
        private static bool IsDeferredQuery(IOperation source) =>
            OperationFacts.Unwrap(source) is IInvocationOperation { TargetMethod.ContainingType: { Name: "Enumerable" } linq }
            && linq.ContainingNamespace?.ToDisplayString() == "System.Linq";

        /// <summary>
        /// Could the source change while the loop runs? A yield hands control to the consumer; for a field, property or
        /// call result (anything not owned by this function) an await, a call on this object or of the item when it is a delegate
        /// may change it too;
        /// and any use of the source variable other than a read may.
        /// </summary>
        private bool MayChange(ISymbol? root, ILocalSymbol? item, TextSpan region, SyntaxNode function, SemanticModel model, CancellationToken ct)
        {
            bool owned = root is ILocalSymbol || root is IParameterSymbol;
            foreach (var node in function.DescendantNodes(region))
            {
                if (!region.Contains(node.Span)) continue;
                switch (node)
                {
                    case YieldStatementSyntax _:
                        return true;
                    case AwaitExpressionSyntax _ when !owned:
                        return true;
                    // a call on this object, or of the item itself when the items are delegates (a subscriber, which may
                    // unsubscribe itself while the loop runs); not a delegate handed in (a predicate, a writer)
                    case InvocationExpressionSyntax invocation when !owned && model.GetOperation(invocation, ct) is IInvocationOperation call
                        && (call.Instance is IInstanceReferenceOperation
                            || call.TargetMethod.MethodKind == MethodKind.DelegateInvoke && call.Instance is ILocalReferenceOperation { Local: var invoked }
                               && SymbolEqualityComparer.Default.Equals(invoked, item)):
                        return true;
                    case IdentifierNameSyntax id when root != null && id.Identifier.ValueText == root.Name
                        && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(id, ct).Symbol, root)
                        && !IsRead(model.GetOperation(id, ct)):
                        return true;
                }
            }
            return false;
        }

        /// <summary>
        /// <c>schema.Properties = …</c>, <c>schema.Properties[key] = …</c>, <c>schema.Items.Add(x)</c>: a member of the source
        /// (or a member of it) assigned or changed — the loop over a copy of <c>schema.Properties</c> then needs the copy.
        /// </summary>
        private static bool IsWrittenThrough(IOperation member)
        {
            for (var current = member; ;)
            {
                var parent = current.Parent;
                switch (parent)
                {
                    case IConversionOperation _:
                        current = parent;
                        break;
                    case IAssignmentOperation assignment:
                        return assignment.Target == current;
                    case IPropertyReferenceOperation next when next.Instance == current:
                        current = next;
                        break;
                    case IInvocationOperation call when call.Instance == current:
                        return Array.IndexOf(RedundantCopyTable.ReadOnlyMembers, call.TargetMethod.Name) < 0;
                    default:
                        return false;
                }
            }
        }

        private bool IsRead(IOperation? reference)
        {
            if (reference == null) return false;
            var child = reference;
            var parent = reference.Parent;
            while (parent is IConversionOperation)
            {
                child = parent;
                parent = parent.Parent;
            }
            switch (parent)
            {
                case IInvocationOperation call when call.Instance == child:
                    return Array.IndexOf(RedundantCopyTable.ReadOnlyMembers, call.TargetMethod.Name) >= 0;
                case IArgumentOperation { Parent: IInvocationOperation call } argument when call.TargetMethod.IsExtensionMethod:
                    return argument == call.Arguments[0] && Session.Linq.IsLinq(call);
                case IPropertyReferenceOperation property when property.Instance == child:
                    return !IsWrittenThrough(property);
                case IForEachLoopOperation _:
                    return true;
                default:
                    return false;
            }
        }
    }
}
