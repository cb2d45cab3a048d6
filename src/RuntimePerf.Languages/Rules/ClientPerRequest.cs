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
        public void Check(FileAudit audit)
        {
            foreach (var call in audit.Model.Calls)
            {
                var fn = call.Function;
                if (!audit.Knowledge.IsClientConstruction(call) || call.IsOffloaded) continue;
                bool inLoop = call.Loop != null && fn.IsAsync;
                if (!inLoop && !fn.IsHandler) continue;
                string where = inLoop ? "on every iteration of a loop in " + fn.Describe() : "on every request in " + fn.Describe();
                audit.Report("RP0011", fn, call.StartByte, call.EndByte,
                    "Client per request: " + call.Display + " is created " + where + ", so its connection pool is never reused",
                    "Create one client at startup (app lifespan / module level / dependency) and reuse it",
                    Confidence.High, inLoop ? Severity.High : Severity.Medium);
            }
        }
    }
}
