using RuntimePerf.Engine.Catalog;
using RuntimePerf.Engine.Model;
using RuntimePerf.Languages.Common;

namespace RuntimePerf.Languages.Rules
{
    /// <summary>
    /// RP0014: <c>with lock:</c> on a <c>threading.Lock</c>/<c>RLock</c> whose body awaits: the thread lock stays held while
    /// the event loop runs other tasks, and any of them that takes it blocks the whole loop.
    /// </summary>
    public sealed class LockAroundIo : IRule
    {
        public string RuleId => RuleIds.LockAroundIo;

        public void Check(FileAudit audit)
        {
            foreach (var with in audit.Model.Withs)
            {
                if (with.IsAsync) continue;
                var fn = with.Function;
                var held = FirstAwaitIn(fn, with);
                if (held == null) continue;
                foreach (var item in with.Items)
                {
                    if (item.Name is not { } name || LockOwner(audit, fn, name) is not { } global) continue;
                    audit.Report(RuleIds.LockAroundIo, fn, with.StartByte, with.BodyStartByte,
                        "Lock held across await: " + (global ? "module-level " : "") + "threading lock " + name + " in " + fn.Describe()
                        + " stays held across an await, so any other task that takes it blocks the event loop",
                        audit.Knowledge.Advice.LockAroundIo,
                        Confidence.High, global ? Severity.High : Severity.Medium);
                    break;
                }
            }
        }

        private static AwaitModel? FirstAwaitIn(FunctionModel fn, WithModel with)
        {
            foreach (var aw in fn.Awaits)
            {
                if (aw.StartByte >= with.BodyStartByte && aw.StartByte < with.EndByte) return aw;
            }
            return null;
        }

        /// <summary>Null when the name is not a thread lock; else whether it is a module-level one.</summary>
        private static bool? LockOwner(FileAudit audit, FunctionModel fn, string name)
        {
            if (name.StartsWith("self.", System.StringComparison.Ordinal) && name.IndexOf('.', 5) < 0)
            {
                return audit.Knowledge.IsThreadLockKind(fn.KindOfSelfAttribute(name)) ? false : null;
            }
            if (name.IndexOf('.') >= 0) return null;
            var (binding, owner) = fn.Lookup(name);
            if (!audit.Knowledge.IsThreadLockKind(binding?.Kind)) return null;
            return owner == audit.Model.Module;
        }
    }
}
