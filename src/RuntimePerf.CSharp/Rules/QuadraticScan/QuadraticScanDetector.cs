using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using RuntimePerf.CSharp.Analysis;
using RuntimePerf.Engine.Model;

namespace RuntimePerf.CSharp.Rules.QuadraticScan
{
    /// <summary>
    /// RP0017: a linear search (<see cref="QuadraticScanTable"/>) on a <c>List&lt;T&gt;</c> or array held in a local,
    /// parameter or field, repeated by a loop over data that the list outlives, or by a lambda that LINQ (or List/Array)
    /// runs per element. Not when the list is a literal of constants that never grows, a <c>params</c> array, a
    /// field that the loop does not grow (its size is not visible) or a copy of a static field or constant, nor inside a
    /// Debug-only call, nor a search that resumes after its last hit or seeks the list's own first item. LOW when its
    /// size is unknown: a parameter of a non-public method, a list of characters, a local that only collects what a loop
    /// over a member of an outer loop's element yields.
    /// </summary>
    internal sealed class QuadraticScanDetector : Detector
    {
        private readonly MemberTable _searches;
        private readonly TypeSet _list;
        private readonly TypeSet _perElementCallers;

        public QuadraticScanDetector(AnalysisSession session, Compilation compilation) : base(session)
        {
            _searches = new MemberTable(compilation, QuadraticScanTable.Searches);
            _list = new TypeSet(compilation, new[] { "System.Collections.Generic.List`1" });
            _perElementCallers = new TypeSet(compilation, QuadraticScanTable.PerElementCallers);
        }

        public override ImmutableArray<OperationKind> Kinds { get; } = ImmutableArray.Create(OperationKind.Invocation);

        /// <summary>
        /// <c>jobs.Remove(jobs[0])</c>, <c>items.IndexOf(items[0])</c>, also through a local set once from it
        /// (<c>var job = jobs[0]; jobs.Remove(job);</c>): the value sought is the list's own first item, found at the first
        /// slot (a dequeue, not a search).
        /// </summary>
        private static bool FindsFirst(IInvocationOperation call, IOperation list, CancellationToken ct)
        {
            if (!(call.TargetMethod.Name is "Remove" or "IndexOf" or "Contains") || call.Arguments.Length != 1 + (call.TargetMethod.IsStatic ? 1 : 0)) return false;
            var sought = OperationFacts.Unwrap(call.Arguments[call.Arguments.Length - 1].Value);
            if (sought is ILocalReferenceOperation { Local: var local } && !AssignedAgain(local, call.SemanticModel!, ct))
            {
                sought = OperationFacts.Unwrap(OperationFacts.Initializer(local, call.SemanticModel!, ct));
            }
            return sought switch
            {
                IArrayElementReferenceOperation { Indices: { Length: 1 } indices } element => IsZero(indices[0]) && SyntaxFactory.AreEquivalent(element.ArrayReference.Syntax, list.Syntax),
                IPropertyReferenceOperation { Property.IsIndexer: true, Arguments: { Length: 1 } arguments, Instance: { } items } => IsZero(arguments[0].Value) && SyntaxFactory.AreEquivalent(items.Syntax, list.Syntax),
                _ => false,
            };
        }

        /// <summary>
        /// <c>hit = Array.IndexOf(buffer, value, start, count); … start = hit + 1;</c>: a search from a start index that the
        /// code moves past each hit walks the list once in all. A start moved otherwise (<c>IndexOf(x, i + 1)</c> in a loop
        /// over i) still scans the rest of the list every time.
        /// </summary>
        private static bool ResumesAfterHit(IInvocationOperation call, CancellationToken ct)
        {
            ILocalSymbol? start = null;
            foreach (var argument in call.Arguments)
            {
                if (argument.Parameter != null && Array.IndexOf(QuadraticScanTable.StartParameters, argument.Parameter.Name) >= 0
                    && OperationFacts.Unwrap(argument.Value) is ILocalReferenceOperation { Local: var local })
                {
                    start = local;
                }
            }
            if (start == null || start.DeclaringSyntaxReferences.Length != 1) return false;
            var hit = ResultLocal(call);
            foreach (var assignment in AssignmentsTo(start, call.SemanticModel!, ct))
            {
                foreach (var part in assignment.Value.DescendantsAndSelf())
                {
                    if (part.Syntax == call.Syntax || part is ILocalReferenceOperation read && SymbolEqualityComparer.Default.Equals(read.Local, hit)) return true;
                }
            }
            return false;
        }

        /// <summary>The local a call's result is stored in (<c>int hit = Find(…)</c>, <c>hit = Find(…)</c>), or null.</summary>
        private static ILocalSymbol? ResultLocal(IOperation call)
        {
            var value = call;
            while (value.Parent is IConversionOperation) value = value.Parent;
            return value.Parent switch
            {
                IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } => declarator.Symbol,
                ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment when assignment.Value == value => target.Local,
                _ => null,
            };
        }

        private static bool IsZero(IOperation index) => index.ConstantValue is { HasValue: true, Value: 0 };

        public override void Analyze(IOperation operation, CancellationToken ct)
        {
            var call = (IInvocationOperation)operation;
            var method = call.TargetMethod;
            IOperation? source;
            if (_searches.Contains(method)) source = method.IsStatic ? FirstArgument(call) : call.Instance;
            else if (call.Arguments.Length >= 2 && Session.Linq.IsCall(call, QuadraticScanTable.LinqSearches)) source = call.Arguments[0].Value;
            else return;
            source = OperationFacts.Unwrap(source);
            var list = source switch
            {
                ILocalReferenceOperation local => (ISymbol)local.Local,
                IParameterReferenceOperation parameter => parameter.Parameter,
                IFieldReferenceOperation field when field.Instance == null || field.Instance is IInstanceReferenceOperation => field.Field,
                _ => null,
            };
            if (list == null || !(source!.Type is IArrayTypeSymbol || _list.Contains(source.Type))) return;
            if (FindsFirst(call, source!, ct) || ResumesAfterHit(call, ct)) return;

            var scope = Session.ScopeOf(operation, ct);
            var model = operation.SemanticModel!;
            string where;
            SyntaxNode repeated;
            if (LoopOverData(list, call.Syntax, scope, model, ct) is StatementSyntax loop)
            {
                where = "on every iteration of a " + Loops.Keyword(loop) + " loop in ";
                repeated = loop;
            }
            else if (PerElementSource(list, scope, model, ct) is IOperation elements)
            {
                where = "for every element of " + OperationFacts.Snippet(elements.Syntax, 40) + " in ";
                repeated = scope.Node;
            }
            else
            {
                return;
            }

            if (OperationFacts.InDebugOnlyCall(call)) return; // Debug.Assert(!list.Contains(x)): compiled out of release builds

            bool grows = Grows(list, repeated, model, ct);
            Confidence confidence;
            switch (list)
            {
                case ILocalSymbol local when !grows && (IsConstantLiteral(local, model, ct) || IsCopyOfFixed(local, model, ct)):
                case IParameterSymbol { IsParams: true }:
                case IFieldSymbol _ when !grows:
                    return;
                case ILocalSymbol _ when grows && repeated is ForEachStatementSyntax each && OverElementMember(each, model, ct):
                    // A local that only collects what this loop yields holds at most as many items as the loop runs: here the
                    // items of one member of each element of an outer loop (a plugin's columns, an order's lines), whose size is unknown.
                    confidence = Confidence.Low;
                    break;
                case IParameterSymbol parameter when !grows:
                    // Its size is the callers' business: input for a public method, unknown for a private helper.
                    confidence = IsPublicApi(parameter) ? Confidence.Medium : Confidence.Low;
                    break;
                default:
                    confidence = Confidence.High;
                    break;
            }
            // A list of characters is an alphabet or the characters of one string: small unless the loop grows it.
            if (!grows && ElementType(source.Type)?.SpecialType == SpecialType.System_Char) confidence = Confidence.Low;
            Session.Add(new Candidate("RP0017", OperationFacts.NameLocation(call), scope,
                "Quadratic scan: " + OperationFacts.Snippet(call.Syntax) + " searches " + list.Name + " from the start " + where,
                grows ? ", while the same loop keeps adding to it" : "",
                Recommendation(method.Name), confidence)
            {
                // Whether the list grows with input is unknown: a note, not a warning.
                Severity = confidence == Confidence.Low ? _ => Severity.Low : (Func<CodeContext, Severity>?)null,
            });
        }

        /// <summary><c>foreach (var column in provider.Columns)</c> inside <c>foreach (var provider in …)</c>: a member of an outer loop's element.</summary>
        private static bool OverElementMember(ForEachStatementSyntax loop, SemanticModel model, CancellationToken ct) =>
            loop.Expression is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax owner }
            && model.GetSymbolInfo(owner, ct).Symbol is ILocalSymbol { DeclaringSyntaxReferences: { Length: 1 } declarations }
            && declarations[0].GetSyntax(ct) is ForEachStatementSyntax outer
            && loop.Ancestors().Contains(outer);

        private static ITypeSymbol? ElementType(ITypeSymbol? type) =>
            type is IArrayTypeSymbol array ? array.ElementType
            : type is INamedTypeSymbol { TypeArguments: { Length: 1 } arguments } ? arguments[0]
            : null;

        /// <summary>
        /// A parameter of a method that code outside the assembly can call, or of a lambda (a minimal-API handler's
        /// parameters are the request): its size comes from input. A private or internal helper's is unknown.
        /// </summary>
        private static bool IsPublicApi(IParameterSymbol parameter)
        {
            if (parameter.ContainingSymbol is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction }) return true;
            for (ISymbol? s = parameter.ContainingSymbol; s != null && !(s is INamespaceSymbol); s = s.ContainingSymbol)
            {
                if (s.DeclaredAccessibility != Accessibility.Public && s.DeclaredAccessibility != Accessibility.Protected
                    && s.DeclaredAccessibility != Accessibility.ProtectedOrInternal)
                {
                    return false;
                }
            }
            return true;
        }

        /// <summary>
        /// <c>var keys = new List&lt;char&gt;(Accelerators)</c>, <c>Names.ToList()</c>: a copy of a field or constant, never grown
        /// in its function — as small as the field it copies, which is not reported either.
        /// </summary>
        private bool IsCopyOfFixed(ILocalSymbol local, SemanticModel model, CancellationToken ct)
        {
            if (local.DeclaringSyntaxReferences.Length != 1
                || !(local.DeclaringSyntaxReferences[0].GetSyntax(ct) is VariableDeclaratorSyntax { Initializer: { } init } declarator))
            {
                return false;
            }
            var value = OperationFacts.Unwrap(model.GetOperation(init.Value, ct));
            IOperation? copied = value switch
            {
                IObjectCreationOperation creation when creation.Arguments.Length == 1 => creation.Arguments[0].Value,
                IInvocationOperation copy when Session.Linq.Copy(copy) != null => copy.Arguments[0].Value,
                _ => null,
            };
            copied = OperationFacts.Unwrap(copied);
            if (!(copied is IFieldReferenceOperation { Field: { IsStatic: true } } || copied?.ConstantValue.HasValue == true)) return false;
            return !Grows(local, DeclaringMember(declarator, ct), model, ct);
        }

        private static string Recommendation(string search) =>
            QuadraticScanTable.Recommendations.TryGetValue(search, out string? fix) ? fix : QuadraticScanTable.PredicateRecommendation;

        private static IOperation? FirstArgument(IInvocationOperation call)
        {
            foreach (var argument in call.Arguments)
            {
                if (argument.Parameter?.Ordinal == 0) return argument.Value;
            }
            return null;
        }

        /// <summary>The innermost loop around the search that the list outlives and that runs over data (not small and fixed, not paced).</summary>
        private static StatementSyntax? LoopOverData(ISymbol list, SyntaxNode search, FunctionScope scope, SemanticModel model, CancellationToken ct)
        {
            foreach (var loop in Loops.OutlivedBy(list, search, scope.Node))
            {
                if (!Loops.IsSmallFixed(loop, model, ct) && !Loops.IsPaced(loop, model, ct)) return loop;
            }
            return null;
        }

        /// <summary>
        /// <c>orders.Where(o =&gt; ids.Contains(o.Id))</c>: the search is in a lambda that LINQ (or List/Array) runs once per
        /// element of <c>orders</c>; returns that sequence. Expression trees (IQueryable) are translated, not run: not here.
        /// </summary>
        private IOperation? PerElementSource(ISymbol list, FunctionScope scope, SemanticModel model, CancellationToken ct)
        {
            if (scope.Kind != FunctionKind.Lambda || OperationFacts.IsDeclaredIn(list, scope.Node)) return null;
            IOperation? parent = model.GetOperation(scope.Node, ct)?.Parent;
            while (parent is IDelegateCreationOperation || parent is IConversionOperation) parent = parent.Parent;
            if (!(parent is IArgumentOperation { Parent: IInvocationOperation caller })
                || !_perElementCallers.Contains(caller.TargetMethod.ContainingType)
                || !((caller.Instance ?? FirstArgument(caller)) is IOperation elements))
            {
                return null;
            }
            return Loops.LiteralElements(elements.Syntax as ExpressionSyntax)?.Count <= Loops.SmallLimit ? null : elements;
        }

        /// <summary>Is the list added to (Add, AddRange, Insert…) inside <paramref name="region"/>?</summary>
        private static bool Grows(ISymbol list, SyntaxNode region, SemanticModel model, CancellationToken ct)
        {
            foreach (var reference in OperationFacts.References(list, region, model, ct))
            {
                if (reference.Parent is IInvocationOperation call && call.Instance == reference
                    && Array.IndexOf(QuadraticScanTable.Growing, call.TargetMethod.Name) >= 0)
                {
                    return true;
                }
            }
            return false;
        }

        /// <summary><c>var exts = new[] { ".jpg", ".png" };</c> never assigned or grown again in its function.</summary>
        private static bool IsConstantLiteral(ILocalSymbol local, SemanticModel model, CancellationToken ct)
        {
            if (local.DeclaringSyntaxReferences.Length != 1
                || !(local.DeclaringSyntaxReferences[0].GetSyntax(ct) is VariableDeclaratorSyntax { Initializer: { } init } declarator)
                || !Loops.IsConstantLiteral(init.Value, model, ct))
            {
                return false;
            }
            return !AssignedAgain(local, model, ct) && !Grows(local, DeclaringMember(declarator, ct), model, ct);
        }

        /// <summary>The member (or, in top-level code, the file) a local is declared in: where it can be written.</summary>
        private static SyntaxNode DeclaringMember(SyntaxNode declarator, CancellationToken ct) =>
            declarator.FirstAncestorOrSelf<MemberDeclarationSyntax>(m => !(m is GlobalStatementSyntax)) ?? declarator.SyntaxTree.GetRoot(ct);

        /// <summary>Is the local assigned after its declaration (or declared without a single declarator)?</summary>
        private static bool AssignedAgain(ILocalSymbol local, SemanticModel model, CancellationToken ct) =>
            local.DeclaringSyntaxReferences.Length != 1 || AssignmentsTo(local, model, ct).Any();

        /// <summary>The assignments to a local (declared once) in the member it is declared in.</summary>
        private static IEnumerable<IAssignmentOperation> AssignmentsTo(ILocalSymbol local, SemanticModel model, CancellationToken ct)
        {
            var declarator = local.DeclaringSyntaxReferences[0].GetSyntax(ct);
            foreach (var reference in OperationFacts.References(local, DeclaringMember(declarator, ct), model, ct))
            {
                if (reference.Parent is IAssignmentOperation assignment && assignment.Target == reference) yield return assignment;
            }
        }
    }
}
