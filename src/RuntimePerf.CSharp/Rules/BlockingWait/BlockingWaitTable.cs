using System.Collections.Generic;
using static RuntimePerf.CSharp.Analysis.MemberTable;

namespace RuntimePerf.CSharp.Rules.BlockingWait
{
    /// <summary>What RP0007 knows: the members that wait synchronously, and what shows a task is already complete.</summary>
    internal static class BlockingWaitTable
    {
        public static readonly KeyValuePair<string, string[]>[] Waits =
        {
            Row("System.Threading.Tasks.Task", "Wait", "WaitAll", "WaitAny"),
            Row("System.Threading.Tasks.Task`1", "Result"),
            Row("System.Threading.Tasks.ValueTask`1", "Result"),
            Row("System.Runtime.CompilerServices.TaskAwaiter", "GetResult"),
            Row("System.Runtime.CompilerServices.TaskAwaiter`1", "GetResult"),
            Row("System.Runtime.CompilerServices.ValueTaskAwaiter", "GetResult"),
            Row("System.Runtime.CompilerServices.ValueTaskAwaiter`1", "GetResult"),
            Row("System.Runtime.CompilerServices.ConfiguredTaskAwaitable+ConfiguredTaskAwaiter", "GetResult"),
            Row("System.Runtime.CompilerServices.ConfiguredTaskAwaitable`1+ConfiguredTaskAwaiter", "GetResult"),
            Row("System.Runtime.CompilerServices.ConfiguredValueTaskAwaitable+ConfiguredValueTaskAwaiter", "GetResult"),
            Row("System.Runtime.CompilerServices.ConfiguredValueTaskAwaitable`1+ConfiguredValueTaskAwaiter", "GetResult"),
        };

        /// <summary>Waits that take a lock rather than wait for a task: blocking in async code only (<c>WaitAsync</c> is the twin).</summary>
        public static readonly KeyValuePair<string, string[]>[] LockWaits = { Row("System.Threading.SemaphoreSlim", "Wait") };

        /// <summary>
        /// Tasks that only wait for time to pass: blocking on one is a sleep, which blocks only the caller's own thread (no
        /// other work has to run to finish it). Reported in async code only, where a sleep is (RP0002), not in sync code.
        /// </summary>
        public static readonly KeyValuePair<string, string[]>[] Sleeps = { Row("System.Threading.Tasks.Task", "Delay") };

        /// <summary>Tasks that are complete when created.</summary>
        public static readonly KeyValuePair<string, string[]>[] CompletedTasks =
        {
            Row("System.Threading.Tasks.Task", "FromResult", "CompletedTask", "FromException", "FromCanceled"),
            Row("System.Threading.Tasks.ValueTask", "FromResult", "CompletedTask"),
        };

        /// <summary>Reading one of these on a task earlier in the function shows the author checked it has completed.</summary>
        public static readonly string[] CompletionChecks = { "IsCompleted", "IsCompletedSuccessfully", "IsFaulted", "IsCanceled", "Status" };

        /// <summary>Of those, the ones that say the task is complete only where they are true (a failed or cancelled task).</summary>
        public static readonly HashSet<string> FaultChecks = new HashSet<string> { "IsFaulted", "IsCanceled" };

        /// <summary>
        /// Waits on a task: without a timeout they leave it complete (or throw), so a later <c>.Result</c> does not block;
        /// with one, a later read blocks only where the first wait gave up. The first wait is the finding either way.
        /// </summary>
        public static readonly KeyValuePair<string, string[]>[] CompletingWaits = { Row("System.Threading.Tasks.Task", "Wait", "WaitAll", "RunSynchronously") };

        /// <summary>Awaiting these completes every task passed in.</summary>
        public static readonly KeyValuePair<string, string[]>[] AwaitAll = { Row("System.Threading.Tasks.Task", "WhenAll") };

        /// <summary>The antecedent passed to these callbacks has completed.</summary>
        public static readonly KeyValuePair<string, string[]>[] Continuations =
        {
            Row("System.Threading.Tasks.Task", "ContinueWith"),
            Row("System.Threading.Tasks.Task`1", "ContinueWith"),
        };
    }
}
