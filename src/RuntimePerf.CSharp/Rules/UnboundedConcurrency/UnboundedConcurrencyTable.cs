using System.Collections.Generic;
using static RuntimePerf.CSharp.Analysis.MemberTable;

namespace RuntimePerf.CSharp.Rules.UnboundedConcurrency
{
    /// <summary>What RP0010 knows: unbounded queues, fan-in calls, fixed-size sources and the types that bound concurrency.</summary>
    internal static class UnboundedConcurrencyTable
    {
        public static readonly KeyValuePair<string, string[]>[] UnboundedQueues =
        {
            Row("System.Threading.Channels.Channel", "CreateUnbounded", "CreateUnboundedPrioritized"),
        };

        /// <summary>Calls that await every task of a sequence at once.</summary>
        public static readonly KeyValuePair<string, string[]>[] FanIns = { Row("System.Threading.Tasks.Task", "WhenAll") };

        /// <summary>Sequences whose size is a call argument: bounded when that argument is a constant.</summary>
        public static readonly KeyValuePair<string, string[]>[] SizedSources =
        {
            Row("System.Linq.Enumerable", "Range", "Repeat", "Take"),
        };

        /// <summary>Types that limit how much runs at once; one in reach of the fan-out means it is bounded.</summary>
        public static readonly string[] Limiters =
        {
            "System.Threading.SemaphoreSlim", "System.Threading.Semaphore", "System.Threading.RateLimiting.RateLimiter",
            "Polly.Bulkhead.AsyncBulkheadPolicy", "Polly.Bulkhead.AsyncBulkheadPolicy`1",
        };
    }
}
