using System;
using System.Collections.Generic;
using RuntimePerf.Engine.Catalog;
using RuntimePerf.Engine.Model;
using RuntimePerf.Languages.Common;

namespace RuntimePerf.Languages.Python.Rules
{
    /// <summary>
    /// RP0011 for Python's API wrappers: a method that opens a client for itself (<c>async with aiohttp.ClientSession() as s:</c>,
    /// <c>with httpx.Client() as c:</c>) and only sends requests with it makes a new connection pool on every call of the method,
    /// where a session kept on the object would be reused (aiohttp's own advice: one session per application). Not a method
    /// that hands the client on (returns, stores or passes it), not setup or teardown (<c>__init__</c>, <c>__aenter__</c>…), not a
    /// client per loop pass or per handler call, which the shared rule (run first) reports.
    /// </summary>
    public sealed class ClientPerRequest : ExtendedRule<Languages.Rules.ClientPerRequest>
    {
        /// <summary>What sending a request through a session or client looks like.</summary>
        private static readonly HashSet<string> RequestMethods = new(StringComparer.Ordinal)
        {
            "get", "post", "put", "patch", "delete", "head", "options", "request", "send", "stream", "ws_connect",
        };

        /// <summary>Methods that run once per object (or per use of it as a context manager), not per request.</summary>
        private static readonly HashSet<string> SetupMethods = new(StringComparer.Ordinal)
        {
            "__init__", "__aenter__", "__enter__", "__aexit__", "__exit__", "__post_init__", "setup", "start", "connect", "close", "aclose",
        };

        protected override void CheckOwn(FileAudit audit)
        {
            var model = audit.Model;
            foreach (var with in model.Withs)
            {
                var fn = with.Function;
                if (fn.ClassName == null || fn.IsHandler || fn.Parameters.Count == 0 || fn.Parameters[0].Name != "self" || SetupMethods.Contains(fn.Name)) continue;
                foreach (var item in with.Items)
                {
                    if (item.Call is not { } call || item.Alias is not { } name || call.Loop != null || call.IsOffloaded
                        || !audit.Knowledge.IsClientConstruction(call)
                        || !Languages.Rules.ClientPerRequest.OnlySendsRequests(model, fn, name, with.BodyStartByte, with.EndByte, RequestMethods)) continue;
                    audit.Report(RuleIds.ClientPerRequest, fn, call.StartByte, call.EndByte,
                        "Client per request: " + call.Display + " is opened on every call of " + fn.Describe()
                        + " and used only for its requests, so its connection pool is never reused",
                        "Open the session once (an attribute of " + fn.ClassName + ", created on first use or in an async setup method, closed with the object) and send through it",
                        Confidence.Medium, Severity.Medium);
                }
            }
        }
    }
}
