using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using RuntimePerf.CSharp.Analysis;
using RuntimePerf.Engine.Model;

namespace RuntimePerf.CSharp.Rules.MissingPreallocation
{
    /// <summary>
    /// RP0022: <c>var list = new List&lt;T&gt;();</c> (or a Dictionary/HashSet, no capacity) filled by exactly one
    /// <c>Add</c> per iteration of the loop that follows — an unconditional statement of the loop body, in a loop no
    /// break, continue or return cuts short — when the loop runs over a collection whose count is known (an array, an
    /// ICollection) or a <c>for (i = 0; i &lt; n; i++)</c>. Nothing else may grow or receive the list before the loop ends,
    /// nor grow it after (a second loop, a trailing Add). A set is reported only when each iteration adds the loop's item
    /// itself: a value computed from it may repeat, and the set's size is then the number of distinct values.
    /// </summary>
    internal sealed class MissingPreallocationDetector : Detector
    {
        private readonly TypeRows<Growable> _collections;
        private readonly TypeSet _counted;
        private readonly TypeSet _enumerable;

        public MissingPreallocationDetector(AnalysisSession session, Compilation compilation) : base(session)
        {
            _collections = new TypeRows<Growable>(compilation, MissingPreallocationTable.Collections, row => row.Type);
            _counted = new TypeSet(compilation, MissingPreallocationTable.Counted);
            _enumerable = new TypeSet(compilation, new[] { "System.Collections.IEnumerable" });
        }

        public override ImmutableArray<OperationKind> Kinds { get; } = ImmutableArray.Create(OperationKind.ObjectCreation);

        public override void Analyze(IOperation operation, CancellationToken ct)
        {
            var creation = (IObjectCreationOperation)operation;
            if (!(_collections.Find(creation.Type, _ => true) is Growable growable) || creation.Constructor == null
                || creation.Constructor.Parameters.Any(p => p.Type.SpecialType == SpecialType.System_Int32 || _enumerable.IsAssignableFrom(p.Type))
                || creation.Initializer?.Initializers.Length > 0
                || !(DeclaredBy(creation) is IVariableDeclaratorOperation declarator))
            {
                return;
            }
            var scope = Session.ScopeOf(operation, ct);
            var model = operation.SemanticModel!;
            if (!(FillingLoop(declarator.Symbol, scope.Node, model, ct) is ({ } loop, { } add, var after)) || !(KnownCount(loop, model, ct) is string known)) return;
            if (growable.Dedupes && !AddsLoopItem(add, loop, model, ct)) return;
            string count = after > 0 ? known + " + " + after : known;

            string type = creation.Type!.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
            string arguments = string.Concat(creation.Arguments.Select(a => ", " + a.Syntax));
            Session.Add(new Candidate("RP0022", OperationFacts.NameLocation(operation), scope,
                "Missing preallocation: " + declarator.Symbol.Name + " = " + OperationFacts.Snippet(creation.Syntax) + " starts empty and grows by one Add per iteration of a "
                + Loops.Keyword(loop) + " loop of known length (" + known + ")" + (after > 0 ? ", and " + after + " more after it," : "") + " in ",
                ", resizing and copying as it goes",
                "Give it the capacity: new " + type + "(" + count + arguments + ")" + growable.Alternative, Confidence.High));
        }

        /// <summary>
        /// <c>var list = new List&lt;T&gt;();</c> or <c>List&lt;T&gt; list = new();</c> (a target-typed new is wrapped in an
        /// identity conversion); not a list typed as an interface.
        /// </summary>
        private static IVariableDeclaratorOperation? DeclaredBy(IObjectCreationOperation creation)
        {
            var parent = creation.Parent;
            if (parent is IConversionOperation conversion && SymbolEqualityComparer.Default.Equals(conversion.Type, creation.Type)) parent = parent.Parent;
            return (parent as IVariableInitializerOperation)?.Parent as IVariableDeclaratorOperation;
        }

        /// <summary>
        /// The loop that fills the list: the first growing use of the list is an Add that is a statement of that loop's
        /// body, the only loop the list outlives there; before the loop ends the list is only read (no other growth, no
        /// hand-over to other code), and after it nothing grows it again but single Adds that always follow it (a footer row:
        /// <paramref name="list"/>'s size is then the count plus those, <c>After</c>).
        /// </summary>
        private static (StatementSyntax Loop, IInvocationOperation Add, int After)? FillingLoop(ILocalSymbol list, SyntaxNode function, SemanticModel model, CancellationToken ct)
        {
            var uses = OperationFacts.References(list, function, model, ct);
            IInvocationOperation? add = null;
            StatementSyntax? loop = null;
            int after = 0;
            foreach (var use in uses)
            {
                if (loop != null && use.Syntax.SpanStart >= loop.Span.End)
                {
                    // read or handed on after the loop: fine; an Add that always follows it: one more; grown otherwise (a
                    // second loop, an Add under a condition): the loop's count is not its size
                    if (!(use.Parent is IInvocationOperation later && later.Instance == use && Grows(later.TargetMethod.Name) && MayRunAfter(loop, later.Syntax))) continue;
                    if (later.TargetMethod.Name != "Add" || !AlwaysFollows(loop, later)) return null;
                    after++;
                    continue;
                }
                switch (use.Parent)
                {
                    case IInvocationOperation call when call.Instance == use && call.TargetMethod.Name == "Add":
                        if (add != null) return null;
                        add = call;
                        var loops = Loops.OutlivedBy(list, call.Syntax, function);
                        if (loops.Count != 1 || !IsBodyStatement(call, loops[0])) return null;
                        loop = loops[0];
                        break;
                    case IInvocationOperation call when call.Instance == use:
                        if (Grows(call.TargetMethod.Name)) return null;
                        break;
                    case IPropertyReferenceOperation property when property.Instance == use:
                        if (property.Parent is IAssignmentOperation assignment && assignment.Target == property) return null; // Capacity = …
                        break;
                    default:
                        return null; // passed on, assigned or replaced: it may be filled elsewhere
                }
            }
            return loop != null && add != null && !Loops.CanCutShort(loop, orSkip: true) ? (loop, add, after) : null;
        }

        /// <summary><c>rows.Add(footer);</c> as a statement of the block the loop is in, after it: it runs once the loop has.</summary>
        private static bool AlwaysFollows(StatementSyntax loop, IInvocationOperation add) =>
            add.Parent is IExpressionStatementOperation { Syntax: StatementSyntax statement } && statement.Parent is BlockSyntax block && block == loop.Parent;

        /// <summary>
        /// Can <paramref name="later"/> run once the loop has: it is not in another arm of an if or switch around both, nor
        /// past a return or throw that ends the block the loop is in.
        /// </summary>
        private static bool MayRunAfter(StatementSyntax loop, SyntaxNode later)
        {
            for (SyntaxNode child = loop, parent = loop.Parent!; parent != null; child = parent, parent = parent.Parent!)
            {
                if (parent.Span.Contains(later.Span)) return !(parent is IfStatementSyntax || parent is SwitchStatementSyntax);
                var statements = parent switch
                {
                    BlockSyntax block => block.Statements,
                    SwitchSectionSyntax section => section.Statements,
                    _ => default,
                };
                if (statements.SkipWhile(s => s != child).Skip(1).Any(s => s is ReturnStatementSyntax || s is ThrowStatementSyntax)) return false;
            }
            return true;
        }

        private static bool Grows(string method) => method == "Add" || Array.IndexOf(MissingPreallocationTable.OtherGrowing, method) >= 0;

        /// <summary>
        /// The Add is given the loop's item itself: the foreach variable, or <c>xs[i]</c> indexed by the for loop's counter,
        /// or the item's own identity (<c>device.Id</c>), as distinct as the items; not another of its values (<c>job.Group</c>).
        /// </summary>
        private static bool AddsLoopItem(IInvocationOperation add, StatementSyntax loop, SemanticModel model, CancellationToken ct)
        {
            if (add.Arguments.Length != 1) return false;
            var value = OperationFacts.Unwrap(add.Arguments[0].Value);
            if (value is IMemberReferenceOperation { Instance: { } item } identity && !(identity is IPropertyReferenceOperation { Arguments.Length: > 0 })
                && Array.IndexOf(MissingPreallocationTable.IdentityMembers, identity.Member.Name) >= 0) value = OperationFacts.Unwrap(item);
            return loop switch
            {
                ForEachStatementSyntax f => IsLocal(value, model.GetDeclaredSymbol(f, ct)),
                ForStatementSyntax f => IsLocal(IndexOf(value), model.GetDeclaredSymbol(f.Declaration!.Variables[0], ct)),
                _ => false,
            };

            static IOperation? IndexOf(IOperation? element) => element switch
            {
                IArrayElementReferenceOperation { Indices: { Length: 1 } indices } => indices[0],
                IPropertyReferenceOperation { Arguments: { Length: 1 } arguments } => arguments[0].Value,
                _ => null,
            };

            static bool IsLocal(IOperation? value, ISymbol? local) =>
                local != null && OperationFacts.Unwrap(value) is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local);
        }

        /// <summary>The Add runs on every iteration: it is a statement of the loop body itself, not nested in an if, try or block.</summary>
        private static bool IsBodyStatement(IInvocationOperation add, StatementSyntax loop)
        {
            if (!(add.Parent is IExpressionStatementOperation statement)) return false;
            var body = loop switch
            {
                CommonForEachStatementSyntax f => f.Statement,
                ForStatementSyntax f => f.Statement,
                _ => null,
            };
            return body != null && (statement.Syntax == body || statement.Syntax.Parent == body && body is BlockSyntax);
        }

        /// <summary>How many iterations the loop makes, as an expression to pass as the capacity; null when not known up front.</summary>
        private string? KnownCount(StatementSyntax loop, SemanticModel model, CancellationToken ct)
        {
            switch (loop)
            {
                case CommonForEachStatementSyntax foreachLoop when Loops.LiteralElements(foreachLoop.Expression) == null
                                                                  && model.GetOperation(foreachLoop, ct) is IForEachLoopOperation { IsAsynchronous: false } operation:
                    if (IsCopyForTheLoop(operation, model, ct)) return null;
                    var collection = OperationFacts.Unwrap(operation.Collection)?.Type;
                    string source = OperationFacts.Snippet(foreachLoop.Expression, 40);
                    if (collection is IArrayTypeSymbol) return source + ".Length";
                    return _counted.IsAssignableFrom(collection) ? source + ".Count" : null;
                case ForStatementSyntax forLoop when Loops.Bounds(forLoop) is { Inclusive: false } bounds && CountsUp(forLoop)
                                                     && model.GetConstantValue(bounds.Start, ct).Value is int start && start == 0:
                    var end = model.GetConstantValue(bounds.End, ct);
                    return end.Value is int n && n <= Loops.SmallLimit ? null : OperationFacts.Snippet(bounds.End, 40);
                default:
                    return null;
            }
        }

        /// <summary>
        /// The loop walks a copy made for it: <c>xs.Where(f).ToList()</c>, or a local holding one that only the loop reads.
        /// Its count exists only through the copy RP0006 reports; without the copy it is unknown.
        /// </summary>
        private bool IsCopyForTheLoop(IForEachLoopOperation loop, SemanticModel model, CancellationToken ct)
        {
            if (!(Session.Linq.LoopCopy(loop, ct) is { } found)) return false;
            if (!(found.Local is { } local)) return true;
            var within = loop.Syntax.FirstAncestorOrSelf<MemberDeclarationSyntax>() ?? loop.Syntax;
            return OperationFacts.References(local, within, model, ct).Count == 1;
        }

        /// <summary><c>for (int i = 0; i &lt; n; i++)</c>: the condition and the one incrementor are about the declared variable.</summary>
        private static bool CountsUp(ForStatementSyntax loop)
        {
            string variable = loop.Declaration!.Variables[0].Identifier.ValueText;
            bool ConditionOn(ExpressionSyntax side) => side is IdentifierNameSyntax id && id.Identifier.ValueText == variable;
            var condition = (BinaryExpressionSyntax)loop.Condition!;
            if (!ConditionOn(condition.Left) && !ConditionOn(condition.Right)) return false;
            if (loop.Incrementors.Count != 1) return false;
            return loop.Incrementors[0] switch
            {
                PostfixUnaryExpressionSyntax post => post.IsKind(SyntaxKind.PostIncrementExpression) && ConditionOn(post.Operand),
                PrefixUnaryExpressionSyntax pre => pre.IsKind(SyntaxKind.PreIncrementExpression) && ConditionOn(pre.Operand),
                _ => false,
            };
        }
    }
}
