using System;
using System.Collections.Generic;
using RuntimePerf.Engine.Catalog;

namespace RuntimePerf.Engine.Reports
{
    /// <summary>Inputs of the SARIF log besides the report itself.</summary>
    public sealed class SarifOptions
    {
        public static SarifOptions Default { get; } = new SarifOptions();

        /// <summary>Rules to describe: those with a detector are listed even when nothing was found.</summary>
        public IReadOnlyList<RuleInfo> Rules { get; init; } = RuleCatalog.All;

        /// <summary>The doc page of a rule id, or null (help then falls back to the concept and helpUri).</summary>
        public Func<string, string?> RuleDoc { get; init; } = RuleDocs.Get;
    }
}
