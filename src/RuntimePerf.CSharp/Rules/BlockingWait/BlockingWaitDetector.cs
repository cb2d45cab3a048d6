using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using RuntimePerf.CSharp.Analysis;
using RuntimePerf.Engine.Model;

namespace RuntimePerf.CSharp.Rules.BlockingWait
{
    /// <summary>
    /// RP0007: <c>.Result</c>, <c>.Wait()</c>, <c>.GetAwaiter().GetResult()</c>, <c>Task.WaitAll/WaitAny</c> — unless the task
    /// is known to be complete (awaited or waited for earlier, checked with IsCompleted, created complete — also through a
    /// local never reassigned —, or a ContinueWith antecedent; a task already waited for, even with a timeout, is reported
    /// at that first wait only). HIGH in async code (an <c>async</c> function or one returning an awaitable) and request
    /// handlers; MEDIUM in plain sync code, which blocks a pool thread whenever it runs on one; never in tests, startup
    /// (Main, top-level statements) or offloaded work. <c>SemaphoreSlim.Wait()</c> without a zero timeout is a blocking
    /// wait in async code only (in sync code it is the ordinary way to take the semaphore); RP0014 judges the lock itself.
    /// So is a wait on <c>Task.Delay(…)</c>, a sleep: in sync code (or a shared body's synchronous mode) it is how to sleep.
    /// </summary>
    internal sealed class BlockingWaitDetector : Detector
    {
        private readonly MemberTable _waits;
        private readonly MemberTable _completed;
        private readonly MemberTable _awaitAll;
        private readonly MemberTable _completingWaits;
        private readonly MemberTable _continuations;
        private readonly MemberTable _lockWaits;
        private readonly MemberTable _sleeps;

        public BlockingWaitDetector(AnalysisSession session, Compilation compilation) : base(session)
        {
            _waits = new MemberTable(compilation, BlockingWaitTable.Waits);
            _completed = new MemberTable(compilation, BlockingWaitTable.CompletedTasks);
            _awaitAll = new MemberTable(compilation, BlockingWaitTable.AwaitAll);
            _completingWaits = new MemberTable(compilation, BlockingWaitTable.CompletingWaits);
            _continuations = new MemberTable(compilation, BlockingWaitTable.Continuations);
            _lockWaits = new MemberTable(compilation, BlockingWaitTable.LockWaits);
            _sleeps = new MemberTable(compilation, BlockingWaitTable.Sleeps);
        }

        public override ImmutableArray<OperationKind> Kinds { get; } =
            ImmutableArray.Create(OperationKind.Invocation, OperationKind.PropertyReference);

        public override void Analyze(IOperation operation, CancellationToken ct)
        {
            string member;
            IOperation? task;
            bool lockWait = false;
            switch (operation)
            {
                case IPropertyReferenceOperation property when _waits.Contains(property.Property.ContainingType, property.Property.Name):
                    member = property.Property.Name;
                    task = property.Instance;
                    break;
                case IInvocationOperation call when _waits.Contains(call.TargetMethod.ContainingType, call.TargetMethod.Name):
                    if (OperationFacts.IsPoll(call)) return;
                    member = call.TargetMethod.Name;
                    task = member == "GetResult" ? AwaiterSource(call.Instance) : call.Instance;
                    break;
                case IInvocationOperation call when _lockWaits.Contains(call.TargetMethod.ContainingType, call.TargetMethod.Name) && call.Instance != null:
                    if (OperationFacts.IsPoll(call)) return;
                    member = call.TargetMethod.Name;
                    task = null;
                    lockWait = true;
                    break;
                default:
                    return;
            }
            if (InNameOf(operation)) return; // nameof(Task<T>.Result) reads no task
            if (OperationFacts.IsAwaitMachinery(operation.SemanticModel!.GetEnclosingSymbol(operation.Syntax.SpanStart, ct))) return;
            var scope = Session.ScopeOf(operation, ct);
            if (!scope.IsRuntimeCode || lockWait && !scope.IsAsync) return;
            if (task != null && IsKnownComplete(task, scope, operation.Syntax.SpanStart, operation.SemanticModel!, ct)) return;
            // Task.WaitAll(t1, t2) after `await Task.WhenAll(t1, t2)`: every task it names is complete already
            if (task == null && !lockWait && operation is IInvocationOperation waitAll && WaitedTasks(waitAll) is { Count: > 0 } waited
                && waited.TrueForAll(t => IsKnownComplete(t, scope, operation.Syntax.SpanStart, operation.SemanticModel!, ct))) return;

            string recommendation = member switch
            {
                "WaitAll" => "Use await Task.WhenAll(…)",
                "WaitAny" => "Use await Task.WhenAny(…)",
                _ when lockWait => "Use await " + OperationFacts.Snippet(((IInvocationOperation)operation).Instance!.Syntax, 40) + ".WaitAsync(…)",
                _ => "Use await " + (task != null ? OperationFacts.Snippet(task.Syntax, 50) : ""),
            };
            Session.Add(new Candidate("RP0007", OperationFacts.NameLocation(operation), scope,
                "Blocking wait: " + OperationFacts.Snippet(operation.Syntax) + " inside ",
                lockWait ? " blocks a thread until the semaphore is free (thread-pool starvation risk)"
                    : " blocks a thread until the work completes (thread-pool starvation and deadlock risk)",
                recommendation, Confidence.High)
            {
                // a lock's wait, or a wait on a delay (a sleep), blocks in async code; in sync code it is the ordinary thing to do
                AsyncPathOnly = lockWait || OperationFacts.Unwrap(task) is IInvocationOperation made && _sleeps.Contains(made.TargetMethod),
                // RULES.md: sync-over-async in plain sync code is reported too, as a warning: it blocks only when it runs on a pool thread.
                Severity = context => context == CodeContext.Sync ? Severity.Medium : Severity.High,
            });
        }

        /// <summary>
        /// The tasks <c>Task.WaitAll(a, b)</c> names one by one — its params array, or the params span of .NET 9 (an implicit
        /// collection whose children are the tasks) — empty for an array or list built elsewhere.
        /// </summary>
        private static List<IOperation> WaitedTasks(IInvocationOperation call)
        {
            var tasks = new List<IOperation>();
            foreach (var argument in call.Arguments)
            {
                if (argument.Parameter?.IsParams != true)
                {
                    if (argument.Parameter?.Type is IArrayTypeSymbol) return new List<IOperation>();
                    continue;
                }
                if (argument.Value is IArrayCreationOperation { Initializer: { } items }) tasks.AddRange(items.ElementValues);
                else if (argument.Value.IsImplicit && !(argument.Value is IArrayCreationOperation)) tasks.AddRange(argument.Value.ChildOperations);
                else return new List<IOperation>();
            }
            return tasks;
        }

        private static bool InNameOf(IOperation operation)
        {
            for (var parent = operation.Parent; parent != null; parent = parent.Parent)
            {
                if (parent is INameOfOperation) return true;
            }
            return false;
        }

        /// <summary><c>t.GetAwaiter()</c> or <c>t.ConfigureAwait(false).GetAwaiter()</c> → <c>t</c>.</summary>
        private static IOperation? AwaiterSource(IOperation? awaiter) =>
            OperationFacts.Unwrap(awaiter) is IInvocationOperation { TargetMethod: { Name: "GetAwaiter" } } getAwaiter
                ? OperationFacts.StripConfigureAwait(getAwaiter.Instance)
                : null;

        private bool IsKnownComplete(IOperation task, FunctionScope scope, int position, SemanticModel model, CancellationToken ct)
        {
            task = OperationFacts.Unwrap(task)!;
            if (IsCompleteWhenMade(task)) return true;
            var taskSyntax = task.Syntax;
            var symbol = VariableOf(task);
            if (symbol == null) return false;
            if (symbol is IParameterSymbol parameter && IsContinuationAntecedent(parameter, model, ct)) return true;
            // tasks.Select(t => t.Result) after `await Task.WhenAll(tasks)`: each element is complete when the collection
            // is, so the question moves to the collection, at the call, in the function around the lambda.
            for (int depth = 0; depth < 4 && symbol is IParameterSymbol element && ElementSource(element, model, ct) is { } source; depth++)
            {
                symbol = VariableOf(source.Collection);
                if (symbol == null) return false;
                scope = Session.ScopeOf(source.Call, ct);
                position = source.Call.Syntax.SpanStart;
            }
            bool createdComplete = symbol is ILocalSymbol local && IsCreatedComplete(local, model, ct);

            // Earlier in the same function: `await t`, `await Task.WhenAll(…t…)`, `t.Wait(…)`, `Task.WaitAll(…t…)` — unless t
            // is assigned again (or passed by ref/out) between that and the read — or a look at t.IsCompleted. A local
            // created complete stays so unless the function assigns it again anywhere.
            bool complete = false, reassigned = false;
            foreach (var node in scope.Node.DescendantNodes())
            {
                bool before = node.SpanStart < position;
                if (IsAssignmentTo(node, symbol, model, ct))
                {
                    reassigned = true;
                    if (before) complete = false;
                }
                if (!before)
                {
                    if (createdComplete && !reassigned) continue;
                    break;
                }
                if (InNestedFunction(node, scope.Node)) continue; // a lambda's wait or await may never run here
                switch (node)
                {
                    case InvocationExpressionSyntax invocation when !InBranchAside(invocation, position, scope.Node)
                                                                    && model.GetOperation(invocation, ct) is IInvocationOperation wait
                                                                    && WaitsFor(wait, symbol, scope.Node, model, ct):
                        complete = true;
                        break;
                    case AwaitExpressionSyntax awaitSyntax when !InBranchAside(awaitSyntax, position, scope.Node)
                                                                && model.GetOperation(awaitSyntax, ct) is IAwaitOperation awaited:
                        if (Awaits(awaited.Operation, symbol, scope.Node, model, ct)) complete = true;
                        break;
                    case MemberAccessExpressionSyntax access when Array.IndexOf(BlockingWaitTable.CompletionChecks, access.Name.Identifier.ValueText) >= 0:
                        if (IsTask(access.Expression) && Shows(access, access.Name.Identifier.ValueText)) return true;
                        break;
                    // the same check through a helper (CompatibilityHelpers.IsCompletedSuccessfully(t), for frameworks without the property)
                    case InvocationExpressionSyntax { Expression: var callee } helper when Array.IndexOf(BlockingWaitTable.CompletionChecks, CalleeName(callee)) >= 0:
                        foreach (var argument in helper.ArgumentList.Arguments)
                        {
                            if (IsTask(argument.Expression) && Shows(helper, CalleeName(callee))) return true;
                        }
                        break;
                }
            }
            return complete || createdComplete && !reassigned;

            // IsCompleted shows the author's intent wherever it is read; IsFaulted and IsCanceled only where they hold
            // (if (t.IsFaulted) t.GetAwaiter().GetResult(); — not if (t.IsFaulted) return; … t.Result)
            bool Shows(ExpressionSyntax check, string name) => !BlockingWaitTable.FaultChecks.Contains(name) || Guards(check, position);

            // t, or the same member path the read is made on (_call.CallTask.IsCompleted before _call.CallTask.Result)
            bool IsTask(ExpressionSyntax checkedTask) =>
                SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(checkedTask, ct).Symbol, symbol) || SyntaxFactory.AreEquivalent(checkedTask, taskSyntax);
        }

        /// <summary>The read at <paramref name="position"/> runs only where the check is true: the then of its if, the true arm of its ?:, the right of its &amp;&amp;.</summary>
        private static bool Guards(SyntaxNode check, int position)
        {
            for (SyntaxNode child = check, parent = check.Parent!; parent != null; child = parent, parent = parent.Parent!)
            {
                switch (parent)
                {
                    case IfStatementSyntax test when child == test.Condition:
                        return test.Statement.Span.Contains(position);
                    case ConditionalExpressionSyntax test when child == test.Condition:
                        return test.WhenTrue.Span.Contains(position);
                    case BinaryExpressionSyntax both when child == both.Left && both.IsKind(SyntaxKind.LogicalAndExpression):
                        return both.Right.Span.Contains(position);
                    case BinaryExpressionSyntax both when both.IsKind(SyntaxKind.LogicalAndExpression):
                    case ParenthesizedExpressionSyntax _:
                        continue;
                    default:
                        return false;
                }
            }
            return false;
        }

        private static string CalleeName(ExpressionSyntax callee) => callee switch
        {
            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
            SimpleNameSyntax name => name.Identifier.ValueText,
            _ => "",
        };

        /// <summary><c>t = …</c>, <c>Refresh(ref t)</c>, <c>Make(out t)</c>: t may hold another task afterwards.</summary>
        private static bool IsAssignmentTo(SyntaxNode node, ISymbol symbol, SemanticModel model, CancellationToken ct)
        {
            var target = node switch
            {
                AssignmentExpressionSyntax assignment => assignment.Left,
                ArgumentSyntax { RefKindKeyword: var keyword } argument when keyword.IsKind(SyntaxKind.RefKeyword) || keyword.IsKind(SyntaxKind.OutKeyword) => argument.Expression,
                _ => null,
            };
            return target != null && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(target, ct).Symbol, symbol);
        }

        /// <summary><c>var t = Task.FromResult(x);</c></summary>
        private bool IsCreatedComplete(ILocalSymbol local, SemanticModel model, CancellationToken ct) =>
            local.DeclaringSyntaxReferences.Length == 1
            && local.DeclaringSyntaxReferences[0].GetSyntax(ct) is VariableDeclaratorSyntax { Initializer: { } init }
            && OperationFacts.Unwrap(model.GetOperation(init.Value, ct)) is IOperation value && IsCompleteWhenMade(value);

        /// <summary>
        /// <c>Task.FromResult(x)</c>, <c>Task.CompletedTask</c> (<see cref="BlockingWaitTable.CompletedTasks"/>),
        /// <c>new ValueTask&lt;T&gt;(x)</c>, a value task made from its result (not from a task or a source), and an awaitable
        /// called in the synchronous mode of a body shared by a sync and an async API (<c>ReadAsync(IOBehavior.Synchronous)</c>).
        /// </summary>
        private bool IsCompleteWhenMade(IOperation value) => value switch
        {
            IInvocationOperation created => _completed.Contains(created.TargetMethod.ContainingType, created.TargetMethod.Name) || SyncMode.IsSyncModeCall(created)
                // gate.WaitAsync(0): a try that answers at once
                || created.TargetMethod is { Name: "WaitAsync", ContainingType.Name: "SemaphoreSlim" } && created.Arguments.Length > 0
                   && created.Arguments[0].Value.ConstantValue is { HasValue: true, Value: 0 },
            IPropertyReferenceOperation property => _completed.Contains(property.Property.ContainingType, property.Property.Name),
            IObjectCreationOperation { Constructor: { Parameters: { Length: 1 } parameters, ContainingType: { Name: "ValueTask", TypeArguments: { Length: 1 } arguments } made } }
                => made.ContainingNamespace?.ToDisplayString() == "System.Threading.Tasks" && SymbolEqualityComparer.Default.Equals(parameters[0].Type, arguments[0]),
            _ => false,
        };

        /// <summary>
        /// <c>t.Wait(…)</c>, <c>t.RunSynchronously()</c>, <c>Task.WaitAll(…t…)</c>: that wait is the finding. Without a timeout t
        /// is complete afterwards; with one, a later read blocks only when the first wait gave up — the same blocking, fixed
        /// by the same await, so it is not reported twice.
        /// </summary>
        private bool WaitsFor(IInvocationOperation wait, ISymbol symbol, SyntaxNode function, SemanticModel model, CancellationToken ct)
        {
            // Wait(0) is a poll: never reported, so it must not stand in for the report of a later read either.
            if (!_completingWaits.Contains(wait.TargetMethod.ContainingType, wait.TargetMethod.Name) || OperationFacts.IsPoll(wait)) return false;
            if (wait.Instance != null) return SymbolEqualityComparer.Default.Equals(VariableOf(wait.Instance), symbol);
            foreach (var argument in wait.Arguments)
            {
                if (Mentions(argument.Value, symbol, function, model, ct)) return true;
            }
            return false;
        }

        private bool Awaits(IOperation operand, ISymbol symbol, SyntaxNode function, SemanticModel model, CancellationToken ct)
        {
            operand = OperationFacts.StripConfigureAwait(operand)!;
            if (operand is IInvocationOperation whenAll && _awaitAll.Contains(whenAll.TargetMethod.ContainingType, whenAll.TargetMethod.Name))
            {
                foreach (var argument in whenAll.Arguments)
                {
                    if (Mentions(argument.Value, symbol, function, model, ct)) return true;
                }
                return false;
            }
            return SymbolEqualityComparer.Default.Equals(VariableOf(operand), symbol);
        }

        // The argument names the task, or a local the task was put in: by its initializer (var tasks = new[] { a, b }) or by
        // tasks.Add(a) earlier in the function (Task.WaitAll(tasks.ToArray())).
        private static bool Mentions(IOperation operation, ISymbol symbol, SyntaxNode function, SemanticModel model, CancellationToken ct)
        {
            foreach (var d in operation.DescendantsAndSelf())
            {
                var referenced = Variables.Referenced(d);
                if (SymbolEqualityComparer.Default.Equals(referenced, symbol)) return true;
                if (referenced is ILocalSymbol local
                    && (InitializerMentions(local, symbol, model, ct) || AddedTo(local, symbol, function, operation.Syntax.SpanStart, model, ct)))
                {
                    return true;
                }
            }
            return false;
        }

        private static bool InitializerMentions(ILocalSymbol local, ISymbol symbol, SemanticModel model, CancellationToken ct) =>
            local.DeclaringSyntaxReferences.Length == 1
            && local.DeclaringSyntaxReferences[0].GetSyntax(ct) is VariableDeclaratorSyntax { Initializer: { } init }
            && model.GetOperation(init.Value, ct) is IOperation initializer
            && initializer.DescendantsAndSelf().Any(i => SymbolEqualityComparer.Default.Equals(Variables.Referenced(i), symbol));

        private static bool AddedTo(ILocalSymbol collection, ISymbol symbol, SyntaxNode function, int before, SemanticModel model, CancellationToken ct)
        {
            foreach (var node in function.DescendantNodes())
            {
                if (node.SpanStart >= before) break;
                if (node is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name: { Identifier: { ValueText: "Add" } } } access } add
                    && add.ArgumentList.Arguments.Count == 1
                    && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(access.Expression, ct).Symbol, collection)
                    && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(add.ArgumentList.Arguments[0].Expression, ct).Symbol, symbol))
                {
                    return true;
                }
            }
            return false;
        }

        private static bool InNestedFunction(SyntaxNode node, SyntaxNode function)
        {
            for (var n = node.Parent; n != null && n != function; n = n.Parent)
            {
                if (n is AnonymousFunctionExpressionSyntax || n is LocalFunctionStatementSyntax) return true;
            }
            return false;
        }

        /// <summary>
        /// The node sits in a part of a branch that the read at <paramref name="position"/> is not in (the other arm of an
        /// if or ?:, a switch section, a loop body that may not run, the right of &amp;&amp;): an await or wait there may not
        /// have run when the read does. A completion check (IsCompleted) counts wherever it is: it shows the author's intent.
        /// </summary>
        private static bool InBranchAside(SyntaxNode node, int position, SyntaxNode function)
        {
            for (SyntaxNode child = node, parent = node.Parent!; parent != null && child != function; child = parent, parent = parent.Parent!)
            {
                bool conditional = parent switch
                {
                    IfStatementSyntax ifStatement => child != ifStatement.Condition,
                    ConditionalExpressionSyntax conditionalExpression => child != conditionalExpression.Condition,
                    BinaryExpressionSyntax binary => child == binary.Right
                        && (binary.IsKind(SyntaxKind.LogicalAndExpression) || binary.IsKind(SyntaxKind.LogicalOrExpression) || binary.IsKind(SyntaxKind.CoalesceExpression)),
                    SwitchSectionSyntax _ => true,
                    SwitchExpressionArmSyntax _ => true,
                    CatchClauseSyntax _ => true,
                    WhileStatementSyntax whileStatement => child == whileStatement.Statement,
                    ForStatementSyntax forStatement => child == forStatement.Statement,
                    CommonForEachStatementSyntax forEach => child == forEach.Statement,
                    _ => false,
                };
                if (conditional && !child.Span.Contains(position)) return true;
            }
            return false;
        }

        /// <summary>The variable a task expression reads (<c>t</c>, <c>_task</c>, <c>tasks[0]</c> → tasks); null for calls.</summary>
        private static ISymbol? VariableOf(IOperation? operation) =>
            OperationFacts.Unwrap(operation) is IOperation op && (Variables.Referenced(op) != null || op is IArrayElementReferenceOperation)
                ? OperationFacts.RootSymbol(op)
                : null;

        /// <summary>
        /// <c>tasks.Select(t => …)</c>, <c>tasks.Sum(t => …)</c>, <c>list.ForEach(t => …)</c>: the lambda's parameter is an
        /// element of the collection the call enumerates (its receiver, or the first argument of an extension method).
        /// </summary>
        private static (IInvocationOperation Call, IOperation Collection)? ElementSource(IParameterSymbol parameter, SemanticModel model, CancellationToken ct)
        {
            if (parameter.Ordinal != 0
                || !(parameter.ContainingSymbol is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction } lambda)
                || lambda.DeclaringSyntaxReferences.Length != 1
                || !(lambda.DeclaringSyntaxReferences[0].GetSyntax(ct).Parent is ArgumentSyntax { Parent: { Parent: InvocationExpressionSyntax syntax } })
                || !(model.GetOperation(syntax, ct) is IInvocationOperation call))
            {
                return null;
            }
            var collection = call.TargetMethod.IsExtensionMethod && call.Arguments.Length > 0 ? call.Arguments[0].Value : call.Instance;
            return collection == null ? ((IInvocationOperation, IOperation)?)null : (call, collection);
        }

        // task.ContinueWith(t => … t.Result …): the lambda's parameter is the completed antecedent.
        private bool IsContinuationAntecedent(IParameterSymbol parameter, SemanticModel model, CancellationToken ct)
        {
            if (!(parameter.ContainingSymbol is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction } lambda) || lambda.DeclaringSyntaxReferences.Length != 1)
                return false;
            var syntax = lambda.DeclaringSyntaxReferences[0].GetSyntax(ct);
            if (syntax.Parent is ArgumentSyntax argument) return IsContinuationArgument(argument, model, ct);
            // Func<Task<T>, T> then = t => t.Result; task.ContinueWith(then): a callback kept in a local that only continuations are given
            if (!(syntax.Parent is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator })
                || !(model.GetDeclaredSymbol(declarator, ct) is ILocalSymbol local) || !(declarator.FirstAncestorOrSelf<BlockSyntax>() is { } block))
                return false;
            bool given = false;
            foreach (var name in block.DescendantNodes().OfType<IdentifierNameSyntax>())
            {
                if (name.Identifier.ValueText != local.Name || !SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(name, ct).Symbol, local)) continue;
                if (!(name.Parent is ArgumentSyntax use) || !IsContinuationArgument(use, model, ct)) return false;
                given = true;
            }
            return given;
        }

        private bool IsContinuationArgument(ArgumentSyntax argument, SemanticModel model, CancellationToken ct) =>
            argument.Parent?.Parent is InvocationExpressionSyntax call
            && model.GetSymbolInfo(call, ct).Symbol is IMethodSymbol method && _continuations.Contains(method.ContainingType, method.Name);
    }
}
