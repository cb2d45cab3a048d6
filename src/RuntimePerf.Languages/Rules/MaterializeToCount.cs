using RuntimePerf.Engine.Catalog;
using RuntimePerf.Engine.Model;
using RuntimePerf.Languages.Common;

namespace RuntimePerf.Languages.Rules
{
    /// <summary>RP0003: a collection materialised only to be counted or tested (<c>any([x for x in xs])</c>).</summary>
    public sealed class MaterializeToCount : IRule
    {
        public string RuleId => RuleIds.MaterializeToCount;

        public void Check(FileAudit audit)
        {
            foreach (var call in audit.Model.Calls)
            {
                if (audit.Knowledge.MaterializedOnlyToConsume(call) is not { } better) continue;
                var fn = call.Function;
                bool hot = fn.IsHandler || call.Loop != null;
                audit.Report(RuleIds.MaterializeToCount, fn, call.StartByte, call.EndByte,
                    "Unnecessary allocation: " + call.Written + "() of a list comprehension in " + fn.Describe() + " builds a whole list only to consume it once",
                    "Use " + better, Confidence.High, hot ? Severity.Medium : Severity.Low);
            }
        }
    }
}
