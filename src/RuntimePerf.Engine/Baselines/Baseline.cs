using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using RuntimePerf.Engine.IO;
using RuntimePerf.Engine.Model;
using RuntimePerf.Engine.Reports;

namespace RuntimePerf.Engine.Baselines
{
    /// <summary>
    /// One key of the baseline: what a finding is, without where it is. Line numbers are left out on purpose, so
    /// moving code or editing other functions keeps the key; renaming the file or the enclosing function makes it new.
    /// The flagged line is kept only as a hash of its whitespace-normalised text (<see cref="Fingerprints.LineHash"/>):
    /// the baseline is committed, and a line may carry a comment nobody meant to publish.
    /// <see cref="Count"/> is how many findings share the key (identical lines in one function).
    /// </summary>
    public sealed record BaselineEntry(string Rule, string File, string Symbol, string LineHash, int Count)
    {
        public string Key => BaselineKey(Rule, File, Symbol, LineHash);

        internal static string BaselineKey(string rule, string file, string symbol, string lineHash) =>
            rule + "\n" + file + "\n" + symbol + "\n" + lineHash;
    }

    /// <summary>
    /// runtimeperf.baseline.json: the findings a team has accepted for now. Sorted and indented, with no line numbers,
    /// times or versions, so regenerating it without changes gives the same bytes and a diff shows what changed.
    /// </summary>
    public sealed class Baseline
    {
        /// <summary>2: the line as a hash ("line_hash"). 1 kept its text ("code"), which is read and hashed.</summary>
        public const int FormatVersion = 2;

        public Baseline(IEnumerable<BaselineEntry> entries) =>
            Entries = entries.OrderBy(e => e.File, StringComparer.Ordinal).ThenBy(e => e.Rule, StringComparer.Ordinal)
                .ThenBy(e => e.Symbol, StringComparer.Ordinal).ThenBy(e => e.LineHash, StringComparer.Ordinal).ToList();

        public IReadOnlyList<BaselineEntry> Entries { get; }

        /// <summary>Every finding that counts (suppressed ones are not baselined: they are already silenced).</summary>
        public static Baseline Of(IEnumerable<Finding> findings) => new Baseline(findings
            .Where(f => f.Suppression == null)
            .GroupBy(KeyOf, StringComparer.Ordinal)
            .Select(g => new BaselineEntry(g.First().RuleId, g.First().Path, g.First().EnclosingSymbol,
                Fingerprints.LineHash(g.First().LineText), g.Count())));

        private static string KeyOf(Finding f) =>
            BaselineEntry.BaselineKey(f.RuleId, f.Path, f.EnclosingSymbol, Fingerprints.LineHash(f.LineText));

        /// <summary>
        /// Marks each finding new or unchanged and returns the entries (with their missing counts) no finding matched:
        /// fixed code, and the stale part of the baseline. Of more findings than the entry counts, the later ones in
        /// report order are new.
        /// </summary>
        public (List<Finding> Findings, List<BaselineEntry> Absent) Compare(IReadOnlyList<Finding> ordered)
        {
            var remaining = Entries.ToDictionary(e => e.Key, e => e.Count, StringComparer.Ordinal);
            var findings = new List<Finding>(ordered.Count);
            foreach (var f in ordered)
            {
                if (f.Suppression != null)
                {
                    findings.Add(f);
                    continue;
                }
                string key = KeyOf(f);
                bool known = remaining.TryGetValue(key, out int left) && left > 0;
                if (known) remaining[key] = left - 1;
                findings.Add(f with { Baseline = known ? BaselineState.Unchanged : BaselineState.New });
            }
            var absent = Entries.Where(e => remaining[e.Key] > 0).Select(e => e with { Count = remaining[e.Key] }).ToList();
            return (findings, absent);
        }

        public byte[] Serialize() => ReportJson.Write(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("version", FormatVersion);
            w.WriteString("tool", AuditReport.ToolName);
            w.WriteStartArray("findings");
            foreach (var e in Entries) WriteEntry(w, e);
            w.WriteEndArray();
            w.WriteEndObject();
        });

        internal static void WriteEntry(Utf8JsonWriter w, BaselineEntry e)
        {
            w.WriteStartObject();
            w.WriteString("rule", e.Rule);
            w.WriteString("file", e.File);
            w.WriteString("symbol", e.Symbol);
            w.WriteString("line_hash", e.LineHash);
            w.WriteNumber("count", e.Count);
            w.WriteEndObject();
        }

        public bool WriteIfChanged(string path) => AtomicFile.WriteIfChanged(path, Serialize());

        /// <summary>Reads a baseline; a damaged one is a <see cref="ReportFormatException"/> naming the file and the problem.</summary>
        public static Baseline Read(string path)
        {
            try
            {
                using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
                var root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("findings", out var list) || list.ValueKind != JsonValueKind.Array)
                    throw new ReportFormatException(path, "it has no \"findings\" array");
                int version = root.TryGetProperty("version", out var v) && v.TryGetInt32(out int n) ? n
                    : throw new ReportFormatException(path, "it has no \"version\" number");
                if (version < 1 || version > FormatVersion)
                    throw new ReportFormatException(path, $"its version {version} is not one this RuntimePerf.Build reads (1 to {FormatVersion}); it may come from a newer package");
                return new Baseline(list.EnumerateArray().Select((e, i) => ReadEntry(path, e, "finding " + (i + 1), version)));
            }
            catch (JsonException e)
            {
                throw new ReportFormatException(path, "it is not valid JSON (" + e.Message + ")");
            }
        }

        internal static BaselineEntry ReadEntry(string? path, JsonElement e, string where, int version = FormatVersion)
        {
            string Text(string name) => e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
                ? v.GetString()! : throw new ReportFormatException(path, where + ": \"" + name + "\" is missing or not a string");
            int count = e.TryGetProperty("count", out var c) && c.TryGetInt32(out int n) && n > 0
                ? n : throw new ReportFormatException(path, where + ": \"count\" must be a positive whole number");
            string lineHash = version == 1 ? Fingerprints.LineHash(Text("code")) : Text("line_hash");
            return new BaselineEntry(Text("rule"), Text("file"), Text("symbol"), lineHash, count);
        }
    }
}
