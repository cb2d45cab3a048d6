using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace RuntimePerf.CSharp.Analysis
{
    /// <summary>
    /// Methods passed by name to an endpoint registration anywhere in the compilation (<c>app.MapGet("/", Handler)</c>,
    /// <c>group.MapPost("/{id}/notes", SaveNote)</c>): request handlers although nothing in their declaration says so.
    /// Found once, on first need, so that a plain method's context is final where its finding is found and editors show
    /// it as the code is typed — an editor analysing one open document never runs compilation-end actions. Only files
    /// whose text calls a registration's name are walked, and only such calls with an argument that may hold a method
    /// group are bound. Generated code counts too: a generator may write the registrations.
    /// </summary>
    internal sealed class RegisteredHandlers
    {
        private static readonly HashSet<string> Names =
            new HashSet<string>(FrameworkTable.HandlerRegistrations.SelectMany(row => row.Value), StringComparer.Ordinal);

        private readonly Compilation _compilation;
        private readonly Frameworks _frameworks;
        private readonly object _gate = new object();
        private HashSet<Location>? _declarations;

        public RegisteredHandlers(Compilation compilation, Frameworks frameworks)
        {
            _compilation = compilation;
            _frameworks = frameworks;
        }

        /// <summary>Whether the method declared at <paramref name="declaration"/> (<see cref="FunctionScope.MethodGroupKey"/>) is registered.</summary>
        public bool Contains(Location declaration, CancellationToken ct)
        {
            var found = Volatile.Read(ref _declarations);
            if (found == null)
            {
                lock (_gate)
                {
                    found = _declarations;
                    if (found == null)
                    {
                        found = Find(ct); // a cancelled search leaves nothing behind: the next caller searches again
                        Volatile.Write(ref _declarations, found);
                    }
                }
            }
            return found.Contains(declaration);
        }

        private HashSet<Location> Find(CancellationToken ct)
        {
            var found = new HashSet<Location>();
            if (!_frameworks.CanRegisterHandlers) return found; // no ASP.NET Core routing referenced: nothing to look for
            CompilationSearch.Any(_compilation, MayCallRegistration, node => node is InvocationExpressionSyntax call && IsRegistrationShaped(call),
                (node, model) =>
                {
                    if (model.GetOperation(node, ct) is IInvocationOperation registration && _frameworks.IsHandlerRegistration(registration.TargetMethod))
                    {
                        foreach (var argument in registration.Arguments)
                        {
                            if (OperationFacts.Unwrap(argument.Value) is IMethodReferenceOperation reference) found.UnionWith(Keys(reference.Method));
                        }
                    }
                    return false; // every registration counts
                }, ct);
            return found;
        }

        // A registration's name followed by '(' (or '<' of type arguments) somewhere in the text.
        private static bool MayCallRegistration(string text)
        {
            foreach (string name in Names)
            {
                for (int at = text.IndexOf(name, StringComparison.Ordinal); at >= 0; at = text.IndexOf(name, at + 1, StringComparison.Ordinal))
                {
                    int next = at + name.Length;
                    while (next < text.Length && char.IsWhiteSpace(text[next])) next++;
                    if (next < text.Length && (text[next] == '(' || text[next] == '<')) return true;
                }
            }
            return false;
        }

        // x.MapGet(…, H), x?.MapGet(…, X.H), x.MapGet(…, (Func<string>)H): a registration's name and an argument that
        // may hold a method group (anything but a lambda or a literal).
        private static bool IsRegistrationShaped(InvocationExpressionSyntax call)
        {
            string? name = call.Expression switch
            {
                MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
                MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
                SimpleNameSyntax simple => simple.Identifier.ValueText,
                _ => null,
            };
            if (name == null || !Names.Contains(name)) return false;
            foreach (var argument in call.ArgumentList.Arguments)
            {
                if (!(argument.Expression is AnonymousFunctionExpressionSyntax || argument.Expression is LiteralExpressionSyntax)) return true;
            }
            return false;
        }

        /// <summary>A method's keys like <see cref="FunctionScope.MethodGroupKey"/>: the span of each declaration (both parts of a partial method).</summary>
        private static IEnumerable<Location> Keys(IMethodSymbol referenced) =>
            Definition(referenced).DeclaringSyntaxReferences.Select(declaration => Location.Create(declaration.SyntaxTree, declaration.Span));

        /// <summary>The method as declared: not a constructed generic or a reduced extension, the implementing part of a partial method.</summary>
        public static IMethodSymbol Definition(IMethodSymbol method)
        {
            var definition = (method.ReducedFrom ?? method).OriginalDefinition;
            return definition.PartialImplementationPart ?? definition;
        }
    }
}
