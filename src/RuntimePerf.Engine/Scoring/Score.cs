using System;
using System.Collections.Generic;
using RuntimePerf.Engine.Model;

namespace RuntimePerf.Engine.Scoring
{
    /// <summary>Counts per severity and the RULES.md score: max(0, 10 − (2·critical + 1·high + 0.5·medium + 0.2·low)).</summary>
    public sealed record SeverityCounts(int Critical, int High, int Medium, int Low)
    {
        public int Total => Critical + High + Medium + Low;

        public static SeverityCounts Of(IEnumerable<Finding> findings)
        {
            int c = 0, h = 0, m = 0, l = 0;
            foreach (var f in findings)
            {
                switch (f.Severity)
                {
                    case Severity.Critical: c++; break;
                    case Severity.High: h++; break;
                    case Severity.Medium: m++; break;
                    default: l++; break;
                }
            }
            return new SeverityCounts(c, h, m, l);
        }

        /// <summary>The score, rounded to one decimal (as reported). Integer tenths avoid binary-float drift (0.2 × 3 ≠ 0.6).</summary>
        public double Score
        {
            get
            {
                long penaltyTenths = 20L * Critical + 10L * High + 5L * Medium + 2L * Low;
                return Math.Max(0, 100 - penaltyTenths) / 10.0;
            }
        }
    }
}
