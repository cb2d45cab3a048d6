using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using RuntimePerf.Engine.Baselines;
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
            using (var w = new Output(File.Create(temporary)))
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
                using var r = new Input(File.ReadAllBytes(path));
                if (r.Reader.ReadString() != Magic || r.ReadInt32() != FormatVersion) return null;
                string version = r.Text();
                if (version != toolVersion) return null;
                string project = r.Text();
                long duration = r.ReadInt64();
                bool hasMin = r.ReadBoolean();
                double min = r.ReadDouble();
                bool failOnHigh = r.ReadBoolean();
                int minRating = r.ReadInt32();
                var gate = new GateSettings(hasMin ? min : (double?)null, failOnHigh, minRating < 0 ? null : Checked<Rating>(minRating));
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
                for (int i = r.ReadInt32(); i > 0; i--) findings.Add(ReadFinding(r));
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

        private static void WriteFinding(Output w, Finding f)
        {
            w.Text(f.RuleId);
            w.Write((int)f.Severity);
            w.Write((int)f.Confidence);
            w.Write((int)f.Effort);
            w.Text(f.Path);
            w.Write(f.Span.Line);
            w.Write(f.Span.Column);
            w.Write(f.Span.EndLine);
            w.Write(f.Span.EndColumn);
            w.Text(f.Issue);
            w.Text(f.Principle);
            w.Text(f.Recommendation);
            w.Write((int)f.Context);
            w.Write((int)f.Language);
            w.Text(f.EnclosingSymbol);
            w.Text(f.Fingerprint);
            w.Write(f.Suppression != null);
            if (f.Suppression is Suppression s)
            {
                w.Text(s.Kind);
                w.Text(s.Justification);
            }
            w.Write(f.Baseline.HasValue ? (int)f.Baseline.Value : -1);
        }

        private static Finding ReadFinding(Input r)
        {
            var finding = new Finding
            {
                RuleId = r.Text(),
                Severity = Checked<Severity>(r.ReadInt32()),
                Confidence = Checked<Confidence>(r.ReadInt32()),
                Effort = Checked<Effort>(r.ReadInt32()),
                Path = r.Text(),
                Span = new SourceSpan(r.ReadInt32(), r.ReadInt32(), r.ReadInt32(), r.ReadInt32()),
                Issue = r.Text(),
                Principle = r.Text(),
                Recommendation = r.Text(),
                Context = Checked<CodeContext>(r.ReadInt32()),
                Language = Checked<Language>(r.ReadInt32()),
                EnclosingSymbol = r.Text(),
                Fingerprint = r.Text(),
                Suppression = r.ReadBoolean() ? new Suppression(r.Text(), r.Text()) : null,
            };
            int baseline = r.ReadInt32();
            return baseline < 0 ? finding : finding with { Baseline = Checked<BaselineState>(baseline) };
        }

        /// <summary>A BinaryWriter whose strings are written once: a repeat is the index of its first occurrence.</summary>
        private sealed class Output : IDisposable
        {
            private readonly Dictionary<string, int> _strings = new Dictionary<string, int>(StringComparer.Ordinal);

            public Output(Stream stream) => Writer = new BinaryWriter(stream, Encoding.UTF8);

            public BinaryWriter Writer { get; }

            public void Write(int value) => Writer.Write(value);
            public void Write(long value) => Writer.Write(value);
            public void Write(double value) => Writer.Write(value);
            public void Write(bool value) => Writer.Write(value);

            public void Text(string value)
            {
                if (_strings.TryGetValue(value, out int index))
                {
                    Writer.Write(index);
                    return;
                }
                Writer.Write(_strings.Count); // the next index: a new string follows
                _strings.Add(value, _strings.Count);
                Writer.Write(value);
            }

            public void Dispose() => Writer.Dispose();
        }

        private sealed class Input : IDisposable
        {
            private readonly List<string> _strings = new List<string>();

            public Input(byte[] bytes) => Reader = new BinaryReader(new MemoryStream(bytes, writable: false), Encoding.UTF8);

            public BinaryReader Reader { get; }

            public bool AtEnd => Reader.BaseStream.Position == Reader.BaseStream.Length;

            public int ReadInt32() => Reader.ReadInt32();
            public long ReadInt64() => Reader.ReadInt64();
            public double ReadDouble() => Reader.ReadDouble();
            public bool ReadBoolean() => Reader.ReadBoolean();

            public string Text()
            {
                int index = Reader.ReadInt32();
                if (index < _strings.Count) return _strings[index];
                if (index != _strings.Count) throw new FormatException("string index " + index);
                string value = Reader.ReadString();
                _strings.Add(value);
                return value;
            }

            public void Dispose() => Reader.Dispose();
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
