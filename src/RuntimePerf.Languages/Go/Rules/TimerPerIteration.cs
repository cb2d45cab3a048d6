using RuntimePerf.Engine.Catalog;
using RuntimePerf.Engine.Model;
using RuntimePerf.Languages.Common;

namespace RuntimePerf.Languages.Go.Rules
{
    /// <summary>
    /// RP0019: timers made per loop iteration, graded by the module's <c>go</c> directive. Before Go 1.23 a timer that has
    /// not fired is not collected: <c>case &lt;-time.After(d):</c> in a <c>for { select {…} }</c> leaves one live timer per
    /// iteration until each fires, and <c>time.Tick</c> in a function that returns leaks its ticker for good. Since 1.23
    /// unreferenced timers are collected, and what remains is an allocation per iteration (LOW).
    /// </summary>
    public sealed class TimerPerIteration : IRule
    {
        public string RuleId => RuleIds.TimerPerIteration;

        public void Check(FileAudit audit)
        {
            var model = audit.Model;
            string? version = model.LanguageVersion;
            bool collected = GoModules.AtLeast(version, 1, GoTables.TimerCollectedMinor);
            string judged = version == null ? " (no go.mod found: judged as the newest Go)" : " (go " + (version.Length == 0 ? "directive missing" : version) + ")";
            foreach (var call in model.Calls)
            {
                var fn = call.Function;
                if (fn.IsEntryPoint || call.Resolved is not { } resolved) continue;
                if (resolved == GoTables.After && call.Loop != null && InSelectCase(model, call))
                {
                    // a poll's own wait piles nothing up (the loop goes on once it fired): what is left is the allocation
                    bool poll = !collected && OnlyTheTimerGoesOn(model, call);
                    Report(audit, call, collected || poll,
                        "time.After in a select inside a loop makes a new timer on every iteration in " + fn.Describe()
                        + (collected ? "; it is collected once unreferenced since Go 1.23, but still allocated each time"
                            : poll ? "; the other cases leave the function, so the loop goes on only once it fired and none piles up, but each is allocated"
                            : ", and each one stays alive until it fires") + judged,
                        "Create one timer before the loop (t := time.NewTimer(d); defer t.Stop()) and Reset it each iteration, or use a context deadline");
                }
                else if (resolved == GoTables.Tick && (call.Loop != null || !collected && Ends(model, fn, call)))
                {
                    Report(audit, call, collected,
                        "time.Tick in " + fn.Describe() + (call.Loop != null ? " makes a new ticker on every iteration" : " makes a ticker that can never be stopped, so it outlives the function")
                        + judged,
                        "Use t := time.NewTicker(d) and defer t.Stop()");
                }
                else if (call.Loop != null && GoTables.TimerConstructors.Contains(resolved) && !Stopped(model, call))
                {
                    Report(audit, call, collected,
                        call.Display + " in a loop in " + fn.Describe() + " makes a timer per iteration that is never stopped" + judged,
                        "Create the timer once before the loop and Reset it, or Stop each one when done");
                }
            }
        }

        /// <summary><c>case &lt;-time.After(d):</c> — the receive of a select case (gofmt puts the case on its own line).</summary>
        private static bool InSelectCase(SourceModel model, CallModel call)
        {
            string line = model.LineTextAt(call.StartByte).TrimStart();
            return line.StartsWith("case ", System.StringComparison.Ordinal) && line.Contains("<-" + call.Written + "(", System.StringComparison.Ordinal);
        }

        /// <summary>
        /// Every other case of the select leaves the function (<c>case &lt;-ctx.Done(): return ctx.Err()</c>): the loop goes on
        /// only once the timer has fired, so at most one timer outlives it — a poll's own wait, not a pile of them (LOW, as after Go 1.23).
        /// </summary>
        private static bool OnlyTheTimerGoesOn(SourceModel model, CallModel call)
        {
            BranchModel? select = null;
            foreach (var b in model.Branches)
            {
                if (b.WaitsForACase && b.Function == call.Function && b.Contains(call.StartByte) && (select == null || b.StartByte > select.StartByte)) select = b;
            }
            if (select == null) return false;
            var text = model.Text;
            int own = text.GetPosition(call.StartByte).Line, first = text.GetPosition(select.StartByte).Line, last = text.GetPosition(select.EndByte - 1).Line;
            string ownLine = text.Line(own);
            string indent = ownLine.Substring(0, ownLine.Length - ownLine.TrimStart().Length);
            // the cases' first lines, at the timer case's indentation
            var starts = new System.Collections.Generic.List<int>();
            for (int line = first + 1; line <= last; line++)
            {
                string t = text.Line(line);
                if (!t.StartsWith(indent, System.StringComparison.Ordinal) || t.Length <= indent.Length || char.IsWhiteSpace(t[indent.Length])) continue;
                string head = t.Substring(indent.Length);
                if (head.StartsWith("case ", System.StringComparison.Ordinal) || head.StartsWith("default:", System.StringComparison.Ordinal)) starts.Add(line);
            }
            for (int i = 0; i < starts.Count; i++)
            {
                int end = i + 1 < starts.Count ? starts[i + 1] : last;
                if (starts[i] == own) continue;
                if (!Leaves(model, starts[i], end)) return false;
            }
            return true;
        }

        /// <summary>
        /// The case on lines [from, to) ends by leaving the function: its last statement at the body's own depth (not one nested
        /// in an <c>if</c>) is a return, a panic or an exit. A <c>case &lt;-ctx.Done():</c> with an empty body falls out of the select.
        /// </summary>
        private static bool Leaves(SourceModel model, int from, int to)
        {
            var text = model.Text;
            string? bodyIndent = null, last = null;
            for (int line = from + 1; line < to; line++)
            {
                string t = text.Line(line);
                string trimmed = t.TrimStart();
                if (trimmed.Length == 0 || trimmed.StartsWith("//", System.StringComparison.Ordinal)) continue;
                string indent = t.Substring(0, t.Length - trimmed.Length);
                bodyIndent ??= indent;
                if (indent == bodyIndent) last = trimmed;
            }
            return last != null && (last.StartsWith("return", System.StringComparison.Ordinal) || last.StartsWith("panic(", System.StringComparison.Ordinal)
                || last.StartsWith("os.Exit(", System.StringComparison.Ordinal) || last.StartsWith("log.Fatal", System.StringComparison.Ordinal));
        }

        /// <summary>
        /// The ticker's function can end: it returns, or the loop ranging over the ticker can be left with a break. An
        /// endless function (a service loop) may keep its ticker for good.
        /// </summary>
        private static bool Ends(SourceModel model, FunctionModel fn, CallModel tick)
        {
            LoopModel? ranged = null;
            foreach (var loop in model.Loops)
            {
                if (loop.Function == fn && loop.IterableStartByte == tick.StartByte) ranged = loop;
            }
            foreach (var s in model.Statements)
            {
                if (s.Function != fn) continue;
                if (s.Kind == StatementKind.Return || s.Kind == StatementKind.Break && ranged != null && ranged.BodyContains(s.StartByte)
                    && !InSelectOrSwitch(model, fn, ranged, s.StartByte)) return true;
            }
            return false;
        }

        /// <summary>A break inside a select or switch within the loop leaves only that statement.</summary>
        private static bool InSelectOrSwitch(SourceModel model, FunctionModel fn, LoopModel loop, int position)
        {
            foreach (var b in model.Branches)
            {
                if (b.Function == fn && loop.BodyContains(b.StartByte) && b.Contains(position) && b.ConditionStartByte == b.StartByte) return true;
            }
            foreach (var inner in model.Loops)
            {
                if (inner != loop && inner.Function == fn && loop.BodyContains(inner.StartByte) && inner.BodyContains(position)) return true;
            }
            return false;
        }

        /// <summary>The timer's variable is stopped (or the timer is not kept in a variable, nothing can stop it).</summary>
        private static bool Stopped(SourceModel model, CallModel call)
        {
            foreach (var a in model.Assignments)
            {
                if (a.ValueCall != call || a.Names.Count != 1) continue;
                foreach (var c in call.Function.Calls)
                {
                    if (c.Method == "Stop" && c.Receiver == a.Names[0]) return true;
                }
            }
            return false;
        }

        private static void Report(FileAudit audit, CallModel call, bool collected, string issue, string recommendation) =>
            audit.Report(RuleIds.TimerPerIteration, call.Function, call.StartByte, call.EndByte, "Timer per iteration: " + issue, recommendation,
                Confidence.High, collected ? Severity.Low : null);
    }
}
