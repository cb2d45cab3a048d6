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
            var makers = ResponseMakers(audit);
            foreach (var call in model.Calls)
            {
                // http.Get(url), client.Do(req) as a statement: the response, and its body, are dropped on the spot.
                if (call.IsStatement && !call.IsDeferred && !call.IsSpawned && (MakesResponse(audit, call, makers) || IsClientCall(audit, call) == true))
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
                bool? client = MakesResponse(audit, call, makers) ? true : a.Names.Count == 2 ? IsClientCall(audit, call) : false;
                if (client == false) continue;
                bool certain = client == true;
                var fn = a.Function;
                string resp = a.Names[0];
                if (resp == "_")
                {
                    if (certain) Report(audit, a, call, "the response of " + call.Display + " is discarded, so its body is never closed", Confidence.High);
                    continue;
                }
                // Assigned to an enclosing function's or the package's variable: that scope handles it.
                if (!a.Declares && fn.Lookup(resp).Owner is { } owner && owner != fn) continue;
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
                else if (!use.Closes.Any(c => Covers(model, use.Closes, c, use.End)) && FallsThrough(model, a, use.End))
                {
                    var branch = model.Branches[use.Closes[0].Branch];
                    var line = model.SpanOf(branch.StartByte, branch.StartByte).Line;
                    Report(audit, a, call, resp + ".Body from " + call.Display + " is closed only on some paths of the branch at line " + line
                        + " in " + fn.Describe(), confidence);
                }
            }
        }

        private static bool MakesResponse(FileAudit audit, CallModel call, HashSet<string>? makers) =>
            GoTables.ResponseFunctions.Contains(call.Resolved ?? "")
            || makers != null && !call.IsLiteral && (call.Receiver == null ? makers.Contains(call.Written)
                : call.Method is { } method && audit.Knowledge.ReceiverKind(call) is { } kind && makers.Contains(kind + "." + method));

        /// <summary>
        /// Functions and methods of this file that hand their caller a fresh response: <c>return http.Get(u)</c>, or
        /// <c>resp, err := c.hc.Do(req)</c> … <c>return resp, nil</c>. Their callers own the body. Named <c>f</c> for a
        /// function, <c>T.m</c> for a method of <c>T</c>; null when there are none.
        /// </summary>
        private static HashSet<string>? ResponseMakers(FileAudit audit)
        {
            var model = audit.Model;
            // The response calls of top-level functions and methods, and the variables they are assigned to: usually none.
            List<CallModel>? calls = null;
            foreach (var call in model.Calls)
            {
                if (call.Function is not { Kind: FunctionKind.Function, Parent: null } || call.IsLiteral) continue;
                if (GoTables.ResponseFunctions.Contains(call.Resolved ?? "")
                    || call.Method is { } m && GoTables.ClientMethods.TryGetValue(m, out int arity) && call.Arguments.Count == arity
                        && audit.Knowledge.ReceiverKind(call) == GoTables.Client) (calls ??= new()).Add(call);
            }
            if (calls == null) return null;
            List<AssignmentModel>? assigned = null;
            foreach (var a in model.Assignments)
            {
                if (a.ValueCall is { } call && a.Names.Count > 0 && calls.Contains(call)) (assigned ??= new()).Add(a);
            }
            HashSet<string>? makers = null;
            var text = model.Text.Utf8;
            foreach (var exit in model.Statements)
            {
                if (exit.Kind != StatementKind.Return || exit.Function is not { Kind: FunctionKind.Function, Parent: null } fn) continue;
                int value = exit.StartByte + "return".Length;
                while (value < exit.EndByte && text[value] is (byte)' ' or (byte)'\t') value++;
                if (value >= exit.EndByte) continue;
                foreach (var call in calls)
                {
                    if (call.Function == fn && call.StartByte == value) (makers ??= new()).Add(MakerName(fn));
                }
                foreach (var a in assigned ?? (IEnumerable<AssignmentModel>)Array.Empty<AssignmentModel>())
                {
                    if (a.Function == fn && a.StartByte < exit.StartByte && StartsWithName(model, value, exit.EndByte, a.Names[0])) (makers ??= new()).Add(MakerName(fn));
                }
            }
            return makers;
        }

        private static string MakerName(FunctionModel fn) => fn.ClassName == null ? fn.Name : fn.ClassName + "." + fn.Name;

        /// <summary>[start, end) begins with the identifier <paramref name="name"/> followed by a comma or its end.</summary>
        private static bool StartsWithName(SourceModel model, int start, int end, string name)
        {
            var text = model.Text.Utf8;
            if (name.Length == 0 || name == "_" || start + name.Length > end || model.Text.GetText(start, start + name.Length) != name) return false;
            int after = start + name.Length;
            return after == end || text[after] is (byte)',' or (byte)' ' or (byte)'\n' or (byte)'\r';
        }

        /// <summary>
        /// <c>client.Do(req)</c>, <c>c.Get(url)</c>: true when the receiver is an <c>http.Client</c>, null when it is unknown but named
        /// like one (the response is then confirmed by reading its fields), false otherwise.
        /// </summary>
        private static bool? IsClientCall(FileAudit audit, CallModel call)
        {
            if (call.IsLiteral || call.Method is not { } method || !GoTables.ClientMethods.TryGetValue(method, out int arity)
                || call.Arguments.Count != arity) return false;
            var kind = audit.Knowledge.ReceiverKind(call);
            if (kind == GoTables.Client) return true;
            if (kind != null || call.Receiver is not { } r) return false;
            // c.hc.Do(req) with req from http.NewRequest…: whatever the field is, it sends an *http.Request
            bool sendsRequest = method == "Do" && call.Arguments[0] is { Shape: Shape.Name, Text: { } req } && call.Function.KindOf(req) == GoTables.Request;
            return sendsRequest || r.Contains("client", StringComparison.OrdinalIgnoreCase) || r.Contains("http", StringComparison.OrdinalIgnoreCase) ? null : false;
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
                if (next.Function == a.Function && next.Names.Contains(resp) && !OtherArm(model, a, next)) return next.StartByte;
            }
            return end;
        }

        /// <summary><paramref name="next"/> is in the else of an if whose then-part holds <paramref name="a"/>: the two never both run.</summary>
        private static bool OtherArm(SourceModel model, AssignmentModel a, AssignmentModel next)
        {
            foreach (var b in model.Branches)
            {
                if (b.StartByte > a.StartByte) break;
                if (b.AlternativeStartByte > a.StartByte && b.Contains(a.StartByte) && next.StartByte >= b.AlternativeStartByte && b.Contains(next.StartByte)) return true;
            }
            return false;
        }

        /// <summary>What the function (and the function literals in it) does with the response between its assignment and <paramref name="end"/>.</summary>
        private static BodyUse Uses(SourceModel model, AssignmentModel a, string resp, int end)
        {
            var result = new BodyUse { End = end };
            for (int u = FirstUseAt(model, a.EndByte); u < model.Uses.Count && model.Uses[u].Start < end; u++)
            {
                var use = model.Uses[u];
                var fn = model.Functions[use.Function];
                if (!model.NameIs(use, resp) || !Within(fn, a.Function) || Shadowed(fn, a.Function, resp)) continue;
                int after = use.Start + use.Length;
                string? field = MemberAt(model, after);
                if (field == null)
                {
                    // resp passed, returned or stored: whoever receives it closes it (printing it hands nothing over).
                    if (use.Kind == UseKind.Read && !PassedTo(model, use.Start, after, GoTables.IsPrinter) && !Discarded(model, use.Start, after))
                    {
                        Handover(model, a, resp, use.Start, after, false, result);
                    }
                    continue;
                }
                if (GoTables.ResponseFields.Contains(field)) result.ReadsResponseField = true;
                if (field != "Body") continue;
                int bodyEnd = after + 1 + field.Length;
                string? next = MemberAt(model, bodyEnd);
                if (next == "Close")
                {
                    if (!Runs(model, fn, a.Function, end)) continue;
                    // release := func() { resp.Body.Close() }: it closes where release() is called, on that call's branch
                    if (fn != a.Function && LiteralCalls(model, fn, a.Function, end) is { Count: > 0 } sites)
                    {
                        foreach (var site in sites) result.Closes.Add(new Close(site.StartByte, site.IsDeferred, ConditionalBranch(model, a, resp, site.StartByte)));
                        continue;
                    }
                    var close = CloseAt(model, use.Start);
                    bool deferred = close == null || close.IsDeferred || close.Function != a.Function;
                    result.Closes.Add(new Close(use.Start, deferred, ConditionalBranch(model, a, resp, use.Start)));
                }
                else if (next == null && !PassedTo(model, use.Start, bodyEnd, r => GoTables.BodyReaders.Contains(r) || GoTables.IsPrinter(r)))
                {
                    Handover(model, a, resp, use.Start, bodyEnd, true, result);
                }
            }
            return result;
        }

        /// <summary>
        /// The response (or its body) goes to [start, end)'s receiver. A function of this file taking it as a parameter is
        /// followed one level: it closes it (a close where the call is), or only reads it (nothing handed over); anything else
        /// — another package's function, a return, a store — takes it over.
        /// </summary>
        private static void Handover(SourceModel model, AssignmentModel a, string resp, int start, int end, bool isBody, BodyUse result)
        {
            if (ArgumentAt(model, start, end) is not ({ } call, int index) || Helper(model, call) is not { } helper
                || index >= helper.Parameters.Count || helper.Parameters[index].Name is not { Length: > 0 } param || param == "_")
            {
                result.Escapes = true;
                return;
            }
            switch (HelperCloses(model, helper, param, isBody))
            {
                case true:
                    if (Runs(model, model.Functions[model.Uses[FirstUseAt(model, start)].Function], a.Function, result.End))
                    {
                        result.Closes.Add(new Close(start, call.IsDeferred || call.Function != a.Function, ConditionalBranch(model, a, resp, start)));
                    }
                    break;
                case null:
                    result.Escapes = true;
                    break;
            }
        }

        private static (CallModel, int)? ArgumentAt(SourceModel model, int start, int end)
        {
            foreach (var call in model.Calls)
            {
                if (call.StartByte > start || call.EndByte < end) continue;
                for (int i = 0; i < call.Arguments.Count; i++)
                {
                    if (call.Arguments[i].StartByte == start && call.Arguments[i].EndByte == end) return (call, i);
                }
            }
            return null;
        }

        /// <summary>The function of this file a plain call names: a top-level function, a local variable holding a function literal, or the literal itself called on the spot.</summary>
        private static FunctionModel? Helper(SourceModel model, CallModel call)
        {
            if (call.Receiver != null || call.IsLiteral) return null;
            // defer func(body io.ReadCloser) { … }(resp.Body): the function literal called on the spot
            foreach (var fn in model.Functions)
            {
                if (fn.Kind == FunctionKind.Lambda && fn.StartByte == call.StartByte && fn.EndByte < call.EndByte) return fn;
            }
            FunctionModel? found = null;
            foreach (var a in model.Assignments)
            {
                if (a.StartByte >= call.StartByte) break;
                if (a.Names.Count == 1 && a.Names[0] == call.Written && Within(call.Function, a.Function)) found = LiteralAt(model, a.ValueStartByte, a.ValueEndByte);
            }
            if (found != null) return found;
            foreach (var fn in model.Functions)
            {
                if (fn.Kind == FunctionKind.Function && fn.ClassName == null && fn.Name == call.Written) return fn;
            }
            return null;
        }

        private static FunctionModel? LiteralAt(SourceModel model, int start, int end)
        {
            foreach (var fn in model.Functions)
            {
                if (fn.Kind == FunctionKind.Lambda && fn.StartByte == start && fn.EndByte == end) return fn;
            }
            return null;
        }

        /// <summary>
        /// Whether <paramref name="helper"/> closes its parameter (<c>p.Close()</c> for a body, <c>p.Body.Close()</c> for a
        /// response): true; only reads it: false; hands it on (to anything but a reader or printer) or stores it: null.
        /// </summary>
        private static bool? HelperCloses(SourceModel model, FunctionModel helper, string param, bool isBody)
        {
            bool closes = false;
            foreach (var use in model.UsesOf(param, helper, helper.StartByte, helper.EndByte))
            {
                int after = use.Start + use.Length;
                string? member = MemberAt(model, after);
                if (!isBody && member == "Body")
                {
                    after += 1 + member.Length;
                    member = MemberAt(model, after);
                }
                else if (!isBody && member != null) continue;
                if (member == "Close") closes = true;
                else if (member == null && use.Kind == UseKind.Read
                    && !PassedTo(model, use.Start, after, r => GoTables.BodyReaders.Contains(r) || GoTables.IsPrinter(r))
                    && !Discarded(model, use.Start, after)) return null;
            }
            return closes;
        }

        /// <summary>A function literal between the use and <paramref name="outer"/> declares its own <paramref name="name"/>.</summary>
        private static bool Shadowed(FunctionModel fn, FunctionModel outer, string name)
        {
            for (var f = fn; f != null && f != outer; f = f.Parent)
            {
                foreach (var p in f.Parameters)
                {
                    if (p.Name == name) return true;
                }
            }
            return false;
        }

        /// <summary>
        /// Code at <paramref name="position"/> in <paramref name="fn"/> runs for <paramref name="outer"/>: every function literal
        /// between them is called in place, deferred, passed on, or stored in a variable that is then called — not one stored
        /// in a variable nobody calls before <paramref name="end"/> (the response variable's next assignment).
        /// </summary>
        private static bool Runs(SourceModel model, FunctionModel fn, FunctionModel outer, int end)
        {
            for (var f = fn; f != null && f != outer; f = f.Parent)
            {
                string? name = null;
                foreach (var a in model.Assignments)
                {
                    if (a.ValueStartByte == f.StartByte && a.ValueEndByte == f.EndByte && a.Names.Count == 1) name = a.Names[0];
                }
                if (name == null) continue;
                bool called = false;
                foreach (var call in model.Calls)
                {
                    if (call.StartByte > f.EndByte && call.StartByte < end && call.Receiver == null && call.Written == name && Within(call.Function, outer)) { called = true; break; }
                }
                if (!called) return false;
            }
            return true;
        }

        /// <summary>
        /// The calls of the variable that holds the function literal <paramref name="fn"/> sits in (the one written in
        /// <paramref name="outer"/>) before <paramref name="end"/>; empty when the literal is not held in a variable.
        /// </summary>
        private static List<CallModel> LiteralCalls(SourceModel model, FunctionModel fn, FunctionModel outer, int end)
        {
            var literal = fn;
            while (literal.Parent is { } parent && parent != outer) literal = parent;
            var calls = new List<CallModel>();
            string? name = null;
            foreach (var a in model.Assignments)
            {
                if (a.ValueStartByte == literal.StartByte && a.ValueEndByte == literal.EndByte && a.Names.Count == 1) name = a.Names[0];
            }
            if (name == null) return calls;
            foreach (var call in model.Calls)
            {
                if (call.StartByte > literal.EndByte && call.StartByte < end && call.Receiver == null && call.Written == name && call.Function == outer) calls.Add(call);
            }
            return calls;
        }

        /// <summary>
        /// The outermost branch started after the assignment that holds <paramref name="position"/> and does not test the error
        /// or the response itself (<c>if err == nil</c>, <c>if resp != nil</c> guard the close, they do not make it partial); -1 when none.
        /// </summary>
        private static int ConditionalBranch(SourceModel model, AssignmentModel a, string resp, int position)
        {
            string? err = a.Names.Count > 1 && a.Names[1] is { Length: > 0 } e && e != "_" ? e : null;
            for (int i = 0; i < model.Branches.Count && model.Branches[i].StartByte <= position; i++)
            {
                var b = model.Branches[i];
                if (b.Function != a.Function || b.StartByte < a.EndByte || !b.Contains(position)) continue;
                bool guard = false;
                foreach (var use in model.UsesOf(resp, a.Function, b.ConditionStartByte, b.ConditionEndByte))
                {
                    if (MemberAt(model, use.Start + use.Length) is null or "Body") guard = true;
                }
                if (err != null && model.UsesOf(err, a.Function, b.ConditionStartByte, b.ConditionEndByte).Any()) guard = true;
                if (!guard) return i;
            }
            return -1;
        }

        /// <summary>Every way through branch <paramref name="index"/> passes a close: it has an else/default, and each arm (an else-if followed) holds one.</summary>
        private static bool ClosesOnEveryArm(SourceModel model, List<Close> closes, int index)
        {
            var b = model.Branches[index];
            if (b.AlternativeStartByte < 0) return false;
            bool first = false, rest = false;
            foreach (var close in closes)
            {
                if (close.Position >= b.StartByte && close.Position < b.AlternativeStartByte) first = true;
                else if (close.Position >= b.AlternativeStartByte && close.Position < b.EndByte) rest = true;
            }
            if (!first || !rest) return false;
            for (int i = index + 1; i < model.Branches.Count && model.Branches[i].StartByte <= b.AlternativeStartByte; i++)
            {
                if (model.Branches[i].StartByte == b.AlternativeStartByte && model.Branches[i].Function == b.Function) return ClosesOnEveryArm(model, closes, i);
            }
            return true;
        }

        /// <summary>A close covers what comes after it: everywhere when unconditional, else inside its branch, or after the branch when every arm closes.</summary>
        private static bool Covers(SourceModel model, List<Close> closes, Close close, int position) =>
            close.Branch < 0 || model.Branches[close.Branch].Contains(position)
            || position >= model.Branches[close.Branch].EndByte && ClosesOnEveryArm(model, closes, close.Branch);

        /// <summary>
        /// The region's end can be reached by falling off it (not a return, continue or break right before it) — for a whole
        /// function, only one without results (a Go function with results must end in a terminating statement).
        /// </summary>
        private static bool FallsThrough(SourceModel model, AssignmentModel a, int end)
        {
            var text = model.Text.Utf8;
            foreach (var s in model.Statements)
            {
                if (s.Function != a.Function || s.StartByte < a.EndByte || s.StartByte >= end) continue;
                if (s.Kind == StatementKind.Return && end == a.Function.EndByte && s.EndByte - s.StartByte > "return".Length) return false;
                if (s.Kind is not (StatementKind.Return or StatementKind.Continue or StatementKind.Break)) continue;
                int p = s.EndByte;
                while (p < end && (text[p] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or (byte)'}')) p++;
                if (p >= end - 1 && !SkippedByBranch(model, a, s.StartByte, end)) return false;
            }
            return true;
        }

        /// <summary>
        /// An if, switch or type switch without else/default in the region holds <paramref name="position"/>: when no arm is taken,
        /// the region goes on past it (a select without default is never passed by: it waits for one of its cases).
        /// </summary>
        private static bool SkippedByBranch(SourceModel model, AssignmentModel a, int position, int end)
        {
            foreach (var b in model.Branches)
            {
                if (b.StartByte >= position) break;
                if (b.Function == a.Function && b.StartByte >= a.EndByte && b.EndByte <= end && b.Contains(position) && b.AlternativeStartByte < 0 && !b.WaitsForACase) return true;
            }
            return false;
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
                    if (Covers(model, closes, close, exit.StartByte)) { covered = true; break; }
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
