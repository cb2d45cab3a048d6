using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using RuntimePerf.Engine.Sources;
using RuntimePerf.Languages;
using RuntimePerf.Languages.FrontEnds;

namespace RuntimePerf.Tests.Languages
{
    /// <summary>
    /// The fixtures of every tree-sitter language: <c>tests/fixtures/&lt;language&gt;/</c> (python, javascript, typescript…),
    /// audited the way the build classifies files (test files skipped), paths relative to the fixture folder.
    /// </summary>
    internal static class LanguageFixtures
    {
        public static string Root => Path.Combine(AppContext.BaseDirectory, "fixtures");

        public static string Folder(LanguageFiles language) => Path.Combine(Root, language.Name);

        /// <summary>Every fixture file of every registered language, as "language/relative path".</summary>
        public static IEnumerable<(LanguageFiles Language, string Path)> All() =>
            FrontEndRegistry.TreeSitterFiles.SelectMany(l => Directory.Exists(Folder(l))
                ? Directory.EnumerateFiles(Folder(l), "*", SearchOption.AllDirectories).Where(l.Owns).Select(p => (l, p))
                : Enumerable.Empty<(LanguageFiles, string)>())
            .OrderBy(x => x.Item2, StringComparer.Ordinal);

        public static LanguageAuditResult AuditUnder(string root, params string[] fullPaths)
        {
            var set = new SourceSet(root, root, Array.Empty<string>());
            return TreeSitterAudit.Run(set.Classify(fullPaths, FrontEndRegistry.AllFiles, includeTests: false));
        }
    }
}
