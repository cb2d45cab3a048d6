using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using RuntimePerf.CSharp.Analysis;
using RuntimePerf.Engine.Model;

namespace RuntimePerf.CSharp.Rules.StringConcatInLoop
{
    /// <summary>
    /// RP0004: <c>s += …</c> or <c>s = s + …</c> on a string local, parameter, field or auto-property inside a loop that the variable
    /// outlives. MEDIUM when a loop runs over data; LOW when every such loop is small and fixed.
    /// </summary>
    internal sealed class StringConcatInLoopDetector : Detector
    {
        public StringConcatInLoopDetector(AnalysisSession session) : base(session) { }

        public override ImmutableArray<OperationKind> Kinds { get; } =
            ImmutableArray.Create(OperationKind.CompoundAssignment, OperationKind.SimpleAssignment);

        public override void Analyze(IOperation operation, CancellationToken ct)
        {
            var target = operation switch
            {
                ICompoundAssignmentOperation compound when compound.OperatorKind == BinaryOperatorKind.Add && IsString(compound.Target.Type) =>
                    Variable(compound.Target),
                ISimpleAssignmentOperation simple when IsString(simple.Target.Type) && Variable(simple.Target) is ISymbol v && ConcatenationReads(simple.Value, v) => v,
                _ => null,
            };
            // A property counts when it is an auto-property (a field behind accessors); checked once, on the target.
            if (target == null || target is IPropertySymbol property && !IsAutoProperty(property)) return;
            var scope = Session.ScopeOf(operation, ct);
            var model = operation.SemanticModel!;
            var loops = Loops.OutlivedBy(target, operation.Syntax, scope.Node);
            int reset = loops.FindIndex(loop => ResetsBefore(loop, target, operation.Syntax, model, ct));
            if (reset >= 0) loops.RemoveRange(reset, loops.Count - reset);
            if (loops.Count == 0) return;

            bool overData = Loops.AnyOverData(loops, model, ct);
            string kind = Loops.Keyword(loops[0]);
            Session.Add(new Candidate("RP0004", operation.Syntax.GetLocation(), scope,
                "String concatenation in a loop: " + OperationFacts.Snippet(operation.Syntax, 50) + " inside a " + kind + " loop in ",
                " copies the whole string on every iteration",
                "Append to a StringBuilder in the loop (or use string.Join / string.Concat over the items) and build the string once",
                Confidence.High)
            {
                Severity = _ => overData ? Severity.Medium : Severity.Low,
            });
        }

        /// <summary>
        /// Does the loop's body set the variable afresh (<c>s = "";</c>, a value that does not read it) in a statement of its
        /// own before the one that appends? Then it restarts every iteration, like a variable declared in the loop.
        /// </summary>
        private static bool ResetsBefore(StatementSyntax loop, ISymbol variable, SyntaxNode append, SemanticModel model, CancellationToken ct)
        {
            var body = loop switch
            {
                ForStatementSyntax f => f.Statement,
                CommonForEachStatementSyntax fe => fe.Statement,
                WhileStatementSyntax w => w.Statement,
                DoStatementSyntax d => d.Statement,
                _ => null,
            };
            if (!(body is BlockSyntax block) || !block.Span.Contains(append.Span)) return false;
            foreach (var statement in block.Statements)
            {
                if (statement.Span.Contains(append.Span)) return false;
                if (statement is ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax assignment }
                    && model.GetOperation(assignment, ct) is ISimpleAssignmentOperation set
                    && SymbolEqualityComparer.Default.Equals(Variable(set.Target), variable)
                    && !Reads(set.Value, variable))
                {
                    return true;
                }
            }
            return false;
        }

        private static bool Reads(IOperation value, ISymbol variable)
        {
            foreach (var op in value.DescendantsAndSelf())
            {
                if (SymbolEqualityComparer.Default.Equals(Variable(op), variable)) return true;
            }
            return false;
        }

        private static bool IsString(ITypeSymbol? type) => type?.SpecialType == SpecialType.System_String;

        private static ISymbol? Variable(IOperation operation) => operation switch
        {
            ILocalReferenceOperation local => local.Local,
            IParameterReferenceOperation parameter => parameter.Parameter,
            IFieldReferenceOperation field when field.Instance == null || field.Instance is IInstanceReferenceOperation => field.Field,
            IPropertyReferenceOperation property when property.Instance == null || property.Instance is IInstanceReferenceOperation => property.Property,
            _ => null,
        };

        /// <summary><c>string Text { get; set; }</c> declared in this code: a field behind accessors that do nothing else.</summary>
        private static bool IsAutoProperty(IPropertySymbol property)
        {
            if (property.IsIndexer || property.IsAbstract || property.IsVirtual || property.DeclaringSyntaxReferences.Length != 1
                || !(property.DeclaringSyntaxReferences[0].GetSyntax() is PropertyDeclarationSyntax { AccessorList: { } accessors, ExpressionBody: null }))
            {
                return false;
            }
            foreach (var accessor in accessors.Accessors)
            {
                if (accessor.Body != null || accessor.ExpressionBody != null) return false;
            }
            return true;
        }

        /// <summary>Does the string concatenation <paramref name="value"/> read <paramref name="variable"/> (s = s + x, s = x + s + y)?</summary>
        private static bool ConcatenationReads(IOperation value, ISymbol variable)
        {
            var pending = new Stack<IOperation>();
            pending.Push(value);
            while (pending.Count > 0)
            {
                var op = OperationFacts.Unwrap(pending.Pop());
                if (op is IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } add && IsString(add.Type))
                {
                    pending.Push(add.LeftOperand);
                    pending.Push(add.RightOperand);
                }
                else if (op != null && SymbolEqualityComparer.Default.Equals(Variable(op), variable))
                {
                    return true;
                }
            }
            return false;
        }
    }
}
