using System;
using System.Collections.Generic;

namespace RuntimePerf.Engine.Model
{
    /// <summary>Deterministic report order: file, line, column, rule (ordinal, culture-free).</summary>
    public sealed class FindingOrder : IComparer<Finding>
    {
        public static readonly FindingOrder Instance = new FindingOrder();

        public int Compare(Finding? x, Finding? y)
        {
            if (ReferenceEquals(x, y)) return 0;
            if (x is null) return -1;
            if (y is null) return 1;
            int c = string.CompareOrdinal(x.Path, y.Path);
            if (c != 0) return c;
            c = x.Span.Line.CompareTo(y.Span.Line);
            if (c != 0) return c;
            c = x.Span.Column.CompareTo(y.Span.Column);
            if (c != 0) return c;
            c = string.CompareOrdinal(x.RuleId, y.RuleId);
            if (c != 0) return c;
            return string.CompareOrdinal(x.Issue, y.Issue);
        }
    }
}
