using RuntimePerf.Engine.Catalog;
using RuntimePerf.Engine.Model;
using RuntimePerf.Languages.Common;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace RuntimePerf.Languages.JavaScript.Rules
{
    /// <summary>
    /// RP0020: a <c>fetch</c> response whose body is never read or cancelled, or is left unread on an early
    /// <c>return</c>/<c>throw</c> before it is read (<c>if (!res.ok) throw …</c>). Node's fetch (undici) keeps the connection
    /// until the body is consumed, so each such response holds a pooled connection until garbage collection.
    /// </summary>
    public sealed partial class UnclosedBody : IRule
    {
        public string RuleId => RuleIds.UnclosedBody;

        public void Check(FileAudit audit)
        {
            var model = audit.Model;
            if (model.IsScript) return;
            bool? browser = null;
            foreach (var st in model.Statements)
            {
                if (st.Kind != StatementKind.Await || st.Await?.Call is not { } call || st.Function.Kind == FunctionKind.Module) continue;
                if (call.Resolved is not { } r || !JavaScriptTables.Fetches.Contains(r)) continue;
                // The browser's fetch is not undici: its connection handling is the browser's business.
                if (browser ??= JavaScriptKnowledge.IsBrowserCode(model)) return;
                if (IsHead(call)) continue;
                var fn = st.Function;
                if (st.BoundNames.Count == 0)
                {
                    Report(audit, fn, call, "its response is dropped, so the body is never read or cancelled", Confidence.High);
                    continue;
                }
                if (DestructuredKeys(model, st) is { } keys)
                {
                    if (keys.TrueForAll(JavaScriptTables.ResponseMetadata.Contains))
                    {
                        Report(audit, fn, call, "only " + string.Join(", ", keys) + " is taken from the response, so the body is never read or cancelled", Confidence.High);
                    }
                    continue;
                }
                if (st.BoundNames.Count != 1 || !SourceModel.IsPlainName(st.BoundNames[0])) continue;
                Inspect(audit, fn, call, st.BoundNames[0], st.EndByte, st.BlockStart);
            }
            // if ((await fetch(url)).ok): the response is dropped once its status is looked at
            foreach (var aw in model.Awaits)
            {
                if (aw.Call is not { Resolved: { } r } call || !JavaScriptTables.Fetches.Contains(r) || aw.Function.Kind == FunctionKind.Module
                    || MetadataReadThrough(model, aw) is not { } property) continue;
                if (browser ??= JavaScriptKnowledge.IsBrowserCode(model)) return;
                if (IsHead(call)) continue;
                Report(audit, aw.Function, call, "only its " + property + " is read, so the body is never read or cancelled", Confidence.High);
            }
            // fetch(url).then((res) => { … }): the callback's parameter is the response
            foreach (var then in model.Calls)
            {
                if (then.Method != "then" || then.ReceiverCall is not { Resolved: { } r } call || !JavaScriptTables.Fetches.Contains(r)
                    || then.Function.Kind == FunctionKind.Module || then.Positional(0) is not { Shape: Shape.Function } callback) continue;
                if (browser ??= JavaScriptKnowledge.IsBrowserCode(model)) return;
                if (IsHead(call)) continue;
                foreach (var fn in model.Functions)
                {
                    if (fn.StartByte != callback.StartByte) continue;
                    if (fn.Parameters.Count > 0 && SourceModel.IsPlainName(fn.Parameters[0].Name)) Inspect(audit, fn, call, fn.Parameters[0].Name, fn.StartByte, null);
                    break;
                }
            }
        }

        /// <summary>
        /// <c>const { ok, status: code } = await fetch(u)</c>: the properties the statement takes from the response (null when it
        /// binds a plain name, or a pattern read otherwise: a rest element, a nested pattern, a computed key).
        /// </summary>
        private static List<string>? DestructuredKeys(SourceModel model, StatementModel st)
        {
            var pattern = ObjectPattern().Match(model.Text.GetText(st.StartByte, st.Await!.StartByte));
            if (!pattern.Success) return null;
            var keys = new List<string>();
            foreach (string part in pattern.Groups[1].Value.Split(','))
            {
                string p = part.Trim();
                if (p.Length == 0) continue;
                int end = 0;
                while (end < p.Length && (char.IsLetterOrDigit(p[end]) || p[end] is '_' or '$')) end++;
                string rest = p.Substring(end).TrimStart();
                if (end == 0 || rest.Length > 0 && rest[0] is not (':' or '=')) return null;
                keys.Add(p.Substring(0, end));
            }
            return keys;
        }

        [GeneratedRegex(@"^\s*(?:const|let|var)\s*\{([^{}\[\]]*)\}\s*(?::[^=]*)?=\s*$", RegexOptions.CultureInvariant)]
        private static partial Regex ObjectPattern();

        /// <summary>
        /// The status or header property read straight off a parenthesised await (<c>(await fetch(u)).status</c>), else null; not
        /// when the parentheses are a call's (<c>wrap(await fetch(u)).status</c> reads what <c>wrap</c> returns).
        /// </summary>
        private static string? MetadataReadThrough(SourceModel model, AwaitModel aw)
        {
            foreach (var c in aw.Function.Calls)
            {
                foreach (var a in c.Arguments)
                {
                    if (a.StartByte == aw.StartByte) return null;
                }
            }
            var text = model.Text.Utf8;
            int before = aw.StartByte - 1, after = aw.EndByte;
            while (before >= 0 && text[before] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r') before--;
            while (after < text.Length && text[after] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r') after++;
            if (before < 0 || text[before] != (byte)'(' || after >= text.Length || text[after] != (byte)')') return null;
            int dot = after + 1;
            if (dot + 1 < text.Length && text[dot] == (byte)'?' && text[dot + 1] == (byte)'.') dot++;
            if (dot >= text.Length || text[dot] != (byte)'.') return null;
            int start = dot + 1, end = start;
            while (end < text.Length && (char.IsLetterOrDigit((char)text[end]) || text[end] == (byte)'_')) end++;
            string property = model.Text.GetText(start, end);
            return JavaScriptTables.ResponseMetadata.Contains(property) ? property : null;
        }

        /// <summary>A HEAD response has no body to hold the connection: <c>{ method: 'HEAD' }</c>, <c>{ "method": "head" }</c>, any quotes and case (fetch normalises it).</summary>
        private static bool IsHead(CallModel call) => call.Positional(1)?.Text is { } options && HeadMethod().IsMatch(options);

        [GeneratedRegex(@"\bmethod['""`]?\s*:\s*['""`]head['""`]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
        private static partial Regex HeadMethod();

        /// <summary>The response held in <paramref name="name"/> from <paramref name="from"/> on in <paramref name="fn"/>: never read, or left unread on an exit.</summary>
        private static void Inspect(FileAudit audit, FunctionModel fn, CallModel call, string name, int from, int? block)
        {
            var model = audit.Model;
            int consumed = FirstConsumingUse(model, name, from, fn.EndByte);
            if (consumed < 0)
            {
                Report(audit, fn, call, "the body of " + name + " is never read or cancelled", Confidence.High);
            }
            else if ((EarlyExit(model, fn, call, from, consumed) ?? ExitAfterConditionalRead(model, fn, name, consumed, call.Loop == null ? block : null)) is { } exit)
            {
                Report(audit, fn, call, "the body of " + name + " is left unread when the function leaves at line "
                    + model.Text.GetPosition(exit.StartByte).Line + " (" + (exit.Kind == StatementKind.Raise ? "throw" : "return") + ")",
                    Confidence.Medium, Severity.Medium);
            }
        }

        /// <summary>
        /// <c>if (res.ok) return res.json(); throw new Error(…);</c>: the first read is inside a <c>return</c> nested in a branch,
        /// and the next exit of the function, in a block around that branch (reached by falling past it, not a <c>catch</c> or an
        /// <c>else</c> beside it), has no read of its own.
        /// </summary>
        private static StatementModel? ExitAfterConditionalRead(SourceModel model, FunctionModel fn, string name, int consumed, int? block)
        {
            StatementModel? reading = null;
            foreach (var st in model.Statements)
            {
                if (st.Function == fn && st.Kind == StatementKind.Return && st.StartByte <= consumed && consumed < st.EndByte) { reading = st; break; }
            }
            // read by a return in the block that made the response: nothing after it runs with the response still open (an exit
            // further out is reached only when this block never ran) — unless a loop goes round again first (continue)
            if (reading == null || block is { } made && reading.BlockStart == made) return null;
            foreach (var st in model.Statements)
            {
                if (st.Function != fn || st.Kind is not (StatementKind.Return or StatementKind.Raise) || st.StartByte < reading.EndByte) continue;
                bool around = st.BlockStart <= reading.StartByte && st.BlockStart != reading.BlockStart;
                return around && FirstConsumingUse(model, name, reading.EndByte, st.EndByte) < 0 ? st : null;
            }
            return null;
        }

        /// <summary>
        /// A body never read holds a connection on every call (HIGH); one left unread only where the function leaves early holds it on
        /// that path alone, usually an error status, until garbage collection frees it (MEDIUM, like Go's close deferred after the error check).
        /// node-fetch (v2) pipes the reply into a buffered stream: a small one ends and frees its socket unread, a larger one stalls —
        /// at most MEDIUM, said so.
        /// </summary>
        private static void Report(FileAudit audit, FunctionModel fn, CallModel call, string what, Confidence confidence, Severity? severity = null)
        {
            bool nodeFetch = call.Resolved?.StartsWith("node-fetch", System.StringComparison.Ordinal) == true;
            audit.Report(RuleIds.UnclosedBody, fn, call.StartByte, call.EndByte,
                "Response body not closed: " + call.Display + " in " + fn.Describe() + ": " + what
                + (nodeFetch ? "; node-fetch buffers only the start of a reply, so a larger one never ends and its socket stays busy"
                    : "; undici keeps the connection until the body is consumed"),
                "Read the body (await res.json()/text()/arrayBuffer()) or cancel it (await res.body?.cancel()) on every path, error paths included",
                confidence, nodeFetch ? Severity.Medium : severity);
        }

        /// <summary>
        /// Where <paramref name="name"/> is first used in a way that reads or hands over the body: anything but a look at its
        /// status or headers (<c>res.ok</c>, <c>res.status</c>, <c>res.headers</c>); -1 when never.
        /// </summary>
        private static int FirstConsumingUse(SourceModel model, string name, int from, int to)
        {
            var text = model.Text.Utf8;
            foreach (var use in model.Uses)
            {
                if (use.Start < from || use.Start >= to || use.Kind != UseKind.Read || !model.NameIs(use, name)) continue;
                int after = use.Start + use.Length;
                if (after < text.Length && text[after] == (byte)'.' || after + 1 < text.Length && text[after] == (byte)'?' && text[after + 1] == (byte)'.')
                {
                    int start = text[after] == (byte)'.' ? after + 1 : after + 2, end = start;
                    while (end < text.Length && (char.IsLetterOrDigit((char)text[end]) || text[end] == (byte)'_')) end++;
                    if (JavaScriptTables.ResponseMetadata.Contains(model.Text.GetText(start, end))) continue;
                }
                return use.Start;
            }
            return -1;
        }

        /// <summary>
        /// A <c>return</c> or <c>throw</c> of the function between the fetch and the body's first read, not holding that read — nor
        /// anywhere in the <c>catch</c> of the <c>try</c> the fetch ends (<c>try { res = await fetch(u) } catch (e) { if (…) throw … }</c>): that
        /// catch runs only when the fetch itself failed, with no response to read.
        /// </summary>
        private static StatementModel? EarlyExit(SourceModel model, FunctionModel fn, CallModel fetch, int from, int consumed)
        {
            foreach (var st in model.Statements)
            {
                if (st.Function != fn || st.Kind is not (StatementKind.Return or StatementKind.Raise)) continue;
                if (st.StartByte > from && st.StartByte < consumed && st.EndByte <= consumed
                    && !(st.CaughtTryEnd > fetch.EndByte
                        && EndsTheTry().IsMatch(JavaScriptModelBuilder.Syntax.OneLine(model.Text.GetText(fetch.EndByte, st.CaughtTryEnd))))) return st;
            }
            return null;
        }

        /// <summary>What stands between a call ending its <c>try</c> block and the end of that block (comments dropped).</summary>
        [GeneratedRegex(@"^\s*;?\s*\}$", RegexOptions.CultureInvariant)]
        private static partial Regex EndsTheTry();
    }
}
