using RuntimePerf.Engine.Catalog;
using RuntimePerf.Engine.Model;
using RuntimePerf.Languages.Common;

namespace RuntimePerf.Languages.Rules
{
    /// <summary>
    /// RP0003: a collection materialised only to be counted or tested (<c>any([x for x in xs])</c>), and key-value pairs
    /// built for a loop that uses only one part of each (<c>for k, _ in d.items()</c>).
    /// </summary>
    public sealed class MaterializeToCount : IRule
    {
        public string RuleId => RuleIds.MaterializeToCount;

        public void Check(FileAudit audit)
        {
            foreach (var call in audit.Model.Calls)
            {
                // under if __name__ == "__main__": a script's one run
                if (call.InMainGuard || audit.Knowledge.MaterializedOnlyToConsume(call) is not { } better) continue;
                var fn = call.Function;
                bool hot = fn.IsHandler || call.Loop != null;
                audit.Report(RuleIds.MaterializeToCount, fn, call.StartByte, call.EndByte,
                    "Unnecessary allocation: " + call.Written + "() " + (call.ResultUse == ResultUse.FirstItem ? "in " + fn.Describe() + " builds a whole collection only to read its first item"
                        : "of " + audit.Knowledge.Advice.MaterializedCollection + " in " + fn.Describe() + " builds a whole collection only to consume it once"),
                    "Use " + better, Confidence.High, hot ? Severity.Medium : Severity.Low);
            }
            foreach (var loop in audit.Model.Loops)
            {
                var fn = loop.Function;
                if (fn.Kind == FunctionKind.Module && audit.Model.Calls.Exists(c => c.InMainGuard && c.StartByte >= loop.StartByte && c.StartByte < loop.EndByte)) continue;
                bool hot = fn.IsHandler || loop.Parent is { } outer && outer.Function == fn;
                if (loop.Kind == LoopKind.Comprehension && loop.ResultUse == ResultUse.FirstItem)
                {
                    audit.Report(RuleIds.MaterializeToCount, fn, loop.StartByte, loop.EndByte,
                        "Unnecessary allocation: the comprehension in " + fn.Describe() + " builds every item only to read the first",
                        "Use " + audit.Knowledge.Advice.FirstOfComprehension, Confidence.High, hot ? Severity.Medium : Severity.Low);
                }
                if (loop.UnusedPart is not { } unused) continue;
                string walked = loop.IterableText ?? "the pairs";
                string collection = PairsOf(fn, loop) ?? walked;
                string used = unused == PairPart.Value ? "keys" : "values";
                audit.Report(RuleIds.MaterializeToCount, fn, loop.IterableStartByte, loop.IterableEndByte,
                    "Unnecessary allocation: the loop over " + walked + " in " + fn.Describe() + " builds a key-value pair per item and uses only the " + used,
                    (unused == PairPart.Value ? audit.Knowledge.Advice.OnlyKeys : audit.Knowledge.Advice.OnlyValues).Replace("{collection}", collection),
                    Confidence.High, hot ? Severity.Medium : Severity.Low);
            }
        }

        /// <summary>The receiver of the call the loop walks (<c>d</c> of <c>d.items()</c>), when short.</summary>
        private static string? PairsOf(FunctionModel fn, LoopModel loop)
        {
            foreach (var call in fn.Calls)
            {
                if (call.StartByte == loop.IterableStartByte && call.EndByte == loop.IterableEndByte) return call.Receiver;
            }
            return null;
        }
    }
}
