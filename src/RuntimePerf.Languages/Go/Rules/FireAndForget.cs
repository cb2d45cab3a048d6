using System;
using System.Text.RegularExpressions;
using RuntimePerf.Engine.Catalog;
using RuntimePerf.Languages.Common;

namespace RuntimePerf.Languages.Go.Rules
{
    /// <summary>
    /// RP0024: a goroutine started on a request path (<c>go notify(order)</c>, <c>go func() {…}()</c>) with nothing to wait for,
    /// cancel or recover it: the handler neither waits (<c>wg.Wait()</c>, a channel receive) nor hands it a context, and the
    /// goroutine neither watches one (<c>ctx</c>, <c>ctx.Done()</c>, <c>r.Context()</c>), signals a <c>WaitGroup</c>, nor
    /// recovers. One per request piles up under load with no bound or shutdown, and a panic in it ends the process.
    /// </summary>
    public sealed class FireAndForget : IRule
    {
        public string RuleId => RuleIds.FireAndForget;

        public void Check(FileAudit audit)
        {
            var model = audit.Model;
            foreach (var call in model.Calls)
            {
                if (!call.IsSpawned || call.Function is not { IsHandler: true } fn) continue;
                if (PassesContext(call) || Observed(model, Spawned(model, call)) || Waits(model, fn, call) || TakesOverConnection(fn)) continue;
                audit.Report(RuleIds.FireAndForget, fn, call.StartByte, call.EndByte,
                    "Fire-and-forget: a goroutine (" + (call.Written == "…" ? "func literal" : call.Written) + ") is started in " + fn.Describe()
                    + " and nothing waits for it, cancels it or recovers its panic: one more per request, unbounded under load, and a panic ends the server",
                    audit.Knowledge.Advice.FireAndForget);
            }
        }

        /// <summary>
        /// <c>go work(ctx, x)</c>, <c>go work(r.Context(), x)</c>: the goroutine gets a context it can stop on;
        /// <c>go notify(context.WithoutCancel(r.Context()), x)</c>: one derived from it (detached on purpose, values kept).
        /// </summary>
        private static bool PassesContext(CallModel call)
        {
            foreach (var arg in call.Arguments)
            {
                if (arg.Text is not { } text) continue;
                if (text.EndsWith(".Context()", StringComparison.Ordinal) || GoKnowledge.KindOf(call.Function, text) == GoTables.Context) return true;
                // a context the argument derives (what GoTables.Returns calls a context), not a fresh Background()/TODO()
                if (call.Function.File.CallAt(arg.StartByte, arg.EndByte) is { Resolved: { } made } && !GoTables.NewContexts.Contains(made)
                    && GoTables.Returns.TryGetValue(made, out var kind) && kind == GoTables.Context) return true;
            }
            return false;
        }

        /// <summary>The function literal a <c>go func() {…}()</c> runs, or null for a named function.</summary>
        private static FunctionModel? Spawned(SourceModel model, CallModel call)
        {
            foreach (var fn in model.Functions)
            {
                if (fn.Kind == FunctionKind.Lambda && fn.StartByte == call.StartByte) return fn;
            }
            return null;
        }

        /// <summary>
        /// The literal (or one nested in it) signals a WaitGroup, recovers, or watches a context value: calls a method on it
        /// (<c>ctx.Done()</c>) or hands it to a call (<c>send(ctx, m)</c>, <c>context.WithTimeout(ctx, d)</c>). A context it only makes
        /// and drops (<c>bg := context.TODO(); _ = bg</c>: gosec G118's fixtures) watches nothing.
        /// </summary>
        private static bool Observed(SourceModel model, FunctionModel? literal)
        {
            if (literal == null) return false;
            foreach (var call in model.Calls)
            {
                if (call.StartByte < literal.StartByte || call.StartByte >= literal.EndByte) continue;
                if ((call.Method ?? call.Resolved) is { } name && GoTables.GoroutineObservers.Contains(name)) return true;
            }
            var utf8 = model.Text.Utf8;
            foreach (var use in model.UsesIn(literal.StartByte, literal.EndByte))
            {
                if (use.Kind == UseKind.Write || model.Functions[use.Function].KindOf(model.NameOf(use)) != GoTables.Context) continue;
                int after = use.Start + use.Length;
                if (after < utf8.Length && utf8[after] == (byte)'.' || model.Calls.Exists(c => c.StartByte >= literal.StartByte && c.EndByte <= literal.EndByte
                    && c.Arguments.Exists(a => a.StartByte <= use.Start && use.Start < a.EndByte))) return true;
            }
            return false;
        }

        /// <summary>
        /// <c>upgrader.Upgrade(w, r, nil)</c>, <c>w.(http.Hijacker).Hijack()</c>: the handler turns the request into a long-lived
        /// connection, whose reader and writer goroutines (<c>go c.writePump()</c>) live as long as it does, by design.
        /// </summary>
        private static bool TakesOverConnection(FunctionModel fn)
        {
            foreach (var c in fn.Calls)
            {
                if (c.Method is { } m && GoTables.ConnectionTakeovers.Contains(m)) return true;
            }
            return false;
        }

        /// <summary>
        /// The handler waits for it after starting it: <c>wg.Wait()</c>, <c>g.Wait()</c>, or a channel receive or send
        /// (<c>&lt;-done</c>), on something the goroutine can reach — named in its call or literal (<c>go worker(&amp;wg)</c>,
        /// <c>go s.run()</c> for <c>s.wg.Wait()</c>). A wait on another goroutine's WaitGroup does not cover this one.
        /// </summary>
        private static bool Waits(SourceModel model, FunctionModel fn, CallModel call)
        {
            string spawned = model.Text.GetText(call.StartByte, call.EndByte);
            foreach (var c in fn.Calls)
            {
                if (c.Method == "Wait" && c.StartByte > call.EndByte && Reaches(call, spawned, c.Receiver)) return true;
            }
            if (call.EndByte >= fn.EndByte) return false;
            foreach (Match m in ChannelOperand.Matches(model.Text.GetText(call.EndByte, fn.EndByte)))
            {
                if (Reaches(call, spawned, (m.Groups[1].Success ? m.Groups[1] : m.Groups[2]).Value)) return true;
            }
            return false;
        }

        /// <summary>
        /// What is waited on (<c>wg</c>, <c>done</c>, <c>s.events</c>) is named in the goroutine's call or literal, or it is a field
        /// of the receiver of a method the goroutine runs (<c>s.wg</c> for <c>go s.run()</c>). Not <c>s.events</c> for
        /// <c>go s.mailer.Send(…)</c>: another field of the same object.
        /// </summary>
        private static bool Reaches(CallModel call, string spawned, string? waited)
        {
            if (string.IsNullOrEmpty(waited)) return true;
            if (Regex.IsMatch(spawned, @"(?<![\w.])" + Regex.Escape(waited) + @"\b")) return true;
            int dot = waited.IndexOf('.');
            return dot > 0 && call.Receiver == waited.Substring(0, dot);
        }

        /// <summary>The channel of a receive (<c>&lt;-done</c>, <c>&lt;-s.errs</c>) or a send (<c>results &lt;- v</c>).</summary>
        private static readonly Regex ChannelOperand = new(@"<-\s*([A-Za-z_][\w.]*)|([A-Za-z_][\w.\[\]]*)\s*<-", RegexOptions.CultureInvariant);
    }
}
