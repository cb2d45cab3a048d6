using RuntimePerf.Engine.Catalog;
using RuntimePerf.Engine.Model;
using RuntimePerf.Languages.Common;

namespace RuntimePerf.Languages.Rules
{
    /// <summary>RP0016's finding, worded the same in every language whose detector finds a read (or whole rewrite) of one path per iteration.</summary>
    internal static class RepeatedIoReport
    {
        public static void Report(FileAudit audit, CallModel call, string? path, bool rewrites)
        {
            string file = path ?? "the same path";
            audit.Report(RuleIds.RepeatedIo, call.Function, call.StartByte, call.EndByte,
                "Repeated I/O in a loop: " + call.Display + " in " + call.Function.Describe()
                + (rewrites ? " rewrites the whole of " + file + " on every item, and each write replaces the one before"
                    : " reads " + file + " again on every iteration, although the path does not change"),
                rewrites ? "Change the data in the loop and write the file once after it"
                    : "Read it once before the loop (or once at startup) and reuse the content",
                Confidence.High, Severity.Medium);
        }
    }
}
