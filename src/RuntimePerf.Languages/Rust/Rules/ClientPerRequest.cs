using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using RuntimePerf.Engine.Catalog;
using RuntimePerf.Engine.Model;
using RuntimePerf.Languages.Common;

namespace RuntimePerf.Languages.Rust.Rules
{
    /// <summary>
    /// RP0011 for Rust's API wrappers: a method taking <c>&amp;self</c> that builds a client (<c>reqwest::Client::new()</c>,
    /// <c>Client::builder()….build()</c>) into a local and only sends requests with it makes a new connection pool on every
    /// call of the method, where a client kept in the struct would be reused (the shape of many "reuse reqwest::Client"
    /// fixes). Not a constructor or factory (the client is returned, stored or passed on), not a client per loop pass or per
    /// handler call, which the shared rule (run first) reports.
    /// </summary>
    public sealed class ClientPerRequest : ExtendedRule<Languages.Rules.ClientPerRequest>
    {
        /// <summary>Request builders of an HTTP client.</summary>
        private static readonly HashSet<string> RequestMethods = new(StringComparer.Ordinal)
        {
            "get", "post", "put", "patch", "delete", "head", "request", "execute",
        };

        private static readonly Regex BoundByLet = new(@"\blet\s+(?:mut\s+)?(?<name>\w+)\s*(?::[^=;]+)?=\s*$", RegexOptions.CultureInvariant);

        private static readonly Regex BorrowsSelf = new(@"\bfn\s+\w+\s*(?:<[^(]*>)?\s*\(\s*&\s*(?:'\w+\s+)?(?:mut\s+)?self\b", RegexOptions.CultureInvariant);

        protected override void CheckOwn(FileAudit audit)
        {
            var model = audit.Model;
            foreach (var call in model.Calls)
            {
                var fn = call.Function;
                if (fn.ClassName == null || fn.IsHandler || call.Loop != null || call.IsOffloaded || call.InClosure || !audit.Knowledge.IsClientConstruction(call)) continue;
                string before = model.Text.GetText(Math.Max(fn.StartByte, call.StartByte - 80), call.StartByte);
                if (BoundByLet.Match(before) is not { Success: true } let || !BorrowsSelf.IsMatch(model.Text.GetText(fn.StartByte, Math.Min(fn.EndByte, call.StartByte)))) continue;
                string name = let.Groups["name"].Value;
                if (!Languages.Rules.ClientPerRequest.OnlySendsRequests(model, fn, name, call.EndByte, fn.EndByte, RequestMethods)) continue;
                audit.Report(RuleIds.ClientPerRequest, fn, call.StartByte, call.EndByte,
                    "Client per request: " + call.Display + " is created on every call of " + fn.Describe()
                    + " and used only for its requests, so its connection pool is never reused",
                    "Build the client once (a field of " + fn.ClassName + ", set in its constructor) and send through it; reqwest::Client is cheap to clone",
                    Confidence.Medium, Severity.Medium);
            }
        }
    }
}
