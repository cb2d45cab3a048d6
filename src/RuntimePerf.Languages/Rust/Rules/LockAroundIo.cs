using RuntimePerf.Engine.Catalog;
using RuntimePerf.Languages.Common;

namespace RuntimePerf.Languages.Rust.Rules
{
    /// <summary>
    /// RP0014 for Rust: a synchronous lock's guard (<c>std::sync::Mutex</c>/<c>RwLock</c>, parking_lot's) bound by
    /// <c>let</c> and still alive at an <c>.await</c> of the same function: the worker thread that polls the other tasks
    /// may run one that takes the same lock, which then blocks the thread (or deadlocks). A guard released first —
    /// <c>drop(guard)</c>, moved into a call, or scoped in an inner block — is fine. Rust guards have no <c>with</c>
    /// block, so the model records each guard's lifetime as a scope (from the <c>let</c> to the end of its block).
    /// </summary>
    public sealed class LockAroundIo : IRule
    {
        public string RuleId => RuleIds.LockAroundIo;

        public void Check(FileAudit audit)
        {
            foreach (var guard in audit.Model.Withs)
            {
                if (guard.IsAsync || guard.Items.Count != 1 || guard.Items[0].Alias is not { } name) continue;
                var fn = guard.Function;
                if (!fn.IsAsyncCode || HeldAt(fn, guard, name) is not { } held) continue;
                string lockName = guard.Items[0].Name ?? "a lock";
                audit.Report(RuleIds.LockAroundIo, fn, guard.StartByte, guard.BodyStartByte,
                    "Lock held across await: the guard " + name + " of " + lockName + " in " + fn.Describe()
                    + " is still alive at the .await on line " + audit.Model.Text.GetPosition(held.StartByte).Line
                    + ", so a task polled on this thread that takes the same lock blocks the runtime thread (or deadlocks)",
                    audit.Knowledge.Advice.LockAroundIo);
            }
        }

        /// <summary>The first await of the function while the guard is alive, or null when it is released (or there is none).</summary>
        private static AwaitModel? HeldAt(FunctionModel fn, WithModel guard, string name)
        {
            foreach (var aw in fn.Awaits)
            {
                if (aw.StartByte < guard.BodyStartByte || aw.StartByte >= guard.EndByte) continue;
                return Released(fn, guard, name, aw.StartByte) ? null : aw;
            }
            return null;
        }

        /// <summary><c>drop(guard)</c>, or the guard moved into any other call, before <paramref name="before"/>.</summary>
        private static bool Released(FunctionModel fn, WithModel guard, string name, int before)
        {
            foreach (var call in fn.Calls)
            {
                if (call.StartByte < guard.BodyStartByte || call.StartByte >= before) continue;
                foreach (var a in call.Arguments)
                {
                    if (a.Shape == Shape.Name && a.Text == name) return true;
                }
            }
            return false;
        }
    }
}
