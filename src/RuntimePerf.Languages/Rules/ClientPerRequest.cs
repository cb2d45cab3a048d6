using System.Collections.Generic;
using RuntimePerf.Engine.Catalog;
using RuntimePerf.Engine.Model;
using RuntimePerf.Languages.Common;

namespace RuntimePerf.Languages.Rules
{
    /// <summary>
    /// RP0011: an HTTP client or session created per request (inside a handler) or per iteration of a loop in
    /// async code: each one opens its own connection pool, so nothing is reused (TCP and TLS handshakes every time).
    /// Also a call there of a sync factory (in the file or imported) that builds and hands out a new client on every call
    /// and keeps none (no cache it reads back), reported at the call with the chain.
    /// </summary>
    public sealed class ClientPerRequest : IRule
    {
        public string RuleId => RuleIds.ClientPerRequest;

        public void Check(FileAudit audit)
        {
            foreach (var call in audit.Model.Calls)
            {
                var fn = call.Function;
                if (call.IsOffloaded) continue;
                bool inLoop = call.Loop != null && fn.IsAsync;
                if (!inLoop && !fn.IsHandler) continue;
                string where = inLoop ? "on every iteration of a loop in " + fn.Describe() : "on every request in " + fn.Describe();
                if (!audit.Knowledge.IsClientConstruction(call))
                {
                    // redisClient() from a handler: a factory (perhaps in another file) that builds a new client each time it is called
                    if (audit.Helpers.Target(call) is { } factory && factory.Local is not { IsHelper: false })
                    {
                        audit.ReportIfHelperBlocks(RuleIds.ClientPerRequest, fn, call, factory, "Client per request: ",
                            " builds a new client " + where + ", so its connection pool is never reused", audit.Knowledge.Advice.ClientPerRequest);
                    }
                    continue;
                }
                // if (!cached) cached = await MongoClient.connect(url): made once, kept outside the handler (or the loop)
                var region = call.Loop is { } l && inLoop ? (From: l.BodyStartByte, Start: l.StartByte, End: l.EndByte) : (From: fn.StartByte, Start: fn.StartByte, End: fn.EndByte);
                if (ExpensiveObject.LazilyCached(audit.Model, call, region.From, region.Start, region.End)) continue;
                audit.Report(RuleIds.ClientPerRequest, fn, call.StartByte, call.EndByte,
                    "Client per request: " + call.Display + " is created " + where + ", so its connection pool is never reused",
                    audit.Knowledge.Advice.ClientPerRequest,
                    Confidence.High, inLoop ? Severity.High : Severity.Medium);
            }
        }

        /// <summary>
        /// Every read of the client's local <paramref name="name"/> in [<paramref name="from"/>, <paramref name="to"/>) starts a
        /// request on it (<c>client.get(u)</c>, a method in <paramref name="requests"/>), and at least one does: the client is only
        /// used to send, not returned, stored or passed on. The languages' API-wrapper forms of the rule share this.
        /// </summary>
        public static bool OnlySendsRequests(SourceModel model, FunctionModel fn, string name, int from, int to, ISet<string> requests)
        {
            bool sends = false;
            foreach (var use in model.UsesOf(name, fn, from, to))
            {
                if (use.Kind != UseKind.Read) return false;
                var request = fn.Calls.Find(c => c.StartByte == use.Start && c.Receiver == name);
                if (request?.Method is not { } m || !requests.Contains(m)) return false;
                sends = true;
            }
            return sends;
        }
    }
}
