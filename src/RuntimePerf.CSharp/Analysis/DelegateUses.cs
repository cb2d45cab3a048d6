using System;
using System.Collections.Concurrent;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace RuntimePerf.CSharp.Analysis
{
    /// <summary>
    /// How a method is used anywhere in the compilation, also in generated code: whether a delegate is made from it
    /// (<c>button.Click += OnClick</c>, <c>new Timer(Tick)</c>, <c>Register(Refresh)</c>) — then its void signature is
    /// the delegate's, not its author's choice — and, when no delegate is, whether it is called directly. Asked per
    /// method when its finding is found — a text search for its name, then binding only the uses of that name — so
    /// editors can show the finding as code is typed.
    /// </summary>
    internal sealed class DelegateUses
    {
        [Flags]
        public enum Uses { None = 0, DelegateMade = 1, Called = 2 }

        private readonly Compilation _compilation;
        private readonly ConcurrentDictionary<IMethodSymbol, Uses> _answers =
            new ConcurrentDictionary<IMethodSymbol, Uses>(SymbolEqualityComparer.Default);

        public DelegateUses(Compilation compilation) => _compilation = compilation;

        public Uses Of(IMethodSymbol method, CancellationToken ct)
        {
            method = RegisteredHandlers.Definition(method);
            if (_answers.TryGetValue(method, out var uses)) return uses;
            return _answers.GetOrAdd(method, Find(method, ct)); // cancelled: nothing is remembered
        }

        private Uses Find(IMethodSymbol method, CancellationToken ct)
        {
            var uses = Uses.None;
            CompilationSearch.Any(_compilation,
                text => text.IndexOf(method.Name, StringComparison.Ordinal) >= 0,
                node => node is SimpleNameSyntax name && name.Identifier.ValueText == method.Name,
                (node, model) =>
                {
                    uses |= UseOf((SimpleNameSyntax)node, model, method, ct);
                    return (uses & Uses.DelegateMade) != 0; // a delegate decides: whether it is also called is not asked
                },
                ct);
            return uses;
        }

        private static Uses UseOf(SimpleNameSyntax name, SemanticModel model, IMethodSymbol method, CancellationToken ct)
        {
            var expression = Reference(name);
            if (expression.Parent is InvocationExpressionSyntax call && call.Expression == expression)
            {
                return model.GetOperation(call, ct) is IInvocationOperation invocation
                       && SymbolEqualityComparer.Default.Equals(RegisteredHandlers.Definition(invocation.TargetMethod), method)
                    ? Uses.Called : Uses.None;
            }
            return model.GetOperation(expression, ct) is IMethodReferenceOperation reference
                   && reference.Parent is IDelegateCreationOperation
                   && SymbolEqualityComparer.Default.Equals(RegisteredHandlers.Definition(reference.Method), method)
                ? Uses.DelegateMade : Uses.None;
        }

        /// <summary><c>Tick</c>, or <c>timer.Tick</c> / <c>x?.Tick</c> whose member name it is: the node the method reference binds to.</summary>
        private static ExpressionSyntax Reference(SimpleNameSyntax name) =>
            name.Parent is MemberAccessExpressionSyntax access && access.Name == name ? access
            : name.Parent is MemberBindingExpressionSyntax binding && binding.Name == name ? binding
            : name;
    }
}
