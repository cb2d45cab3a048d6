using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using RuntimePerf.Engine.Model;

namespace RuntimePerf.Engine.Scoring
{
    /// <summary>A (best) to E (worst); docs/rating.md.</summary>
    public enum Rating { A, B, C, D, E }

    /// <summary>
    /// The size-aware measure beside the seed score (docs/rating.md), in the manner of SonarQube's maintainability
    /// rating: the remediation effort of the findings, weighted by severity, over the cost of writing the audited code
    /// (30 minutes a line), rated A–E. The seed score falls to 0 after ten HIGH findings whatever the size of the code;
    /// this ratio tells a 300-line service with ten of them from a 300,000-line one.
    /// </summary>
    public sealed record SizeRating(Rating Rating, double DebtRatio, double RemediationMinutes, int Lines)
    {
        /// <summary>The cost of writing one line, as SonarQube assumes it: the denominator of the ratio.</summary>
        public const double MinutesPerLine = 30;

        /// <summary>Upper bounds of the debt ratio for A, B, C and D (E is everything above): 0.05% is 15 minutes per 1,000 lines.</summary>
        private static readonly double[] Bounds = { 0.0005, 0.002, 0.005, 0.02 };

        /// <summary>Minutes to fix one finding of each effort (RULES.md effort S, M, L).</summary>
        public static double Minutes(Effort effort) => effort switch
        {
            Effort.S => 15,
            Effort.M => 60,
            _ => 240,
        };

        /// <summary>Severity weights of the seed score, relative to HIGH (CRITICAL 2, HIGH 1, MEDIUM 0.5, LOW 0.2).</summary>
        public static double Weight(Severity severity) => severity switch
        {
            Severity.Critical => 2,
            Severity.High => 1,
            Severity.Medium => 0.5,
            _ => 0.2,
        };

        public static SizeRating Of(IEnumerable<Finding> findings, int lines)
        {
            double minutes = findings.Sum(f => Minutes(f.Effort) * Weight(f.Severity));
            double ratio = lines > 0 ? minutes / (lines * MinutesPerLine) : minutes > 0 ? double.PositiveInfinity : 0;
            int index = Array.FindIndex(Bounds, b => ratio <= b);
            return new SizeRating(index < 0 ? Rating.E : (Rating)index, ratio, minutes, lines);
        }

        /// <summary>The rating of a report: its active findings over the non-blank lines of its audited files.</summary>
        public static SizeRating Of(AuditReport report) => Of(report.ActiveFindings, report.Files.Values.Sum(c => c.Lines));

        public static bool TryParse(string? text, out Rating rating)
        {
            string t = (text ?? "").Trim();
            rating = Rating.A;
            if (t.Length != 1) return false;
            int index = char.ToUpperInvariant(t[0]) - 'A';
            if (index < 0 || index > (int)Rating.E) return false;
            rating = (Rating)index;
            return true;
        }

        /// <summary>"B (debt ratio 0.13%: 40 min to fix over 1,000 lines)".</summary>
        public override string ToString() => string.Format(CultureInfo.InvariantCulture,
            "{0} (debt ratio {1}: {2:#,0} min to fix over {3:#,0} line(s))", Rating, Percent(DebtRatio), RemediationMinutes, Lines);

        public static string Percent(double ratio) => double.IsInfinity(ratio)
            ? "∞"
            : (ratio * 100).ToString(ratio < 0.001 ? "0.###" : "0.##", CultureInfo.InvariantCulture) + "%";
    }
}
