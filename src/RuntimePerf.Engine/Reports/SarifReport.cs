using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using RuntimePerf.Engine.Catalog;
using RuntimePerf.Engine.IO;
using RuntimePerf.Engine.Model;

namespace RuntimePerf.Engine.Reports
{
    /// <summary>
    /// runtimeperf.sarif (SARIF 2.1.0) for code scanning. Deterministic: no timestamps, durations or absolute paths,
    /// so the same inputs give the same bytes; locations are relative to SRCROOT, which code scanning maps to the checkout.
    /// </summary>
    public static class SarifReport
    {
        public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";
        public const string SourceRootId = "SRCROOT";
        public const string FingerprintKey = "runtimePerf/v1";

        /// <summary>Writes the log atomically unless the file already holds exactly it. Returns true when written.</summary>
        public static bool WriteIfChanged(string path, AuditReport report, SarifOptions options) =>
            AtomicFile.WriteIfChanged(path, Serialize(report, options));

        public static byte[] Serialize(AuditReport report, SarifOptions options)
        {
            ReportJson.RequireRelativePaths(report);
            var rules = RulesToDescribe(report, options);
            var ruleIndex = rules.Select((r, i) => (r.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
            // Suppressed findings stay out: code scanning would show them as open alerts.
            var results = report.ActiveFindings.ToList();
            var artifacts = results
                .GroupBy(f => f.Path, StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => (Path: g.Key, g.First().Language))
                .ToList();
            var artifactIndex = artifacts.Select((a, i) => (a.Path, i)).ToDictionary(x => x.Path, x => x.i, StringComparer.Ordinal);

            return ReportJson.Write(w =>
            {
                w.WriteStartObject();
                w.WriteString("$schema", SchemaUri);
                w.WriteString("version", "2.1.0");
                w.WriteStartArray("runs");
                w.WriteStartObject();

                w.WriteStartObject("tool");
                w.WriteStartObject("driver");
                w.WriteString("name", AuditReport.ToolName);
                w.WriteString("version", report.ToolVersion);
                w.WriteString("semanticVersion", report.ToolVersion);
                w.WriteString("informationUri", RuleCatalog.DocsBaseUri);
                w.WriteStartArray("rules");
                foreach (var rule in rules) WriteRule(w, rule, options.RuleDoc(rule.Id));
                w.WriteEndArray();
                w.WriteEndObject();
                w.WriteEndObject();

                // The trailing "/" makes the project the code-scanning category, so projects do not replace each other's alerts.
                w.WriteStartObject("automationDetails");
                w.WriteString("id", "runtimeperf/" + report.Project + "/");
                w.WriteEndObject();
                // No absolute "uri" here: the file must not depend on where the repository was checked out.
                w.WriteStartObject("originalUriBaseIds");
                w.WriteStartObject(SourceRootId);
                WriteMessage(w, "description", "The root of the repository; every path in this log is relative to it.");
                w.WriteEndObject();
                w.WriteEndObject();
                w.WriteString("columnKind", "utf16CodeUnits");

                w.WriteStartArray("artifacts");
                foreach (var (path, language) in artifacts)
                {
                    w.WriteStartObject();
                    WriteArtifactLocation(w, "location", path, index: null);
                    w.WriteString("sourceLanguage", Names.Of(language));
                    w.WriteEndObject();
                }
                w.WriteEndArray();

                WriteInvocation(w, report.Notices);

                w.WriteStartArray("results");
                foreach (var f in results) WriteResult(w, f, ruleIndex[f.RuleId], artifactIndex[f.Path]);
                w.WriteEndArray();

                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteEndObject();
            });
        }

        /// <summary>"Blocking I/O in async" → "BlockingIoInAsync": words split at spaces and hyphens, punctuation dropped.</summary>
        internal static string RuleName(string title)
        {
            var sb = new StringBuilder(title.Length);
            foreach (string word in title.Split(new[] { ' ', '-' }, StringSplitOptions.RemoveEmptyEntries))
            {
                string letters = new string(word.Where(char.IsLetterOrDigit).ToArray());
                if (letters.Length == 0) continue;
                sb.Append(char.ToUpperInvariant(letters[0])).Append(letters.Substring(1).ToLowerInvariant());
            }
            return sb.ToString();
        }

        /// <summary>A repository-relative path as a relative URI reference (RFC 3986): UTF-8, percent-encoded outside pchar and "/".</summary>
        internal static string ToUri(string relativePath)
        {
            var sb = new StringBuilder(relativePath.Length);
            foreach (byte b in Encoding.UTF8.GetBytes(relativePath))
            {
                // ":" is encoded too: in a first segment it would read as a URI scheme.
                bool keep = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || "-._~!$&'()*+,;=@/".IndexOf((char)b) >= 0;
                if (keep) sb.Append((char)b);
                else sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
            return sb.ToString();
        }

        /// <summary>Every rule with a detector plus every rule a result refers to, in id order.</summary>
        private static List<RuleInfo> RulesToDescribe(AuditReport report, SarifOptions options)
        {
            var known = options.Rules.ToDictionary(r => r.Id, StringComparer.Ordinal);
            return options.Rules.Where(r => r.Languages.Count > 0).Select(r => r.Id)
                .Concat(report.ActiveFindings.Select(f => f.RuleId))
                .Distinct(StringComparer.Ordinal)
                .OrderBy(id => id, StringComparer.Ordinal)
                .Select(id => known.TryGetValue(id, out var rule) ? rule : RuleCatalog.Get(id))
                .ToList();
        }

        private static void WriteRule(Utf8JsonWriter w, RuleInfo rule, string? page)
        {
            w.WriteStartObject();
            w.WriteString("id", rule.Id);
            w.WriteString("name", RuleName(rule.Title));
            WriteMessage(w, "shortDescription", rule.Title);
            WriteMessage(w, "fullDescription", rule.Concept);
            w.WriteStartObject("help");
            w.WriteString("text", page ?? rule.Concept + " See " + rule.HelpUri);
            w.WriteString("markdown", page ?? rule.Concept + " See [" + rule.Id + "](" + rule.HelpUri + ").");
            w.WriteEndObject();
            w.WriteString("helpUri", rule.HelpUri);
            w.WriteStartObject("defaultConfiguration");
            w.WriteString("level", Level(rule.DefaultSeverity));
            w.WriteEndObject();
            w.WriteStartObject("properties");
            w.WriteStartArray("tags");
            foreach (string tag in rule.Tags) w.WriteStringValue(tag);
            w.WriteEndArray();
            w.WriteString("precision", rule.Precision switch
            {
                Confidence.High => "high",
                Confidence.Medium => "medium",
                _ => "low",
            });
            // GitHub's severity for non-security alerts; "security-severity" would wrongly file these as security issues.
            w.WriteString("problem.severity", rule.DefaultSeverity switch
            {
                Severity.Critical or Severity.High => "error",
                Severity.Medium => "warning",
                _ => "recommendation",
            });
            w.WriteEndObject();
            w.WriteEndObject();
        }

        private static void WriteResult(Utf8JsonWriter w, Finding f, int ruleIndex, int artifactIndex)
        {
            w.WriteStartObject();
            w.WriteString("ruleId", f.RuleId);
            w.WriteNumber("ruleIndex", ruleIndex);
            w.WriteString("level", Level(f.Severity));
            WriteMessage(w, "message", Sentence(f.Issue) + " " + Sentence(f.Recommendation));
            w.WriteStartArray("locations");
            w.WriteStartObject();
            w.WriteStartObject("physicalLocation");
            WriteArtifactLocation(w, "artifactLocation", f.Path, artifactIndex);
            w.WriteStartObject("region");
            w.WriteNumber("startLine", f.Span.Line);
            w.WriteNumber("startColumn", f.Span.Column);
            w.WriteNumber("endLine", f.Span.EndLine);
            w.WriteNumber("endColumn", f.Span.EndColumn);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteStartObject("partialFingerprints");
            w.WriteString(FingerprintKey, f.Fingerprint);
            w.WriteEndObject();
            // Only "new" and "unchanged" occur: absent (fixed) baseline entries are not written as results.
            if (f.Baseline is BaselineState state) w.WriteString("baselineState", state == BaselineState.New ? "new" : "unchanged");
            w.WriteStartObject("properties");
            w.WriteString("severity", Names.Of(f.Severity));
            w.WriteString("confidence", Names.Of(f.Confidence));
            w.WriteString("context", Names.Of(f.Context));
            w.WriteString("effort", Names.Of(f.Effort));
            w.WriteString("language", Names.Of(f.Language));
            w.WriteEndObject();
            w.WriteEndObject();
        }

        /// <summary>One invocation without times or command lines; notices become warnings located at their file.</summary>
        private static void WriteInvocation(Utf8JsonWriter w, IReadOnlyList<AuditNotice> notices)
        {
            w.WriteStartArray("invocations");
            w.WriteStartObject();
            w.WriteBoolean("executionSuccessful", true);
            w.WriteStartArray("toolExecutionNotifications");
            foreach (var n in notices)
            {
                w.WriteStartObject();
                w.WriteString("level", "warning");
                WriteMessage(w, "message", n.Message);
                w.WriteStartArray("locations");
                w.WriteStartObject();
                w.WriteStartObject("physicalLocation");
                WriteArtifactLocation(w, "artifactLocation", n.Path, index: null);
                w.WriteEndObject();
                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndArray();
        }

        private static void WriteArtifactLocation(Utf8JsonWriter w, string property, string path, int? index)
        {
            w.WriteStartObject(property);
            w.WriteString("uri", ToUri(path));
            w.WriteString("uriBaseId", SourceRootId);
            if (index is int i) w.WriteNumber("index", i);
            w.WriteEndObject();
        }

        private static void WriteMessage(Utf8JsonWriter w, string property, string text)
        {
            w.WriteStartObject(property);
            w.WriteString("text", text);
            w.WriteEndObject();
        }

        private static string Level(Severity severity) => severity switch
        {
            Severity.Critical or Severity.High => "error",
            Severity.Medium => "warning",
            _ => "note",
        };

        /// <summary>Issue and recommendation are written without a final stop (RULES.md); joined they need one each.</summary>
        private static string Sentence(string text)
        {
            string t = text.TrimEnd();
            return t.Length == 0 || ".!?".IndexOf(t[t.Length - 1]) >= 0 ? t : t + ".";
        }
    }
}
