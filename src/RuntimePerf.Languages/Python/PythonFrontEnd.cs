using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using RuntimePerf.Engine.Sources;
using RuntimePerf.Languages.Common;
using RuntimePerf.Languages.FrontEnds;
using RuntimePerf.Languages.Python.Rules;
using RuntimePerf.Languages.Rules;
using RuntimePerf.TreeSitter;
using Language = RuntimePerf.Engine.Model.Language;

namespace RuntimePerf.Languages.Python
{
    /// <summary>Python (asyncio, FastAPI/Starlette, aiohttp, Django, Sanic, Quart, Litestar…).</summary>
    public sealed partial class PythonFrontEnd : ILanguageFrontEnd, ITopLevelParts
    {
        // Regexes are source-generated: constructing compiled ones cost every build's discovery (which touches the
        // front ends) milliseconds of code generation, even a no-change build's.

        /// <summary><c># noqa: RP0001, E501</c> (flake8 and ruff's form; other tools' codes are theirs).</summary>
        [GeneratedRegex(@"#\s*noqa\s*:\s*(?<codes>[A-Za-z]+[0-9]+(?:[\s,]+[A-Za-z]+[0-9]+)*)", RegexOptions.CultureInvariant)]
        private static partial Regex Noqa();

        /// <summary><c># runtimeperf: ignore[RP0001, RP0002] reason</c>.</summary>
        [GeneratedRegex(@"#\s*runtimeperf\s*:\s*ignore\[(?<codes>[^\]]*)\]\s*(?<reason>.*)$", RegexOptions.CultureInvariant)]
        private static partial Regex Ignore();

        public static readonly PythonFrontEnd Instance = new();

        public IReadOnlyList<LanguageFiles> Files { get; } = new[]
        {
            new LanguageFiles(Language.Python, new[] { ".py", ".pyw" })
            {
                SkippedFolders = new[] { "venv", "__pycache__", "site-packages", "dist-packages" },
                // A virtual environment under any name (env/, .py311/…) holds installed packages, not project code.
                SkippedFolderMarkers = new[] { "pyvenv.cfg" },
                IsTestName = name => Path.GetFileNameWithoutExtension(name) is var stem
                    && (stem.StartsWith("test_", StringComparison.Ordinal) || stem.EndsWith("_test", StringComparison.Ordinal) || name == "conftest.py"),
                CommentStarts = new[] { "#" },
                // One marker per line: "# runtimeperf: ignore[...]" wins over a "# noqa" beside it.
                Suppressions = new[] { Ignore(), Noqa() },
            },
        };

        public TreeSitter.Language Grammar(string relativePath) => TreeSitter.Languages.Python;

        public string? SkipReason(string relativePath, SourceText text) => PythonModelBuilder.IsBuildToolPath(relativePath) ? ProjectPaths.BuildToolReason : null;

        public SourceModel Build(SyntaxTree tree, string relativePath, LanguageOptions options) =>
            Build(tree.Text, new[] { tree }, relativePath, options);

        public IReadOnlyList<int> TopLevelStarts(SourceText text) => PythonTopLevel.Starts(text.Utf8);

        public SourceModel Build(SourceText text, IEnumerable<SyntaxTree> parts, string relativePath, LanguageOptions options)
        {
            var model = PythonModelBuilder.Build(text, parts, relativePath);
            PythonFrameworks.MarkConfigured(model, options.HandlerDecorators);
            return model;
        }

        public ILanguageKnowledge Knowledge => PythonKnowledge.Instance;

        /// <summary>The shared rules (RP0011 extended with Python's per-call sessions in API wrappers), and Python's own.</summary>
        public IReadOnlyList<IRule> Rules { get; } = SharedRules.All.Where(r => r is not Languages.Rules.ClientPerRequest).Concat(new IRule[]
        {
            new Rules.ClientPerRequest(),
            new CacheOnAsyncFunction(),
            new MissingBackpressure(),
            new BufferedSerialization(),
            new RepeatedIo(),
            new MissingPreallocation(),
        }).ToList();
    }
}
