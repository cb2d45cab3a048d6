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
    public sealed class MissingCancellation : IRule
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
                    if (AttachedLater(call)) continue;
                    // http.Get & co. use http.DefaultClient: no timeout either, so on a request path it can hang the handler for good.
                    bool noTimeout = GoTables.ResponseFunctions.Contains(call.Resolved);
                    Report(audit, call, call.Display + " takes no context although " + ctx + " is at hand in " + fn.Describe(),
                        "Use " + variant.Replace("ctx", ctx), fn.IsHandler && noTimeout ? Severity.High : null);
                }
                else if (call.Method is { } method && GoTables.SqlContextVariants.TryGetValue(method, out var sqlVariant)
                    && audit.Knowledge.ReceiverKind(call) is { } kind && GoTables.SqlKinds.Contains(kind))
                {
                    Report(audit, call, call.Display + " takes no context although " + ctx + " is at hand in " + fn.Describe(),
                        "Use " + call.Receiver + "." + sqlVariant + "(" + ctx + ", …)", null);
                }
                else if (GoTables.NewContexts.Contains(call.Resolved))
                {
                    Report(audit, call, call.Display + " starts a context detached from " + ctx + " in " + fn.Describe() + ": cancelling the caller does not stop this work",
                        "Derive from the context at hand (" + ctx + ", or context.WithTimeout(" + ctx + ", d)); use context.WithoutCancel(" + ctx + ") for work that must outlive the request", null);
                }
            }
        }

        /// <summary><c>req, _ := http.NewRequest(…)</c> then <c>req = req.WithContext(ctx)</c>: the context is attached afterwards.</summary>
        private static bool AttachedLater(CallModel call)
        {
            foreach (var other in call.Function.Calls)
            {
                if (other.StartByte > call.EndByte && other.Method == "WithContext") return true;
            }
            return false;
        }

        private static void Report(FileAudit audit, CallModel call, string issue, string recommendation, Severity? severity) =>
            audit.Report(RuleIds.MissingCancellation, call.Function, call.StartByte, call.EndByte, "Missing cancellation: " + issue, recommendation,
                Confidence.High, severity);
    }
}
