using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using RuntimePerf.Engine.Catalog;
using RuntimePerf.Tests.Reports;
using Xunit;

namespace RuntimePerf.Tests
{
    /// <summary>Every rule that can fire has a doc page of the agreed shape (it becomes the SARIF rule help).</summary>
    public class DocsTests
    {
        private static readonly string[] Sections =
        {
            "What it flags", "Why it costs", "Example", "Use instead", "When it is not flagged", "Severity and confidence", "Configuration",
        };

        private static string DocsDir => RepoRootAttribute.Combine("docs", "rules");

        [Fact]
        public void Every_rule_with_a_detector_has_a_complete_doc_page()
        {
            var problems = RuleCatalog.All.Where(r => r.Languages.Count > 0).SelectMany(r => PageProblems(DocsDir, r.Id)).ToList();
            Assert.True(problems.Count == 0, string.Join("\n", problems));
        }

        [Fact]
        public void Embedded_pages_are_the_repository_pages()
        {
            foreach (var rule in RuleCatalog.All)
            {
                string path = Path.Combine(DocsDir, rule.Id + ".md");
                string? expected = File.Exists(path) ? File.ReadAllText(path).Replace("\r\n", "\n") : null;
                Assert.Equal(expected, RuleDocs.Get(rule.Id));
            }
        }

        [Fact]
        public void The_page_check_accepts_a_page_of_the_agreed_shape()
        {
            using var dir = new TempDir();
            File.WriteAllText(dir.Combine("RP0001.md"), Page("# RP0001 — Blocking I/O in async", Sections)
                + "```python\n## a comment in a code block is not a section\n```\n");
            Assert.Empty(PageProblems(dir.Path, "RP0001"));
        }

        [Fact]
        public void The_page_check_reports_what_is_wrong()
        {
            using var dir = new TempDir();
            File.WriteAllText(dir.Combine("RP0002.md"), Page("# Sync sleep", Sections));
            var swapped = Sections.ToArray();
            (swapped[1], swapped[2]) = (swapped[2], swapped[1]);
            File.WriteAllText(dir.Combine("RP0003.md"), Page("# RP0003", swapped));
            File.WriteAllText(dir.Combine("RP0004.md"), Page("# RP0004", Sections.Take(6).Append("Notes")));
            File.WriteAllText(dir.Combine("RP0005.md"), Page("# RP00051", Sections));

            Assert.Equal(new[] { "RP0002.md: the first line must be \"# RP0002\" (found \"# Sync sleep\")" }, PageProblems(dir.Path, "RP0002"));
            Assert.Contains("Example, Why it costs", Assert.Single(PageProblems(dir.Path, "RP0003")));
            Assert.Contains("Notes", Assert.Single(PageProblems(dir.Path, "RP0004")));
            Assert.Single(PageProblems(dir.Path, "RP0005"));
            Assert.Equal(new[] { "RP0006.md: missing" }, PageProblems(dir.Path, "RP0006"));
        }

        /// <summary>What is wrong with the page of <paramref name="ruleId"/> in <paramref name="docsDir"/> (empty when nothing).</summary>
        private static List<string> PageProblems(string docsDir, string ruleId)
        {
            string name = ruleId + ".md";
            string path = Path.Combine(docsDir, name);
            if (!File.Exists(path)) return new List<string> { name + ": missing" };

            var problems = new List<string>();
            var lines = File.ReadAllText(path).Replace("\r\n", "\n").Split('\n');
            string title = "# " + ruleId;
            bool titled = lines[0] == title || lines[0].StartsWith(title + " ", StringComparison.Ordinal);
            if (!titled) problems.Add(name + ": the first line must be \"" + title + "\" (found \"" + lines[0] + "\")");

            var sections = Headings(lines).ToList();
            if (!sections.SequenceEqual(Sections))
            {
                problems.Add(name + ": the sections must be exactly " + string.Join(", ", Sections) + " (found " + string.Join(", ", sections) + ")");
            }
            return problems;
        }

        /// <summary>The "## " headings outside fenced code blocks (a "##" comment in an example is not a heading).</summary>
        private static IEnumerable<string> Headings(IEnumerable<string> lines)
        {
            bool inFence = false;
            foreach (string line in lines)
            {
                if (line.StartsWith("```", StringComparison.Ordinal) || line.StartsWith("~~~", StringComparison.Ordinal)) inFence = !inFence;
                else if (!inFence && line.StartsWith("## ", StringComparison.Ordinal)) yield return line.Substring(3).Trim();
            }
        }

        private static string Page(string title, IEnumerable<string> sections) =>
            title + "\n\n" + string.Concat(sections.Select(s => "## " + s + "\n\nText.\n\n"));
    }
}
