using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using RuntimePerf.Engine.Model;

namespace RuntimePerf.Tests.Fixtures
{
    /// <summary>One expected finding: a fixture line carries <c>// expect: RP0002 HIGH</c> (or <c># expect: …</c>).</summary>
    public sealed record Expectation(int Line, string RuleId, string Severity)
    {
        public override string ToString() => "line " + Line + " " + RuleId + " " + Severity;
    }

    /// <summary>
    /// Language-agnostic fixture checking: the whole set of (line, rule, severity) the audit reports must equal
    /// the set of <c>expect:</c> marks in the file; any missing or extra finding fails with a readable diff.
    /// </summary>
    public static class FixtureExpectations
    {
        private static readonly Regex Marker = new Regex(@"(?://|#)\s*expect:\s*(?<items>.+?)\s*$");
        private static readonly Regex Item = new Regex(@"^(?<rule>RP\d{4})\s+(?<severity>CRITICAL|HIGH|MEDIUM|LOW)$");

        public static List<Expectation> Parse(string text)
        {
            var expected = new List<Expectation>();
            string[] lines = text.Split('\n');
            for (int i = 0; i < lines.Length; i++)
            {
                var match = Marker.Match(lines[i].TrimEnd('\r'));
                if (!match.Success) continue;
                foreach (string raw in match.Groups["items"].Value.Split(','))
                {
                    var item = Item.Match(raw.Trim());
                    if (!item.Success) throw new FormatException($"line {i + 1}: bad expectation '{raw.Trim()}' (want e.g. 'RP0001 HIGH')");
                    expected.Add(new Expectation(i + 1, item.Groups["rule"].Value, item.Groups["severity"].Value));
                }
            }
            return expected;
        }

        private static readonly char[] LineBreaks = { '\n', '\r' };

        /// <summary>Null when the findings match the marks exactly; otherwise the diff, one line per difference.</summary>
        public static string? Diff(string fixtureName, string text, IEnumerable<Finding> findings)
        {
            // A finding the code suppresses is not one the file expects (suppressions are tested on their own).
            var findingList = findings.Where(f => f.Suppression == null).ToList();
            var expected = Parse(text);
            var actual = findingList.Select(f => new Expectation(f.Span.Line, f.RuleId, Names.Of(f.Severity))).ToList();
            var missing = Subtract(expected, actual);
            var extra = Subtract(actual, expected);
            // Each finding prints as one `file(line,col): warning …` line: code quoted in a message must not bring its line breaks.
            var multiLine = findingList.Where(f => (f.Issue + f.Recommendation).IndexOfAny(LineBreaks) >= 0).ToList();
            if (missing.Count == 0 && extra.Count == 0 && multiLine.Count == 0) return null;

            string[] lines = text.Split('\n');
            string Source(int line) => line >= 1 && line <= lines.Length ? lines[line - 1].Trim() : "";
            var sb = new StringBuilder();
            sb.Append(fixtureName).Append(": ").Append(missing.Count).Append(" missing, ").Append(extra.Count).AppendLine(" unexpected");
            foreach (var m in missing) sb.Append("  missing     ").Append(m).Append("  | ").AppendLine(Source(m.Line));
            foreach (var e in extra)
            {
                var finding = findingList.First(f => f.Span.Line == e.Line && f.RuleId == e.RuleId && Names.Of(f.Severity) == e.Severity);
                sb.Append("  unexpected  ").Append(e).Append("  | ").Append(Source(e.Line)).Append("  — ").AppendLine(finding.Issue);
            }
            foreach (var f in multiLine) sb.Append("  line break in the message of ").Append(f.RuleId).Append(" at line ").Append(f.Span.Line).Append(": ").AppendLine(f.Issue);
            return sb.ToString();
        }

        // Multiset difference: two identical findings on one line need two marks.
        private static List<Expectation> Subtract(List<Expectation> from, List<Expectation> remove)
        {
            var left = new List<Expectation>(remove);
            var result = new List<Expectation>();
            foreach (var e in from)
            {
                if (!left.Remove(e)) result.Add(e);
            }
            return result;
        }
    }
}
