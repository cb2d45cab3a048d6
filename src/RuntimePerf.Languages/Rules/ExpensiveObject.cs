using RuntimePerf.Engine.Catalog;
using RuntimePerf.Engine.Model;
using RuntimePerf.Languages.Common;

namespace RuntimePerf.Languages.Rules
{
    /// <summary>
    /// RP0015: a regex with a constant pattern, a parser, encoder or client built on every loop iteration; and, in languages
    /// where building one costs on every call (<see cref="ILanguageKnowledge.CostlyPerCall"/>), built per call of an ordinary function.
    /// </summary>
    public sealed class ExpensiveObject : IRule
    {
        public string RuleId => RuleIds.ExpensiveObject;

        public void Check(FileAudit audit)
        {
            foreach (var call in audit.Model.Calls)
            {
                if (audit.Knowledge.ExpensiveConstruction(call) is not { } what) continue;
                var fn = call.Function;
                if (call.Loop == null)
                {
                    if (!audit.Knowledge.CostlyPerCall(call) || !RunsPerCall(fn) || call.ArgumentOf is { IsLiteral: true }) continue;
                    audit.Report(RuleIds.ExpensiveObject, fn, call.StartByte, call.EndByte,
                        "Expensive object per call: " + call.Display + " builds a " + what + " on every call of " + fn.Describe(),
                        audit.Knowledge.Advice.ExpensiveObject, Confidence.High, fn.IsHandler ? null : Severity.Low);
                    continue;
                }
                // A client per iteration in async code is RP0011's finding.
                if (fn.IsAsync && audit.Knowledge.IsClientConstruction(call)) continue;
                audit.Report(RuleIds.ExpensiveObject, fn, call.StartByte, call.EndByte,
                    "Expensive object per iteration: " + call.Display + " builds a " + what + " on every iteration of a loop in " + fn.Describe(),
                    audit.Knowledge.Advice.ExpensiveObject);
            }
        }

        /// <summary>
        /// A function that runs again and again: not the module's start-up, an entry point, a constructor (<c>NewX</c>) or a
        /// function literal (often run once, as with <c>sync.Once</c>).
        /// </summary>
        internal static bool RunsPerCall(FunctionModel fn) =>
            fn.IsHandler || fn.Kind == FunctionKind.Function && !fn.IsEntryPoint
            && !(fn.Name.Length > 3 && fn.Name.StartsWith("New", System.StringComparison.OrdinalIgnoreCase) && char.IsUpper(fn.Name[3]))
            && !fn.Name.StartsWith("init", System.StringComparison.OrdinalIgnoreCase) && !fn.Name.StartsWith("must", System.StringComparison.OrdinalIgnoreCase);
    }
}
