using System;
using Microsoft.CodeAnalysis;
using RuntimePerf.Engine.Model;

namespace RuntimePerf.CSharp.Analysis
{
    /// <summary>
    /// A finding before its final context: whether its method is a minimal-API handler by registration
    /// (<see cref="RegisteredHandlers"/>) decides its severity.
    /// </summary>
    internal sealed class Candidate
    {
        public Candidate(string ruleId, Location location, FunctionScope scope, string issuePrefix, string issueSuffix,
            string recommendation, Confidence confidence)
        {
            RuleId = ruleId;
            Location = location;
            Scope = scope;
            IssuePrefix = issuePrefix;
            IssueSuffix = issueSuffix;
            Recommendation = recommendation;
            Confidence = confidence;
        }

        public string RuleId { get; }
        public Location Location { get; }
        public FunctionScope Scope { get; }
        /// <summary>The issue sentence is <c>IssuePrefix + scope description + IssueSuffix</c>.</summary>
        public string IssuePrefix { get; }
        public string IssueSuffix { get; }
        public string Recommendation { get; }
        public Confidence Confidence { get; }
        /// <summary>True for rules that apply only on an async path or in a handler (RP0001, RP0002, RP0005, RP0007).</summary>
        public bool AsyncPathOnly { get; set; }
        /// <summary>
        /// Dropped when a delegate is made from this method anywhere in the compilation (an event subscription, a Timer
        /// callback, an Action argument): then a void signature is the delegate's, not the author's choice.
        /// </summary>
        public IMethodSymbol? UnlessDelegateMadeFrom { get; set; }
        /// <summary>
        /// Also dropped when nothing in the compilation calls <see cref="UnlessDelegateMadeFrom"/> directly: a method
        /// named like an event handler is then wired by name, from markup or by a framework, out of the compiler's sight.
        /// </summary>
        public bool UnlessNeverCalled { get; set; }
        /// <summary>Rule-specific severity; null means the catalog's severity for the context.</summary>
        public Func<CodeContext, Severity>? Severity { get; set; }
    }
}
