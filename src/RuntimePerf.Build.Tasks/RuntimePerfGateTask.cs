using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using RuntimePerf.Engine.Catalog;
using RuntimePerf.Engine.Model;
using RuntimePerf.Engine.Reports;
using RuntimePerf.Engine.Scoring;

namespace RuntimePerf.Build.Tasks
{
    /// <summary>
    /// The gate: reads the last report, logs one line per finding (errors for what fails the gate, warnings for
    /// MEDIUM, messages for LOW) and a summary, and fails when the gate says so. Cheap, and never incremental.
    /// </summary>
    public sealed class RuntimePerfGateTask : Task
    {
        /// <summary>The project: report paths are relative to its repository root (<see cref="Engine.Sources.RepositoryRoot"/>).</summary>
        [Required] public string ProjectFile { get; set; } = "";
        /// <summary>RuntimePerfRepositoryRoot; empty means: found from the project folder, as the audit does.</summary>
        public string? RepositoryRoot { get; set; }
        [Required] public string JsonFile { get; set; } = "";
        public string? MinScore { get; set; }
        public string? FailOnHigh { get; set; }
        public string? MinRating { get; set; }
        /// <summary>The audit's binary copy of the report (<see cref="ReportSnapshot"/>); the JSON is read when it is missing or older.</summary>
        public string? SnapshotFile { get; set; }

        public override bool Execute()
        {
            if (!Settings.TryParseGate(MinScore, FailOnHigh, out var settings, out string error)
                || !Settings.TryParseRating(MinRating, Settings.MinRatingProperty, out var minRating, out error))
            {
                Log.LogError(null, DiagnosticCodes.BadSetting, null, null, 0, 0, 0, 0, error);
                return false;
            }
            if (!File.Exists(JsonFile))
            {
                Log.LogError(null, DiagnosticCodes.GateFailed, null, JsonFile, 0, 0, 0, 0,
                    $"RuntimePerf gate: no report at {JsonFile}; run the RuntimePerfAudit target first.");
                return false;
            }
            AuditReport report;
            try
            {
                var snapshot = Snapshot();
                report = snapshot ?? JsonReport.Read(JsonFile);
                Log.LogMessage(MessageImportance.Low, "RuntimePerf gate: findings read from " + (snapshot != null ? SnapshotFile : JsonFile));
            }
            catch (ReportFormatException ex)
            {
                Log.LogError(null, DiagnosticCodes.GateFailed, null, JsonFile, 0, 0, 0, 0,
                    $"RuntimePerf gate: the report is unreadable ({ex.Message}); delete it and build again.");
                return false;
            }

            // Unset properties fall back to what the audit resolved (an .editorconfig value, or the default).
            settings = new GateSettings(string.IsNullOrWhiteSpace(MinScore) ? report.GateSettings.MinScore : settings.MinScore,
                string.IsNullOrWhiteSpace(FailOnHigh) ? report.GateSettings.FailOnHigh : settings.FailOnHigh,
                string.IsNullOrWhiteSpace(MinRating) ? report.GateSettings.MinRating : minRating);
            var counts = report.Counts;
            var gate = GateResult.Evaluate(report.GateCounts, settings, report.Rating);
            string projectDir = Path.GetDirectoryName(Path.GetFullPath(ProjectFile))!;
            string root = Engine.Sources.RepositoryRoot.Find(projectDir, RepositoryRoot);
            foreach (var f in report.ActiveFindings)
            {
                if (report.IsJudged(f)) LogFinding(f, root, settings);
                else Log.LogMessage(MessageImportance.Low, $"RuntimePerf: in the baseline: {f.Location}: {f.RuleId}: {f.Issue}");
            }

            LogNotices(report);
            if (report.Baseline is BaselineOutcome baseline) LogBaseline(report, baseline, gate);
            Log.LogMessage(MessageImportance.High, Summary(report, counts, JsonFile));
            if (!gate.Passed)
            {
                Log.LogError(null, DiagnosticCodes.GateFailed, null, null, 0, 0, 0, 0,
                    "RuntimePerf gate failed: " + string.Join("; ", gate.Reasons) + ".");
            }
            return gate.Passed && !Log.HasLoggedErrors;
        }

        private AuditReport? Snapshot() =>
            !string.IsNullOrEmpty(SnapshotFile) && File.Exists(SnapshotFile)
            && File.GetLastWriteTimeUtc(SnapshotFile) >= File.GetLastWriteTimeUtc(JsonFile)
                ? ReportSnapshot.TryRead(SnapshotFile!, RuntimePerfAuditTask.ToolVersion)
                : null;

        private void LogFinding(Finding f, string root, GateSettings settings)
        {
            string file = Path.GetFullPath(Path.Combine(root, f.Path));
            string help = RuleCatalog.TryGet(f.RuleId, out var rule) && rule is not null ? rule.HelpUri : "";
            string message = $"{Sentence(f.Issue)} {Sentence(f.Recommendation)} [{Names.Of(f.Severity)}, confidence {Names.Of(f.Confidence)}, {Names.Of(f.Context)}]";
            bool failsGate = settings.FailOnHigh && f.Severity >= Severity.High;
            if (failsGate)
                Log.LogError(null, f.RuleId, null, help, file, f.Span.Line, f.Span.Column, f.Span.EndLine, f.Span.EndColumn, message);
            else if (f.Severity >= Severity.Medium)
                Log.LogWarning(null, f.RuleId, null, help, file, f.Span.Line, f.Span.Column, f.Span.EndLine, f.Span.EndColumn, message);
            else
                Log.LogMessage(null, f.RuleId, null, file, f.Span.Line, f.Span.Column, f.Span.EndLine, f.Span.EndColumn,
                    MessageImportance.High, message);
        }

        /// <summary>Notices shown at normal verbosity; the rest are listed at low verbosity (-v:d), and all are in the report.</summary>
        private const int NoticesNamed = 10;

        /// <summary>One line per input the audit could not take as it was (binary, unparsable, too large, outside the root…).</summary>
        private void LogNotices(AuditReport report)
        {
            for (int i = 0; i < report.Notices.Count; i++)
            {
                var n = report.Notices[i];
                Log.LogMessage(i < NoticesNamed ? MessageImportance.High : MessageImportance.Low, $"RuntimePerf: {n.Path}: {n.Message}");
            }
            if (report.Notices.Count > NoticesNamed)
                Log.LogMessage(MessageImportance.High, $"RuntimePerf: {report.Notices.Count - NoticesNamed} more notice(s), listed with -v:d and in {JsonFile}.");
        }

        /// <summary>Stale entries named in the summary line; the rest are listed at low verbosity (-v:d).</summary>
        private const int StaleNamed = 3;

        /// <summary>
        /// "12 still present, 3 fixed, 1 new (HIGH) → fails", and one line for the stale entries however many there are
        /// (a baseline of old code can hold thousands): their count and the first few; each one at low verbosity.
        /// </summary>
        private void LogBaseline(AuditReport report, BaselineOutcome baseline, GateResult gate)
        {
            var news = report.GateCounts;
            int present = report.ActiveFindings.Count(f => f.Baseline == BaselineState.Unchanged);
            int fixedCount = baseline.Absent.Sum(e => e.Count);
            string worst = news.Critical > 0 ? " (CRITICAL)" : news.High > 0 ? " (HIGH)" : news.Medium > 0 ? " (MEDIUM)" : news.Low > 0 ? " (LOW)" : "";
            Log.LogMessage(MessageImportance.High, string.Format(CultureInfo.InvariantCulture,
                "RuntimePerf baseline {0}: {1} still present, {2} fixed, {3} new{4} → {5}; the gate counts only the new findings (their score {6:0.0}/10 is what RuntimePerfMinScore checks)",
                baseline.File, present, fixedCount, news.Total, worst, gate.Passed ? "passes" : "fails", news.Score));
            if (baseline.Absent.Count == 0) return;
            string named = string.Join(", ", baseline.Absent.Take(StaleNamed).Select(Stale));
            string more = baseline.Absent.Count > StaleNamed ? $", and {baseline.Absent.Count - StaleNamed} more (listed with -v:d)" : "";
            Log.LogMessage(MessageImportance.High,
                $"RuntimePerf baseline: {baseline.Absent.Count} stale entr{(baseline.Absent.Count == 1 ? "y" : "ies")} (fixed, or the code changed): {named}{more} — prune with -p:RuntimePerfUpdateBaseline=true");
            foreach (var e in baseline.Absent.Skip(StaleNamed))
                Log.LogMessage(MessageImportance.Low, "RuntimePerf baseline: stale entry: " + Stale(e));
        }

        private static string Stale(Engine.Baselines.BaselineEntry e) =>
            $"{e.Rule} {e.File}{(e.Symbol.Length > 0 ? " " + e.Symbol : "")}{(e.Count > 1 ? " (" + e.Count + "×)" : "")}";

        private static string Sentence(string text)
        {
            string t = text.Trim();
            return t.Length == 0 || ".!?…".IndexOf(t[t.Length - 1]) >= 0 ? t : t + ".";
        }

        internal static string Summary(AuditReport report, SeverityCounts counts, string jsonFile)
        {
            string files = string.Join(", ", report.Files.Where(kv => kv.Value.Audited > 0).Select(kv => $"{kv.Key} {kv.Value.Audited}"));
            int audited = report.Files.Values.Sum(c => c.Audited);
            int skipped = report.Files.Values.Sum(c => c.Skipped);
            int suppressed = report.Findings.Count - counts.Total;
            return string.Format(CultureInfo.InvariantCulture,
                "RuntimePerf: score {0:0.0}/10, {1} finding(s) ({2} critical, {3} high, {4} medium, {5} low) in {6} file(s){7}{8}{9}, rating {12}, {10} ms; report {11}",
                counts.Score, counts.Total, counts.Critical, counts.High, counts.Medium, counts.Low, audited,
                files.Length > 0 ? " (" + files + ")" : "", skipped > 0 ? $", {skipped} skipped" : "",
                suppressed > 0 ? $", {suppressed} finding(s) suppressed in source" : "", report.DurationMs, jsonFile, report.Rating);
        }
    }
}
