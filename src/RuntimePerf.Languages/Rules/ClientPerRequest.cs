using RuntimePerf.Engine.Catalog;
using RuntimePerf.Engine.Model;
using RuntimePerf.Languages.Common;

namespace RuntimePerf.Languages.Rules
{
    /// <summary>
    /// RP0011: an HTTP client or session created per request (inside a handler) or per iteration of a loop in
    /// async code: each one opens its own connection pool, so nothing is reused (TCP and TLS handshakes every time).
    /// </summary>
    public sealed class ClientPerRequest : IRule
    {
        public string RuleId => RuleIds.ClientPerRequest;

        public void Check(FileAudit audit)
        {
            foreach (var call in audit.Model.Calls)
            {
                var fn = call.Function;
                if (!audit.Knowledge.IsClientConstruction(call) || call.IsOffloaded) continue;
                bool inLoop = call.Loop != null && fn.IsAsync;
                if (!inLoop && !fn.IsHandler) continue;
                string where = inLoop ? "on every iteration of a loop in " + fn.Describe() : "on every request in " + fn.Describe();
                audit.Report(RuleIds.ClientPerRequest, fn, call.StartByte, call.EndByte,
                    "Client per request: " + call.Display + " is created " + where + ", so its connection pool is never reused",
                    audit.Knowledge.Advice.ClientPerRequest,
                    Confidence.High, inLoop ? Severity.High : Severity.Medium);
            }
        }
    }
}
