using RuntimePerf.Engine.Catalog;
using RuntimePerf.Engine.Model;
using RuntimePerf.Languages.Common;

namespace RuntimePerf.Languages.Go.Rules
{
    /// <summary>
    /// RP0018: a function that has the caller's context at hand (a <c>context.Context</c>, an <c>*http.Request</c>, a framework's
    /// request context) calls an API without one (<c>http.Get</c>, <c>exec.Command</c>, <c>db.Query</c>) or makes a fresh
    /// <c>context.Background()</c>: when the client goes away or the deadline passes, the work goes on.
    /// </summary>
    public sealed partial class MissingCancellation : IRule
    {
        public string RuleId => RuleIds.MissingCancellation;

        public void Check(FileAudit audit)
        {
            foreach (var call in audit.Model.Calls)
            {
                var fn = call.Function;
                if (fn.IsEntryPoint || call.IsLiteral || call.Resolved == null) continue;
                if (GoFrameworks.ContextAtHand(fn) is not { } carrier) continue;
                string ctx = carrier.ResolvedAnnotation == GoTables.Request ? carrier.Name + ".Context()" : carrier.Name;
                if (GoTables.ContextVariants.TryGetValue(call.Resolved, out var variant))
                {
                    if (AttachedLater(audit.Model, call, carrier.Name)) continue;
                    // http.Get & co. use http.DefaultClient: no timeout either, so on a request path it can hang the handler for good.
                    bool noTimeout = GoTables.ResponseFunctions.Contains(call.Resolved);
                    Report(audit, call, call.Display + " takes no context although " + ctx + " is at hand in " + fn.Describe(),
                        "Use " + variant.Replace("ctx", ctx), fn.IsHandler && noTimeout ? Severity.High : null);
                }
                else if (call.Method is { } clientMethod && GoTables.ContextFreeClientMethods.Contains(clientMethod)
                    && audit.Knowledge.ReceiverKind(call) == GoTables.Client && GoTables.ClientMethods[clientMethod] == call.Arguments.Count)
                {
                    Report(audit, call, call.Display + " takes no context although " + ctx + " is at hand in " + fn.Describe(),
                        "Use http.NewRequestWithContext(" + ctx + ", …) and " + call.Receiver + ".Do(req)", null);
                }
                else if (call.Method is { } method && GoTables.SqlContextVariants.TryGetValue(method, out var sqlVariant)
                    && audit.Knowledge.ReceiverKind(call) is { } kind && GoTables.SqlKinds.Contains(kind))
                {
                    Report(audit, call, call.Display + " takes no context although " + ctx + " is at hand in " + fn.Describe(),
                        "Use " + call.Receiver + "." + sqlVariant + "(" + ctx + ", …)", null);
                }
                else if (GoTables.NewContexts.Contains(call.Resolved) && !IsNilFallback(audit.Model, call, carrier.Name) && !AfterItEnded(audit.Model, call, carrier.Name)
                    && !IsSent(audit.Model, call))
                {
                    Report(audit, call, call.Display + " starts a context detached from " + ctx + " in " + fn.Describe() + ": cancelling the caller does not stop this work",
                        "Derive from the context at hand (" + ctx + ", or context.WithTimeout(" + ctx + ", d)); use context.WithoutCancel(" + ctx + ") for work that must outlive the request", null);
                }
            }
        }

        /// <summary>
        /// <c>req, _ := http.NewRequest(…)</c> then <c>req = req.WithContext(ctx)</c> (its result used: a bare
        /// <c>req.WithContext(ctx)</c> changes nothing), or the request handed on together with the context
        /// (<c>api.Do(ctx, req)</c>): the context is attached afterwards.
        /// </summary>
        private static bool AttachedLater(SourceModel model, CallModel call, string carrier)
        {
            string? request = null;
            foreach (var a in model.Assignments)
            {
                if (a.ValueCall == call && a.Names.Count > 0) request = a.Names[0];
            }
            foreach (var other in call.Function.Calls)
            {
                if (other.StartByte <= call.EndByte) continue;
                // req.WithContext(ctx) returns a copy: as a bare statement it attaches nothing.
                if (other.Method == "WithContext" && !other.IsStatement && (request == null || other.Receiver == request)) return true;
                if (request != null && other.Arguments.Exists(x => x.Text == carrier) && other.Arguments.Exists(x => x.Text == request)) return true;
            }
            return false;
        }

        /// <summary>
        /// <c>c.readTimeout &lt;- context.Background()</c>: a value sent on a channel, the signal that clears a watcher's deadline
        /// (nhooyr's websocket), not a context any work runs under.
        /// </summary>
        private static bool IsSent(SourceModel model, CallModel call)
        {
            var utf8 = model.Text.Utf8;
            int i = call.StartByte - 1;
            while (i > 0 && utf8[i] is (byte)' ' or (byte)'\t') i--;
            return i > 0 && utf8[i] == '-' && utf8[i - 1] == '<';
        }

        /// <summary><c>if ctx == nil { ctx = context.Background() }</c>: a default for a missing context, not a detached one.</summary>
        private static bool IsNilFallback(SourceModel model, CallModel call, string carrier)
        {
            foreach (var a in model.Assignments)
            {
                if (a.ValueCall == call) return a.Names.Count == 1 && a.Names[0] == carrier && UnderNilTest(model, call, carrier);
            }
            return false;
        }

        /// <summary>
        /// In the part of an <c>if</c> that runs when the context is nil: the body of <c>if ctx == nil</c>, the <c>else</c> of
        /// <c>if ctx != nil</c>. <c>ctx = context.TODO()</c> anywhere else replaces a context that was given.
        /// </summary>
        private static bool UnderNilTest(SourceModel model, CallModel call, string carrier)
        {
            foreach (var b in model.Branches)
            {
                if (b.Function != call.Function || !b.Contains(call.StartByte) || call.StartByte < b.ConditionEndByte) continue;
                bool inElse = b.AlternativeStartByte >= 0 && call.StartByte >= b.AlternativeStartByte;
                foreach (System.Text.RegularExpressions.Match m in NilTest().Matches(model.Text.GetText(b.ConditionStartByte, b.ConditionEndByte)))
                {
                    if (m.Groups["name"].Value == carrier && (m.Groups["op"].Value == "==" ? !inElse : inElse)) return true;
                }
            }
            return false;
        }

        /// <summary><c>ctx == nil</c>, <c>ctx != nil</c>: a name (not a field's: <c>r.ctx</c>) compared with nil.</summary>
        [System.Text.RegularExpressions.GeneratedRegex(@"(?<![\w.])(?<name>\w+)\s*(?<op>==|!=)\s*nil\b", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
        private static partial System.Text.RegularExpressions.Regex NilTest();

        /// <summary>
        /// Made once the caller's context has ended — after a <c>&lt;-ctx.Done()</c> statement, or inside the <c>case &lt;-ctx.Done():</c>
        /// of a select (no other case between) — so the fresh one (a graceful shutdown's or a kill's deadline) cannot be derived from it.
        /// </summary>
        private static bool AfterItEnded(SourceModel model, CallModel call, string carrier)
        {
            string before = model.Text.GetText(call.Function.StartByte, call.StartByte), wait = "<-" + carrier + ".Done()";
            int at = before.LastIndexOf(wait, System.StringComparison.Ordinal);
            if (at < 0) return false;
            string rest = before.Substring(at + wait.Length);
            if (!rest.TrimStart(' ', '\t').StartsWith(':')) return true;
            return !rest.Contains("case ", System.StringComparison.Ordinal) && !rest.Contains("default:", System.StringComparison.Ordinal);
        }

        private static void Report(FileAudit audit, CallModel call, string issue, string recommendation, Severity? severity) =>
            audit.Report(RuleIds.MissingCancellation, call.Function, call.StartByte, call.EndByte, "Missing cancellation: " + issue, recommendation,
                Confidence.High, severity);
    }
}
