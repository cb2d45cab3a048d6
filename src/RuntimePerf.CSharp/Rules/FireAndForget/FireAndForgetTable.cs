using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using static RuntimePerf.CSharp.Analysis.MemberTable;

namespace RuntimePerf.CSharp.Rules.FireAndForget
{
    /// <summary>What RP0024 knows about delegates and about tasks that cannot fault.</summary>
    internal static class FireAndForgetTable
    {
        /// <summary>
        /// Besides the inline invokers (List.ForEach…, <see cref="Analysis.FrameworkTable.InlineInvokers"/>), calls that run
        /// their Action argument to completion before they return: an async lambda passed to one returns at its first await,
        /// so the caller goes on while the work still runs. (An async lambda given to a callback registration —
        /// CancellationToken.Register, a Timer — is an event handler in all but name and is not reported.)
        /// </summary>
        public static readonly KeyValuePair<string, string[]>[] SynchronousInvokers =
        {
            Row("System.Threading.Tasks.Parallel", "For", "ForEach", "Invoke"),
        };

        /// <summary><c>tcs.TrySetResult(r)</c>, <c>TrySetException</c>, <c>TrySetCanceled</c> on a TaskCompletionSource: they never throw.</summary>
        public static readonly KeyValuePair<string, string[]>[] Completions =
        {
            Row("System.Threading.Tasks.TaskCompletionSource", "TrySetResult", "TrySetException", "TrySetCanceled"),
            Row("System.Threading.Tasks.TaskCompletionSource`1", "TrySetResult", "TrySetException", "TrySetCanceled"),
        };

        /// <summary><c>Task.FromResult(0)</c>, <c>Task.CompletedTask</c>: tasks that are already done and cannot fault.</summary>
        public static readonly KeyValuePair<string, string[]>[] CompletedTasks =
        {
            Row("System.Threading.Tasks.Task", "FromResult", "CompletedTask"),
            Row("System.Threading.Tasks.ValueTask", "FromResult", "CompletedTask"),
        };

        /// <summary>
        /// Waits that cannot fail when given no cancellation token: <c>PeriodicTimer.WaitForNextTickAsync()</c> returns
        /// false once the timer is disposed (it throws only for a second waiter at once, which one polling loop never is).
        /// </summary>
        public static readonly KeyValuePair<string, string[]>[] QuietWaits =
        {
            Row("System.Threading.PeriodicTimer", "WaitForNextTickAsync"),
        };

        /// <summary>
        /// Flags by which an API is told its caller does not want the result: StackExchange.Redis discards the reply of a
        /// command sent with <c>CommandFlags.FireAndForget</c> by design, and its task completes at once.
        /// </summary>
        public static readonly KeyValuePair<string, string[]>[] FireAndForgetFlags =
        {
            Row("StackExchange.Redis.CommandFlags", "FireAndForget"),
        };

        /// <summary>
        /// <c>await Task.Yield()</c> and its look-alikes (a parameterless static <c>Yield()</c>, such as a yield to the
        /// thread pool): they only move the rest of the method to later, and cannot fail.
        /// </summary>
        public static bool IsYield(IMethodSymbol method) => method.Name == "Yield" && method.IsStatic && method.Parameters.Length == 0;

        /// <summary>
        /// <c>OnClick</c>, <c>OnValueChanged</c>, <c>OnŘád</c>: the .NET naming of event handlers, "On" and then an
        /// upper-case letter. Such handlers are often wired where the compiler cannot see it (XAML compiled to IL,
        /// a BindableProperty callback in another assembly, a framework calling methods by name), so one that the
        /// compilation never calls directly counts as a handler. <c>Onboard</c>, <c>On_X</c> and <c>On3D</c> are not
        /// handler names.
        /// </summary>
        public static bool IsHandlerName(string name) =>
            name.Length > 2 && name.StartsWith("On", System.StringComparison.Ordinal) && char.IsUpper(name, 2);
    }
}
