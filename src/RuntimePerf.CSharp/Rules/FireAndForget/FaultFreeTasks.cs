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
    /// <item>an async method (or a method run by <c>Task.Run</c>) whose every statement cannot fault: nothing in it can
    /// throw (<c>var buffer = new byte[size];</c>, see <see cref="MayThrow"/>), it only completes a TaskCompletionSource,
    /// awaits a yield or a call that cannot fault, is a <c>try</c> with a catch-all whose catches and finally neither
    /// throw nor await, a <c>try/finally</c> of such statements, or a loop of them under a condition that cannot fault;
    /// a call is followed only to the body that runs (not a virtual one an override may replace);</item>
    /// <item>a method that is not async and returns a task: what it throws before returning reaches its caller, so only
    /// the tasks it returns count (either branch of a <c>?:</c>) — each a completed one (<c>Task.FromResult(0)</c>), one it keeps in a field of its
    /// instance for later callers (<c>_response ??= ReadAsync()</c>, memoised), or one of a call that cannot fault
    /// (<c>Task.Factory.StartNew(action)</c> of its parameter is judged by what the caller gives);</item>
    /// <item><c>Task.Run</c> of such a lambda or method.</item>
    /// </list>
    /// The receiver and arguments of a call that runs inside the task must not throw either: <c>tcs.TrySetResult(Build())</c> runs
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
        private readonly TypeSet _exception;
        // One answer per method and depth for a body run inside a task (as BlockingHelpers keeps): from a deeper start the
        // search stops sooner, so no answer depends on which caller asked first. Bound trees are not kept.
        private readonly ConcurrentDictionary<IMethodSymbol, bool>[] _bodyByDepth = new ConcurrentDictionary<IMethodSymbol, bool>[MaxDepth + 1];

        public FaultFreeTasks(Compilation compilation, Frameworks frameworks)
        {
            _compilation = compilation;
            _frameworks = frameworks;
            _completions = new MemberTable(compilation, FireAndForgetTable.Completions);
            _completedTasks = new MemberTable(compilation, FireAndForgetTable.CompletedTasks);
            _quietWaits = new MemberTable(compilation, FireAndForgetTable.QuietWaits);
            _exception = new TypeSet(compilation, new[] { "System.Exception" });
            for (int depth = 0; depth <= MaxDepth; depth++) _bodyByDepth[depth] = new ConcurrentDictionary<IMethodSymbol, bool>(SymbolEqualityComparer.Default);
        }

        /// <summary>The task of <paramref name="call"/> cannot fault.</summary>
        public bool CannotFault(IInvocationOperation call, CancellationToken ct) => CannotFault(call, 0, ct);

        /// <summary>
        /// A value that runs code of its own or may throw by itself: a call (<c>BuildReport()</c>), an await, an index
        /// (<c>items[0]</c>), a constructor written in this compilation (<c>new Session(path)</c>, which may do anything), a
        /// property whose accessor may be more than a field's (one dispatched through an interface or an override, a
        /// computed one written here, a setter alike), a user-defined operator or conversion, checked arithmetic. Not
        /// counted: making an exception (<c>new InvalidOperationException("…")</c>), a framework constructor
        /// (<c>new CancellationTokenSource(delay)</c>: it checks its arguments), an array, a non-virtual framework property
        /// (<c>payload.Length</c>) — nor a cast that may fail, a null receiver or a division by zero: each would break the
        /// code's own invariant, not a failure of work to report.
        /// </summary>
        private bool MayThrow(IOperation value) => value.DescendantsAndSelf().Any(o => o switch
        {
            IInvocationOperation or IAwaitOperation or IArrayElementReferenceOperation or IDynamicInvocationOperation
                or IDynamicMemberReferenceOperation or IDynamicIndexerAccessOperation or IDynamicObjectCreationOperation => true,
            IPropertyReferenceOperation property => property.Property.IsIndexer || MayRunCode(property.Property),
            IObjectCreationOperation creation => !_exception.ContainsSelfOrBase(creation.Type) && (creation.Constructor is not { } constructor || InSource(constructor)),
            IConversionOperation conversion => conversion.OperatorMethod != null || conversion.IsChecked,
            IBinaryOperation binary => binary.OperatorMethod != null || binary.IsChecked,
            IUnaryOperation unary => unary.OperatorMethod != null || unary.IsChecked,
            ICompoundAssignmentOperation compound => compound.OperatorMethod != null || compound.IsChecked,
            IIncrementOrDecrementOperation step => step.OperatorMethod != null || step.IsChecked,
            _ => false,
        });

        /// <summary>
        /// A property whose accessors may run more than a field access: dispatched to an override, or written here with a
        /// body (not an auto-property, nor a record's positional one).
        /// </summary>
        private static bool MayRunCode(IPropertySymbol property) =>
            property.IsVirtual || property.IsAbstract || property.IsOverride
            || property.DeclaringSyntaxReferences.Any(r => r.GetSyntax() switch
            {
                PropertyDeclarationSyntax { ExpressionBody: null, AccessorList: { } accessors } => accessors.Accessors.Any(a => a.Body != null || a.ExpressionBody != null),
                ParameterSyntax => false,
                _ => true,
            });

        private static bool InSource(ISymbol symbol) => symbol.DeclaringSyntaxReferences.Length > 0;

        /// <summary>
        /// The body a call runs is the one declared for its target: not a virtual call another class may override
        /// (<c>protected virtual Task OnConnectedAsync() =&gt; Task.CompletedTask;</c>, empty in the base only).
        /// </summary>
        private static bool RunsDeclaredBody(IMethodSymbol method, bool isVirtual) =>
            !isVirtual || method.IsSealed || method.ContainingType.IsSealed;

        private bool CannotFault(IInvocationOperation call, int depth, CancellationToken ct)
        {
            if (depth > MaxDepth) return false;
            if (_frameworks.IsOffload(call.TargetMethod)) return call.Arguments.Length > 0 && DelegateCannotFault(call.Arguments[0].Value, caller: null, depth, ct);
            var method = call.TargetMethod.OriginalDefinition;
            if (!RunsDeclaredBody(method, call.IsVirtual)) return false;
            if (method.IsAsync) return BodyCannotFault(method, depth, ct);
            // a wrapper that is not async: what it returns, which may depend on what this caller passes (not cached)
            if (Bind(method, ct) is not { } body) return false;
            var returns = OperationFacts.OwnOperations(body).OfType<IReturnOperation>().ToList();
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
            if (IsMemoised(value) || IsCompleted(value)) return true;
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

        /// <summary>
        /// <c>_task ??= RunAsync()</c>, <c>_task ?? (_task = RunAsync())</c>: the method's task memoised in a field of the
        /// instance, which its later callers get and await. A field merely returned (<c>return _task;</c>,
        /// <c>return _task = RunAsync();</c>) may hold a task that nobody awaits.
        /// </summary>
        private static bool IsMemoised(IOperation? value) => OperationFacts.Unwrap(value) switch
        {
            ICoalesceAssignmentOperation memo => InstanceField(memo.Target) != null,
            ICoalesceOperation { WhenNull: var fill } read => InstanceField(read.Value) is { } field
                && OperationFacts.Unwrap(fill) is ISimpleAssignmentOperation store && SymbolEqualityComparer.Default.Equals(InstanceField(store.Target), field),
            _ => false,
        };

        private static IFieldSymbol? InstanceField(IOperation? value) =>
            OperationFacts.Unwrap(value) is IFieldReferenceOperation { Instance: IInstanceReferenceOperation } reference ? reference.Field : null;

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
                case IMethodReferenceOperation reference when (reference.Method.IsAsync || !OperationFacts.IsAwaitable(reference.Method.ReturnType))
                                                              && RunsDeclaredBody(reference.Method, reference.IsVirtual):
                    return depth <= MaxDepth && BodyCannotFault(reference.Method.OriginalDefinition, depth, ct);
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
            if (!MayThrow(value)) return true;
            var unwrapped = OperationFacts.Unwrap(value);
            if (unwrapped is IAwaitOperation awaited) unwrapped = OperationFacts.StripConfigureAwait(awaited.Operation);
            if (unwrapped is not IInvocationOperation call
                || call.Instance != null && MayThrow(call.Instance) || call.Arguments.Any(a => MayThrow(a.Value))) return false;
            var method = call.TargetMethod;
            return _completions.Contains(method) || FireAndForgetTable.IsYield(method)
                || _quietWaits.Contains(method) && call.Arguments.All(a => a.ArgumentKind == ArgumentKind.DefaultValue)
                // not a wrapper that is not async: what it throws before returning would fault this task
                || (method.IsAsync || _frameworks.IsOffload(method)) && CannotFault(call, depth + 1, ct);
        }

        /// <summary>A catch-all clause (<c>catch</c>, <c>catch (Exception)</c>, no filter), and no catch or finally that throws or awaits (either could fault the task again).</summary>
        private bool CatchesAll(ITryOperation attempt) =>
            attempt.Catches.Any(c => c.Filter == null && (c.ExceptionType.SpecialType == SpecialType.System_Object || _exception.Contains(c.ExceptionType)))
            && attempt.Catches.All(c => !MayFault(c.Handler)) && !MayFault(attempt.Finally);

        private static bool MayFault(IBlockOperation? block) =>
            block != null && OperationFacts.OwnOperations(block).Any(o => o is IThrowOperation || o is IAwaitOperation);

        /// <summary>Each statement of the body of <paramref name="method"/> (declared once in this compilation) cannot fault.</summary>
        private bool BodyCannotFault(IMethodSymbol method, int depth, CancellationToken ct)
        {
            if (_bodyByDepth[depth].TryGetValue(method, out var known)) return known;
            bool answer = Bind(method, ct) is { } body && StatementsCannotFault(body.Operations, depth, ct);
            _bodyByDepth[depth].TryAdd(method, answer);
            return answer;
        }

        /// <summary>The bound body of a method or local function declared once in this compilation (an expression body is a block with one return).</summary>
        private IBlockOperation? Bind(IMethodSymbol method, CancellationToken ct) =>
            OperationFacts.BodySyntax(method, ct) is { } body ? _compilation.GetSemanticModel(body.SyntaxTree).GetOperation(body, ct) as IBlockOperation : null;
    }
}
