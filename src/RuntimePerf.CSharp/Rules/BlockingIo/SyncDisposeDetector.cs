using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;
using RuntimePerf.CSharp.Analysis;
using RuntimePerf.Engine.Model;

namespace RuntimePerf.CSharp.Rules.BlockingIo
{
    /// <summary>
    /// RP0001 for disposal: <c>using</c> (not <c>await using</c>) of an IAsyncDisposable in async code. Its synchronous
    /// Dispose flushes and closes on the caller's thread (a StreamWriter, a FileStream, a DbDataReader draining its
    /// results, a Utf8JsonWriter); <c>provider.CreateScope()</c> disposes every scoped service synchronously, where
    /// <c>CreateAsyncScope()</c> would not. Left alone: values in memory (MemoryStream, a writer over one), types whose
    /// Dispose does no I/O (<see cref="BlockingIoTable.DisposeWithoutIo"/>), streams handed out to be read (a response's
    /// body, a file opened to read: <see cref="BlockingIoTable.ReadStreamSources"/>, <see cref="BlockingIoTable.ReadOnlyAccess"/>),
    /// a variable declared as IDisposable.
    /// MEDIUM everywhere: a dispose usually waits less than the work done inside the block.
    /// </summary>
    internal sealed class SyncDisposeDetector : Detector
    {
        private readonly INamedTypeSymbol? _asyncDisposable;
        private readonly TypeSet _ioTypes;
        private readonly TypeSet _withoutIo;
        private readonly MemberTable _scopeFactories;
        private readonly MemberTable _readStreams;
        private readonly MemberTable _readOnlyAccess;
        private readonly bool _hasAsyncScope;

        public SyncDisposeDetector(AnalysisSession session, Compilation compilation) : base(session)
        {
            _asyncDisposable = compilation.GetTypeByMetadataName("System.IAsyncDisposable");
            _ioTypes = new TypeSet(compilation, BlockingIoTable.IoTypes);
            _withoutIo = new TypeSet(compilation, BlockingIoTable.DisposeWithoutIo);
            _scopeFactories = new MemberTable(compilation, BlockingIoTable.ScopeFactories);
            _readStreams = new MemberTable(compilation, BlockingIoTable.ReadStreamSources);
            _readOnlyAccess = new MemberTable(compilation, BlockingIoTable.ReadOnlyAccess);
            // CreateAsyncScope came with .NET 6's DI: before it, there is nothing better to advise.
            _hasAsyncScope = compilation.GetTypeByMetadataName("Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions")
                ?.GetMembers("CreateAsyncScope").Length > 0;
        }

        public override ImmutableArray<OperationKind> Kinds { get; } = ImmutableArray.Create(OperationKind.Using, OperationKind.UsingDeclaration);

        public override void Analyze(IOperation operation, CancellationToken ct)
        {
            IOperation resources;
            Location location;
            SyntaxNode shown;
            switch (operation)
            {
                case IUsingOperation { IsAsynchronous: false } statement when statement.Syntax is UsingStatementSyntax syntax:
                    resources = statement.Resources;
                    location = Location.Create(syntax.SyntaxTree, TextSpan.FromBounds(syntax.UsingKeyword.SpanStart, syntax.CloseParenToken.Span.End));
                    shown = (SyntaxNode?)syntax.Declaration ?? syntax.Expression!;
                    break;
                case IUsingDeclarationOperation { IsAsynchronous: false } declaration:
                    resources = declaration.DeclarationGroup;
                    location = declaration.Syntax.Parent is LocalDeclarationStatementSyntax local ? local.GetLocation() : declaration.Syntax.GetLocation();
                    // the declaration without its using keyword, which the message writes itself
                    shown = declaration.Syntax is LocalDeclarationStatementSyntax statementSyntax ? statementSyntax.Declaration : declaration.DeclarationGroup.Syntax;
                    break;
                default:
                    return;
            }
            if (_asyncDisposable == null && !_hasAsyncScope) return;
            foreach (var (type, value) in Resources(resources))
            {
                string? advice = Advice(type, value, ct, out var confidence);
                if (advice == null) continue;
                var scope = Session.ScopeOf(operation, ct);
                if (!scope.IsAsync || !scope.MayBeAsyncPath) return;
                Session.Add(new Candidate("RP0001", location, scope,
                    "Blocking dispose: " + "using " + OperationFacts.Snippet(shown, 50) + " inside ",
                    " disposes " + (type?.Name ?? "it") + " synchronously, flushing and closing on this thread",
                    advice + (scope.HasAsyncKeyword ? "" : " (make the function async)"), confidence)
                {
                    AsyncPathOnly = true,
                    Severity = _ => Severity.Medium,
                });
                return; // one finding per using
            }
        }

        /// <summary>The advice for a resource that should be disposed asynchronously; null for one that need not be.</summary>
        private string? Advice(ITypeSymbol? type, IOperation? value, CancellationToken ct, out Confidence confidence)
        {
            confidence = Confidence.High;
            var created = OperationFacts.Unwrap(value);
            if (_hasAsyncScope && created is IInvocationOperation call && _scopeFactories.Contains(call.TargetMethod.ContainingType, call.TargetMethod.Name))
            {
                var provider = call.Instance ?? (call.Arguments.Length > 0 ? call.Arguments[0].Value : null);
                return "Use await using with " + (provider != null ? OperationFacts.Snippet(provider.Syntax, 40) + "." : "") + "CreateAsyncScope()";
            }
            if (type == null || !DisposesAsync(type) || _withoutIo.ContainsSelfOrBase(type) || Session.InMemory.Contains(created, ct)) return null;
            // using var body = await response.Content.ReadAsStreamAsync(ct): a stream to read, nothing to flush
            if (IsOpenedToRead(created is IAwaitOperation awaited ? OperationFacts.Unwrap(awaited.Operation) : created)) return null;
            confidence = _ioTypes.IsAssignableFrom(type) ? Confidence.High : Confidence.Medium;
            return "Use await using";
        }

        /// <summary>A stream handed out to be read (<c>File.OpenRead(path)</c>), or one opened with read-only access.</summary>
        private bool IsOpenedToRead(IOperation? source)
        {
            if (source is IInvocationOperation call && _readStreams.Contains(call.TargetMethod)) return true;
            var arguments = source switch
            {
                IInvocationOperation c => c.Arguments,
                IObjectCreationOperation creation => creation.Arguments,
                _ => ImmutableArray<IArgumentOperation>.Empty,
            };
            foreach (var argument in arguments)
            {
                if (argument.Value is IFieldReferenceOperation access && _readOnlyAccess.Contains(access.Field.ContainingType, access.Field.Name)) return true;
            }
            return false;
        }

        /// <summary>IAsyncDisposable, or an accessible DisposeAsync() returning an awaitable (the pattern await using accepts).</summary>
        private bool DisposesAsync(ITypeSymbol type)
        {
            if (_asyncDisposable != null
                && (SymbolEqualityComparer.Default.Equals(type, _asyncDisposable) || type.AllInterfaces.Contains(_asyncDisposable, SymbolEqualityComparer.Default)))
            {
                return true;
            }
            for (var t = type; t != null; t = t.BaseType)
            {
                foreach (var member in t.GetMembers("DisposeAsync"))
                {
                    if (member is IMethodSymbol { IsStatic: false, Parameters: { Length: 0 }, DeclaredAccessibility: Accessibility.Public } method
                        && OperationFacts.IsAwaitable(method.ReturnType))
                    {
                        return true;
                    }
                }
            }
            return false;
        }

        /// <summary>Each resource of a using: a declared variable's type and initializer, or an expression's type and value.</summary>
        private static IEnumerable<(ITypeSymbol? Type, IOperation? Value)> Resources(IOperation resources)
        {
            if (resources is IVariableDeclarationGroupOperation group)
            {
                foreach (var declaration in group.Declarations)
                {
                    foreach (var declarator in declaration.Declarators)
                    {
                        yield return (declarator.Symbol.Type, declarator.Initializer?.Value ?? declaration.Initializer?.Value);
                    }
                }
            }
            else
            {
                yield return (OperationFacts.Unwrap(resources)?.Type ?? resources.Type, resources);
            }
        }
    }
}
