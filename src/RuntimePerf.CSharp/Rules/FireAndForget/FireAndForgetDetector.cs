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

namespace RuntimePerf.CSharp.Rules.FireAndForget
{
    /// <summary>
    /// RP0024: an <c>async void</c> method or local function that is not an event handler (see <see cref="IsAsyncVoid"/>)
    /// and whose void signature is not imposed by an override, an interface or a delegate it is converted to anywhere in
    /// the compilation (a Timer callback, an event subscription), nor a method named like a handler that the
    /// compilation never calls (<see cref="FireAndForgetTable.IsHandlerName"/>); an async lambda
    /// given as an Action to a call that runs it synchronously (<c>list.ForEach(async x => …)</c>,
    /// <see cref="FireAndForgetTable.SynchronousInvokers"/>) or a lambda there that drops a task
    /// (<c>list.ForEach(x => SaveAsync(x))</c>); and a call whose task is dropped as a bare statement (<c>SendAsync(x);</c>)
    /// in async code, a request handler, plain sync code or offloaded work alike — not in tests or startup code (Main,
    /// top-level statements). <c>_ = SendAsync(x);</c> says the drop is meant and is left alone, as is
    /// <c>ContinueWith</c>, which observes the task it continues, a task that cannot fault (<see cref="FaultFreeTasks"/>)
    /// and a call given a flag that asks the API to drop its result (<see cref="FireAndForgetTable.FireAndForgetFlags"/>).
    /// </summary>
    internal sealed class FireAndForgetDetector : Detector
    {
        private readonly TypeSet _eventArgs;
        private readonly MemberTable _synchronousInvokers;
        private readonly MemberTable _fireAndForgetFlags;
        private readonly FaultFreeTasks _faultFree;

        public FireAndForgetDetector(AnalysisSession session, Compilation compilation) : base(session)
        {
            _eventArgs = new TypeSet(compilation, new[] { "System.EventArgs" });
            _synchronousInvokers = new MemberTable(compilation, FireAndForgetTable.SynchronousInvokers);
            _fireAndForgetFlags = new MemberTable(compilation, FireAndForgetTable.FireAndForgetFlags);
            _faultFree = new FaultFreeTasks(compilation, session.Frameworks);
        }

        public override ImmutableArray<OperationKind> Kinds { get; } = ImmutableArray.Create(
            OperationKind.ExpressionStatement, OperationKind.MethodBody, OperationKind.LocalFunction, OperationKind.AnonymousFunction);

        public override void Analyze(IOperation operation, CancellationToken ct)
        {
            switch (operation)
            {
                case IExpressionStatementOperation statement:
                    AnalyzeDroppedTask(statement, ct);
                    break;
                case IMethodBodyOperation body when body.Syntax is MethodDeclarationSyntax method
                                                    && operation.SemanticModel!.GetDeclaredSymbol(method, ct) is IMethodSymbol symbol
                                                    && IsAsyncVoid(symbol) && symbol.OverriddenMethod == null && !ImplementsInterface(symbol):
                    ReportAsyncVoid(operation, method.Identifier.GetLocation(), symbol, ct);
                    break;
                case ILocalFunctionOperation local when IsAsyncVoid(local.Symbol) && local.Syntax is LocalFunctionStatementSyntax syntax:
                    ReportAsyncVoid(operation, syntax.Identifier.GetLocation(), local.Symbol, ct);
                    break;
                case IAnonymousFunctionOperation lambda when IsAsyncVoid(lambda.Symbol) && IsRunSynchronously(lambda):
                    ReportAsyncVoid(operation, Header((AnonymousFunctionExpressionSyntax)lambda.Syntax), method: null, ct);
                    break;
            }
        }

        private void AnalyzeDroppedTask(IExpressionStatementOperation statement, CancellationToken ct)
        {
            var value = statement.Operation;
            while (value is IConditionalAccessOperation conditional) value = conditional.WhenNotNull; // handler?.RunAsync()
            if (!(value is IInvocationOperation call) || !OperationFacts.IsAwaitable(call.Type)
                || OperationFacts.StripConfigureAwait(call) is IInvocationOperation { TargetMethod: { Name: "ContinueWith" } })
            {
                return;
            }
            // list.ForEach(x => SaveAsync(x)): the caller believes the items are saved when ForEach returns, in any code.
            bool perItem = EnclosingFunction(statement) is IAnonymousFunctionOperation lambda && IsRunSynchronously(lambda);
            if (!perItem && (_faultFree.CannotFault(call, ct) || call.Arguments.Any(a => AsksToForget(a.Value)))) return;
            // Task.Run(continuation) in an awaiter's OnCompleted: the awaiting code's own continuation, which observes itself
            if (Session.Frameworks.IsOffload(call.TargetMethod) && call.Arguments.Length > 0 && OperationFacts.Unwrap(call.Arguments[0].Value) is IParameterReferenceOperation
                && OperationFacts.IsAwaitMachinery(statement.SemanticModel!.GetEnclosingSymbol(statement.Syntax.SpanStart, ct))) return;
            var scope = Session.ScopeOf(statement, ct);
            // Offloaded work loses a dropped task's exceptions all the same: only tests and startup code are left alone.
            if (scope.IsStartup && !perItem) return;
            string text = OperationFacts.Snippet(statement.Operation.Syntax, 50);
            Session.Add(new Candidate("RP0024", OperationFacts.NameLocation(call), scope,
                "Fire-and-forget: the task of " + text + " in ",
                " is neither awaited nor kept, so its exceptions are lost and nothing waits for it to finish",
                "await it; for deliberate background work, hand it to a queue or hosted service (or write _ = … and observe its failures)",
                Confidence.High));
        }

        /// <summary><c>db.KeyDeleteAsync(key, CommandFlags.FireAndForget)</c>, also or-ed with other flags: the API's own way to say the result is not wanted.</summary>
        private bool AsksToForget(IOperation argument)
        {
            var pending = new Stack<IOperation>();
            pending.Push(argument);
            while (pending.Count > 0)
            {
                switch (OperationFacts.Unwrap(pending.Pop()))
                {
                    case IFieldReferenceOperation flag when _fireAndForgetFlags.Contains(flag.Field.ContainingType, flag.Field.Name): return true;
                    case IBinaryOperation { OperatorKind: BinaryOperatorKind.Or } either:
                        pending.Push(either.LeftOperand);
                        pending.Push(either.RightOperand);
                        break;
                }
            }
            return false;
        }

        private static IOperation? EnclosingFunction(IOperation operation)
        {
            var parent = operation.Parent;
            while (parent != null && !(parent is IAnonymousFunctionOperation || parent is ILocalFunctionOperation)) parent = parent.Parent;
            return parent;
        }

        // A method or local function used as a delegate somewhere (a Timer callback, an event subscription) has the
        // delegate's void signature (DelegateUses); a lambda handed to a synchronous invoker has no such excuse.
        private void ReportAsyncVoid(IOperation function, Location location, IMethodSymbol? method, CancellationToken ct) =>
            Session.Add(new Candidate("RP0024", location, Session.ScopeOf(function, ct),
                "Fire-and-forget: ", " returns void, so no caller can await it or see its exceptions (an unhandled one ends the process)",
                "Return Task and await it; keep async void for event handlers", Confidence.High)
            {
                UnlessDelegateMadeFrom = method,
                // (not a request handler: a Razor page's OnGetAsync is called by name too, and its void is never awaited)
                UnlessNeverCalled = method is { MethodKind: MethodKind.Ordinary } && FireAndForgetTable.IsHandlerName(method.Name)
                    && !Session.Frameworks.IsHandlerMethod(method),
            });

        /// <summary>
        /// Async and returning void, unless shaped like an event handler: <c>(object sender, EventArgs-derived e)</c>, or
        /// WinRT's typed handlers (<c>(TreeView sender, TreeViewItemInvokedEventArgs args)</c>), whose argument classes are
        /// named so without deriving from EventArgs. Other shapes count as handlers only when subscribed or converted to
        /// a delegate somewhere (<see cref="Candidate.UnlessDelegateMadeFrom"/>).
        /// </summary>
        private bool IsAsyncVoid(IMethodSymbol method) =>
            method.IsAsync && method.ReturnsVoid
            && !(method.Parameters.Length == 2
                 && (method.Parameters[0].Type.SpecialType == SpecialType.System_Object && _eventArgs.ContainsSelfOrBase(method.Parameters[1].Type)
                     || !_eventArgs.ContainsSelfOrBase(method.Parameters[1].Type)
                        && method.Parameters[1].Type.Name.EndsWith("EventArgs", System.StringComparison.Ordinal)));

        private static bool ImplementsInterface(IMethodSymbol method)
        {
            if (method.ExplicitInterfaceImplementations.Length > 0) return true;
            foreach (var contract in method.ContainingType.AllInterfaces)
            {
                foreach (var member in contract.GetMembers(method.Name))
                {
                    if (SymbolEqualityComparer.Default.Equals(method.ContainingType.FindImplementationForInterfaceMember(member), method)) return true;
                }
            }
            return false;
        }

        /// <summary>The lambda is an argument of a call that invokes it before returning (List.ForEach, Parallel.ForEach).</summary>
        private bool IsRunSynchronously(IAnonymousFunctionOperation lambda)
        {
            var parent = lambda.Parent;
            while (parent is IDelegateCreationOperation || parent is IConversionOperation) parent = parent.Parent;
            return parent is IArgumentOperation { Parent: IInvocationOperation call }
                && (Session.Frameworks.IsInlineInvoker(call.TargetMethod) || _synchronousInvokers.Contains(call.TargetMethod.ContainingType, call.TargetMethod.Name));
        }

        /// <summary><c>async x =&gt;</c>: the lambda up to its arrow, not its whole body.</summary>
        private static Location Header(AnonymousFunctionExpressionSyntax lambda)
        {
            int end = lambda switch
            {
                LambdaExpressionSyntax arrow => arrow.ArrowToken.Span.End,
                AnonymousMethodExpressionSyntax method => method.DelegateKeyword.Span.End,
                _ => lambda.Span.End,
            };
            return Location.Create(lambda.SyntaxTree, TextSpan.FromBounds(lambda.SpanStart, end));
        }
    }
}
