using RuntimePerf.Engine.Catalog;
using RuntimePerf.Languages.Common;

namespace RuntimePerf.Languages.Rules
{
    /// <summary>RP0015: a regex with a constant pattern, a parser, encoder or client built on every loop iteration.</summary>
    public sealed class ExpensiveObject : IRule
    {
        public string RuleId => RuleIds.ExpensiveObject;

        public void Check(FileAudit audit)
        {
            foreach (var call in audit.Model.Calls)
            {
                if (call.Loop == null || audit.Knowledge.ExpensiveConstruction(call) is not { } what) continue;
                // A client per iteration in async code is RP0011's finding.
                if (call.Function.IsAsync && audit.Knowledge.IsClientConstruction(call)) continue;
                audit.Report(RuleIds.ExpensiveObject, call.Function, call.StartByte, call.EndByte,
                    "Expensive object per iteration: " + call.Display + " builds a " + what + " on every iteration of a loop in " + call.Function.Describe(),
                    audit.Knowledge.Advice.ExpensiveObject);
            }
        }
    }
}
