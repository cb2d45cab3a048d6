using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace RuntimePerf.CSharp.Analysis
{
    /// <summary>
    /// Which variables an operation reads and writes, for the def-use checks of the await rules. A variable is a local,
    /// parameter, field or property; a field or property stands for itself whatever its instance (<c>a.Name</c> and
    /// <c>b.Name</c> are one variable), which can only make two pieces of code look more dependent, never less.
    /// </summary>
    internal static class Variables
    {
        /// <summary>The variable an operation names (<c>x</c>, <c>_field</c>, <c>model.User</c> → User), or null.</summary>
        public static ISymbol? Referenced(IOperation operation) => operation switch
        {
            ILocalReferenceOperation local => local.Local,
            IParameterReferenceOperation parameter => parameter.Parameter,
            IFieldReferenceOperation field => field.Field,
            IPropertyReferenceOperation property => property.Property,
            _ => null,
        };

        /// <summary>
        /// Variables written in <paramref name="root"/> (declared with a value, assigned, incremented, passed by ref/out)
        /// and where each write is.
        /// </summary>
        public static List<(ISymbol Variable, int Position)> Writes(IOperation root)
        {
            var writes = new List<(ISymbol, int)>();
            foreach (var op in root.DescendantsAndSelf())
            {
                switch (op)
                {
                    case IVariableDeclaratorOperation declarator:
                        writes.Add((declarator.Symbol, declarator.Syntax.SpanStart));
                        break;
                    case IAssignmentOperation assignment:
                        AddTargets(assignment.Target, writes);
                        break;
                    case IIncrementOrDecrementOperation increment:
                        AddTargets(increment.Target, writes);
                        break;
                    case IArgumentOperation { Parameter: { RefKind: RefKind.Ref } } byRef:
                        AddTargets(byRef.Value, writes);
                        break;
                    case IArgumentOperation { Parameter: { RefKind: RefKind.Out } } output:
                        AddTargets(output.Value, writes);
                        break;
                }
            }
            return writes;
        }

        /// <summary>Variables read in <paramref name="root"/>; the target of a plain assignment is written, not read.</summary>
        public static HashSet<ISymbol> Reads(IOperation root)
        {
            var reads = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            foreach (var op in root.DescendantsAndSelf())
            {
                if (Referenced(op) is ISymbol symbol && !(op.Parent is ISimpleAssignmentOperation assignment && assignment.Target == op))
                {
                    reads.Add(symbol);
                }
            }
            return reads;
        }

        // x = …, model.User = … (User), items[i] = … (items), (a, b) = … and var (a, b) = … (a and b).
        private static void AddTargets(IOperation target, List<(ISymbol, int)> writes)
        {
            var pending = new Stack<IOperation>();
            pending.Push(target);
            while (pending.Count > 0)
            {
                switch (pending.Pop())
                {
                    case ITupleOperation tuple:
                        foreach (var element in tuple.Elements) pending.Push(element);
                        break;
                    case IDeclarationExpressionOperation declaration:
                        pending.Push(declaration.Expression);
                        break;
                    case IArrayElementReferenceOperation element:
                        pending.Push(element.ArrayReference);
                        break;
                    case IOperation op when Referenced(op) is ISymbol symbol:
                        writes.Add((symbol, op.Syntax.SpanStart));
                        break;
                }
            }
        }
    }
}
