using RuntimePerf.Engine.Catalog;
using RuntimePerf.Engine.Model;
using RuntimePerf.Languages.Common;

namespace RuntimePerf.Languages.Go.Rules
{
    /// <summary>
    /// RP0016: the same file, directory or environment variable read on every iteration of a loop — <c>os.ReadFile</c>,
    /// <c>os.Stat</c>, <c>os.Getenv</c>… whose arguments the loop does not change (constants, or names the loop never
    /// assigns).
    /// </summary>
    public sealed class RepeatedIo : IRule
    {
        public string RuleId => RuleIds.RepeatedIo;

        public void Check(FileAudit audit)
        {
            var model = audit.Model;
            foreach (var call in model.Calls)
            {
                if (call.Loop is not { } loop || call.Resolved is not { } resolved || !GoTables.RepeatableReads.Contains(resolved)) continue;
                if (call.Arguments.Count == 0 || !Invariant(model, call, loop)) continue;
                audit.Report(RuleIds.RepeatedIo, call.Function, call.StartByte, call.EndByte,
                    "Repeated I/O in a loop: " + call.Display + " reads the same " + (resolved.Contains("env", System.StringComparison.OrdinalIgnoreCase) || resolved.EndsWith("Env") ? "setting" : "file")
                    + " on every iteration in " + call.Function.Describe(),
                    "Read it once before the loop and reuse the value");
            }
        }

        /// <summary>Every argument is a constant, or a name (or field of one) the loop never assigns.</summary>
        private static bool Invariant(SourceModel model, CallModel call, LoopModel loop)
        {
            foreach (var arg in call.Arguments)
            {
                if (arg.Shape == Shape.String) continue;
                if (arg.Shape is not (Shape.Name or Shape.Member) || arg.Text is not { } text) return false;
                string root = text.Split('.')[0];
                for (var l = loop; l != null; l = l.Parent)
                {
                    foreach (var use in model.UsesOf(root, call.Function, l.StartByte, l.EndByte))
                    {
                        if (use.Kind != UseKind.Read) return false;
                    }
                }
            }
            return true;
        }
    }
}
