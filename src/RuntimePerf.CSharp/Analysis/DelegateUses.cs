using System;
using System.Collections.Concurrent;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace RuntimePerf.CSharp.Analysis
{
    /// <summary>
    /// Whether a delegate is made from a method anywhere in the compilation (<c>button.Click += OnClick</c>,
    /// <c>new Timer(Tick)</c>, <c>Register(Refresh)</c>, also in generated code): then its void signature is the
    /// delegate's, not its author's choice. Asked per method when its finding is found — a text search for its name,
    /// then binding only the uses of that name that are not calls — so editors can show the finding as code is typed.
    /// </summary>
    internal sealed class DelegateUses
    {
        private readonly Compilation _compilation;
        private readonly ConcurrentDictionary<IMethodSymbol, bool> _answers =
            new ConcurrentDictionary<IMethodSymbol, bool>(SymbolEqualityComparer.Default);

        public DelegateUses(Compilation compilation) => _compilation = compilation;

        public bool Contains(IMethodSymbol method, CancellationToken ct)
        {
            method = RegisteredHandlers.Definition(method);
            if (_answers.TryGetValue(method, out bool used)) return used;
            return _answers.GetOrAdd(method, Find(method, ct)); // cancelled: nothing is remembered
        }

        private bool Find(IMethodSymbol method, CancellationToken ct) =>
            CompilationSearch.Any(_compilation,
                text => text.IndexOf(method.Name, StringComparison.Ordinal) >= 0,
                node => node is SimpleNameSyntax name && name.Identifier.ValueText == method.Name && !IsCalled(name),
                (node, model) => model.GetOperation(Reference((SimpleNameSyntax)node), ct) is IMethodReferenceOperation reference
                                 && reference.Parent is IDelegateCreationOperation
                                 && SymbolEqualityComparer.Default.Equals(RegisteredHandlers.Definition(reference.Method), method),
                ct);

        // `Name(…)` and `x.Name(…)` call the method; the other uses of the name are bound to see whether they make a delegate.
        private static bool IsCalled(SimpleNameSyntax name)
        {
            var expression = Reference(name);
            return expression.Parent is InvocationExpressionSyntax call && call.Expression == expression;
        }

        /// <summary><c>Tick</c>, or <c>timer.Tick</c> / <c>x?.Tick</c> whose member name it is: the node the method reference binds to.</summary>
        private static ExpressionSyntax Reference(SimpleNameSyntax name) =>
            name.Parent is MemberAccessExpressionSyntax access && access.Name == name ? access
            : name.Parent is MemberBindingExpressionSyntax binding && binding.Name == name ? binding
            : name;
    }
}
