using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace RuntimePerf.CSharp.Analysis
{
    /// <summary>What a loop runs over: a small fixed set (constant bounds, a literal list) or data.</summary>
    internal static class Loops
    {
        /// <summary>A for loop with constant bounds, or a foreach over a literal list, of at most this many iterations is "small and fixed".</summary>
        public const int SmallLimit = 16;

        public static bool IsSmallFixed(StatementSyntax loop, SemanticModel model, CancellationToken ct)
        {
            switch (loop)
            {
                case ForStatementSyntax f when Bounds(f) is { } bounds:
                    if (!(model.GetConstantValue(bounds.Start, ct).Value is int start) || !(model.GetConstantValue(bounds.End, ct).Value is int end)) return false;
                    return end - start + (bounds.Inclusive ? 1 : 0) <= SmallLimit;
                case CommonForEachStatementSyntax foreachLoop:
                    return LiteralElements(foreachLoop.Expression)?.Count <= SmallLimit;
                default:
                    return false;
            }
        }

        /// <summary>
        /// Loops around <paramref name="node"/> that <paramref name="variable"/> outlives, innermost first: stops at the first
        /// loop the variable is declared in (it restarts every iteration of that loop).
        /// </summary>
        public static List<StatementSyntax> OutlivedBy(ISymbol variable, SyntaxNode node, SyntaxNode function)
        {
            var declarations = variable is ILocalSymbol local ? local.DeclaringSyntaxReferences : ImmutableArray<SyntaxReference>.Empty;
            var loops = OperationFacts.EnclosingLoops(node, function);
            for (int i = 0; i < loops.Count; i++)
            {
                foreach (var declaration in declarations)
                {
                    if (declaration.SyntaxTree == loops[i].SyntaxTree && loops[i].Span.Contains(declaration.Span))
                    {
                        loops.RemoveRange(i, loops.Count - i);
                        return loops;
                    }
                }
            }
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
