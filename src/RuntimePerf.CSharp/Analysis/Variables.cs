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
        /// Variables written in <paramref name="root"/> (declared with a value, assigned, incremented, passed by ref/out):
        /// where each write is and the operation whose reads the written value comes from.
        /// </summary>
        public static List<Write> Writes(IOperation root)
        {
            var writes = new List<Write>();
            foreach (var op in root.DescendantsAndSelf())
            {
                switch (op)
                {
                    case IVariableDeclaratorOperation declarator:
                        writes.Add(new Write(declarator.Symbol, declarator.Syntax.SpanStart, declarator));
                        break;
                    case ISimpleAssignmentOperation assignment:
                        AddTargets(assignment.Target, assignment.Value, writes);
                        break;
                    case IAssignmentOperation assignment: // x += …, x ??= …, (a, b) = …: the old value counts too
                        AddTargets(assignment.Target, assignment, writes);
                        break;
                    case IIncrementOrDecrementOperation increment:
                        AddTargets(increment.Target, increment, writes);
                        break;
                    case IArgumentOperation { Parameter: { RefKind: RefKind.Ref } } byRef:
                        AddTargets(byRef.Value, byRef.Parent ?? byRef, writes);
                        break;
                    case IArgumentOperation { Parameter: { RefKind: RefKind.Out } } output:
                        AddTargets(output.Value, output.Parent ?? output, writes);
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
        private static void AddTargets(IOperation target, IOperation source, List<Write> writes)
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
                        writes.Add(new Write(symbol, op.Syntax.SpanStart, source));
                        break;
                }
            }
        }
    }

    /// <summary>A write of <see cref="Variable"/> at <see cref="Position"/>, its value computed from what <see cref="Source"/> reads.</summary>
    internal sealed record Write(ISymbol Variable, int Position, IOperation Source);
}
