using System;
using RuntimePerf.Engine.Catalog;
using RuntimePerf.Engine.Model;
using RuntimePerf.Languages.Common;

namespace RuntimePerf.Languages.Go.Rules
{
    /// <summary>
    /// RP0021: <c>http.ListenAndServe(addr, h)</c> (a default <c>http.Server</c>, no timeouts at all) and <c>http.Server{…}</c>
    /// without <c>ReadHeaderTimeout</c> or <c>ReadTimeout</c>, set neither in the literal nor on the variable afterwards: a slow
    /// client holds a connection and a goroutine for as long as it likes (Slowloris).
    /// </summary>
    public sealed class ServerWithoutTimeouts : IRule
    {
        public string RuleId => RuleIds.ServerWithoutTimeouts;

        private const string Advice =
            "Run an http.Server with ReadHeaderTimeout (and ReadTimeout, WriteTimeout, IdleTimeout) set: srv := &http.Server{Addr: addr, Handler: h, ReadHeaderTimeout: 5 * time.Second}; srv.ListenAndServe()";

        public void Check(FileAudit audit)
        {
            foreach (var call in audit.Model.Calls)
            {
                if (!call.IsLiteral && call.Resolved is { } resolved && GoTables.DefaultServers.Contains(resolved))
                {
                    Report(audit, call, call.Display + " serves with a default http.Server, which has no read, write or idle timeouts");
                }
                else if (call.IsLiteral && call.Resolved == GoTables.Server && !SetsReadTimeout(call) && !SetLater(audit.Model, call))
                {
                    Report(audit, call, call.Display + " sets neither ReadHeaderTimeout nor ReadTimeout, so a slow client can hold a connection open indefinitely");
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

        /// <summary><c>srv := &amp;http.Server{…}</c> then <c>srv.ReadHeaderTimeout = …</c>; or a literal not held in a variable of this function.</summary>
        private static bool SetLater(SourceModel model, CallModel literal)
        {
            string? name = null;
            foreach (var a in model.Assignments)
            {
                if (a.ValueCall == literal && a.Names.Count == 1) name = a.Names[0];
            }
            if (name == null) return false;
            foreach (var a in model.Assignments)
            {
                if (a.Function != literal.Function || a.StartByte < literal.EndByte || a.Names.Count != 1 || a.Names[0].Length > 0) continue;
                string target = model.Text.GetText(a.StartByte, Math.Min(a.EndByte, a.StartByte + name.Length + 24));
                foreach (string field in GoTables.ServerReadTimeouts)
                {
                    if (target.StartsWith(name + "." + field, StringComparison.Ordinal)) return true;
                }
            }
            return false;
        }

        private static void Report(FileAudit audit, CallModel call, string issue) =>
            audit.Report(RuleIds.ServerWithoutTimeouts, call.Function, call.StartByte, call.EndByte, "Server without timeouts: " + issue, Advice,
                Confidence.High, Severity.Medium);
    }
}
