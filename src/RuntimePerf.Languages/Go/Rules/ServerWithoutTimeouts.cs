using System;
using RuntimePerf.Engine.Catalog;
using RuntimePerf.Engine.Model;
using RuntimePerf.Languages.Common;

namespace RuntimePerf.Languages.Go.Rules
{
    /// <summary>
    /// RP0021: <c>http.ListenAndServe(addr, h)</c> (a default <c>http.Server</c>, no timeouts at all) and <c>http.Server{…}</c>
    /// without <c>ReadHeaderTimeout</c> or <c>ReadTimeout</c>, set neither in the literal nor on the variable afterwards: a slow
    /// client holds a connection and a goroutine for as long as it likes (Slowloris). The client half: on a request path,
    /// <c>http.Get</c>/<c>http.DefaultClient.Do</c> (the default client has no <c>Timeout</c>) or an <c>http.Client{…}</c> without
    /// <c>Timeout</c> built there or in a package variable a handler sends with, unless the function bounds the request with
    /// <c>context.WithTimeout</c>/<c>WithDeadline</c>: a slow upstream holds the request as long as it likes.
    /// </summary>
    public sealed class ServerWithoutTimeouts : IRule
    {
        public string RuleId => RuleIds.ServerWithoutTimeouts;

        private const string Advice =
            "Run an http.Server with ReadHeaderTimeout (and ReadTimeout, WriteTimeout, IdleTimeout) set: srv := &http.Server{Addr: addr, Handler: h, ReadHeaderTimeout: 5 * time.Second}; srv.ListenAndServe()";

        private const string ClientAdvice =
            "Send with one shared http.Client that sets Timeout (var client = &http.Client{Timeout: 10 * time.Second}), or bound the request with context.WithTimeout";

        public void Check(FileAudit audit)
        {
            var model = audit.Model;
            foreach (var call in model.Calls)
            {
                if (call.Function.IsHandler && DefaultClientCall(call) && !BoundsItsRequests(call.Function))
                {
                    Report(audit, call, "Client without timeout: " + call.Display + " sends with http.DefaultClient, which has no Timeout: on a request path a slow upstream holds the request for as long as it likes",
                        ClientAdvice);
                    continue;
                }
                if (call.IsLiteral && call.Resolved == GoTables.Client && call.Keyword(ClientTimeout) == null && !SetLater(model, call, ClientTimeout)
                    && UsedOnRequestPath(audit, call))
                {
                    Report(audit, call, "Client without timeout: " + call.Display + " sets no Timeout and sends requests on a request path, so a slow upstream holds the request for as long as it likes",
                        ClientAdvice);
                    continue;
                }
                if (!call.IsLiteral && call.Resolved is { } resolved && GoTables.DefaultServers.Contains(resolved))
                {
                    Report(audit, call, "Server without timeouts: " + call.Display + " serves with a default http.Server, which has no read, write or idle timeouts", Advice);
                }
                else if (call.IsLiteral && call.Resolved == GoTables.Server && !SetsReadTimeout(call) && !SetLater(model, call, GoTables.ServerReadTimeouts))
                {
                    Report(audit, call, "Server without timeouts: " + call.Display + " sets neither ReadHeaderTimeout nor ReadTimeout, so a slow client can hold a connection open indefinitely", Advice);
                }
            }
        }

        private static bool SetsReadTimeout(CallModel literal)
        {
            foreach (var arg in literal.Arguments)
            {
                if (arg.Keyword != null && GoTables.ServerReadTimeouts.Contains(arg.Keyword)) return true;
            }
            return false;
        }

        private const string ClientTimeout = "Timeout";

        /// <summary><c>http.Get(u)</c>, <c>http.DefaultClient.Do(req)</c>: a request sent with the default client.</summary>
        private static bool DefaultClientCall(CallModel call) =>
            !call.IsLiteral && call.Resolved is { } resolved
            && (GoTables.ResponseFunctions.Contains(resolved)
                || call.Method is { } m && GoTables.ClientMethods.ContainsKey(m) && resolved == "net/http.DefaultClient." + m);

        /// <summary>
        /// The function gives its requests a deadline of its own: a <c>context.WithTimeout</c> (or <c>WithDeadline</c>) and a request
        /// that carries a context (<c>http.NewRequestWithContext</c>; <c>client.Get(url)</c> carries none).
        /// </summary>
        private static bool BoundsItsRequests(FunctionModel fn)
        {
            bool deadline = false, carried = false;
            foreach (var c in fn.Calls)
            {
                if (c.Resolved is "context.WithTimeout" or "context.WithDeadline") deadline = true;
                else if (c.Resolved == "net/http.NewRequestWithContext") carried = true;
            }
            return deadline && carried;
        }

        /// <summary>
        /// Built in a request-path function, or held in a package variable that a request-path function sends with; one
        /// that bounds its requests with a deadline of its own does not need the client's.
        /// </summary>
        private static bool UsedOnRequestPath(FileAudit audit, CallModel literal)
        {
            if (literal.Function.IsHandler) return !BoundsItsRequests(literal.Function);
            if (literal.Function.Kind != FunctionKind.Module || HeldIn(audit.Model, literal) is not { } name) return false;
            foreach (var c in audit.Model.Calls)
            {
                if (c.Receiver == name && c.Method is { } m && GoTables.ClientMethods.ContainsKey(m) && c.Function.IsHandler && !BoundsItsRequests(c.Function)) return true;
            }
            return false;
        }

        private static string? HeldIn(SourceModel model, CallModel literal)
        {
            foreach (var a in model.Assignments)
            {
                if (a.ValueCall == literal && a.Names.Count == 1 && a.Names[0].Length > 0) return a.Names[0];
            }
            return null;
        }

        /// <summary><c>srv := &amp;http.Server{…}</c> then <c>srv.ReadHeaderTimeout = …</c>; or a literal not held in a variable of this function.</summary>
        private static bool SetLater(SourceModel model, CallModel literal, string field) => SetLater(model, literal, new[] { field });

        private static bool SetLater(SourceModel model, CallModel literal, System.Collections.Generic.IEnumerable<string> fields)
        {
            string? name = null;
            foreach (var a in model.Assignments)
            {
                if (a.ValueCall == literal && a.Names.Count == 1) name = a.Names[0];
            }
            if (name == null) return false;
            foreach (var a in model.Assignments)
            {
                // A package variable may be configured by any function (init); a local only after it is built.
                if (literal.Function.Kind != FunctionKind.Module && (a.Function != literal.Function || a.StartByte < literal.EndByte)
                    || a.Names.Count != 1 || a.Names[0].Length > 0) continue;
                string target = model.Text.GetText(a.StartByte, Math.Min(a.EndByte, a.StartByte + name.Length + 24));
                foreach (string field in fields)
                {
                    if (target.StartsWith(name + "." + field, StringComparison.Ordinal)) return true;
                }
            }
            return false;
        }

        private static void Report(FileAudit audit, CallModel call, string issue, string advice) =>
            audit.Report(RuleIds.ServerWithoutTimeouts, call.Function, call.StartByte, call.EndByte, issue, advice,
                Confidence.High, Severity.Medium);
    }
}
