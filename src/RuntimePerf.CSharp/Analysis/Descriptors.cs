using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using RuntimePerf.Engine.Catalog;
using RuntimePerf.Engine.Model;

namespace RuntimePerf.CSharp.Analysis
{
    /// <summary>Diagnostic descriptors built from the rule catalog; every diagnostic carries the <see cref="AnalyzerProperties"/>.</summary>
    internal static class Descriptors
    {
        public const string Category = "RuntimePerformance";

        /// <summary>Not a rule: an exception inside a detector, reported where it happened so the audit can name the file.</summary>
        public const string FailureId = "RP9999";

        public static readonly DiagnosticDescriptor Failure = new DiagnosticDescriptor(
            FailureId, "RuntimePerf detector failure", "{0} failed here: {1}", Category, DiagnosticSeverity.Info, isEnabledByDefault: true);

        /// <summary>
        /// Not a rule: the findings log for the audit task could not be written (the task then analyses the C# itself).
        /// A warning, also because the compiler skips analyzers whose diagnostics are all info-level in command-line
        /// builds: this one keeps the analyzer running there. Listed in WarningsNotAsErrors by the package.
        /// </summary>
        public static readonly DiagnosticDescriptor LogFailure = new DiagnosticDescriptor(
            "RP9998", "RuntimePerf findings log not written", "RuntimePerf could not write {0}: {1}", Category, DiagnosticSeverity.Warning,
            isEnabledByDefault: true, customTags: WellKnownDiagnosticTags.CompilationEnd);

        /// <summary>One descriptor per catalog rule that has a C# detector. Info: the gate decides what fails, not the compiler.</summary>
        public static readonly ImmutableDictionary<string, DiagnosticDescriptor> Rules = RuleCatalog.All
            .Where(r => r.Languages.Contains(Language.CSharp))
            .ToImmutableDictionary(r => r.Id, r => new DiagnosticDescriptor(
                r.Id, r.Title, "{0}", Category, DiagnosticSeverity.Info, isEnabledByDefault: true,
                description: r.Concept, helpLinkUri: r.HelpUri));

        public static ImmutableArray<DiagnosticDescriptor> All { get; } =
            Rules.Values.OrderBy(d => d.Id, System.StringComparer.Ordinal).Append(Failure).Append(LogFailure).ToImmutableArray();

        public static Diagnostic Create(Candidate candidate, CodeContext context)
        {
            var rule = RuleCatalog.Get(candidate.RuleId);
            var severity = candidate.Severity?.Invoke(context) ?? rule.SeverityFor(context);
            var properties = new Dictionary<string, string?>
            {
                [AnalyzerProperties.Severity] = Names.Of(severity),
                [AnalyzerProperties.Confidence] = Names.Of(candidate.Confidence),
                [AnalyzerProperties.Context] = Names.Of(context),
                [AnalyzerProperties.Effort] = Names.Of(rule.Effort),
                [AnalyzerProperties.Recommendation] = candidate.Recommendation,
                [AnalyzerProperties.Symbol] = candidate.Scope.Symbol,
            }.ToImmutableDictionary();
            string issue = candidate.IssuePrefix + candidate.Scope.Describe(context) + candidate.IssueSuffix;
            return Diagnostic.Create(Rules[candidate.RuleId], candidate.Location, properties, issue);
        }
    }
}
