using RuntimePerf.Engine.Catalog;
using RuntimePerf.Languages.Common;

namespace RuntimePerf.Languages.Rules
{
    /// <summary>
    /// RP0024: background work started and its handle dropped (<c>asyncio.create_task(…)</c> as a bare statement).
    /// The loop keeps only a weak reference, so the task can be garbage-collected mid-flight and its exception is never seen.
    /// </summary>
    public sealed class FireAndForget : IRule
    {
        public string RuleId => RuleIds.FireAndForget;

        public void Check(FileAudit audit)
        {
            foreach (var call in audit.Model.Calls)
            {
                if (!call.IsStatement || call.IsAwaited || !audit.Knowledge.IsTaskSpawn(call)) continue;
                audit.Report(RuleIds.FireAndForget, call.Function, call.StartByte, call.EndByte,
                    "Fire-and-forget: the task from " + call.Display + " in " + call.Function.Describe() + " is dropped, so it can be garbage-collected and its errors are lost",
                    audit.Knowledge.Advice.FireAndForget);
            }
        }
    }
}
