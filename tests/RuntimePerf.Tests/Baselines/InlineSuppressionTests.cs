using System.Collections.Generic;
using System.Linq;
using RuntimePerf.Languages.FrontEnds;
using RuntimePerf.Engine.Model;
using RuntimePerf.Engine.Suppressions;
using Xunit;

namespace RuntimePerf.Tests.Baselines
{
    public class InlineSuppressionTests
    {
        private static Finding At(string path, int line, string rule = "RP0001", Language language = Language.Python) => new Finding
        {
            RuleId = rule, Severity = Severity.High, Confidence = Confidence.High, Effort = Effort.S, Path = path,
            Span = new SourceSpan(line, 5, line, 20), Issue = "x", Principle = "p", Recommendation = "r",
            Context = CodeContext.RequestHandler, Language = language,
        };

        private static List<Finding> Apply(string path, Language language, string text, params Finding[] findings) =>
            InlineSuppressions.Apply(findings, new[] { new SuppressionSource(path, FrontEndRegistry.AllFiles.Single(l => l.Language == language), () => text) });

        [Theory]
        [InlineData("    data = open(p).read()  # noqa: RP0001", 1, "")]
        [InlineData("    data = open(p).read()  # noqa: E501, RP0001", 1, "")]
        [InlineData("    data = open(p).read()  # runtimeperf: ignore[RP0001] small local file, read once", 1, "small local file, read once")]
        [InlineData("    # runtimeperf: ignore[RP0001] config is tiny\n    data = open(p).read()", 2, "config is tiny")]
        public void Python_forms_suppress_their_line_with_the_reason(string text, int line, string reason)
        {
            var result = Apply("app.py", Language.Python, text, At("app.py", line));

            Assert.Equal(new Suppression(SuppressionKinds.Inline, reason), Assert.Single(result).Suppression);
        }

        /// <summary>Every registered language whose comments start with <c>//</c> (C# and the front ends that say so).</summary>
        public static TheoryData<Language> SlashCommentLanguages()
        {
            var data = new TheoryData<Language>();
            foreach (var l in FrontEndRegistry.AllFiles.Where(l => l.CommentStarts.Contains("//"))) data.Add(l.Language);
            return data;
        }

        [Theory]
        [MemberData(nameof(SlashCommentLanguages))]
        public void Slash_form_works_on_the_line_and_on_the_line_above(Language language)
        {
            string path = "a" + FrontEndRegistry.AllFiles.Single(l => l.Language == language).Extensions[0];
            string text = "// runtimeperf-ignore RP0009: pages must be fetched in order\nfor (x of xs) await f(x);\ng(); // runtimeperf-ignore RP0001, RP0002 warm-up\n";
            var result = Apply(path, language, text, At(path, 2, "RP0009", language), At(path, 3, "RP0002", language));

            Assert.Equal(new[] { "pages must be fetched in order", "warm-up" }, result.Where(f => f.Suppression != null).Select(f => f.Suppression!.Justification));
            // RP0001 on line 3 matched nothing: reported, like an unused noqa.
            var unused = Assert.Single(result, f => f.RuleId == InlineSuppressions.UnusedRuleId);
            Assert.Equal((3, Severity.Low), (unused.Span.Line, unused.Severity));
            Assert.Contains("no RP0001 finding on line 3", unused.Issue);
        }

        [Fact]
        public void A_marker_for_another_line_or_rule_does_not_suppress_and_is_reported()
        {
            var result = Apply("app.py", Language.Python, "x = 1  # noqa: RP0002\ny = open(p).read()\n", At("app.py", 2));

            Assert.Null(result.Single(f => f.RuleId == "RP0001").Suppression);
            Assert.Equal(1, result.Single(f => f.RuleId == InlineSuppressions.UnusedRuleId).Span.Line);
        }

        [Fact]
        public void Other_tools_codes_bare_noqa_and_markers_inside_words_are_left_alone()
        {
            string text = "a = 1  # noqa: E501\nb = 2  # noqa\nc = \"see runtimeperf docs\"\n";
            Assert.Empty(Apply("app.py", Language.Python, text));
        }

        [Fact]
        public void A_suppression_without_a_reason_is_accepted_with_an_empty_justification()
        {
            var result = Apply("a.cs", Language.CSharp, "Thread.Sleep(1); // runtimeperf-ignore RP0002\n", At("a.cs", 1, "RP0002", Language.CSharp));

            Assert.Equal(new Suppression(SuppressionKinds.Inline, ""), Assert.Single(result).Suppression);
        }
    }
}
