using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using RuntimePerf.Engine.Catalog;
using RuntimePerf.Engine.Model;
using RuntimePerf.Languages.FrontEnds;
using Xunit;

namespace RuntimePerf.Tests.Languages
{
    /// <summary>
    /// The catalog, the front ends, the fixtures and the rule pages agree: every language a catalog rule claims has a
    /// detector, a fixture line expecting the rule, and a row on the rule's page; every detector is claimed; every
    /// detector is named after its rule's concept.
    /// </summary>
    public class RuleCoverageTests
    {
        private static readonly Dictionary<Language, string> Display = new()
        {
            [Language.Python] = "Python", [Language.JavaScript] = "JavaScript", [Language.TypeScript] = "TypeScript",
            [Language.Go] = "Go", [Language.Rust] = "Rust",
        };

        private static readonly Dictionary<string, string> ConceptOf = typeof(RuleIds)
            .GetFields(BindingFlags.Public | BindingFlags.Static).ToDictionary(f => (string)f.GetValue(null)!, f => f.Name);

        public static TheoryData<string> TreeSitterLanguages()
        {
            var data = new TheoryData<string>();
            foreach (var files in FrontEndRegistry.TreeSitterFiles) data.Add(files.Name);
            return data;
        }

        [Theory]
        [MemberData(nameof(TreeSitterLanguages))]
        public void Every_rule_a_language_claims_has_a_detector_a_fixture_and_a_doc_row(string languageName)
        {
            var files = FrontEndRegistry.TreeSitterFiles.Single(f => f.Name == languageName);
            var frontEnd = FrontEndRegistry.For(files.Language)!;
            var detected = frontEnd.Rules.Select(r => r.RuleId).ToHashSet();
            string fixtures = string.Join("\n", LanguageFixtures.All().Where(f => f.Language == files).Select(f => File.ReadAllText(f.Path)));
            var problems = new List<string>();
            foreach (var rule in RuleCatalog.All.Where(r => r.Languages.Contains(files.Language)))
            {
                if (!detected.Contains(rule.Id)) problems.Add($"{rule.Id} claims {languageName} but its front end has no detector for it");
                if (!Regex.IsMatch(fixtures, @"expect:[^\n]*\b" + rule.Id + @"\b"))
                    problems.Add($"{rule.Id} claims {languageName} but no fixture under tests/fixtures/{languageName}/ expects it");
                if (!DocMentions(rule.Id, files.Language)) problems.Add($"docs/rules/{rule.Id}.md has no {Display[files.Language]} row under 'What it flags'");
            }
            foreach (string id in detected.Where(id => !RuleCatalog.Get(id).Languages.Contains(files.Language)))
            {
                problems.Add($"{languageName} has a detector for {id}, which the catalog does not claim for {languageName}");
            }
            Assert.True(problems.Count == 0, string.Join("\n", problems));
        }

        [Fact]
        public void Every_tree_sitter_rule_is_named_after_its_concept()
        {
            var misnamed = FrontEndRegistry.All.SelectMany(f => f.Rules)
                .Where(r => r.GetType().Name != ConceptOf[r.RuleId])
                .Select(r => $"{r.GetType().FullName} reports {r.RuleId}, whose concept is {ConceptOf[r.RuleId]}").Distinct().ToList();
            Assert.True(misnamed.Count == 0, string.Join("\n", misnamed));
        }

        [Fact]
        public void Each_front_end_runs_each_rule_once()
        {
            foreach (var frontEnd in FrontEndRegistry.All)
            {
                var twice = frontEnd.Rules.GroupBy(r => r.RuleId).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
                Assert.True(twice.Count == 0, frontEnd.GetType().Name + " runs these rules twice: " + string.Join(", ", twice));
            }
        }

        /// <summary>"What it flags" has a paragraph <c>**Python.**</c> (or <c>**JavaScript and TypeScript.**</c>) or an item <c>- Python: …</c>.</summary>
        private static bool DocMentions(string ruleId, Language language)
        {
            string path = RepoRootAttribute.Combine("docs", "rules", ruleId + ".md");
            if (!File.Exists(path)) return false;
            string text = File.ReadAllText(path).Replace("\r\n", "\n");
            int start = text.IndexOf("## What it flags", StringComparison.Ordinal);
            if (start < 0) return false;
            int end = text.IndexOf("\n## ", start + 3, StringComparison.Ordinal);
            string section = end < 0 ? text.Substring(start) : text.Substring(start, end - start);
            string name = Regex.Escape(Display[language]);
            return Regex.IsMatch(section, @"(?m)^(\*\*[^*\n]*\b" + name + @"\b[^*\n]*\.\*\*|- " + name + @"\b)");
        }
    }
}
