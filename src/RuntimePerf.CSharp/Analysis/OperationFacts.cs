using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace RuntimePerf.CSharp.Analysis
{
    /// <summary>Small, loop-based helpers over operations and syntax shared by the detectors.</summary>
    internal static class OperationFacts
    {
        private static readonly SymbolDisplayFormat FullNameFormat =
            new SymbolDisplayFormat(typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces);

        /// <summary><c>System.IO.Path</c>, <c>System.String</c> (no keywords, no type arguments): names as the data tables write them.</summary>
        public static string FullName(ISymbol symbol) => symbol.ToDisplayString(FullNameFormat);

        /// <summary><c>System.Threading.Tasks.Task.Delay</c>: a member by its type's full name.</summary>
        public static string FullMemberName(ISymbol member) => FullName(member.ContainingType) + "." + member.Name;

        /// <summary>Strips implicit/explicit conversions and delegate creations.</summary>
        public static IOperation? Unwrap(IOperation? operation)
        {
            while (true)
            {
                switch (operation)
                {
                    case IConversionOperation conversion: operation = conversion.Operand; break;
                    case IDelegateCreationOperation creation: operation = creation.Target; break;
                    default: return operation;
                }
            }
        }

        /// <summary>
        /// The variable a value comes from: <c>_items.Where(…).ToList()</c> → <c>_items</c>, <c>dict.Keys</c> → <c>dict</c>,
        /// <c>tasks[0]</c> → <c>tasks</c>. Null when the chain starts at a call or an expression.
        /// </summary>
        public static ISymbol? RootSymbol(IOperation? operation)
        {
            while (true)
            {
                operation = Unwrap(operation);
                switch (operation)
                {
                    case ILocalReferenceOperation local: return local.Local;
                    case IParameterReferenceOperation parameter: return parameter.Parameter;
                    case IFieldReferenceOperation field: return field.Field;
                    case IPropertyReferenceOperation property when property.Instance == null || property.Instance is IInstanceReferenceOperation:
                        return property.Property;
                    case IPropertyReferenceOperation property: operation = property.Instance; break;
                    case IArrayElementReferenceOperation element: operation = element.ArrayReference; break;
                    // from kv in _dict where … select kv.Key: the method calls the query is written for
                    case ITranslatedQueryOperation query: operation = query.Operation; break;
                    case IInvocationOperation invocation when invocation.Instance != null && !(invocation.Instance is IInstanceReferenceOperation):
                        operation = invocation.Instance;
                        break;
                    case IInvocationOperation invocation when invocation.TargetMethod.IsExtensionMethod && invocation.Arguments.Length > 0:
                        operation = invocation.Arguments[0].Value;
                        break;
                    default: return null;
                }
            }
        }

        /// <summary>
        /// The await machinery, hand-written or decompiled: a member of an <c>IAsyncStateMachine</c> (what <c>await</c> compiles
        /// to), or <c>GetResult</c>/<c>OnCompleted</c>/<c>UnsafeOnCompleted</c> of an awaiter (<c>INotifyCompletion</c>). Its
        /// <c>GetResult</c> calls come after <c>IsCompleted</c> or the continuation, and what it schedules is the awaiting code's own.
        /// </summary>
        public static bool IsAwaitMachinery(ISymbol? member)
        {
            if (member is not IMethodSymbol { ContainingType: { } type } method) return false;
            bool Implements(string name) => type.AllInterfaces.Any(i => i.Name == name && i.ContainingNamespace?.ToDisplayString() == "System.Runtime.CompilerServices");
            return Implements("IAsyncStateMachine")
                || method.Name is "GetResult" or "OnCompleted" or "UnsafeOnCompleted" && Implements("INotifyCompletion");
        }

        /// <summary>The initializer of a local declared with one (<c>var x = …;</c>, <c>using var x = …;</c>), or null.</summary>
        public static IOperation? Initializer(ILocalSymbol local, SemanticModel model, CancellationToken ct)
        {
            var references = local.DeclaringSyntaxReferences;
            if (references.Length != 1 || !(references[0].GetSyntax(ct) is VariableDeclaratorSyntax { Initializer: { } initializer })) return null;
            return model.GetOperation(initializer.Value, ct);
        }

        /// <summary>The references to <paramref name="symbol"/> (a local, parameter or field) written inside <paramref name="within"/>.</summary>
        public static List<IOperation> References(ISymbol symbol, SyntaxNode within, SemanticModel model, CancellationToken ct)
        {
            var references = new List<IOperation>();
            foreach (var node in within.DescendantNodes())
            {
                if (node is IdentifierNameSyntax id && id.Identifier.ValueText == symbol.Name
                    && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(id, ct).Symbol, symbol)
                    && model.GetOperation(id, ct) is IOperation reference)
                {
                    references.Add(reference);
                }
            }
            return references;
        }

        /// <summary>The nodes under <paramref name="node"/> that run as part of it: not the bodies of lambdas or local functions.</summary>
        public static IEnumerable<SyntaxNode> OwnNodes(SyntaxNode node) =>
            node.DescendantNodes(n => !(n is AnonymousFunctionExpressionSyntax || n is LocalFunctionStatementSyntax));

        /// <summary>The operations of <paramref name="root"/> that run with it (itself included): not those of its lambdas and local functions.</summary>
        public static IEnumerable<IOperation> OwnOperations(IOperation root)
        {
            var pending = new Stack<IOperation>();
            pending.Push(root);
            while (pending.Count > 0)
            {
                var operation = pending.Pop();
                if (operation is IAnonymousFunctionOperation || operation is ILocalFunctionOperation) continue;
                yield return operation;
                foreach (var child in operation.ChildOperations) pending.Push(child);
            }
        }

        /// <summary>The body (a block or an arrow's expression) of a method or local function declared once in source; null otherwise.</summary>
        public static SyntaxNode? BodySyntax(IMethodSymbol method, CancellationToken ct) =>
            method.DeclaringSyntaxReferences.Length != 1 ? null : method.DeclaringSyntaxReferences[0].GetSyntax(ct) switch
            {
                BaseMethodDeclarationSyntax declaration => (SyntaxNode?)declaration.Body ?? declaration.ExpressionBody,
                LocalFunctionStatementSyntax local => (SyntaxNode?)local.Body ?? local.ExpressionBody,
                _ => null,
            };

        /// <summary>Is <paramref name="symbol"/> (a local, a lambda parameter) declared inside <paramref name="node"/>?</summary>
        public static bool IsDeclaredIn(ISymbol symbol, SyntaxNode node)
        {
            foreach (var declaration in symbol.DeclaringSyntaxReferences)
            {
                if (declaration.SyntaxTree == node.SyntaxTree && node.Span.Contains(declaration.Span)) return true;
            }
            return false;
        }

        /// <summary>The <c>this</c> argument of an extension call or the instance of an instance call.</summary>
        public static IOperation? Receiver(IInvocationOperation invocation) =>
            invocation.Instance ?? (invocation.TargetMethod.IsExtensionMethod && invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null);

        /// <summary>
        /// Points at the member name (<c>ReadAllText(…)</c>, <c>Result</c>), not the whole chain before it; a static
        /// call keeps its type (<c>Thread.Sleep(100)</c>), which is what the reader looks for.
        /// </summary>
        public static Location NameLocation(IOperation operation)
        {
            if (operation is IInvocationOperation { TargetMethod: { IsStatic: true, IsExtensionMethod: false } })
                return operation.Syntax.GetLocation();
            // new HttpClient(handler) { BaseAddress = … }: the creation without its initializer, which may span many lines.
            if (operation.Syntax is BaseObjectCreationExpressionSyntax { Initializer: { } } creation)
            {
                int end = creation.ArgumentList?.Span.End ?? (creation as ObjectCreationExpressionSyntax)?.Type.Span.End ?? creation.NewKeyword.Span.End;
                return Location.Create(creation.SyntaxTree, TextSpan.FromBounds(creation.SpanStart, end));
            }
            var access = operation.Syntax switch
            {
                InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax a } => a,
                MemberAccessExpressionSyntax a => a,
                _ => null,
            };
            return access == null
                ? operation.Syntax.GetLocation()
                : Location.Create(operation.Syntax.SyntaxTree, TextSpan.FromBounds(access.Name.SpanStart, operation.Syntax.Span.End));
        }

        /// <summary>True for types with a parameterless GetAwaiter (Task, ValueTask…), IAsyncEnumerable and IAsyncEnumerator.</summary>
        public static bool IsAsyncResult(ITypeSymbol? type) =>
            type != null
            && ((type.MetadataName == "IAsyncEnumerable`1" || type.MetadataName == "IAsyncEnumerator`1")
                && type.ContainingNamespace?.ToDisplayString() == "System.Collections.Generic"
                || IsAwaitable(type));

        /// <summary><paramref name="method"/> is <paramref name="target"/> or overrides it, directly or further down the chain.</summary>
        public static bool IsOrOverrides(IMethodSymbol? method, IMethodSymbol target)
        {
            for (var m = method; m != null; m = m.OverriddenMethod)
            {
                if (SymbolEqualityComparer.Default.Equals(m.OriginalDefinition, target.OriginalDefinition)) return true;
            }
            return false;
        }

        /// <summary>
        /// True for types with a parameterless GetAwaiter whose awaiter implements <c>INotifyCompletion</c>, as <c>await</c>
        /// requires: Task, ValueTask, ConfiguredTaskAwaitable… (not a type whose GetAwaiter returns something else).
        /// </summary>
        public static bool IsAwaitable(ITypeSymbol? type)
        {
            for (var t = type; t != null; t = t.BaseType)
            {
                foreach (var member in t.GetMembers("GetAwaiter"))
                {
                    if (member is IMethodSymbol m && m.Parameters.Length == 0 && IsAwaiter(m.ReturnType)) return true;
                }
            }
            return false;
        }

        private static bool IsAwaiter(ITypeSymbol awaiter) =>
            awaiter.TypeKind == TypeKind.Error // unresolved: take the author's word for it
            || IsNotifyCompletion(awaiter) || awaiter.AllInterfaces.Any(IsNotifyCompletion);

        private static bool IsNotifyCompletion(ITypeSymbol type) =>
            type.Name == "INotifyCompletion" && type.ContainingNamespace?.ToDisplayString() == "System.Runtime.CompilerServices";

        public static bool IsConstant(IOperation? operation, int value) =>
            Unwrap(operation)?.ConstantValue is { HasValue: true } constant && constant.Value switch
            {
                int i => i == value,
                long l => l == value, // 0L beside a LongCount()
                _ => false,
            };

        /// <summary>Source text of a node on one line, cut to <paramref name="max"/> characters.</summary>
        public static string Snippet(SyntaxNode node, int max = 60)
        {
            string text = System.Text.RegularExpressions.Regex.Replace(node.ToString(), @"\s+", " ");
            return text.Length <= max ? text : text.Substring(0, max - 1) + "…";
        }

        /// <summary>
        /// Loops whose repeated part (body, condition, incrementors) contains <paramref name="node"/>, innermost first,
        /// up to the enclosing function <paramref name="function"/>. A foreach collection is evaluated once: not inside.
        /// </summary>
        public static List<StatementSyntax> EnclosingLoops(SyntaxNode node, SyntaxNode function)
        {
            var loops = new List<StatementSyntax>();
            for (SyntaxNode child = node, parent = node.Parent!; parent != null && child != function; child = parent, parent = parent.Parent!)
            {
                bool repeated = parent switch
                {
                    ForStatementSyntax f => child == f.Statement || child == f.Condition || (child is ExpressionSyntax e && f.Incrementors.Contains(e)),
                    CommonForEachStatementSyntax fe => child == fe.Statement,
                    WhileStatementSyntax w => child == w.Statement || child == w.Condition,
                    DoStatementSyntax d => child == d.Statement || child == d.Condition,
                    _ => false,
                };
                if (repeated) loops.Add((StatementSyntax)parent);
            }
            return loops;
        }

        /// <summary><c>t.ConfigureAwait(false)</c> → <c>t</c>; anything else unchanged (conversions stripped).</summary>
        public static IOperation? StripConfigureAwait(IOperation? operation)
        {
            operation = Unwrap(operation);
            return operation is IInvocationOperation { TargetMethod: { Name: "ConfigureAwait" } } configure ? configure.Instance : operation;
        }

        /// <summary>
        /// Inside an argument of a call the compiler drops from release builds (<c>[Conditional("DEBUG")]</c>:
        /// <c>Debug.Assert</c>, <c>Debug.WriteLine</c>): it never runs in production.
        /// </summary>
        public static bool InDebugOnlyCall(IOperation operation)
        {
            for (var parent = operation.Parent; parent != null; parent = parent.Parent)
            {
                if (parent is IAnonymousFunctionOperation || parent is ILocalFunctionOperation) return false;
                if (!(parent is IInvocationOperation call)) continue;
                foreach (var attribute in call.TargetMethod.GetAttributes())
                {
                    if (attribute.AttributeClass is { Name: "ConditionalAttribute" } && attribute.ConstructorArguments.Length == 1
                        && attribute.ConstructorArguments[0].Value is "DEBUG")
                    {
                        return true;
                    }
                }
            }
            return false;
        }

        /// <summary><c>Wait(0)</c> / <c>Wait(TimeSpan.Zero)</c>: a wait with a zero timeout only polls, it never blocks.</summary>
        public static bool IsPoll(IInvocationOperation wait)
        {
            if (wait.Arguments.Length == 0) return false;
            var first = Unwrap(wait.Arguments[0].Value);
            return IsConstant(first, 0)
                || (first is IFieldReferenceOperation { Field: { Name: "Zero", ContainingType: { Name: "TimeSpan", ContainingNamespace: { Name: "System" } } } });
        }
    }
}
