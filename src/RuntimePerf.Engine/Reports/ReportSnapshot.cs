using System;
using System.Collections.Generic;
using System.IO;
using RuntimePerf.Engine.Baselines;
using RuntimePerf.Engine.IO;
using RuntimePerf.Engine.Model;
using RuntimePerf.Engine.Scoring;

namespace RuntimePerf.Engine.Reports
{
    /// <summary>
    /// A binary copy of the report for the gate, which runs on every build. runtimeperf.json is the published report, but
    /// parsing it (a DOM plus cold JIT of the reader) was most of what the package added to a no-change build; this form
    /// reads in a few milliseconds. The audit deletes it before writing the JSON and writes it after (best effort: it is
    /// a cache); the gate uses it only when it is not older than the JSON and comes from the same tool version, and falls
    /// back to the JSON otherwise. It holds what the JSON holds and no more: no source text beyond the findings' texts.
    /// </summary>
    public static class ReportSnapshot
    {
        private const string Magic = "RuntimePerf.ReportSnapshot";
        // 2: no flagged-line text (the JSON does not show it either), baseline lines as hashes.
        // 3: lines per language and the rating gate.
        private const int FormatVersion = 3;

        public static void Write(string path, AuditReport report)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            string temporary = path + ".tmp";
            using (var w = new CompactWriter(File.Create(temporary)))
            {
                w.Writer.Write(Magic);
                w.Write(FormatVersion);
                w.Text(report.ToolVersion);
                w.Text(report.Project);
                w.Write(report.DurationMs);
                w.Write(report.GateSettings.MinScore.HasValue);
                w.Write(report.GateSettings.MinScore ?? 0);
                w.Write(report.GateSettings.FailOnHigh);
                w.Write(report.GateSettings.MinRating.HasValue ? (int)report.GateSettings.MinRating.Value : -1);
                w.Write(report.Files.Count);
                foreach (var file in report.Files)
                {
                    w.Text(file.Key);
                    w.Write(file.Value.Audited);
                    w.Write(file.Value.Skipped);
                    w.Write(file.Value.Lines);
                }
                w.Write(report.Notices.Count);
                foreach (var notice in report.Notices)
                {
                    w.Text(notice.Path);
                    w.Text(notice.Message);
                }
                w.Write(report.Baseline != null);
                if (report.Baseline is BaselineOutcome baseline)
                {
                    w.Text(baseline.File);
                    w.Write(baseline.Absent.Count);
                    foreach (var e in baseline.Absent)
                    {
                        w.Text(e.Rule);
                        w.Text(e.File);
                        w.Text(e.Symbol);
                        w.Text(e.LineHash);
                        w.Write(e.Count);
                    }
                }
                w.Write(report.Findings.Count);
                foreach (var f in report.Findings) w.Write(f);
            }
            File.Copy(temporary, path, overwrite: true);
            File.Delete(temporary);
        }

        /// <summary>The report in <paramref name="path"/>, or null when it is missing, from another tool version, or damaged.</summary>
        public static AuditReport? TryRead(string path, string toolVersion)
        {
            try
            {
                using var r = new CompactReader(File.ReadAllBytes(path));
                if (r.Reader.ReadString() != Magic || r.ReadInt32() != FormatVersion) return null;
                string version = r.Text();
                if (version != toolVersion) return null;
                string project = r.Text();
                long duration = r.ReadInt64();
                bool hasMin = r.ReadBoolean();
                double min = r.ReadDouble();
                bool failOnHigh = r.ReadBoolean();
                int minRating = r.ReadInt32();
                var gate = new GateSettings(hasMin ? min : (double?)null, failOnHigh, minRating < 0 ? null : CompactReader.Checked<Rating>(minRating));
                var files = new SortedDictionary<string, FileCounts>(StringComparer.Ordinal);
                for (int i = r.ReadInt32(); i > 0; i--) files[r.Text()] = new FileCounts(r.ReadInt32(), r.ReadInt32(), r.ReadInt32());
                var notices = new List<AuditNotice>();
                for (int i = r.ReadInt32(); i > 0; i--) notices.Add(new AuditNotice(r.Text(), r.Text()));
                BaselineOutcome? baseline = null;
                if (r.ReadBoolean())
                {
                    string file = r.Text();
                    var absent = new List<BaselineEntry>();
                    for (int i = r.ReadInt32(); i > 0; i--) absent.Add(new BaselineEntry(r.Text(), r.Text(), r.Text(), r.Text(), r.ReadInt32()));
                    baseline = new BaselineOutcome(file, absent);
                }
                var findings = new List<Finding>(); // not presized: a damaged count must end in EndOfStream, not a huge allocation
                for (int i = r.ReadInt32(); i > 0; i--) findings.Add(r.ReadFinding());
                if (!r.AtEnd) return null;
                return new AuditReport
                {
                    ToolVersion = version,
                    Project = project,
                    Findings = findings,
                    Files = files,
                    Notices = notices,
                    DurationMs = duration,
                    GateSettings = gate,
                    Baseline = baseline,
                };
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is ArgumentException || e is FormatException)
            {
                return null; // EndOfStreamException is an IOException: a truncated file falls back to the JSON too
            }
        }
    }
}
