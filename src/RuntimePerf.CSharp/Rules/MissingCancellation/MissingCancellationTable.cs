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
    }
}
