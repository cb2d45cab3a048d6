using System.Collections.Generic;
using static RuntimePerf.CSharp.Analysis.MemberTable;

namespace RuntimePerf.CSharp.Rules.AwaitInLoop
{
    /// <summary>What RP0009 knows beyond <see cref="Analysis.AwaitedCallsTable"/>.</summary>
    internal static class AwaitInLoopTable
    {
        /// <summary>Awaits that pace or limit a loop on purpose: a loop that awaits one of these is left alone.</summary>
        public static readonly KeyValuePair<string, string[]>[] Pacing =
        {
            Row("System.Threading.Tasks.Task", "Delay"),
            Row("System.Threading.SemaphoreSlim", "WaitAsync"),
            Row("System.Threading.PeriodicTimer", "WaitForNextTickAsync"),
            Row("System.Threading.RateLimiting.RateLimiter", "AcquireAsync"),
        };
    }
}
