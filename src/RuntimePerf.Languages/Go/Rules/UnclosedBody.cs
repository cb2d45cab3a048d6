using System;
using System.Collections.Generic;
using System.Linq;
using RuntimePerf.Engine.Catalog;
using RuntimePerf.Engine.Model;
using RuntimePerf.Languages.Common;

namespace RuntimePerf.Languages.Go.Rules
{
    /// <summary>
    /// RP0020: <c>resp, err := http.Get(u)</c> (or <c>client.Do(req)</c>) whose <c>resp.Body</c> is not closed on every path
    /// out of the function: never closed, closed only after an early return (a bad status), or closed by a <c>defer</c>
    /// placed before the error check. Each leaked body keeps its connection out of the pool. A response that is returned,
    /// stored or handed to another function is that code's to close.
    /// </summary>
    public sealed class UnclosedBody : IRule
    {
        public string RuleId => RuleIds.UnclosedBody;

        private const string Recommendation =
            "Check the error first, then defer resp.Body.Close() right away, so that every path (the error statuses too) closes it";

        public void Check(FileAudit audit)
        {
            var model = audit.Model;
            foreach (var call in model.Calls)
            {
                // http.Get(url) as a statement: the response, and its body, are dropped on the spot.
                if (call.IsStatement && !call.IsDeferred && !call.IsSpawned && GoTables.ResponseFunctions.Contains(call.Resolved ?? ""))
                {
                    audit.Report(RuleIds.UnclosedBody, call.Function, call.StartByte, call.EndByte,
                        "Response body not closed: the response of " + call.Display + " is discarded, so its body is never closed",
                        Recommendation, Confidence.High, call.Function.IsEntryPoint ? Severity.Low : null);
                }
            }
            for (int i = 0; i < model.Assignments.Count; i++)
            {
                var a = model.Assignments[i];
                if (a.ValueCall is not { } call || a.Names.Count == 0 || a.Names[0].Length == 0) continue;
                bool? client = GoTables.ResponseFunctions.Contains(call.Resolved ?? "") ? true : IsClientCall(audit, call, a);
                if (client == false) continue;
                bool certain = client == true;
                var fn = a.Function;
                string resp = a.Names[0];
                if (resp == "_")
                {
                    if (certain) Report(audit, a, call, "the response of " + call.Display + " is discarded, so its body is never closed", Confidence.High);
                    continue;
                }
                var use = Uses(model, a, resp, RegionEnd(model, i, a, resp));
                if (use.Escapes || !certain && !use.ReadsResponseField) continue;
                var confidence = certain ? Confidence.High : Confidence.Medium;
                if (use.Closes.Count == 0)
                {
                    Report(audit, a, call, resp + ".Body from " + call.Display + " is never closed in " + fn.Describe(), confidence);
                    continue;
                }
                string? err = a.Names.Count > 1 && a.Names[1] is { Length: > 0 } e && e != "_" ? e : null;
                var errCheck = err == null ? null : FirstCheckOf(model, fn, err, a.EndByte);
                var first = use.Closes[0];
                if (first.Deferred && errCheck != null && first.Position < errCheck.ConditionStartByte)
                {
                    Report(audit, a, call, "defer " + resp + ".Body.Close() runs before " + err + " is checked in " + fn.Describe()
                        + ": when the request fails " + resp + " is nil and the deferred call panics", confidence, Severity.Medium);
                    continue;
                }
                if (LeakingExit(model, a, use.Closes, errCheck, use.End) is { } exit)
                {
                    var line = model.SpanOf(exit.StartByte, exit.StartByte).Line;
                    Report(audit, a, call, resp + ".Body from " + call.Display + " is not closed on the path that leaves at line " + line
                        + " in " + fn.Describe(), confidence);
                }
            }
        }

        /// <summary>
        /// <c>client.Do(req)</c>, <c>c.Get(url)</c>: true when the receiver is an <c>http.Client</c>, null when it is unknown but named
        /// like one (the response is then confirmed by reading its fields), false otherwise.
        /// </summary>
        private static bool? IsClientCall(FileAudit audit, CallModel call, AssignmentModel a)
        {
            if (call.IsLiteral || call.Method is not { } method || !GoTables.ClientMethods.TryGetValue(method, out int arity)
                || call.Arguments.Count != arity || a.Names.Count != 2) return false;
            var kind = audit.Knowledge.ReceiverKind(call);
            if (kind == GoTables.Client) return true;
            return kind == null && call.Receiver is { } r && (r.Contains("client", StringComparison.OrdinalIgnoreCase) || r.Contains("http", StringComparison.OrdinalIgnoreCase))
                ? null : false;
        }

        private readonly record struct Close(int Position, bool Deferred, int Branch);

        private sealed class BodyUse
        {
            public List<Close> Closes { get; } = new();
            public bool Escapes { get; set; }
            public bool ReadsResponseField { get; set; }
            public int End { get; init; }
        }

        /// <summary>Where the response variable stops being this one: its next assignment in the function, or the end of its loop's body.</summary>
        private static int RegionEnd(SourceModel model, int index, AssignmentModel a, string resp)
        {
            int end = a.Loop?.BodyEndByte ?? a.Function.EndByte;
            for (int j = index + 1; j < model.Assignments.Count && model.Assignments[j].StartByte < end; j++)
            {
                var next = model.Assignments[j];
                if (next.Function == a.Function && next.Names.Contains(resp)) return next.StartByte;
            }
            return end;
        }

        /// <summary>What the function (and the function literals in it) does with the response between its assignment and <paramref name="end"/>.</summary>
        private static BodyUse Uses(SourceModel model, AssignmentModel a, string resp, int end)
        {
            var result = new BodyUse { End = end };
            for (int u = FirstUseAt(model, a.EndByte); u < model.Uses.Count && model.Uses[u].Start < end; u++)
            {
                var use = model.Uses[u];
                if (!model.NameIs(use, resp) || !Within(model.Functions[use.Function], a.Function)) continue;
                int after = use.Start + use.Length;
                string? field = MemberAt(model, after);
                if (field == null)
                {
                    // resp passed, returned or stored: whoever receives it closes it (printing it hands nothing over).
                    if (use.Kind == UseKind.Read && !PassedTo(model, use.Start, after, GoTables.IsPrinter) && !Discarded(model, use.Start, after)) result.Escapes = true;
                    continue;
                }
                if (GoTables.ResponseFields.Contains(field)) result.ReadsResponseField = true;
                if (field != "Body") continue;
                int bodyEnd = after + 1 + field.Length;
                string? next = MemberAt(model, bodyEnd);
                if (next == "Close")
                {
                    var close = CloseAt(model, use.Start);
                    bool deferred = close == null || close.IsDeferred || close.Function != a.Function;
                    result.Closes.Add(new Close(use.Start, deferred, InnermostBranch(model, a.Function, use.Start)));
                }
                else if (next == null && !PassedTo(model, use.Start, bodyEnd, r => GoTables.BodyReaders.Contains(r) || GoTables.IsPrinter(r)))
                {
                    result.Escapes = true;
                }
            }
            return result;
        }

        /// <summary><c>_ = resp</c>: silences "declared and not used", hands nothing over.</summary>
        private static bool Discarded(SourceModel model, int start, int end)
        {
            foreach (var a in model.Assignments)
            {
                if (a.ValueStartByte == start && a.ValueEndByte == end) return a.Names.Count == 1 && a.Names[0] == "_";
            }
            return false;
        }

        private static int FirstUseAt(SourceModel model, int start)
        {
            int lo = 0, hi = model.Uses.Count;
            while (lo < hi)
            {
                int mid = (lo + hi) >> 1;
                if (model.Uses[mid].Start < start) lo = mid + 1; else hi = mid;
            }
            return lo;
        }

        /// <summary><paramref name="fn"/> is <paramref name="outer"/> or a function literal inside it.</summary>
        private static bool Within(FunctionModel fn, FunctionModel outer)
        {
            for (var f = fn; f != null; f = f.Parent)
            {
                if (f == outer) return true;
            }
            return false;
        }

        /// <summary>The identifier after a <c>.</c> at <paramref name="position"/>, or null when no member access follows.</summary>
        private static string? MemberAt(SourceModel model, int position)
        {
            var text = model.Text.Utf8;
            if (position >= text.Length || text[position] != (byte)'.') return null;
            int start = position + 1, end = start;
            while (end < text.Length && (char.IsAsciiLetterOrDigit((char)text[end]) || text[end] == (byte)'_')) end++;
            return end > start ? model.Text.GetText(start, end) : null;
        }

        private static CallModel? CloseAt(SourceModel model, int start)
        {
            foreach (var call in model.Calls)
            {
                if (call.StartByte == start && call.Method == "Close") return call;
            }
            return null;
        }

        /// <summary>[start, end) is an argument of a call that <paramref name="reads"/> accepts (<c>io.ReadAll(resp.Body)</c>, <c>fmt.Println(resp)</c>).</summary>
        private static bool PassedTo(SourceModel model, int start, int end, Func<string, bool> reads)
        {
            foreach (var call in model.Calls)
            {
                if (call.StartByte > start || call.EndByte < end) continue;
                foreach (var arg in call.Arguments)
                {
                    if (arg.StartByte == start && arg.EndByte == end) return call.Resolved != null && reads(call.Resolved);
                }
            }
            return false;
        }

        /// <summary>The first branch after <paramref name="after"/> whose condition reads <paramref name="err"/>: the error check.</summary>
        private static BranchModel? FirstCheckOf(SourceModel model, FunctionModel fn, string err, int after)
        {
            foreach (var branch in model.Branches)
            {
                if (branch.Function != fn || branch.ConditionStartByte < after || branch.ConditionEndByte == branch.ConditionStartByte) continue;
                foreach (var use in model.UsesOf(err, fn, branch.ConditionStartByte, branch.ConditionEndByte)) return branch;
            }
            return null;
        }

        private static int InnermostBranch(SourceModel model, FunctionModel fn, int position)
        {
            int innermost = -1;
            for (int i = 0; i < model.Branches.Count && model.Branches[i].StartByte <= position; i++)
            {
                if (model.Branches[i].Function == fn && model.Branches[i].Contains(position)) innermost = i;
            }
            return innermost;
        }

        /// <summary>
        /// A return (or a continue of the response's loop) after the assignment, outside the error check, that no close before
        /// it covers: a deferred close covers what follows it; a plain one what follows it in its own branch, or the exit it is part of.
        /// </summary>
        private static StatementModel? LeakingExit(SourceModel model, AssignmentModel a, List<Close> closes, BranchModel? errCheck, int end)
        {
            var fn = a.Function;
            foreach (var exit in model.Statements)
            {
                if (exit.Function != fn || exit.StartByte < a.EndByte || exit.StartByte >= end) continue;
                if (exit.Kind == StatementKind.Continue ? a.Loop == null || InnerLoopHolds(model, a, exit.StartByte) : exit.Kind != StatementKind.Return) continue;
                if (errCheck != null && errCheck.Contains(exit.StartByte)) continue;
                bool covered = false;
                foreach (var close in closes)
                {
                    // return resp.Body.Close(): the exit closes it itself.
                    if (close.Position > exit.StartByte) { covered = close.Position < exit.EndByte; break; }
                    if (close.Deferred || close.Branch < 0 || model.Branches[close.Branch].Contains(exit.StartByte)) { covered = true; break; }
                }
                if (!covered) return exit;
            }
            return null;
        }

        /// <summary>The continue belongs to a loop nested in the response's loop.</summary>
        private static bool InnerLoopHolds(SourceModel model, AssignmentModel a, int position)
        {
            foreach (var loop in model.Loops)
            {
                if (loop != a.Loop && loop.Function == a.Function && a.Loop!.BodyContains(loop.StartByte) && loop.BodyContains(position)) return true;
            }
            return false;
        }

        private static void Report(FileAudit audit, AssignmentModel a, CallModel call, string issue, Confidence confidence, Severity? severity = null) =>
            audit.Report(RuleIds.UnclosedBody, a.Function, call.StartByte, call.EndByte, "Response body not closed: " + issue,
                Recommendation, confidence, severity ?? (a.Function.IsEntryPoint ? Severity.Low : null));
    }
}
