using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using RuntimePerf.Engine.Baselines;
using RuntimePerf.Engine.Model;

namespace RuntimePerf.Engine.Reports
{
    /// <summary>
    /// A binary copy of the report for the gate, which runs on every build. runtimeperf.json is the published report, but
    /// parsing it (a DOM plus cold JIT of the reader) was most of what the package added to a no-change build; this form
    /// reads in a few milliseconds. Written by the audit right after the JSON; the gate uses it only when it is not older
    /// than the JSON and comes from the same tool version, and falls back to the JSON otherwise.
    /// </summary>
    public static class ReportSnapshot
    {
        private const string Magic = "RuntimePerf.ReportSnapshot";
        private const int FormatVersion = 1;

        public static void Write(string path, AuditReport report)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            string temporary = path + ".tmp";
            using (var w = new BinaryWriter(File.Create(temporary), Encoding.UTF8))
            {
                w.Write(Magic);
                w.Write(FormatVersion);
                w.Write(report.ToolVersion);
                w.Write(report.Project);
                w.Write(report.DurationMs);
                w.Write(report.GateSettings.MinScore.HasValue);
                w.Write(report.GateSettings.MinScore ?? 0);
                w.Write(report.GateSettings.FailOnHigh);
                w.Write(report.Files.Count);
                foreach (var file in report.Files)
                {
                    w.Write(file.Key);
                    w.Write(file.Value.Audited);
                    w.Write(file.Value.Skipped);
                }
                w.Write(report.Notices.Count);
                foreach (var notice in report.Notices)
                {
                    w.Write(notice.Path);
                    w.Write(notice.Message);
                }
                w.Write(report.Baseline != null);
                if (report.Baseline is BaselineOutcome baseline)
                {
                    w.Write(baseline.File);
                    w.Write(baseline.Absent.Count);
                    foreach (var e in baseline.Absent)
                    {
                        w.Write(e.Rule);
                        w.Write(e.File);
                        w.Write(e.Symbol);
                        w.Write(e.Code);
                        w.Write(e.Count);
                    }
                }
                w.Write(report.Findings.Count);
                foreach (var f in report.Findings) WriteFinding(w, f);
            }
            File.Copy(temporary, path, overwrite: true);
            File.Delete(temporary);
        }

        /// <summary>The report in <paramref name="path"/>, or null when it is missing, from another tool version, or damaged.</summary>
        public static AuditReport? TryRead(string path, string toolVersion)
        {
            try
            {
                using var r = new BinaryReader(File.OpenRead(path), Encoding.UTF8);
                if (r.ReadString() != Magic || r.ReadInt32() != FormatVersion) return null;
                string version = r.ReadString();
                if (version != toolVersion) return null;
                string project = r.ReadString();
                long duration = r.ReadInt64();
                bool hasMin = r.ReadBoolean();
                double min = r.ReadDouble();
                var gate = new GateSettings(hasMin ? min : (double?)null, r.ReadBoolean());
                var files = new SortedDictionary<string, FileCounts>(StringComparer.Ordinal);
                for (int i = r.ReadInt32(); i > 0; i--) files[r.ReadString()] = new FileCounts(r.ReadInt32(), r.ReadInt32());
                var notices = new List<AuditNotice>();
                for (int i = r.ReadInt32(); i > 0; i--) notices.Add(new AuditNotice(r.ReadString(), r.ReadString()));
                BaselineOutcome? baseline = null;
                if (r.ReadBoolean())
                {
                    string file = r.ReadString();
                    var absent = new List<BaselineEntry>();
                    for (int i = r.ReadInt32(); i > 0; i--) absent.Add(new BaselineEntry(r.ReadString(), r.ReadString(), r.ReadString(), r.ReadString(), r.ReadInt32()));
                    baseline = new BaselineOutcome(file, absent);
                }
                int count = r.ReadInt32();
                var findings = new List<Finding>(count);
                for (int i = 0; i < count; i++) findings.Add(ReadFinding(r));
                if (r.BaseStream.Position != r.BaseStream.Length) return null;
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

        private static void WriteFinding(BinaryWriter w, Finding f)
        {
            w.Write(f.RuleId);
            w.Write((int)f.Severity);
            w.Write((int)f.Confidence);
            w.Write((int)f.Effort);
            w.Write(f.Path);
            w.Write(f.Span.Line);
            w.Write(f.Span.Column);
            w.Write(f.Span.EndLine);
            w.Write(f.Span.EndColumn);
            w.Write(f.Issue);
            w.Write(f.Principle);
            w.Write(f.Recommendation);
            w.Write((int)f.Context);
            w.Write((int)f.Language);
            w.Write(f.EnclosingSymbol);
            w.Write(f.LineText);
            w.Write(f.Fingerprint);
            w.Write(f.Suppression != null);
            if (f.Suppression is Suppression s)
            {
                w.Write(s.Kind);
                w.Write(s.Justification);
            }
            w.Write(f.Baseline.HasValue ? (int)f.Baseline.Value : -1);
        }

        private static Finding ReadFinding(BinaryReader r)
        {
            var finding = new Finding
            {
                RuleId = r.ReadString(),
                Severity = Checked<Severity>(r.ReadInt32()),
                Confidence = Checked<Confidence>(r.ReadInt32()),
                Effort = Checked<Effort>(r.ReadInt32()),
                Path = r.ReadString(),
                Span = new SourceSpan(r.ReadInt32(), r.ReadInt32(), r.ReadInt32(), r.ReadInt32()),
                Issue = r.ReadString(),
                Principle = r.ReadString(),
                Recommendation = r.ReadString(),
                Context = Checked<CodeContext>(r.ReadInt32()),
                Language = Checked<Language>(r.ReadInt32()),
                EnclosingSymbol = r.ReadString(),
                LineText = r.ReadString(),
                Fingerprint = r.ReadString(),
                Suppression = r.ReadBoolean() ? new Suppression(r.ReadString(), r.ReadString()) : null,
            };
            int baseline = r.ReadInt32();
            return baseline < 0 ? finding : finding with { Baseline = Checked<BaselineState>(baseline) };
        }

        // The model's enums count from 0 without gaps.
        private static T Checked<T>(int value) where T : struct, Enum =>
            (uint)value < (uint)Members<T>.Count ? (T)(object)value : throw new FormatException($"{typeof(T).Name} {value}");

        private static class Members<T> where T : struct, Enum
        {
            public static readonly int Count = Enum.GetValues(typeof(T)).Length;
        }
    }
}
