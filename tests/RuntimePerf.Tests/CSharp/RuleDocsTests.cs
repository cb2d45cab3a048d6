using System.IO;
using System.Linq;
using RuntimePerf.Engine.Catalog;
using RuntimePerf.Engine.Model;
using Xunit;

namespace RuntimePerf.Tests.CSharp
{
    public class RuleDocsTests
    {
        private static readonly string[] Sections =
        {
            "What it flags", "Why it costs", "Example", "Use instead", "When it is not flagged", "Severity and confidence", "Configuration",
        };

        public static TheoryData<string> CSharpRules()
        {
            var data = new TheoryData<string>();
            foreach (var rule in RuleCatalog.All.Where(r => r.Languages.Contains(Language.CSharp))) data.Add(rule.Id);
            return data;
        }

        [Theory]
        [MemberData(nameof(CSharpRules))]
        public void Every_rule_with_a_detector_has_a_page_with_the_standard_sections(string id)
        {
            var rule = RuleCatalog.Get(id);
            string[] lines = File.ReadAllLines(RepoRootAttribute.Combine(rule.DocPath));

            Assert.Equal("# " + rule.Id + ": " + rule.Title, lines[0]);
            Assert.Equal(Sections, lines.Where(l => l.StartsWith("## ")).Select(l => l.Substring(3)).ToArray());
        }
    }
}
