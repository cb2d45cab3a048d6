using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using RuntimePerf.CSharp.Analysis;

namespace RuntimePerf.CSharp.Rules.FireAndForget
{
    /// <summary>
    /// Dropped tasks that carry no exception to lose, followed through the compilation's own methods up to
    /// <see cref="MaxDepth"/> calls down (a cycle ends there: each answer is a function of the call and the depth):
    /// <list type="bullet">
    /// <item>an async method (or a method run by <c>Task.Run</c>) whose every statement cannot fault: it calls nothing
    /// (<c>var cts = new CancellationTokenSource(delay);</c>), only completes a TaskCompletionSource, awaits a yield
    /// or a call that cannot fault, is a <c>try</c> with a catch-all whose catches and finally neither throw nor await,
    /// a <c>try/finally</c> of such statements, or a loop of them under a condition that cannot fault;</item>
    /// <item>a method that is not async and returns a task: what it throws before returning reaches its caller, so only
    /// the tasks it returns count (either branch of a <c>?:</c>) — each a completed one (<c>Task.FromResult(0)</c>), one it keeps in a field of its
    /// instance for later callers (<c>_response ??= ReadAsync()</c>), or one of a call that cannot fault
    /// (<c>Task.Factory.StartNew(action)</c> of its parameter is judged by what the caller gives);</item>
    /// <item><c>Task.Run</c> of such a lambda or method.</item>
    /// </list>
    /// The arguments of a call that runs inside the task must call nothing: <c>tcs.TrySetResult(Build())</c> runs
    /// <c>Build()</c> outside any catch.
    /// </summary>
    internal sealed class FaultFreeTasks
    {
        private const int MaxDepth = 3;

        private readonly Compilation _compilation;
        private readonly Frameworks _frameworks;
        private readonly MemberTable _completions;
        private readonly MemberTable _completedTasks;
        private readonly MemberTable _quietWaits;
        // Each body is bound once per compilation, whichever caller asks first.
        private readonly ConcurrentDictionary<IMethodSymbol, IBlockOperation?> _bodies =
            new ConcurrentDictionary<IMethodSymbol, IBlockOperation?>(SymbolEqualityComparer.Default);

        public FaultFreeTasks(Compilation compilation, Frameworks frameworks)
        {
            _compilation = compilation;
            _frameworks = frameworks;
            _completions = new MemberTable(compilation, FireAndForgetTable.Completions);
            _completedTasks = new MemberTable(compilation, FireAndForgetTable.CompletedTasks);
            _quietWaits = new MemberTable(compilation, FireAndForgetTable.QuietWaits);
        }

        /// <summary>The task of <paramref name="call"/> cannot fault.</summary>
        public bool CannotFault(IInvocationOperation call, CancellationToken ct) => CannotFault(call, 0, ct);

        /// <summary><c>BuildReport()</c>, <c>Build(x).Id</c>: a call (or an indexer) that may throw; <c>new InvalidOperationException("…")</c> does not count.</summary>
        private static bool CallsAnything(IOperation value) =>
            value.DescendantsAndSelf().Any(o => o is IInvocationOperation || o is IPropertyReferenceOperation { Property.IsIndexer: true } || o is IAwaitOperation);

        private bool CannotFault(IInvocationOperation call, int depth, CancellationToken ct)
        {
            if (depth > MaxDepth) return false;
            if (_frameworks.IsOffload(call.TargetMethod)) return call.Arguments.Length > 0 && DelegateCannotFault(call.Arguments[0].Value, caller: null, depth, ct);
            var method = call.TargetMethod.OriginalDefinition;
            if (BodyOf(method, ct) is not { } body) return false;
            if (method.IsAsync) return StatementsCannotFault(body.Operations, depth, ct);
            var returns = Own(body).OfType<IReturnOperation>().ToList();
            // A method that only ever returns finished tasks (a stub's Task.CompletedTask) stays reported, as by other
            // analyzers: its callers are written against an async contract that another body may well fulfil.
            return returns.Any(r => !IsCompleted(r.ReturnedValue))
                && returns.All(r => r.ReturnedValue is { } task && ReturnedTaskCannotFault(task, call, depth, ct));
        }

        /// <summary><c>Task.CompletedTask</c>, <c>Task.FromResult(x)</c> (either branch of a <c>?:</c>): a task finished when made.</summary>
        private bool IsCompleted(IOperation? task) => OperationFacts.Unwrap(task) switch
        {
            IPropertyReferenceOperation property => _completedTasks.Contains(property.Property.ContainingType, property.Property.Name),
            IInvocationOperation made => _completedTasks.Contains(made.TargetMethod),
            IConditionalOperation { WhenFalse: { } whenFalse } choice => IsCompleted(choice.WhenTrue) && IsCompleted(whenFalse),
            _ => false,
        };

        private bool ReturnedTaskCannotFault(IOperation task, IInvocationOperation wrapperCall, int depth, CancellationToken ct)
        {
            var value = OperationFacts.Unwrap(task);
            if (IsKeptOnInstance(value) || IsCompleted(value)) return true;
            switch (value)
            {
                case IConditionalOperation { WhenFalse: { } whenFalse } choice:
                    return ReturnedTaskCannotFault(choice.WhenTrue, wrapperCall, depth, ct) && ReturnedTaskCannotFault(whenFalse, wrapperCall, depth, ct);
                // a wrapper of Task.Run(work): what the caller gives as work decides
                case IInvocationOperation inner when _frameworks.IsOffload(inner.TargetMethod):
                    return inner.Arguments.Length > 0 && DelegateCannotFault(inner.Arguments[0].Value, wrapperCall, depth + 1, ct);
                case IInvocationOperation inner: return CannotFault(inner, depth + 1, ct);
                default: return false;
            }
        }

        /// <summary><c>_task</c>, <c>_task = RunAsync()</c>, <c>_task ?? (_task = RunAsync())</c>: a field of the instance that later callers read.</summary>
        private static bool IsKeptOnInstance(IOperation? value) => OperationFacts.Unwrap(value) switch
        {
            IFieldReferenceOperation { Instance: IInstanceReferenceOperation } => true,
            ISimpleAssignmentOperation assignment => IsKeptOnInstance(assignment.Target),
            ICoalesceAssignmentOperation assignment => IsKeptOnInstance(assignment.Target),
            ICoalesceOperation coalesce => IsKeptOnInstance(coalesce.Value) && IsKeptOnInstance(coalesce.WhenNull),
            _ => false,
        };

        /// <summary>The work handed to <c>Task.Run</c>: a lambda or a method, or the wrapper's parameter that the caller fills.</summary>
        private bool DelegateCannotFault(IOperation work, IInvocationOperation? caller, int depth, CancellationToken ct)
        {
            var value = OperationFacts.Unwrap(work);
            if (value is IParameterReferenceOperation parameter && caller != null
                && SymbolEqualityComparer.Default.Equals(parameter.Parameter.ContainingSymbol.OriginalDefinition, caller.TargetMethod.OriginalDefinition))
            {
                value = OperationFacts.Unwrap(caller.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == parameter.Parameter.Ordinal)?.Value);
            }
            switch (value)
            {
                case IAnonymousFunctionOperation lambda: return StatementsCannotFault(lambda.Body.Operations, depth, ct);
                // a method run for its own sake, not one handing back another task (Task.Run unwraps that one)
                case IMethodReferenceOperation reference when reference.Method.IsAsync || !OperationFacts.IsAwaitable(reference.Method.ReturnType):
                    return depth <= MaxDepth && BodyOf(reference.Method.OriginalDefinition, ct) is { } body && StatementsCannotFault(body.Operations, depth, ct);
                default: return false;
            }
        }

        private bool StatementsCannotFault(IEnumerable<IOperation> statements, int depth, CancellationToken ct) =>
            statements.All(s => StatementCannotFault(s, depth, ct));

        private bool StatementCannotFault(IOperation statement, int depth, CancellationToken ct) => statement switch
        {
            IExpressionStatementOperation expression => ValueCannotFault(expression.Operation, depth, ct),
            IReturnOperation { ReturnedValue: var returned } => returned == null || ValueCannotFault(returned, depth, ct),
            IVariableDeclarationGroupOperation group => group.Declarations.SelectMany(d => d.Declarators)
                .All(d => d.GetVariableInitializer() is not { } initializer || ValueCannotFault(initializer.Value, depth, ct)),
            IBlockOperation block => StatementsCannotFault(block.Operations, depth, ct),
            ITryOperation attempt => CatchesAll(attempt)
                                     || attempt.Catches.Length == 0 && !MayFault(attempt.Finally) && StatementsCannotFault(attempt.Body.Operations, depth, ct),
            // a poll: while (await timer.WaitForNextTickAsync()) { … }
            IWhileLoopOperation loop => loop.Condition != null && ValueCannotFault(loop.Condition, depth, ct) && StatementCannotFault(loop.Body, depth, ct),
            _ => false,
        };

        /// <summary>
        /// A value computed inside the task: it calls nothing, or it is (the await of) one call that cannot fault — a
        /// completion (<c>tcs.TrySetResult(r)</c>), a yield, a wait that cannot fail, or a call followed here — whose
        /// receiver and arguments call nothing.
        /// </summary>
        private bool ValueCannotFault(IOperation value, int depth, CancellationToken ct)
        {
            if (!CallsAnything(value)) return true;
            var unwrapped = OperationFacts.Unwrap(value);
            if (unwrapped is IAwaitOperation awaited) unwrapped = OperationFacts.StripConfigureAwait(awaited.Operation);
            if (unwrapped is not IInvocationOperation call
                || call.Instance != null && CallsAnything(call.Instance) || call.Arguments.Any(a => CallsAnything(a.Value))) return false;
            var method = call.TargetMethod;
            return _completions.Contains(method) || FireAndForgetTable.IsYield(method)
                || _quietWaits.Contains(method) && call.Arguments.All(a => a.ArgumentKind == ArgumentKind.DefaultValue)
                // not a wrapper that is not async: what it throws before returning would fault this task
                || (method.IsAsync || _frameworks.IsOffload(method)) && CannotFault(call, depth + 1, ct);
        }

        /// <summary>A catch-all clause (<c>catch</c>, <c>catch (Exception)</c>, no filter), and no catch or finally that throws or awaits (either could fault the task again).</summary>
        private static bool CatchesAll(ITryOperation attempt) =>
            attempt.Catches.Any(c => c.Filter == null && c.ExceptionType.SpecialType == SpecialType.System_Object
                                     || c.Filter == null && c.ExceptionType is { Name: "Exception", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } })
            && attempt.Catches.All(c => !MayFault(c.Handler)) && !MayFault(attempt.Finally);

        private static bool MayFault(IBlockOperation? block) =>
            block != null && Own(block).Any(o => o is IThrowOperation || o is IAwaitOperation);

        /// <summary>The operations of a body that run with it, not those of its lambdas and local functions.</summary>
        private static IEnumerable<IOperation> Own(IOperation root)
        {
            var pending = new Stack<IOperation>();
            pending.Push(root);
            while (pending.Count > 0)
            {
                var operation = pending.Pop();
                yield return operation;
                foreach (var child in operation.ChildOperations)
                {
                    if (!(child is IAnonymousFunctionOperation || child is ILocalFunctionOperation)) pending.Push(child);
                }
            }
        }

        /// <summary>The bound body of a method or local function declared once in this compilation (an expression body is a block with one return).</summary>
        private IBlockOperation? BodyOf(IMethodSymbol method, CancellationToken ct) => _bodies.GetOrAdd(method, m =>
        {
            if (m.DeclaringSyntaxReferences.Length != 1) return null;
            SyntaxNode? body = m.DeclaringSyntaxReferences[0].GetSyntax(ct) switch
            {
                BaseMethodDeclarationSyntax declaration => (SyntaxNode?)declaration.Body ?? declaration.ExpressionBody,
                LocalFunctionStatementSyntax local => (SyntaxNode?)local.Body ?? local.ExpressionBody,
                _ => null,
            };
            return body == null ? null : _compilation.GetSemanticModel(body.SyntaxTree).GetOperation(body, ct) as IBlockOperation;
        });
    }
}
