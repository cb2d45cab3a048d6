using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace RuntimePerf.CSharp.Analysis
{
    /// <summary>
    /// Does an expression have the same value on every iteration of a loop? It may read constants, and variables the
    /// loop neither declares, assigns, passes by ref nor calls a method on; it may call only pure helpers (string,
    /// Path, Math). Anything else — another call, an element access, <c>DateTime.Now</c> — may differ per iteration.
    /// </summary>
    internal static class LoopInvariance
    {
        /// <summary>Types whose static and instance methods return the same value for the same inputs.</summary>
        private static readonly string[] PureTypes = { "System.String", "System.IO.Path", "System.Math" };

        /// <summary>Members of <see cref="PureTypes"/> that are not pure after all.</summary>
        private static readonly string[] Impure = { "System.IO.Path.GetTempFileName", "System.IO.Path.GetRandomFileName" };

        /// <summary>Static properties that change by themselves.</summary>
        private static readonly string[] Volatile =
        {
            "System.DateTime.Now", "System.DateTime.UtcNow", "System.DateTime.Today", "System.DateTimeOffset.Now",
            "System.DateTimeOffset.UtcNow", "System.Environment.TickCount", "System.Environment.TickCount64",
        };

        public static bool IsInvariant(IOperation expression, StatementSyntax loop, SemanticModel model, CancellationToken ct) =>
            IsInvariant(new[] { expression }, loop, model, ct);

        public static bool IsInvariant(IEnumerable<IOperation> expressions, StatementSyntax loop, SemanticModel model, CancellationToken ct)
        {
            Changes? changes = null;
            Changes Changed() => changes ??= new Changes(loop, model, ct);
            foreach (var expression in expressions)
            {
                foreach (var op in expression.DescendantsAndSelf())
                {
                    if (op.ConstantValue.HasValue) continue;
                    switch (op)
                    {
                        case IConversionOperation _: case IParenthesizedOperation _: case IBinaryOperation _: case IUnaryOperation _:
                        case IInterpolatedStringOperation _: case IInterpolationOperation _: case IInterpolatedStringTextOperation _:
                        case IConditionalOperation _: case ICoalesceOperation _: case IArgumentOperation _: case IInstanceReferenceOperation _:
                        case ITypeOfOperation _: case IDefaultValueOperation _:
                            continue; // invariant when their operands are
                        case ILocalReferenceOperation local:
                            if (OperationFacts.IsDeclaredIn(local.Local, loop) || Changed().Contains(local.Local)) return false;
                            continue;
                        case IParameterReferenceOperation parameter:
                            if (Changed().Contains(parameter.Parameter)) return false;
                            continue;
                        case IFieldReferenceOperation field:
                            if (field.Field.IsConst || field.Field.IsReadOnly) continue;
                            if (Changed().Contains(field.Field) || Changed().CallsThis) return false;
                            continue;
                        case IPropertyReferenceOperation property:
                            if (property.Instance == null && Array.IndexOf(Volatile, OperationFacts.FullMemberName(property.Property)) >= 0) return false;
                            if (Changed().Contains(property.Property)) return false;
                            continue;
                        case IInvocationOperation call:
                            if (!IsPure(call.TargetMethod)) return false;
                            continue;
                        default:
                            return false;
                    }
                }
            }
            return true;
        }

        private static bool IsPure(IMethodSymbol method) =>
            Array.IndexOf(PureTypes, OperationFacts.FullName(method.ContainingType)) >= 0 && Array.IndexOf(Impure, OperationFacts.FullMemberName(method)) < 0;

        /// <summary>What a loop may change: variables it assigns or passes by ref, receivers of its (impure) calls, this.</summary>
        private sealed class Changes
        {
            private readonly HashSet<ISymbol> _symbols = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            private readonly bool _unknown;

            public Changes(StatementSyntax loop, SemanticModel model, CancellationToken ct)
            {
                var operation = model.GetOperation(loop, ct);
                _unknown = operation == null; // not bound: assume it changes everything
                if (operation == null) return;
                foreach (var op in operation.Descendants())
                {
                    switch (op)
                    {
                        case IAssignmentOperation assignment:
                            AddTargets(assignment.Target);
                            break;
                        case IIncrementOrDecrementOperation increment:
                            AddTargets(increment.Target);
                            break;
                        case IArgumentOperation argument when argument.Parameter != null && argument.Parameter.RefKind != RefKind.None
                                                               && argument.Parameter.RefKind != RefKind.In:
                            AddTargets(argument.Value);
                            break;
                        case IInvocationOperation call when !IsPure(call.TargetMethod):
                            var receiver = OperationFacts.Unwrap(OperationFacts.Receiver(call));
                            if (receiver is IInstanceReferenceOperation || (receiver == null && !call.TargetMethod.IsStatic)) CallsThis = true;
                            else if (OperationFacts.RootSymbol(receiver) is ISymbol root) _symbols.Add(root);
                            break;
                    }
                }
            }

            /// <summary>The loop calls an instance method of this object, which may change any of its fields.</summary>
            public bool CallsThis { get; private set; }

            public bool Contains(ISymbol symbol) => _unknown || _symbols.Contains(symbol);

            // x = …, (a, b) = …, obj.Path = …: every variable or member written, and the variable it hangs off.
            private void AddTargets(IOperation target)
            {
                foreach (var op in target.DescendantsAndSelf())
                {
                    switch (op)
                    {
                        case ILocalReferenceOperation local: _symbols.Add(local.Local); break;
                        case IParameterReferenceOperation parameter: _symbols.Add(parameter.Parameter); break;
                        case IFieldReferenceOperation field: _symbols.Add(field.Field); break;
                        case IPropertyReferenceOperation property: _symbols.Add(property.Property); break;
                    }
                }
            }
        }
    }
}
