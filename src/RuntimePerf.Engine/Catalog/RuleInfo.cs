using System.Collections.Generic;
using RuntimePerf.Engine.Model;

namespace RuntimePerf.Engine.Catalog
{
    /// <summary>One rule of the catalog: the single place a rule's id and defaults are defined.</summary>
    public sealed record RuleInfo
    {
        public required string Id { get; init; }
        /// <summary>Short title, e.g. "Blocking I/O in async".</summary>
        public required string Title { get; init; }
        /// <summary>One sentence: what the rule is about (SARIF fullDescription).</summary>
        public required string Concept { get; init; }
        public required string Principle { get; init; }
        /// <summary>Severity inside a request handler.</summary>
        public required Severity HandlerSeverity { get; init; }
        /// <summary>Severity anywhere else (background, sync, unknown).</summary>
        public required Severity DefaultSeverity { get; init; }
        public required Effort Effort { get; init; }
        /// <summary>Typical confidence of the rule's detectors (SARIF precision).</summary>
        public Confidence Precision { get; init; } = Confidence.High;
        /// <summary>Languages that have a detector for this rule today.</summary>
        public IReadOnlyList<Language> Languages { get; init; } = new Language[0];
        public IReadOnlyList<string> Tags { get; init; } = new string[0];

        /// <summary>Repository-relative path of the rule's documentation page.</summary>
        public string DocPath => "docs/rules/" + Id + ".md";

        /// <summary>Where the doc page is published (SARIF helpUri, MSBuild help link).</summary>
        public string HelpUri => RuleCatalog.DocsBaseUri + DocPath;

        public Severity SeverityFor(CodeContext context) =>
            context == CodeContext.RequestHandler ? HandlerSeverity : DefaultSeverity;
    }
}
