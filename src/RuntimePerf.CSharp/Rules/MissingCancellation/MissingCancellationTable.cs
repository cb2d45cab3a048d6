using System.Collections.Generic;
using static RuntimePerf.CSharp.Analysis.MemberTable;

namespace RuntimePerf.CSharp.Rules.MissingCancellation
{
    /// <summary>What RP0018 knows beyond the overloads the compiler finds.</summary>
    internal static class MissingCancellationTable
    {
        /// <summary>Calls whose token only stops the work from being scheduled, not the work itself: passing it gains little.</summary>
        public static readonly KeyValuePair<string, string[]>[] SchedulingOnly =
        {
            Row("System.Threading.Tasks.Task", "Run"),
            Row("System.Threading.Tasks.TaskFactory", "StartNew"),
            Row("System.Threading.Tasks.TaskFactory`1", "StartNew"),
            Row("System.Threading.Tasks.Task", "ContinueWith"),
            Row("System.Threading.Tasks.Task`1", "ContinueWith"),
        };

        /// <summary>
        /// Where a call on a value in memory can still move data to or from elsewhere (<c>memory.CopyToAsync(network)</c>):
        /// such an argument that is not in memory too keeps the call reported.
        /// </summary>
        public static readonly string[] DataEnds = { "System.IO.Stream", "System.IO.TextReader", "System.IO.TextWriter" };
    }
}
