using RuntimePerf.Engine.Catalog;
using RuntimePerf.Languages.Common;
using RuntimePerf.Languages.Rules;

namespace RuntimePerf.Languages.JavaScript.Rules
{
    /// <summary>
    /// RP0016: a file or directory read inside a loop (a <c>for</c>/<c>while</c> body or an array callback) although its path
    /// has the same value on every iteration: a string literal, a name neither the loop nor its callback binds or assigns,
    /// <c>this.x</c>, or <c>path.join</c>/<c>resolve</c> of such values. Also a whole file rewritten at such a path on every
    /// item of a loop over data (<c>for (const id of ids) { …; await writeFile(FILE, JSON.stringify(state)); }</c>): each write
    /// replaces the last, so only one was needed, after the loop. Not in a <c>while</c> or counted loop (a retry writes again).
    /// </summary>
    public sealed class RepeatedIo : IRule
    {
        public string RuleId => RuleIds.RepeatedIo;

        public void Check(FileAudit audit)
        {
            var model = audit.Model;
            foreach (var call in model.Calls)
            {
                if (call.Loop is not { } loop || call.Resolved is not { } r) continue;
                bool read = JavaScriptTables.FileReads.Contains(r);
                if (!read && !(JavaScriptTables.FileWrites.Contains(r) && loop.IterableText != null)) continue;
                if (call.Positional(0) is not { } path || !LoopInvariance.Invariant(model, call.Function, loop, path) || WaitsBetweenIterations(model, loop)) continue;
                RepeatedIoReport.Report(audit, call, path.Text, rewrites: !read);
            }
        }

        /// <summary>
        /// The loop's body sets a timer, sleeps (<c>await new Promise((r) =&gt; setTimeout(r, 500))</c>, <c>await sleep(ms)</c>) or
        /// busy-waits: a poll or a retry, where reading the file again is the point.
        /// </summary>
        private static bool WaitsBetweenIterations(SourceModel model, LoopModel loop)
        {
            // while (Date.now() - start < delayMs) {}: a busy-wait between attempts is a wait too (RP0002's concern)
            foreach (var inner in model.Loops)
            {
                if (inner.Parent == loop && inner.OnlyWaits) return true;
            }
            foreach (var c in model.Calls)
            {
                if (c.StartByte >= loop.BodyEndByte) break; // calls are in source order
                if (c.StartByte < loop.BodyStartByte) continue;
                if (c.Resolved is { } r && JavaScriptTables.Timers.Contains(r)) return true;
                // sleep(ms), setTimeout, or a helper named for it (sleepSync, delay_ms)
                string callee = c.Method ?? c.Written;
                if (JavaScriptTables.PollWaits.Contains(callee) || JavaScriptTables.PollWaits.Contains(CallNames.FirstWord(callee))) return true;
            }
            return false;
        }

    }
}
