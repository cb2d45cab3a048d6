using RuntimePerf.Engine.Catalog;
using RuntimePerf.Engine.Model;
using RuntimePerf.Languages.Common;

namespace RuntimePerf.Languages.JavaScript.Rules
{
    /// <summary>
    /// RP0016: a file or directory read inside a loop (a <c>for</c>/<c>while</c> body or an array callback) although its path
    /// has the same value on every iteration: a string literal, a name neither the loop nor its callback binds or assigns,
    /// <c>this.x</c>, or <c>path.join</c>/<c>resolve</c> of such values.
    /// </summary>
    public sealed class RepeatedIo : IRule
    {
        public string RuleId => RuleIds.RepeatedIo;

        public void Check(FileAudit audit)
        {
            var model = audit.Model;
            foreach (var call in model.Calls)
            {
                if (call.Loop is not { } loop || call.Resolved is not { } r || !JavaScriptTables.FileReads.Contains(r)) continue;
                if (call.Positional(0) is not { } path || !LoopInvariance.Invariant(model, call.Function, loop, path)) continue;
                audit.Report(RuleIds.RepeatedIo, call.Function, call.StartByte, call.EndByte,
                    "Repeated I/O in a loop: " + call.Display + " in " + call.Function.Describe() + " reads " + (path.Text ?? "the same path")
                    + " again on every iteration, although the path does not change",
                    "Read it once before the loop (or once at startup) and reuse the content",
                    Confidence.High, Severity.Medium);
            }
        }
    }
}
