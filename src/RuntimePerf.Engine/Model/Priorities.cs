using System;
using System.Collections.Generic;
using System.Linq;
using RuntimePerf.Engine.Catalog;

namespace RuntimePerf.Engine.Model
{
    /// <summary>P0 fix now, P1 fix soon, P2 when touching the code — the order an audit team would write.</summary>
    public enum Priority { P0, P1, P2 }

    /// <summary>One line of the action list: a rule's findings in one file, with what to do.</summary>
    public sealed record ActionItem(Priority Priority, string Rule, string Title, string File, IReadOnlyList<int> Lines, string Recommendation);

    public static class Priorities
    {
        /// <summary>Entries in the action list: enough to read as a plan, not a dump (the findings list has the rest).</summary>
        public const int MaxActions = 20;

        /// <summary>P0: HIGH/CRITICAL with HIGH confidence. P1: other HIGH/CRITICAL, or MEDIUM with HIGH confidence. P2: the rest.</summary>
        public static Priority Of(Finding f) =>
            f.Severity >= Severity.High && f.Confidence == Confidence.High ? Priority.P0
            : f.Severity >= Severity.High || (f.Severity == Severity.Medium && f.Confidence == Confidence.High) ? Priority.P1
            : Priority.P2;

        /// <summary>The gate's findings grouped by rule and file: most urgent first, then the biggest groups.</summary>
        public static IReadOnlyList<ActionItem> Actions(IEnumerable<Finding> findings) => findings
            .GroupBy(f => (f.RuleId, f.Path))
            .Select(g => new ActionItem(g.Min(Of), g.Key.RuleId, RuleCatalog.TryGet(g.Key.RuleId, out var rule) && rule != null ? rule.Title : g.Key.RuleId,
                g.Key.Path, g.Select(f => f.Span.Line).Distinct().OrderBy(l => l).ToList(), g.First().Recommendation))
            .OrderBy(a => a.Priority).ThenByDescending(a => a.Lines.Count)
            .ThenBy(a => a.Rule, StringComparer.Ordinal).ThenBy(a => a.File, StringComparer.Ordinal)
            .Take(MaxActions).ToList();
    }
}
