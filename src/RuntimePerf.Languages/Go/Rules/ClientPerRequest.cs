using RuntimePerf.Engine.Catalog;
using RuntimePerf.Engine.Model;
using RuntimePerf.Languages.Common;

namespace RuntimePerf.Languages.Go.Rules
{
    /// <summary>
    /// RP0011 in Go: the shared rule (a transport built in a request handler), plus a function that builds an
    /// <c>http.Transport</c> and then sends its request through a client it made itself: every call of the function dials,
    /// handshakes and leaves idle connections behind in a pool that nothing reuses.
    /// </summary>
    public sealed class ClientPerRequest : IRule
    {
        private static readonly Languages.Rules.ClientPerRequest InHandlers = new();

        public string RuleId => RuleIds.ClientPerRequest;

        public void Check(FileAudit audit)
        {
            InHandlers.Check(audit);
            foreach (var call in audit.Model.Calls)
            {
                var fn = call.Function;
                // Handlers: the shared rule; loops: RP0015; start-up, entry points and constructors (NewX) run once.
                if (fn.IsHandler || call.Loop != null || !Languages.Rules.ExpensiveObject.RunsPerCall(fn)
                    || !audit.Knowledge.IsClientConstruction(call)) continue;
                if (SendThroughLocalClient(fn, call.EndByte) is not { } send) continue;
                audit.Report(RuleIds.ClientPerRequest, fn, call.StartByte, call.EndByte,
                    "Client per request: " + call.Display + " is created on every call of " + fn.Describe() + ", which sends through it ("
                    + send.Display + ", line " + audit.Model.SpanOf(send.StartByte, send.StartByte).Line + "), so its connection pool is never reused",
                    audit.Knowledge.Advice.ClientPerRequest, Confidence.High, Severity.Medium);
            }
        }

        /// <summary>A request sent after <paramref name="from"/> by a client held in a local of the function (not a shared one).</summary>
        private static CallModel? SendThroughLocalClient(FunctionModel fn, int from)
        {
            foreach (var c in fn.Calls)
            {
                if (c.StartByte < from || c.IsSpawned || c.Method is not { } m || !GoTables.ClientMethods.TryGetValue(m, out int arity)
                    || c.Arguments.Count != arity || c.Receiver is not { } receiver || !SourceModel.IsPlainName(receiver)) continue;
                if (fn.Locals.KindOf(receiver) == GoTables.Client) return c;
            }
            return null;
        }
    }
}
