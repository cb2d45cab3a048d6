using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using RuntimePerf.Engine.Catalog;
using RuntimePerf.Engine.Model;
using RuntimePerf.Engine.Sources;

namespace RuntimePerf.Engine.Suppressions
{
    /// <summary>A source file the suppressions are read from: report path, language and a way to read its text.</summary>
    public sealed record SuppressionSource(string Path, LanguageFiles Language, Func<string?> ReadText);

    /// <summary>
    /// Inline suppressions written in comments (each language's <see cref="LanguageFiles.Suppressions"/>). A marker applies to its own line, or,
    /// when the comment is alone on its line, to the next line. Matched findings stay in the report, marked suppressed
    /// with the reason; a marker code that matches nothing becomes an RP0100 finding, like an unused <c>noqa</c>.
    /// </summary>
    public static class InlineSuppressions
    {
        public const string UnusedRuleId = RuleIds.UnusedSuppression;

        /// <summary>Cheap pre-check: a file without either word has no suppression to look for.</summary>
        private static readonly string[] Keywords = { "runtimeperf", "noqa" };

        private sealed record Marker(string Code, string Reason, int Line, int Column, int EndColumn, int Target, string LineText, string Comment)
        {
            public bool Used { get; set; }
        }

        public static List<Finding> Apply(IReadOnlyList<Finding> findings, IEnumerable<SuppressionSource> sources)
        {
            var markers = new Dictionary<(string Path, int Line), List<Marker>>();
            var byPath = new Dictionary<string, List<Marker>>(StringComparer.Ordinal);
            var languageOf = new Dictionary<string, Language>(StringComparer.Ordinal);
            foreach (var source in sources)
            {
                var found = Read(source);
                if (found.Count == 0) continue;
                byPath[source.Path] = found;
                languageOf[source.Path] = source.Language.Language;
                foreach (var m in found)
                {
                    if (!markers.TryGetValue((source.Path, m.Target), out var list)) markers[(source.Path, m.Target)] = list = new List<Marker>();
                    list.Add(m);
                }
            }
            if (byPath.Count == 0) return findings.ToList();

            var result = new List<Finding>(findings.Count);
            foreach (var f in findings)
            {
                var marker = markers.TryGetValue((f.Path, f.Span.Line), out var list)
                    ? list.FirstOrDefault(m => string.Equals(m.Code, f.RuleId, StringComparison.OrdinalIgnoreCase)) : null;
                if (marker == null)
                {
                    result.Add(f);
                    continue;
                }
                marker.Used = true;
                result.Add(f.Suppression != null ? f : f with { Suppression = new Suppression(SuppressionKinds.Inline, marker.Reason) });
            }
            foreach (var kv in byPath.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                foreach (var m in kv.Value.Where(m => !m.Used)) result.Add(Unused(kv.Key, languageOf[kv.Key], m));
            }
            return result;
        }

        private static Finding Unused(string path, Language language, Marker m)
        {
            var rule = RuleCatalog.Get(UnusedRuleId);
            bool known = RuleCatalog.TryGet(m.Code.ToUpperInvariant(), out _);
            string why = known ? $"no {m.Code} finding on line {m.Target}" : $"{m.Code} is not a RuntimePerf rule";
            return new Finding
            {
                RuleId = rule.Id,
                Severity = rule.DefaultSeverity,
                Confidence = Confidence.High,
                Effort = rule.Effort,
                Path = path,
                Span = new SourceSpan(m.Line, m.Column, m.Line, m.EndColumn),
                Issue = $"Unused suppression: `{m.Comment.Trim()}` silences nothing ({why})",
                Principle = rule.Principle,
                Recommendation = "Remove the suppression, or correct its rule id or line",
                Context = CodeContext.Unknown,
                Language = language,
                LineText = m.LineText,
            };
        }

        private static List<Marker> Read(SuppressionSource source)
        {
            var patterns = source.Language.Suppressions;
            var markers = new List<Marker>();
            if (patterns.Count == 0) return markers;
            string? text = source.ReadText();
            if (text == null || !Keywords.Any(k => text.IndexOf(k, StringComparison.OrdinalIgnoreCase) >= 0)) return markers;
            string[] lines = text.Split('\n');
            var comments = source.Language.CommentStarts;
            for (int i = 0; i < lines.Length; i++)
            {
                string line = lines[i].TrimEnd('\r');
                foreach (var pattern in patterns)
                {
                    var match = pattern.Match(line);
                    if (!match.Success) continue;
                    bool alone = StartsWithComment(line, comments);
                    int target = alone ? NextCodeLine(lines, i, comments) : i + 1;
                    string reason = match.Groups["reason"].Success ? match.Groups["reason"].Value.Trim() : "";
                    foreach (string code in Codes(match.Groups["codes"].Value))
                    {
                        markers.Add(new Marker(code, reason, i + 1, match.Index + 1, match.Index + match.Length + 1, target, line, match.Value));
                    }
                    break; // one marker per line: "# runtimeperf: ignore[...]" wins over a "# noqa" beside it
                }
            }
            return markers;
        }

        // Only RuntimePerf codes: "# noqa: E501" belongs to another linter and is none of our business.
        private static IEnumerable<string> Codes(string list) =>
            Regex.Split(list, @"[\s,]+").Where(c => c.StartsWith("RP", StringComparison.OrdinalIgnoreCase) && c.Length > 2).Distinct(StringComparer.OrdinalIgnoreCase);

        /// <summary>The line a comment-only marker applies to: the next line that is not blank or another comment.</summary>
        private static int NextCodeLine(string[] lines, int index, IReadOnlyList<string> comments)
        {
            for (int j = index + 1; j < lines.Length; j++)
            {
                if (lines[j].Trim().Length > 0 && !StartsWithComment(lines[j], comments)) return j + 1;
            }
            return index + 2;
        }

        private static bool StartsWithComment(string line, IReadOnlyList<string> comments)
        {
            string t = line.TrimStart();
            return comments.Any(c => t.StartsWith(c, StringComparison.Ordinal));
        }
    }
}
