using System;
using System.Collections.Generic;
using System.Linq;
using RuntimePerf.Engine.Scoring;

namespace RuntimePerf.Engine.Model
{
    /// <summary>A problem with one input file (unreadable, binary, unparsable): reported once, the audit goes on.</summary>
    /// <param name="FileLeftOut">
    /// The file was left out (not read, not parsed, every rule lost): it counts as skipped, not audited. Said by whoever
    /// gave up on it; "parse errors; audited what parsed" keeps the file counted. Not part of the reports.
    /// </param>
    public sealed record AuditNotice(string Path, string Message, bool FileLeftOut = false);

    /// <summary>
    /// Files audited and skipped (tests, generated, excluded, language not supported yet) for one language, and the
    /// non-blank lines of the audited ones (the size the rating is measured against).
    /// </summary>
    public sealed record FileCounts(int Audited, int Skipped, int Lines = 0);

    /// <summary>The gate's settings; <see cref="MinRating"/> (RuntimePerfMinRating) is opt-in.</summary>
    public sealed record GateSettings(double? MinScore, bool FailOnHigh, Rating? MinRating = null);

    /// <summary>The baseline side of a report: which file, and its entries that no finding matched (fixed, or stale).</summary>
    public sealed record BaselineOutcome(string File, IReadOnlyList<Baselines.BaselineEntry> Absent);

    /// <summary>The gate's verdict; <see cref="Reasons"/> says why it failed (empty when it passed).</summary>
    public sealed record GateResult(bool Passed, IReadOnlyList<string> Reasons)
    {
        public static GateResult Evaluate(SeverityCounts counts, GateSettings settings, SizeRating? rating = null)
        {
            var reasons = new List<string>();
            if (settings.FailOnHigh && counts.Critical + counts.High > 0)
            {
                reasons.Add($"{counts.Critical + counts.High} HIGH or CRITICAL finding(s) (set RuntimePerfFailOnHigh=false to only report them)");
            }
            if (settings.MinScore is double min && counts.Score < min)
            {
                reasons.Add(string.Format(System.Globalization.CultureInfo.InvariantCulture,
                    "score {0:0.0} is below RuntimePerfMinScore {1:0.0#}", counts.Score, min));
            }
            // The rating measures the whole code base, so it is judged on every active finding, baseline or not.
            if (settings.MinRating is Rating minRating && rating != null && rating.Rating > minRating)
            {
                reasons.Add($"rating {rating} is worse than RuntimePerfMinRating {minRating}");
            }
            return new GateResult(reasons.Count == 0, reasons);
        }
    }

    /// <summary>Everything one audit produced; both report writers and the gate read only this.</summary>
    public sealed record AuditReport
    {
        public const string ToolName = "RuntimePerf.Build";

        public required string ToolVersion { get; init; }
        /// <summary>Project identity (repository-relative project path), used for SARIF automationDetails.id.</summary>
        public required string Project { get; init; }
        /// <summary>Findings in report order, with fingerprints.</summary>
        public required IReadOnlyList<Finding> Findings { get; init; }
        public required IReadOnlyDictionary<string, FileCounts> Files { get; init; }
        public IReadOnlyList<AuditNotice> Notices { get; init; } = new AuditNotice[0];
        public long DurationMs { get; init; }
        public required GateSettings GateSettings { get; init; }

        /// <summary>The findings that count: score, gate, console and SARIF leave suppressed ones out.</summary>
        public IEnumerable<Finding> ActiveFindings => Findings.Where(f => f.Suppression == null);

        public SeverityCounts Counts => SeverityCounts.Of(ActiveFindings);
        public double Score => Counts.Score;

        /// <summary>Set when the audit compared against a baseline.</summary>
        public BaselineOutcome? Baseline { get; init; }

        /// <summary>What the gate judges: with a baseline only the new findings, otherwise every active one.</summary>
        public IEnumerable<Finding> GateFindings => Findings.Where(IsJudged);

        /// <summary>Whether the gate judges this finding: active, and new when there is a baseline.</summary>
        public bool IsJudged(Finding f) => f.Suppression == null && (Baseline == null || f.Baseline == BaselineState.New);
        public SeverityCounts GateCounts => SeverityCounts.Of(GateFindings);
        public GateResult Gate => GateResult.Evaluate(GateCounts, GateSettings, Rating);

        /// <summary>The size-aware rating beside the score (docs/rating.md).</summary>
        public SizeRating Rating => SizeRating.Of(this);

        /// <summary>Orders the raw findings deterministically and fingerprints them.</summary>
        public static AuditReport Create(string toolVersion, string project, IEnumerable<Finding> rawFindings,
            IReadOnlyDictionary<string, FileCounts> files, IReadOnlyList<AuditNotice> notices, long durationMs, GateSettings gate,
            Baselines.Baseline? baseline = null, string baselineFile = "")
        {
            var ordered = rawFindings.Distinct().OrderBy(f => f, FindingOrder.Instance).ToList();
            var compared = baseline?.Compare(ordered);
            return new AuditReport
            {
                ToolVersion = toolVersion,
                Project = project,
                Findings = Fingerprints.Assign(compared?.Findings ?? ordered),
                Baseline = compared is { } c ? new BaselineOutcome(baselineFile, c.Absent) : null,
                Files = new SortedDictionary<string, FileCounts>(files.ToDictionary(kv => kv.Key, kv => kv.Value), System.StringComparer.Ordinal),
                Notices = notices.OrderBy(n => n.Path, System.StringComparer.Ordinal).ThenBy(n => n.Message, System.StringComparer.Ordinal).ToList(),
                DurationMs = durationMs,
                GateSettings = gate,
            };
        }
    }
}
