using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using RuntimePerf.Engine.Sources;
using RuntimePerf.Languages.Common;
using RuntimePerf.Languages.FrontEnds;
using RuntimePerf.Languages.Go.Rules;
using RuntimePerf.Languages.Rules;
using RuntimePerf.TreeSitter;
using Language = RuntimePerf.Engine.Model.Language;

namespace RuntimePerf.Languages.Go
{
    /// <summary>Go (net/http, chi, gorilla/mux, gin, echo, fiber, gRPC, database/sql).</summary>
    public sealed class GoFrontEnd : ILanguageFrontEnd
    {
        /// <summary>The generated-code marker of the Go toolchain (go.dev/s/generatedcode), on a line of its own before the package clause.</summary>
        private static readonly Regex GeneratedMarker = new(@"^// Code generated .* DO NOT EDIT\.\r?$", RegexOptions.CultureInvariant | RegexOptions.Multiline);

        /// <summary>The header (before <c>package</c>) is read for the marker; licence headers are rarely longer.</summary>
        private const int HeaderBytes = 16 * 1024;

        public static readonly GoFrontEnd Instance = new();

        public IReadOnlyList<LanguageFiles> Files { get; } = new[]
        {
            new LanguageFiles(Language.Go, new[] { ".go" })
            {
                // vendor/: copies of dependencies; testdata/: inputs the go tool ignores by convention.
                SkippedFolders = new[] { "vendor", "testdata" },
                // mocks/: packages of test doubles for the users' tests (sarama/mocks)
                TestFolders = new[] { "mocks" },
                // _test.go by the go tool's rule; functional_tests.go and the like, test programs behind a build tag, by their name;
                // mock_client.go, mockresponses.go: test doubles
                IsTestName = name => name.EndsWith("_test.go", StringComparison.OrdinalIgnoreCase) || GoTables.TestPrograms.Contains(name)
                    || name.StartsWith("mock", StringComparison.OrdinalIgnoreCase),
                CommentStarts = new[] { "//" },
                Suppressions = new[] { LanguageFiles.SlashIgnore },
            },
        };

        public TreeSitter.Language Grammar(string relativePath) => TreeSitter.Languages.Go;

        public string? SkipReason(string relativePath, SourceText text)
        {
            // the go tool ignores folders whose name starts with _ (kept-aside code, shenwei356/bio's featio/_bed)
            var folders = relativePath.Replace('\\', '/').Split('/');
            for (int i = 0; i < folders.Length - 1; i++)
            {
                if (folders[i].StartsWith('_')) return "not built (folder " + folders[i] + "/ starts with _)";
            }
            string header = text.GetText(0, Math.Min(text.Length, HeaderBytes));
            int package = header.StartsWith("package ", StringComparison.Ordinal) ? 0 : header.IndexOf("\npackage ", StringComparison.Ordinal);
            if (package >= 0 && TestPackage.Match(header, package) is { Success: true } named && !Words.Contains(named.Groups["name"].Value)
                && TestImport.IsMatch(header)) return "test helpers (package " + named.Groups["name"].Value + ")";
            if (package >= 0) header = header.Substring(0, package);
            if (BuildsNever(header)) return "not built (//go:build ignore)";
            return GeneratedMarker.IsMatch(header) ? "generated (// Code generated … DO NOT EDIT.)" : null;
        }

        /// <summary>
        /// <c>//go:build ignore</c> (or <c>// +build ignore</c>), also as one term of a conjunction (<c>//go:build !cgo &amp;&amp; upgrade
        /// &amp;&amp; ignore</c>, go-sqlite3's upgrade tool): a file no build compiles, a program run by hand with <c>go run</c> (tcell's
        /// terminfo generator, its demos). Not under an alternative (<c>||</c>, or a space between <c>+build</c> options) nor in parentheses (<c>!(windows &amp;&amp; ignore)</c> builds).
        /// </summary>
        private static bool BuildsNever(string header)
        {
            foreach (Match m in BuildLine.Matches(header))
            {
                string expression = m.Groups["expr"].Value.Trim();
                // a plain conjunction only: !(windows && ignore) and (a || ignore) build
                var terms = m.Groups["plus"].Success
                    ? expression.Contains(' ') ? Array.Empty<string>() : expression.Split(',')
                    : expression.Contains("||", StringComparison.Ordinal) || expression.IndexOfAny(Parentheses) >= 0 ? Array.Empty<string>() : expression.Split("&&");
                if (Array.Exists(terms, t => t.Trim() == "ignore")) return true;
            }
            return false;
        }

        private static readonly char[] Parentheses = { '(', ')' };

        private static readonly Regex BuildLine = new(@"^//(?:go:build|(?<plus> \+build)) (?<expr>[^\r\n]*)\r?$", RegexOptions.CultureInvariant | RegexOptions.Multiline);

        /// <summary>
        /// A package named for its users' tests, as <c>httptest</c> is, that imports <c>testing</c> or <c>net/http/httptest</c>
        /// (swift's <c>swifttest</c>: a fake Swift server; oxy's <c>testutils</c>: servers for its tests): test code.
        /// </summary>
        private static readonly Regex TestPackage = new(@"\G\n?package (?<name>\w+test|\w*testutils?)\b", RegexOptions.CultureInvariant);

        /// <summary>An import line of <c>testing</c> or <c>net/http/httptest</c> (alone or in an import block, perhaps aliased).</summary>
        private static readonly Regex TestImport = new(@"^(?:import)?[ \t]*(?:\w+[ \t]+)?""(?:testing|net/http/httptest)""[ \t]*(?://.*)?\r?$",
            RegexOptions.CultureInvariant | RegexOptions.Multiline);

        /// <summary>Words that end in <c>test</c> and name no tests.</summary>
        private static readonly HashSet<string> Words = new(StringComparer.Ordinal) { "latest", "contest", "attest", "protest", "detest", "fastest", "greatest", "shortest" };

        public SourceModel Build(SyntaxTree tree, string relativePath, LanguageOptions options) =>
            GoModelBuilder.Build(tree, relativePath, GoModules.VersionFor(options.FullPath));

        public string? OutsideSettings(LanguageOptions options) =>
            GoModules.VersionFor(options.FullPath) is { } version ? "go.mod go " + version : "no go.mod";

        /// <summary>
        /// A package is its folder: its files are modelled together, so that request paths cross files. Test files stand alone:
        /// all their code is test code, which makes nothing a request path (and holding them would only cost memory).
        /// </summary>
        public string? UnitOf(string relativePath) =>
            relativePath.EndsWith("_test.go", StringComparison.OrdinalIgnoreCase) ? null : GoModelBuilder.PackageFolder(relativePath);

        public void Link(IReadOnlyList<SourceModel> unit) => GoFrameworks.Link(unit);

        public ILanguageKnowledge Knowledge => GoKnowledge.Instance;

        /// <summary>The shared rules that have a Go meaning (the event-loop ones have none), and Go's own.</summary>
        public IReadOnlyList<IRule> Rules { get; } = new IRule[]
        {
            new Go.Rules.ClientPerRequest(),
            new ExpensiveObject(),
            new StringConcatInLoop(),
            new QuadraticScan(),
            new UnclosedBody(),
            new MissingCancellation(),
            new ServerWithoutTimeouts(),
            new TimerPerIteration(),
            new Go.Rules.LockAroundIo(),
            new MissingPreallocation(),
            new Go.Rules.UnboundedConcurrency(),
            new UnboundedGrowth(),
            new IgnoredWriteError(),
            new RepeatedIo(),
            new Go.Rules.FireAndForget(),
            new BufferedSerialization(),
            new Go.Rules.RedundantCopy(),
        };
    }
}
