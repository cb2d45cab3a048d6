using RuntimePerf.Engine.Catalog;
using RuntimePerf.Engine.Model;
using RuntimePerf.Languages.Common;

namespace RuntimePerf.Languages.Rust.Rules
{
    /// <summary>
    /// RP0014 for Rust: a synchronous lock's guard (<c>std::sync::Mutex</c>/<c>RwLock</c>, parking_lot's) bound by
    /// <c>let</c> and still alive at an <c>.await</c> of the same function: the worker thread that polls the other tasks
    /// may run one that takes the same lock, which then blocks the thread (or deadlocks). A guard released first —
    /// <c>drop(guard)</c>, moved into a call, or scoped in an inner block — is fine. Rust guards have no <c>with</c>
    /// block, so the model records each guard's lifetime as a scope (from the <c>let</c> to the end of its block).
    /// A <c>tokio::sync::Mutex</c> guard (<c>m.lock().await</c>) held across an awaited HTTP or database call is LOW: it
    /// blocks no thread, but every task that needs the lock waits for the network. A temporary guard lives to the end of
    /// its statement, so one taken inside an awaited expression (<c>send(m.lock().unwrap().clone()).await</c>) is held
    /// across that await too.
    /// </summary>
    public sealed class LockAroundIo : IRule
    {
        public string RuleId => RuleIds.LockAroundIo;

        public void Check(FileAudit audit)
        {
            foreach (var guard in audit.Model.Withs)
            {
                if (guard.Items.Count != 1 || guard.Items[0].Alias is not { } name) continue;
                var fn = guard.Function;
                if (!fn.IsAsyncCode || HeldAt(fn, guard, name, guard.IsAsync) is not { } held) continue;
                string lockName = guard.Items[0].Name ?? "a lock";
                int line = audit.Model.Text.GetPosition(held.StartByte).Line;
                if (guard.IsAsync)
                {
                    audit.Report(RuleIds.LockAroundIo, fn, guard.StartByte, guard.BodyStartByte,
                        "Lock held across network I/O: the async lock " + lockName + " in " + fn.Describe() + " stays held while "
                        + held.Call!.Written + "() is awaited on line " + line + ", so every other task that needs the lock waits for the network too",
                        "Copy what is needed out of the guard and drop it before the request (or hold the lock only around the state change)",
                        Confidence.Medium, Severity.Low);
                    continue;
                }
                audit.Report(RuleIds.LockAroundIo, fn, guard.StartByte, guard.BodyStartByte,
                    "Lock held across await: the guard " + name + " of " + lockName + " in " + fn.Describe()
                    + " is still alive at the .await on line " + line
                    + ", so a task polled on this thread that takes the same lock blocks the runtime thread (or deadlocks)",
                    audit.Knowledge.Advice.LockAroundIo);
            }
            foreach (var fn in audit.Model.Functions)
            {
                if (fn.IsAsyncCode) CheckTemporaryGuards(audit, fn);
            }
        }

        /// <summary>
        /// <c>tx.send(state.lock().unwrap().clone()).await</c>: the guard is a temporary of the awaiting statement. Not one taken in
        /// a closure there (<c>poll_fn(|cx| { let s = &amp;mut *m.lock().unwrap(); … }).await</c>): it is dropped when the closure returns.
        /// </summary>
        private static void CheckTemporaryGuards(FileAudit audit, FunctionModel fn)
        {
            foreach (var unwrap in fn.Calls)
            {
                // m.lock().unwrap(), .expect(…), .map_err(…)? and the poison-tolerant .unwrap_or_else(…): the guard itself.
                if (unwrap.Method is not { } m || !RustTables.TakesGuard(m, unwrap.Arguments.Count == 1 ? unwrap.Arguments[0].Text : null)
                    || unwrap.ReceiverCall is not { Method: "lock" or "read" or "write", Arguments.Count: 0, IsAwaited: false, InClosure: false } lockCall) continue;
                if (AwaitWhileAlive(audit.Model, fn, lockCall) is not var (aw, lives)) continue;
                int line = audit.Model.Text.GetPosition(aw.StartByte).Line;
                audit.Report(RuleIds.LockAroundIo, fn, lockCall.StartByte, unwrap.EndByte,
                    "Lock held across await: the temporary guard of " + lockCall.Written + "() in " + fn.Describe()
                    + " lives to the end of " + lives + ", which awaits on line " + line
                    + ", so a task polled on this thread that takes the same lock blocks the runtime thread (or deadlocks)",
                    audit.Knowledge.Advice.LockAroundIo);
            }
        }

        /// <summary>
        /// The first await while a temporary guard is alive: in the awaited expression that holds it, or after the scrutinee that
        /// holds it (<c>match m.lock().unwrap().len() { 0 =&gt; refill().await, … }</c>) — with where it lives until.
        /// </summary>
        private static (AwaitModel Await, string Lives)? AwaitWhileAlive(SourceModel model, FunctionModel fn, CallModel lockCall)
        {
            foreach (var aw in fn.Awaits)
            {
                if (aw.OperandStartByte <= lockCall.StartByte && lockCall.EndByte <= aw.OperandEndByte) return (aw, "its statement");
            }
            foreach (var branch in model.Branches)
            {
                if (branch.Function != fn || branch.ConditionStartByte > lockCall.StartByte || lockCall.EndByte > branch.ConditionEndByte) continue;
                foreach (var aw in fn.Awaits)
                {
                    if (aw.StartByte >= branch.ConditionEndByte && aw.StartByte < branch.EndByte) return (aw, "the match (or if let / while let block) it is the scrutinee of");
                }
            }
            return null;
        }

        /// <summary>
        /// The first await of the function while the guard is alive (for an async lock, the first awaited network call:
        /// holding it across other awaits is what it is for), or null when the guard is released first or there is none.
        /// </summary>
        private static AwaitModel? HeldAt(FunctionModel fn, WithModel guard, string name, bool networkOnly)
        {
            foreach (var aw in fn.Awaits)
            {
                if (aw.StartByte < guard.BodyStartByte || aw.StartByte >= guard.EndByte) continue;
                if (networkOnly && !IsNetwork(aw.Call)) continue;
                return Released(fn, guard, name, aw.StartByte) ? null : aw;
            }
            return null;
        }

        /// <summary>An awaited HTTP or database call; <c>send()</c> only without arguments (a request's, not a channel's <c>send(x)</c>).</summary>
        private static bool IsNetwork(CallModel? call) =>
            call?.Method is { } m && RustTables.NetworkAwaits.Contains(m) && (m != "send" || call.Arguments.Count == 0);

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
