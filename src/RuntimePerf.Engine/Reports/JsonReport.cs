using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using RuntimePerf.Engine.IO;
using RuntimePerf.Engine.Baselines;
using RuntimePerf.Engine.Model;
using RuntimePerf.Engine.Scoring;

namespace RuntimePerf.Engine.Reports
{
    /// <summary>
    /// runtimeperf.json: the RULES.md seed fields first and in their order, then the extras the gate needs to
    /// rebuild the <see cref="AuditReport"/> (<see cref="Parse(byte[])"/> is the inverse of <see cref="Serialize"/>).
    /// </summary>
    public static class JsonReport
    {
        public const string Category = "Runtime Performance";

        public static byte[] Serialize(AuditReport report)
        {
            ReportJson.RequireRelativePaths(report);
            return ReportJson.Write(w =>
            {
                var counts = report.Counts;
                w.WriteStartObject();
                w.WriteString("category", Category);
                // Always one decimal ("10.0", not "10"), as RULES.md reports it.
                w.WritePropertyName("score");
                w.WriteRawValue(report.Score.ToString("0.0", CultureInfo.InvariantCulture));
                w.WriteNumber("total_issues", counts.Total);
                w.WriteNumber("critical", counts.Critical);
                w.WriteNumber("high", counts.High);
                w.WriteNumber("medium", counts.Medium);
                w.WriteNumber("low", counts.Low);
                w.WriteStartArray("findings");
                foreach (var f in report.Findings) WriteFinding(w, f);
                w.WriteEndArray();
                WriteActions(w, report);
                if (report.Baseline is BaselineOutcome baseline) WriteBaseline(w, report, baseline);

                w.WriteStartObject("tool");
                w.WriteString("name", AuditReport.ToolName);
                w.WriteString("version", report.ToolVersion);
                w.WriteEndObject();
                w.WriteString("project", report.Project);
                w.WriteStartObject("files");
                foreach (var kv in report.Files.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                {
                    w.WriteStartObject(kv.Key);
                    w.WriteNumber("audited", kv.Value.Audited);
                    w.WriteNumber("skipped", kv.Value.Skipped);
                    w.WriteNumber("lines", kv.Value.Lines);
                    w.WriteEndObject();
                }
                w.WriteEndObject();
                w.WriteStartArray("notices");
                foreach (var n in report.Notices)
                {
                    w.WriteStartObject();
                    w.WriteString("file", n.Path);
                    w.WriteString("message", n.Message);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                WriteGate(w, report);
                WriteRating(w, report.Rating);
                w.WriteNumber("duration_ms", report.DurationMs);
                w.WriteEndObject();
            });
        }

        /// <summary>
        /// Writes the report unless the file already holds the same report: a different duration_ms alone does not
        /// count, so an unchanged audit leaves the file (and its timestamp) alone. Returns true when written.
        /// </summary>
        public static bool WriteIfChanged(string path, AuditReport report)
        {
            if (File.Exists(path))
            {
                byte[] existing = File.ReadAllBytes(path);
                if (TryReadDuration(existing) is long oldDuration
                    && existing.AsSpan().SequenceEqual(Serialize(report with { DurationMs = oldDuration })))
                {
                    return false;
                }
            }
            return AtomicFile.WriteIfChanged(path, Serialize(report));
        }

        /// <exception cref="ReportFormatException">The file is not a complete, well-formed report.</exception>
        /// <exception cref="FileNotFoundException">There is no report (the audit has not run).</exception>
        public static AuditReport Read(string path) => new Reader(path).Report(File.ReadAllBytes(path));

        /// <exception cref="ReportFormatException">The text is not a complete, well-formed report.</exception>
        public static AuditReport Parse(byte[] utf8) => new Reader(null).Report(utf8);

        /// <exception cref="ReportFormatException">The text is not a complete, well-formed report.</exception>
        public static AuditReport Parse(string json) => Parse(Encoding.UTF8.GetBytes(json));

        private static void WriteFinding(Utf8JsonWriter w, Finding f)
        {
            w.WriteStartObject();
            w.WriteString("severity", Names.Of(f.Severity));
            w.WriteString("location", f.Location);
            w.WriteString("issue", f.Issue);
            w.WriteString("principle", f.Principle);
            w.WriteString("recommendation", f.Recommendation);
            w.WriteString("effort", Names.Of(f.Effort));
            w.WriteString("rule", f.RuleId);
            w.WriteString("confidence", Names.Of(f.Confidence));
            w.WriteString("context", Names.Of(f.Context));
            w.WriteString("language", Names.Of(f.Language));
            w.WriteString("file", f.Path);
            w.WriteNumber("line", f.Span.Line);
            w.WriteNumber("column", f.Span.Column);
            w.WriteNumber("endLine", f.Span.EndLine);
            w.WriteNumber("endColumn", f.Span.EndColumn);
            w.WriteString("fingerprint", f.Fingerprint);
            w.WriteString("priority", Priorities.Of(f).ToString());
            if (f.Baseline is BaselineState state) w.WriteString("baseline", state == BaselineState.New ? "new" : "unchanged");
            if (f.Suppression is Suppression suppression)
            {
                w.WriteStartObject("suppressed");
                w.WriteString("kind", suppression.Kind);
                w.WriteString("justification", suppression.Justification);
                // Accepted, but a suppression should say why: flagged so a review can ask.
                if (suppression.Justification.Length == 0) w.WriteBoolean("reason_missing", true);
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }

        private static void WriteActions(Utf8JsonWriter w, AuditReport report)
        {
            w.WriteStartArray("actions");
            foreach (var a in Priorities.Actions(report.GateFindings))
            {
                w.WriteStartObject();
                w.WriteString("priority", a.Priority.ToString());
                w.WriteString("rule", a.Rule);
                w.WriteString("title", a.Title);
                w.WriteString("file", a.File);
                w.WriteStartArray("lines");
                foreach (int line in a.Lines) w.WriteNumberValue(line);
                w.WriteEndArray();
                w.WriteString("action", a.Recommendation);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }

        private static void WriteBaseline(Utf8JsonWriter w, AuditReport report, BaselineOutcome baseline)
        {
            var counts = report.GateCounts;
            w.WriteStartObject("baseline");
            w.WriteString("file", baseline.File);
            w.WriteNumber("still_present", report.ActiveFindings.Count(f => f.Baseline == BaselineState.Unchanged));
            w.WriteNumber("fixed", baseline.Absent.Sum(e => e.Count));
            w.WriteNumber("new", counts.Total);
            w.WritePropertyName("new_score");
            w.WriteRawValue(counts.Score.ToString("0.0", CultureInfo.InvariantCulture));
            w.WriteStartArray("absent");
            foreach (var e in baseline.Absent) Baseline.WriteEntry(w, e);
            w.WriteEndArray();
            w.WriteEndObject();
        }

        private static void WriteGate(Utf8JsonWriter w, AuditReport report)
        {
            var gate = report.Gate;
            w.WriteStartObject("gate");
            w.WriteBoolean("passed", gate.Passed);
            if (report.GateSettings.MinScore is double min) w.WriteNumber("min_score", min);
            else w.WriteNull("min_score");
            w.WriteBoolean("fail_on_high", report.GateSettings.FailOnHigh);
            if (report.GateSettings.MinRating is Rating minRating) w.WriteString("min_rating", minRating.ToString());
            w.WriteStartArray("reasons");
            foreach (string reason in gate.Reasons) w.WriteStringValue(reason);
            w.WriteEndArray();
            w.WriteEndObject();
        }

        private static void WriteRating(Utf8JsonWriter w, SizeRating rating)
        {
            w.WriteStartObject("rating");
            w.WriteString("rating", rating.Rating.ToString());
            w.WritePropertyName("debt_ratio");
            w.WriteRawValue(double.IsInfinity(rating.DebtRatio) ? "null" : rating.DebtRatio.ToString("0.######", CultureInfo.InvariantCulture));
            w.WritePropertyName("remediation_minutes");
            w.WriteRawValue(rating.RemediationMinutes.ToString("0.#", CultureInfo.InvariantCulture));
            w.WriteNumber("lines", rating.Lines);
            w.WriteEndObject();
        }

        private static long? TryReadDuration(byte[] utf8)
        {
            try
            {
                using var doc = JsonDocument.Parse(utf8);
                return doc.RootElement.ValueKind == JsonValueKind.Object
                    && doc.RootElement.TryGetProperty("duration_ms", out var d) && d.TryGetInt64(out long ms) ? ms : (long?)null;
            }
            catch (JsonException)
            {
                return null; // a damaged report is simply rewritten
            }
        }

        /// <summary>Reads a report back; every problem becomes a <see cref="ReportFormatException"/> naming the field.</summary>
        private sealed class Reader
        {
            private static readonly byte[] Utf8Bom = { 0xEF, 0xBB, 0xBF };
            private readonly string? _path;

            public Reader(string? path) => _path = path;

            public AuditReport Report(byte[] utf8)
            {
                var text = utf8.AsMemory();
                if (text.Span.StartsWith(Utf8Bom)) text = text.Slice(Utf8Bom.Length); // tolerate a BOM added by an editor
                JsonDocument doc;
                try
                {
                    doc = JsonDocument.Parse(text);
                }
                catch (JsonException e)
                {
                    throw Error("it is not valid JSON (" + e.Message + ")");
                }
                using (doc)
                {
                    var root = doc.RootElement;
                    if (root.ValueKind != JsonValueKind.Object) throw Error("the top level is not a JSON object");
                    var tool = Get(root, "tool", JsonValueKind.Object, "report");
                    var gate = Get(root, "gate", JsonValueKind.Object, "report");
                    var minScore = Get(gate, "min_score", "gate");
                    return new AuditReport
                    {
                        ToolVersion = String(tool, "version", "tool"),
                        Project = String(root, "project", "report"),
                        Findings = Get(root, "findings", JsonValueKind.Array, "report").EnumerateArray().Select(Finding).ToList(),
                        Files = Files(Get(root, "files", JsonValueKind.Object, "report")),
                        Notices = Get(root, "notices", JsonValueKind.Array, "report").EnumerateArray()
                            .Select((n, i) => new AuditNotice(String(n, "file", "notice " + (i + 1)), String(n, "message", "notice " + (i + 1))))
                            .ToList(),
                        DurationMs = Long(root, "duration_ms", "report"),
                        Baseline = root.TryGetProperty("baseline", out var baseline) ? Baseline(baseline) : null,
                        GateSettings = new GateSettings(
                            minScore.ValueKind switch
                            {
                                JsonValueKind.Null => null,
                                JsonValueKind.Number => minScore.GetDouble(),
                                _ => throw Error("gate: \"min_score\" must be a number or null"),
                            },
                            Get(gate, "fail_on_high", "gate").ValueKind switch
                            {
                                JsonValueKind.True => true,
                                JsonValueKind.False => false,
                                _ => throw Error("gate: \"fail_on_high\" must be true or false"),
                            },
                            gate.TryGetProperty("min_rating", out var minRating)
                                ? SizeRating.TryParse(minRating.ValueKind == JsonValueKind.String ? minRating.GetString() : null, out var rating)
                                    ? rating : throw Error("gate: \"min_rating\" must be A, B, C, D or E")
                                : null),
                    };
                }
            }

            private Finding Finding(JsonElement e, int index)
            {
                string where = "finding " + (index + 1);
                return new Finding
                {
                    RuleId = String(e, "rule", where),
                    Severity = Enum<Severity>(e, "severity", where, Names.TryParseSeverity),
                    Confidence = Enum<Confidence>(e, "confidence", where, Names.TryParseConfidence),
                    Effort = Enum<Effort>(e, "effort", where, Names.TryParseEffort),
                    Path = String(e, "file", where),
                    Span = new SourceSpan(Int(e, "line", where), Int(e, "column", where), Int(e, "endLine", where), Int(e, "endColumn", where)),
                    Issue = String(e, "issue", where),
                    Principle = String(e, "principle", where),
                    Recommendation = String(e, "recommendation", where),
                    Context = Enum<CodeContext>(e, "context", where, Names.TryParseContext),
                    Language = Enum<Language>(e, "language", where, TryParseLanguage),
                    Fingerprint = String(e, "fingerprint", where),
                    Baseline = e.TryGetProperty("baseline", out var b)
                        ? b.GetString() switch { "new" => BaselineState.New, "unchanged" => BaselineState.Unchanged, _ => throw Error(where + ": unknown baseline \"" + b + "\"") }
                        : null,
                    Suppression = e.TryGetProperty("suppressed", out var s)
                        ? new Suppression(String(s, "kind", where + ".suppressed"), String(s, "justification", where + ".suppressed"))
                        : null,
                };
            }

            private BaselineOutcome Baseline(JsonElement e) => new BaselineOutcome(String(e, "file", "baseline"),
                Get(e, "absent", JsonValueKind.Array, "baseline").EnumerateArray()
                    .Select((a, i) => Baselines.Baseline.ReadEntry(_path, a, "baseline.absent " + (i + 1))).ToList());

            private IReadOnlyDictionary<string, FileCounts> Files(JsonElement files)
            {
                var result = new SortedDictionary<string, FileCounts>(StringComparer.Ordinal);
                foreach (var p in files.EnumerateObject())
                {
                    string where = "files." + p.Name;
                    if (p.Value.ValueKind != JsonValueKind.Object) throw Error(where + " is not an object");
                    // "lines" came with the rating: older reports have none.
                    result[p.Name] = new FileCounts(Int(p.Value, "audited", where), Int(p.Value, "skipped", where),
                        p.Value.TryGetProperty("lines", out _) ? Int(p.Value, "lines", where) : 0);
                }
                return result;
            }

            private delegate bool TryParse<T>(string? text, out T value);

            private T Enum<T>(JsonElement e, string name, string where, TryParse<T> parse)
            {
                string text = String(e, name, where);
                return parse(text, out T value) ? value : throw Error(where + ": unknown " + name + " \"" + text + "\"");
            }

            private static bool TryParseLanguage(string? text, out Language language)
            {
                foreach (Language l in System.Enum.GetValues(typeof(Language)))
                {
                    if (Names.Of(l) == text)
                    {
                        language = l;
                        return true;
                    }
                }
                language = default;
                return false;
            }

            private string String(JsonElement e, string name, string where) => Get(e, name, JsonValueKind.String, where).GetString()!;

            private int Int(JsonElement e, string name, string where) =>
                Get(e, name, JsonValueKind.Number, where).TryGetInt32(out int v) ? v : throw Error(where + ": \"" + name + "\" is not an integer");

            private long Long(JsonElement e, string name, string where) =>
                Get(e, name, JsonValueKind.Number, where).TryGetInt64(out long v) ? v : throw Error(where + ": \"" + name + "\" is not an integer");

            private JsonElement Get(JsonElement e, string name, JsonValueKind kind, string where)
            {
                var value = Get(e, name, where);
                return value.ValueKind == kind ? value : throw Error(where + ": \"" + name + "\" should be " + kind.ToString().ToLowerInvariant() + ", found " + value.ValueKind.ToString().ToLowerInvariant());
            }

            private JsonElement Get(JsonElement e, string name, string where)
            {
                if (e.ValueKind != JsonValueKind.Object) throw Error(where + " is not an object");
                return e.TryGetProperty(name, out var value) ? value : throw Error(where + ": \"" + name + "\" is missing");
            }

            private ReportFormatException Error(string problem) => new ReportFormatException(_path, problem);
        }
    }
}
