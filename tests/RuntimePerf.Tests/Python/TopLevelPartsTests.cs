using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using RuntimePerf.Engine.Model;
using RuntimePerf.Engine.Sources;
using RuntimePerf.Languages;
using RuntimePerf.Languages.Common;
using RuntimePerf.Languages.FrontEnds;
using RuntimePerf.Languages.Python;
using RuntimePerf.Tests.Languages;
using RuntimePerf.TreeSitter;
using Xunit;

namespace RuntimePerf.Tests.Python
{
    /// <summary>
    /// A very large Python file is modelled from its top-level parts, one tree at a time (issue: bounded memory). Cutting
    /// must never change what the audit finds: these tests cut small files at every top-level statement, and at wrong
    /// places, and compare with the whole parse.
    /// </summary>
    public class TopLevelPartsTests
    {
        private static readonly PartSizes EveryStatement = new(CutAbove: 0, PartBytes: 1, JoinUpTo: PartSizes.Default.JoinUpTo);

        [Fact]
        public void Every_Python_fixture_gives_the_same_findings_and_notices_when_cut_at_every_top_level_statement()
        {
            string root = LanguageFixtures.Folder(PythonFrontEnd.Instance.Files[0]);
            var files = new SourceSet(root, root, Array.Empty<string>())
                .Classify(Directory.GetFiles(root, "*.py", SearchOption.AllDirectories), FrontEndRegistry.AllFiles, includeTests: true);
            Assert.True(files.Count(f => f.IsAudited) > 20);

            var whole = TreeSitterAudit.Run(files);
            var cut = TreeSitterAudit.Run(files, default, null, EveryStatement);

            Assert.NotEmpty(whole.Findings);
            Assert.Equal(whole.Findings.Select(Describe), cut.Findings.Select(Describe));
            Assert.Equal(whole.Notices.Select(n => n.Path + ": " + n.Message), cut.Notices.Select(n => n.Path + ": " + n.Message));
        }

        [Fact]
        public void Top_level_starts_skip_strings_brackets_continuations_clauses_comments_and_decorated_definitions()
        {
            string text = string.Join("\n",
                "import os",                          // 1: start
                "DOC = \"\"\"",                       // 2: start
                "def not_code():",                    // 3: inside the string
                "\"\"\"",                             // 4
                "VALUES = [",                         // 5: start
                "1,",                                 // 6: inside brackets
                "]",                                  // 7
                "total = 1 + \\",                     // 8: start
                "2",                                  // 9: continued line
                "# a comment",                        // 10
                "@decorator",                         // 11: start
                "@other('x')",                        // 12: same definition
                "def f():",                           // 13: same definition
                "    return 'it''s'",                 // 14
                "if os.name:",                        // 15: start
                "    pass",                           // 16
                "elif total:",                        // 17: clause
                "    pass",                           // 18
                "else:",                              // 19: clause
                "    pass",                           // 20
                "try:",                               // 21: start
                "    pass",                           // 22
                "except OSError:",                    // 23: clause
                "    pass",                           // 24
                "finally_done = 'a # not a comment'", // 25: start (a name that begins like a clause)
                "x = f'{1}' \"\"",                    // 26: start
                "");
            var source = SourceText.From(text);
            var lines = PythonTopLevel.Starts(source.Utf8).Select(offset => source.GetPosition(offset).Line);

            Assert.Equal(new[] { 1, 2, 5, 8, 11, 15, 21, 25, 26 }, lines);
        }

        [Fact]
        public void Parts_cut_at_wrong_places_are_joined_until_they_parse_and_give_the_whole_parse_s_findings()
        {
            string text = string.Join("\n",
                "import asyncio, time",
                "QUERY = f\"\"\"",
                "select {1}",
                "from t\"\"\"",
                "async def handler(items):",
                "    for item in items:",
                "        time.sleep(1)",
                "    await asyncio.sleep(0)",
                "CONFIG = dict(",
                "retries=3,",
                ")",
                "async def other():",
                "    time.sleep(2)",
                "");
            var source = SourceText.From(text);
            // Every line that starts in column 0, inside the string and the call too (the scan's possible mistakes).
            var everyLine = Enumerable.Range(0, text.Length).Where(i => (i == 0 || text[i - 1] == '\n') && i < text.Length && text[i] != ' ').ToList();

            var whole = Audit(source, new[] { 0 }.ToList(), new PartSizes(0, int.MaxValue, int.MaxValue), out bool wholeErrors);
            var cut = Audit(source, everyLine, EveryStatement, out bool cutErrors);

            Assert.Equal(2, whole.Count);
            Assert.Equal(whole, cut);
            Assert.False(wholeErrors);
            Assert.False(cutErrors);
        }

        private static List<string> Audit(SourceText text, List<int> starts, PartSizes sizes, out bool errors)
        {
            using var parser = RuntimePerf.TreeSitter.Languages.Python.CreateParser();
            var parts = new FileParts(text, starts, sizes);
            var model = PythonFrontEnd.Instance.Build(text, parts.Parse(parser, default), "app.py", LanguageOptions.None);
            var audit = new FileAudit(model, PythonFrontEnd.Instance.Knowledge);
            foreach (var rule in PythonFrontEnd.Instance.Rules) rule.Check(audit);
            errors = parts.HasErrors;
            return audit.Findings.Select(Describe).OrderBy(s => s, StringComparer.Ordinal).ToList();
        }

        private static string Describe(Finding f) =>
            $"{f.Path}({f.Span.Line},{f.Span.Column}) {f.RuleId} {f.Severity} {f.Confidence} {f.Context} {f.EnclosingSymbol}: {f.Issue} | {f.Recommendation} | {f.LineText}";
    }
}
