using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using RuntimePerf.CSharp.Analysis;
using RuntimePerf.Engine.Model;

namespace RuntimePerf.CSharp.Rules.MissingCancellation
{
    /// <summary>
    /// RP0018: inside a function (method, local function or lambda) that takes a CancellationToken, an async call that
    /// passes no token although it could: it leaves an optional token parameter at its default, or the compiler binds the
    /// same call with a token added (<c>GetStringAsync(url)</c> → <c>GetStringAsync(url, ct)</c>). A token passed
    /// explicitly (<c>CancellationToken.None</c>, <c>default</c>, another source's) is a choice and not reported, nor is
    /// work deliberately detached (a dropped or discarded task) or cleanup in catch/finally that must finish anyway; nor a
    /// call whose argument carries the token, that works on a value in memory, or that the token would turn into the
    /// calling method calling itself.
    /// </summary>
    internal sealed class MissingCancellationDetector : Detector
    {
        private static readonly ExpressionSyntax NoToken = SyntaxFactory.ParseExpression("global::System.Threading.CancellationToken.None");

        private readonly TypeSet _token;
        private readonly TypeSet _asyncSequence;
        private readonly MemberTable _schedulingOnly;
        private readonly TypeSet _dataEnds;

        public MissingCancellationDetector(AnalysisSession session, Compilation compilation) : base(session)
        {
            _token = new TypeSet(compilation, new[] { "System.Threading.CancellationToken" });
            _asyncSequence = new TypeSet(compilation, new[] { "System.Collections.Generic.IAsyncEnumerable`1" });
            _schedulingOnly = new MemberTable(compilation, MissingCancellationTable.SchedulingOnly);
            _dataEnds = new TypeSet(compilation, MissingCancellationTable.DataEnds);
        }

        public override ImmutableArray<OperationKind> Kinds { get; } = ImmutableArray.Create(OperationKind.Invocation, OperationKind.Loop);

        public override void Analyze(IOperation operation, CancellationToken ct)
        {
            if (operation is ILoopOperation loop)
            {
                if (loop is IForEachLoopOperation forEach) AnalyzeAsyncForEach(forEach, ct);
                return;
            }
            var call = (IInvocationOperation)operation;
            var method = call.TargetMethod;
            if (!OperationFacts.IsAsyncResult(method.ReturnType) || _schedulingOnly.Contains(method.ContainingType, method.Name) || PassesToken(call)) return;
            var model = call.SemanticModel!;
            var enclosing = model.GetEnclosingSymbol(call.Syntax.SpanStart, ct) as IMethodSymbol;
            var token = TokenParameter(enclosing);
            if (token == null || IsDetachedOrCancelledLater(call) || InCleanup(call.Syntax) || CarriesToken(call, token, ct) || WorksInMemory(call, ct)) return;
            if (!LeavesTokenDefault(call) && !HasTokenOverload(call, model, enclosing, ct)) return;

            string name = (method.IsStatic && !method.IsExtensionMethod ? method.ContainingType.Name + "." : "") + method.Name;
            Session.Add(new Candidate("RP0018", OperationFacts.NameLocation(call), Session.ScopeOf(call, ct),
                "Missing cancellation: " + name + "() in ",
                " is called without the CancellationToken " + token.Name + " it receives, so the work goes on after the caller has given up",
                "Pass the token: " + name + "(…, " + token.Name + ")", Confidence.High));
        }

        /// <summary>
        /// <c>await foreach (var x in source)</c> over a sequence the function was handed (a parameter, field or property):
        /// its enumerator never sees the function's token unless <c>source.WithCancellation(ct)</c> passes it. A sequence
        /// the function makes itself is a call, checked above; a local may already carry a token and is not reported.
        /// </summary>
        private void AnalyzeAsyncForEach(IForEachLoopOperation loop, CancellationToken ct)
        {
            if (!loop.IsAsynchronous) return;
            var source = OperationFacts.Unwrap(loop.Collection);
            // A ConfiguredCancelableAsyncEnumerable (WithCancellation / ConfigureAwait applied earlier) is not an IAsyncEnumerable.
            if (source is null || !(source is IParameterReferenceOperation || source is IFieldReferenceOperation || source is IPropertyReferenceOperation)
                || !_asyncSequence.IsAssignableFrom(source.Type))
            {
                return;
            }
            var model = loop.SemanticModel!;
            var token = TokenParameter(model.GetEnclosingSymbol(loop.Syntax.SpanStart, ct) as IMethodSymbol);
            if (token == null || InCleanup(loop.Syntax)) return;
            string name = source.Syntax.ToString();
            Session.Add(new Candidate("RP0018", source.Syntax.GetLocation(), Session.ScopeOf(loop, ct),
                "Missing cancellation: await foreach over " + OperationFacts.Snippet(source.Syntax, 40) + " in ",
                " enumerates without the CancellationToken " + token.Name + " it receives, so the producer goes on after the caller has given up",
                "Pass the token to the enumerator: await foreach (var x in " + name + ".WithCancellation(" + token.Name + "))", Confidence.High));
        }

        /// <summary>
        /// The function's own token; for a local function that can capture (not <c>static</c>) and has none, the token of
        /// the function around it: a local function runs as part of its method, while a lambda may run after it returned.
        /// </summary>
        private IParameterSymbol? TokenParameter(IMethodSymbol? function)
        {
            for (; function != null; function = function is { MethodKind: MethodKind.LocalFunction, IsStatic: false } ? function.ContainingSymbol as IMethodSymbol : null)
            {
                foreach (var parameter in function.Parameters)
                {
                    if (_token.Contains(parameter.Type)) return parameter;
                }
            }
            return null;
        }

        /// <summary>Some argument written in the call is a token.</summary>
        private bool PassesToken(IInvocationOperation call)
        {
            foreach (var argument in call.Arguments)
            {
                if (argument.ArgumentKind != ArgumentKind.DefaultValue && _token.Contains(argument.Value.Type)) return true;
            }
            return false;
        }

        private bool LeavesTokenDefault(IInvocationOperation call)
        {
            foreach (var argument in call.Arguments)
            {
                if (argument.ArgumentKind == ArgumentKind.DefaultValue && argument.Parameter != null && _token.Contains(argument.Parameter.Type)) return true;
            }
            return false;
        }

        /// <summary>
        /// The task is dropped or discarded (fire-and-forget: RP0024's concern, and cancelling it with the caller may not be
        /// wanted), or a call on it passes the token (<c>FooAsync().WaitAsync(ct)</c>, the extension
        /// <c>ItemsAsync().WithCancellation(ct)</c> that hands the token to an <c>[EnumeratorCancellation]</c> parameter).
        /// </summary>
        private bool IsDetachedOrCancelledLater(IOperation call)
        {
            var child = call;
            var parent = Consumer(call);
            while (parent is IConversionOperation || parent is IInvocationOperation next && OperationFacts.Receiver(next) == child)
            {
                if (parent is IInvocationOperation invocation && PassesToken(invocation)) return true;
                child = parent;
                parent = Consumer(parent);
            }
            return parent is IExpressionStatementOperation || parent is ISimpleAssignmentOperation { Target: IDiscardOperation _ };
        }

        /// <summary>The operation that uses <paramref name="value"/>: an extension call rather than the argument slot of its receiver.</summary>
        private static IOperation? Consumer(IOperation value) =>
            value.Parent is IArgumentOperation { Parent: IInvocationOperation invocation } && OperationFacts.Receiver(invocation) == value
                ? invocation
                : value.Parent;

        /// <summary>In a catch or finally block of the same function: cleanup that should complete even when cancelled.</summary>
        private static bool InCleanup(SyntaxNode node)
        {
            foreach (var ancestor in node.Ancestors())
            {
                switch (ancestor)
                {
                    case CatchClauseSyntax _:
                    case FinallyClauseSyntax _:
                        return true;
                    case AnonymousFunctionExpressionSyntax _:
                    case LocalFunctionStatementSyntax _:
                    case MemberDeclarationSyntax _:
                        return false;
                }
            }
            return false;
        }

        /// <summary>
        /// An argument holds the token inside it: <c>SendAsync(new Request(id, ct))</c>, or a local made with it
        /// (<c>var args = new CloseArgs(code, ct); CloseAsync(args)</c>). The token flows where the callee reads it.
        /// </summary>
        private static bool CarriesToken(IInvocationOperation call, IParameterSymbol token, CancellationToken ct)
        {
            foreach (var argument in call.Arguments)
            {
                if (argument.ArgumentKind == ArgumentKind.DefaultValue) continue;
                var value = OperationFacts.Unwrap(argument.Value);
                if (value is ILocalReferenceOperation local) value = OperationFacts.Initializer(local.Local, call.SemanticModel!, ct);
                if (value == null) continue;
                foreach (var part in value.DescendantsAndSelf())
                {
                    if (part is IParameterReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Parameter, token)) return true;
                }
            }
            return false;
        }

        /// <summary>
        /// A call on a value in memory (a MemoryStream field, a reader over a string) that moves no data to or from a
        /// stream elsewhere: it completes synchronously, there is nothing to cancel. <c>memory.CopyToAsync(network)</c> is still reported.
        /// </summary>
        private bool WorksInMemory(IInvocationOperation call, CancellationToken ct)
        {
            var receiver = OperationFacts.Receiver(call);
            if (receiver == null || !Session.InMemory.Contains(receiver, ct)) return false;
            foreach (var argument in call.Arguments)
            {
                if (argument.Value != receiver && _dataEnds.IsAssignableFrom(argument.Value.Type) && !Session.InMemory.Contains(argument.Value, ct)) return false;
            }
            return true;
        }

        /// <summary>
        /// Does the compiler bind the same call with a token appended to an overload that takes it there? Not when that
        /// would be the calling method again on the same values (<see cref="RepeatsCaller"/>).
        /// </summary>
        private bool HasTokenOverload(IInvocationOperation call, SemanticModel model, IMethodSymbol? caller, CancellationToken ct)
        {
            if (!(call.Syntax is InvocationExpressionSyntax invocation)) return false;
            var arguments = invocation.ArgumentList.Arguments;
            foreach (var argument in arguments)
            {
                if (argument.NameColon != null) return false; // a positional token cannot follow named arguments
            }
            var extended = invocation.AddArgumentListArguments(SyntaxFactory.Argument(NoToken));
            var info = model.GetSpeculativeSymbolInfo(invocation.SpanStart, extended, SpeculativeBindingOption.BindAsExpression);
            if (!(info.Symbol is IMethodSymbol overload) || !OperationFacts.IsAsyncResult(overload.ReturnType)
                || RepeatsCaller(invocation, overload, caller, model, ct)) return false;
            // The call as written has no token parameter (else it would pass or default one): a bound token parameter is the appended one.
            foreach (var parameter in overload.Parameters)
            {
                if (!parameter.IsParams && _token.Contains(parameter.Type)) return true;
            }
            return false;
        }

        /// <summary>
        /// Would the call with the token appended be the calling method (or one it overrides) called again on its own
        /// receiver with its own parameters, in their places? Then passing the token makes it call itself forever: an
        /// overload that forwards (<c>SendAsync(m, ct) =&gt; SendAsync(m)</c>), a polyfill whose only token overload is
        /// itself (<c>LoadIntoBufferAsync(this HttpContent c, CancellationToken ct) =&gt; c.LoadIntoBufferAsync()</c>, also in
        /// an <c>extension(HttpContent c)</c> block). A recursion on other values (<c>WalkAsync(node, depth - 1)</c>) can take the token.
        /// </summary>
        private static bool RepeatsCaller(InvocationExpressionSyntax invocation, IMethodSymbol overload, IMethodSymbol? caller, SemanticModel model, CancellationToken ct)
        {
            if (caller == null || !OperationFacts.IsOrOverrides(caller, overload.ReducedFrom ?? overload)) return false;
            // Called as x.Ext(…): x stands for the extension's this parameter, the arguments for the parameters after it.
            int offset = overload.ReducedFrom != null ? 1 : 0;
            switch (invocation.Expression)
            {
                case MemberAccessExpressionSyntax access when IsOwnReceiver(model.GetOperation(access.Expression, ct), caller, offset):
                case SimpleNameSyntax _:
                    break;
                default:
                    return false;
            }
            var arguments = invocation.ArgumentList.Arguments;
            for (int i = 0; i < arguments.Count; i++)
            {
                if (i + offset >= caller.Parameters.Length
                    || !(OperationFacts.Unwrap(model.GetOperation(arguments[i].Expression, ct)) is IParameterReferenceOperation reference)
                    || !SymbolEqualityComparer.Default.Equals(reference.Parameter, caller.Parameters[i + offset]))
                {
                    return false;
                }
            }
            return true;
        }

        /// <summary>
        /// <c>this</c>, a type name (a static call), or the calling extension's receiver: its <c>this</c> parameter, or the
        /// parameter of the <c>extension(…)</c> block it is declared in (which belongs to the block, not to the method).
        /// </summary>
        private static bool IsOwnReceiver(IOperation? receiver, IMethodSymbol caller, int offset) =>
            OperationFacts.Unwrap(receiver) switch
            {
                null => offset == 0,
                IInstanceReferenceOperation _ => offset == 0,
                IParameterReferenceOperation { Parameter: var parameter } => offset == 1
                    ? SymbolEqualityComparer.Default.Equals(parameter, caller.Parameters[0])
                    : SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, caller.ContainingType),
                _ => false,
            };
    }
}
