using System;
using RuntimePerf.Engine.Catalog;
using RuntimePerf.Languages.Common;

namespace RuntimePerf.Languages.Rust.Rules
{
    /// <summary>
    /// RP0010: a task spawned (<c>tokio::spawn</c>, <c>async_std::task::spawn</c>, a <c>JoinSet</c>'s <c>spawn</c>…) per item of a
    /// loop over data — a <c>for</c> over a collection, a closure given to an iterator adapter, or a <c>while let</c> over a
    /// channel's <c>recv().await</c> — in async code, with no semaphore permit taken in the function or the task: a large
    /// input (or a fast producer) starts as many tasks at once. Not over ranges (<c>0..workers</c>: a pool of a chosen size),
    /// arrays written out, nor over accepted connections (<c>incoming()</c>, <c>accept()</c>: a server's own loop). The fan-outs
    /// the shared rule knows (<c>join_all(items.iter().map(f))</c>) are checked by it, run from here (a front end runs each rule once).
    /// </summary>
    public sealed class UnboundedConcurrency : ExtendedRule<Languages.Rules.UnboundedConcurrency>
    {
        protected override void CheckOwn(FileAudit audit)
        {
            foreach (var call in audit.Model.Calls)
            {
                if (!IsSpawn(call) || call.IsOffloaded) continue;
                var fn = call.Function;
                if (!fn.IsAsyncPath || call.Loop is not { } loop || loop.Function != fn) continue;
                string? over = loop.IterableText is { } items ? (OverData(items) ? "every item of " + items : null) : Messages(audit.Model, loop);
                if (over == null || Limited(audit.Model, fn, call)) continue;
                audit.Report(RuleIds.UnboundedConcurrency, fn, call.StartByte, call.EndByte,
                    "Unbounded concurrency: " + call.Written + "() starts a task for " + over + " in " + fn.Describe()
                    + ", with no limit on how many run at once",
                    audit.Knowledge.Advice.UnboundedFanOut);
            }
        }

        private static bool IsSpawn(CallModel call) =>
            call.Resolved is { } r ? RustTables.TaskSpawns.Contains(r)
            : call.Method is { } m && RustTables.SetSpawns.Contains(m) && RustKnowledge.Instance.ReceiverKind(call) == RustTables.JoinSet;

        /// <summary><c>while let Some(m) = rx.recv().await</c>: "every message received from rx"; null for other while loops.</summary>
        private static string? Messages(SourceModel model, LoopModel loop)
        {
            if (loop.Kind != LoopKind.While || loop.BodyStartByte - loop.StartByte > ArgumentModel.MaxText) return null;
            string header = model.Text.GetText(loop.StartByte, loop.BodyStartByte);
            foreach (string receive in RustTables.ChannelReceives)
            {
                int at = header.IndexOf(receive, StringComparison.Ordinal);
                if (at < 0) continue;
                int eq = header.LastIndexOf('=', at);
                if (eq < 0) return null;
                return "every message received from " + header.Substring(eq + 1, at - eq - 1).Trim();
            }
            return null;
        }

        /// <summary>Not a range, an array written out (<c>[a, b, c]</c>: as many tasks as written) or accepted connections.</summary>
        private static bool OverData(string items)
        {
            string list = items.TrimStart('&');
            return !items.Contains("..", StringComparison.Ordinal) && !items.Contains("incoming", StringComparison.Ordinal)
                && !list.StartsWith("[", StringComparison.Ordinal) && !list.StartsWith("vec![", StringComparison.Ordinal);
        }

        /// <summary>A semaphore permit taken in the function or in a task it spawns (<c>sem.acquire_owned().await</c>).</summary>
        private static bool Limited(SourceModel model, FunctionModel fn, CallModel spawn)
        {
            foreach (var c in model.Calls)
            {
                bool inScope = c.Function == fn || c.StartByte >= spawn.StartByte && c.EndByte <= spawn.EndByte;
                if (inScope && c.Method is { } m && m.StartsWith("acquire", StringComparison.Ordinal)) return true;
            }
            return false;
        }
    }
}
