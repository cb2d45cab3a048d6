using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace RuntimePerf.CSharp.Analysis
{
    /// <summary>What a loop runs over: a small fixed set (constant bounds, a literal list) or data.</summary>
    internal static class Loops
    {
        /// <summary>How many iterations a loop with constant bounds or a literal list may make and still be "small and fixed".</summary>
        public const int SmallLimit = 16;

        /// <summary>Calls that make a loop wait between iterations.</summary>
        private static readonly string[] PacingCalls =
        {
            "System.Threading.Tasks.Task.Delay", "System.Threading.Thread.Sleep", "System.Threading.PeriodicTimer.WaitForNextTickAsync",
        };

        /// <summary>"for", "foreach", "while" or "do".</summary>
        public static string Keyword(StatementSyntax loop) => loop switch
        {
            ForStatementSyntax _ => "for",
            CommonForEachStatementSyntax _ => "foreach",
            WhileStatementSyntax _ => "while",
            _ => "do",
        };

        /// <summary>Does any of <paramref name="loops"/> run over data (not small and fixed)?</summary>
        public static bool AnyOverData(List<StatementSyntax> loops, SemanticModel model, CancellationToken ct) =>
            loops.Exists(loop => !IsSmallFixed(loop, model, ct));

        /// <summary>
        /// A loop that waits between iterations (<c>await Task.Delay</c>, <c>Thread.Sleep</c>, <c>WaitForNextTickAsync</c>
        /// in its body or condition): it runs at a pace it chose, not as fast as data arrives.
        /// </summary>
        public static bool IsPaced(StatementSyntax loop, SemanticModel model, CancellationToken ct)
        {
            foreach (var node in OperationFacts.OwnNodes(loop))
            {
                if (node is InvocationExpressionSyntax invocation && model.GetSymbolInfo(invocation, ct).Symbol is IMethodSymbol method
                    && Array.IndexOf(PacingCalls, OperationFacts.FullMemberName(method)) >= 0)
                {
                    return true;
                }
            }
            return false;
        }

        /// <summary>
        /// A for loop with constant bounds, or a foreach over a literal list or a fixed list factory's result
        /// (<see cref="IsFixedListFactoryResult"/>), of at most <see cref="SmallLimit"/> iterations.
        /// </summary>
        public static bool IsSmallFixed(StatementSyntax loop, SemanticModel model, CancellationToken ct)
        {
            switch (loop)
            {
                case ForStatementSyntax f when Bounds(f) is { } bounds:
                    if (!(model.GetConstantValue(bounds.Start, ct).Value is int start) || !(model.GetConstantValue(bounds.End, ct).Value is int end)) return false;
                    return end - start + (bounds.Inclusive ? 1 : 0) <= SmallLimit;
                case CommonForEachStatementSyntax foreachLoop:
                    return LiteralElements(foreachLoop.Expression)?.Count <= SmallLimit || IsFixedListFactoryResult(foreachLoop.Expression, model, ct);
                default:
                    return false;
            }
        }

        /// <summary>
        /// <c>Defaults.FieldNames()</c>, or a local it initialises: a parameterless static method of this code base whose body
        /// builds its list from at most <see cref="SmallLimit"/> items — no loop, no call but <c>Add</c>, nothing copied from
        /// elsewhere — so every call returns the same few elements.
        /// </summary>
        private static bool IsFixedListFactoryResult(ExpressionSyntax expression, SemanticModel model, CancellationToken ct)
        {
            if (expression is IdentifierNameSyntax name && model.GetSymbolInfo(name, ct).Symbol is ILocalSymbol local
                && local.DeclaringSyntaxReferences.Length == 1
                && local.DeclaringSyntaxReferences[0].GetSyntax(ct) is VariableDeclaratorSyntax { Initializer: { } init })
            {
                expression = init.Value;
            }
            if (!(expression is InvocationExpressionSyntax call)
                || !(model.GetSymbolInfo(call, ct).Symbol is IMethodSymbol { IsStatic: true, Parameters: { Length: 0 } } method)
                || method.DeclaringSyntaxReferences.Length != 1
                || !(method.DeclaringSyntaxReferences[0].GetSyntax(ct) is MethodDeclarationSyntax declaration))
            {
                return false;
            }
            if (declaration.ExpressionBody is { } arrow) return LiteralElements(arrow.Expression)?.Count <= SmallLimit;
            if (declaration.Body == null) return false;
            int added = 0;
            foreach (var node in declaration.Body.DescendantNodes())
            {
                switch (node)
                {
                    case ForStatementSyntax _:
                    case CommonForEachStatementSyntax _:
                    case WhileStatementSyntax _:
                    case DoStatementSyntax _:
                    case GotoStatementSyntax _:
                    case YieldStatementSyntax _:
                    case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name: { Identifier: { ValueText: "Add" } } } } when ++added > SmallLimit:
                        return false;
                    case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name: { Identifier: { ValueText: "Add" } } } }:
                        break;
                    case InvocationExpressionSyntax _:
                        return false;
                    // new List<T>(other) copies a collection of unknown size; a capacity is a constant.
                    case BaseObjectCreationExpressionSyntax { ArgumentList: { } arguments } when arguments.Arguments.Any(a => !(a.Expression is LiteralExpressionSyntax)):
                        return false;
                    case ReturnStatementSyntax { Expression: { } returned } when !(returned is IdentifierNameSyntax) && !(LiteralElements(returned)?.Count <= SmallLimit):
                        return false;
                }
            }
            return true;
        }

        /// <summary>
        /// Can an iteration end the loop early (<c>break</c> of this loop, <c>return</c>, <c>goto</c>, <c>yield break</c>) or,
        /// with <paramref name="orSkip"/>, skip the rest of its body (<c>continue</c> of this loop)? Retry and search loops do.
        /// </summary>
        public static bool CanCutShort(StatementSyntax loop, bool orSkip)
        {
            foreach (var node in OperationFacts.OwnNodes(loop))
            {
                switch (node)
                {
                    case ReturnStatementSyntax _:
                    case GotoStatementSyntax _:
                    case YieldStatementSyntax y when y.IsKind(SyntaxKind.YieldBreakStatement):
                        return true;
                    case BreakStatementSyntax _ when JumpTarget(node, orSwitch: true) == loop:
                    case ContinueStatementSyntax _ when orSkip && JumpTarget(node, orSwitch: false) == loop:
                        return true;
                }
            }
            return false;
        }

        /// <summary>The loop (or, for break, switch) a jump statement leaves.</summary>
        private static SyntaxNode? JumpTarget(SyntaxNode jump, bool orSwitch)
        {
            foreach (var ancestor in jump.Ancestors())
            {
                if (ancestor is ForStatementSyntax || ancestor is CommonForEachStatementSyntax || ancestor is WhileStatementSyntax
                    || ancestor is DoStatementSyntax || (orSwitch && ancestor is SwitchStatementSyntax))
                {
                    return ancestor;
                }
            }
            return null;
        }

        /// <summary>
        /// Loops around <paramref name="node"/> that <paramref name="variable"/> outlives, innermost first: stops at the first
        /// loop the variable is declared in (it restarts every iteration of that loop).
        /// </summary>
        public static List<StatementSyntax> OutlivedBy(ISymbol variable, SyntaxNode node, SyntaxNode function)
        {
            var loops = OperationFacts.EnclosingLoops(node, function);
            int declaredIn = variable is ILocalSymbol ? loops.FindIndex(loop => OperationFacts.IsDeclaredIn(variable, loop)) : -1;
            if (declaredIn >= 0) loops.RemoveRange(declaredIn, loops.Count - declaredIn);
            return loops;
        }

        /// <summary><c>for (int i = start; i &lt; end; …)</c> (also <c>&lt;=</c>, <c>end &gt; i</c>): its start and end, or null.</summary>
        public static (ExpressionSyntax Start, ExpressionSyntax End, bool Inclusive)? Bounds(ForStatementSyntax loop)
        {
            if (loop.Declaration?.Variables.Count != 1 || !(loop.Declaration.Variables[0].Initializer is { } init)
                || !(loop.Condition is BinaryExpressionSyntax condition))
            {
                return null;
            }
            var (end, inclusive) = condition.Kind() switch
            {
                SyntaxKind.LessThanExpression => (condition.Right, false),
                SyntaxKind.LessThanOrEqualExpression => (condition.Right, true),
                SyntaxKind.GreaterThanExpression => (condition.Left, false),
                SyntaxKind.GreaterThanOrEqualExpression => (condition.Left, true),
                _ => ((ExpressionSyntax?)null, false),
            };
            return end == null ? ((ExpressionSyntax, ExpressionSyntax, bool)?)null : (init.Value, end, inclusive);
        }

        /// <summary>
        /// The elements of a collection literal — <c>new[] {…}</c>, <c>new T[] {…}</c>, <c>new List&lt;T&gt; {…}</c>,
        /// <c>[…]</c> — or null when the expression is not one (or spreads another collection into it).
        /// </summary>
        public static List<ExpressionSyntax>? LiteralElements(ExpressionSyntax? expression)
        {
            switch (expression)
            {
                case ArrayCreationExpressionSyntax { Initializer: { } items }:
                    return new List<ExpressionSyntax>(items.Expressions);
                case ImplicitArrayCreationExpressionSyntax implicitArray:
                    return new List<ExpressionSyntax>(implicitArray.Initializer.Expressions);
                case BaseObjectCreationExpressionSyntax { Initializer: { } items, ArgumentList: var arguments }
                    when items.IsKind(SyntaxKind.CollectionInitializerExpression) && (arguments == null || arguments.Arguments.Count == 0):
                    return new List<ExpressionSyntax>(items.Expressions);
                case InitializerExpressionSyntax items when items.IsKind(SyntaxKind.ArrayInitializerExpression):
                    return new List<ExpressionSyntax>(items.Expressions); // string[] names = { … }
                case CollectionExpressionSyntax collection:
                    var elements = new List<ExpressionSyntax>(collection.Elements.Count);
                    foreach (var element in collection.Elements)
                    {
                        if (!(element is ExpressionElementSyntax item)) return null;
                        elements.Add(item.Expression);
                    }
                    return elements;
                default:
                    return null;
            }
        }

        /// <summary>A collection literal whose elements are all compile-time constants (<c>new[] { ".jpg", ".png" }</c>).</summary>
        public static bool IsConstantLiteral(ExpressionSyntax? expression, SemanticModel model, CancellationToken ct)
        {
            var elements = LiteralElements(expression);
            if (elements == null) return false;
            foreach (var element in elements)
            {
                if (!model.GetConstantValue(element, ct).HasValue) return false;
            }
            return true;
        }
    }
}
