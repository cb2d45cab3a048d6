using System;
using System.Collections.Generic;
using System.IO;
using System.Text.RegularExpressions;
using RuntimePerf.Engine.Model;

namespace RuntimePerf.Engine.Sources
{
    /// <summary>
    /// What discovery, classification and suppressions need to know about one language's files: extensions, the
    /// folders its ecosystem fills with code that is not the project's, its test and generated-file conventions, and
    /// its comment syntax. Each front end declares its own (the registry in RuntimePerf.Languages lists them); C#'s is
    /// <see cref="CSharp"/>, since C# is audited by the compiler, not by a tree-sitter front end.
    /// </summary>
    public sealed class LanguageFiles
    {
        // Interpreted, not compiled: every build's discovery constructs it (code generation cost even a no-change build
        // milliseconds), and it only runs on comment lines.
        private const RegexOptions Options = RegexOptions.CultureInvariant;

        /// <summary>
        /// Folders that hold tests by convention, in any ecosystem, and the examples and benchmarks beside them: code that
        /// shows or measures the project, never deployed with it (audited, like tests, with RuntimePerfIncludeTests).
        /// </summary>
        private static readonly HashSet<string> CommonTestFolders = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "test", "tests", "__tests__", "testing", "spec", "specs", "examples", "example", "_examples", "benchmark", "benchmarks",
        };

        /// <summary>
        /// Whole names (before the extension) of files that are tests, examples or benchmarks, or the helpers only tests load
        /// (fluent-logger's <c>lib/testHelper.js</c> mock server, reportlab's <c>lib/testutils.py</c>): <c>test.js</c>, not
        /// <c>test.service.ts</c>.
        /// </summary>
        private static readonly HashSet<string> TestFileStems = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "test", "tests", "example", "examples", "benchmark", "benchmarks",
            "testhelper", "testhelpers", "test_helper", "test_helpers", "test-helper", "test-helpers",
            "testutil", "testutils", "test_util", "test_utils", "test-utils",
        };

        /// <summary><c>// runtimeperf-ignore RP0009: reason</c> or <c>// runtimeperf-ignore RP0009, RP0010 reason</c>.</summary>
        public static readonly Regex SlashIgnore =
            new Regex(@"//\s*runtimeperf-ignore\s+(?<codes>RP[0-9]{4}(?:\s*,\s*RP[0-9]{4})*)\s*:?\s*(?<reason>.*)$", Options);

        public static LanguageFiles CSharp { get; } = new LanguageFiles(Language.CSharp, new[] { ".cs" })
        {
            // C# tests are whole test projects (IsTestProject), decided by MSBuild, never by file name.
            HasTestFolders = false,
            IsGeneratedName = name => name.EndsWith(".g.cs", StringComparison.OrdinalIgnoreCase),
            CommentStarts = new[] { "//" },
            Suppressions = new[] { SlashIgnore },
        };

        public LanguageFiles(Language language, IReadOnlyList<string> extensions)
        {
            Language = language;
            Extensions = extensions;
        }

        public Language Language { get; }

        /// <summary>With the dot: <c>.py</c>.</summary>
        public IReadOnlyList<string> Extensions { get; }

        /// <summary>Folders discovery never enters (package caches, virtual environments, build output of this ecosystem).</summary>
        public IReadOnlyList<string> SkippedFolders { get; set; } = Array.Empty<string>();

        /// <summary>A folder holding one of these files is not the project's code (a virtual environment under any name: <c>pyvenv.cfg</c>).</summary>
        public IReadOnlyList<string> SkippedFolderMarkers { get; set; } = Array.Empty<string>();

        /// <summary>Files under a test folder (<c>tests/</c>, <c>__tests__/</c>…) are tests.</summary>
        public bool HasTestFolders { get; set; } = true;

        /// <summary>Folders that hold tests in this ecosystem besides the common ones (Rust's <c>benches/</c>).</summary>
        public IReadOnlyList<string> TestFolders { get; set; } = Array.Empty<string>();

        /// <summary>A test file by its name (<c>test_x.py</c>, <c>x.spec.ts</c>).</summary>
        public Func<string, bool> IsTestName { get; set; } = _ => false;

        /// <summary>A folder whose files are tests by the folder's name beyond <see cref="TestFolders"/> (a test runner's release: <c>jasmine-3.4.0/</c>).</summary>
        public Func<string, bool> IsTestFolder { get; set; } = _ => false;

        /// <summary>A generated or bundled file by its name (<c>x.g.cs</c>, <c>x.min.js</c>, <c>x.d.ts</c>): never audited.</summary>
        public Func<string, bool> IsGeneratedName { get; set; } = _ => false;

        /// <summary>
        /// A program the build runs, by its full path (Cargo's <c>build.rs</c> beside a <c>Cargo.toml</c>): it runs when the code is
        /// compiled, not when it serves, so it is never audited.
        /// </summary>
        public Func<string, bool> IsBuildScript { get; set; } = _ => false;

        /// <summary>Tokens that start a comment; a line starting with one holds only a comment.</summary>
        public IReadOnlyList<string> CommentStarts { get; set; } = Array.Empty<string>();

        /// <summary>The language's suppression comments, with the groups <c>codes</c> and (optional) <c>reason</c>.</summary>
        public IReadOnlyList<Regex> Suppressions { get; set; } = Array.Empty<Regex>();

        public string Name => Names.Of(Language);

        public bool Owns(string path)
        {
            string extension = Path.GetExtension(path);
            foreach (string e in Extensions)
            {
                if (string.Equals(e, extension, StringComparison.OrdinalIgnoreCase)) return true;
            }
            return false;
        }

        /// <summary>
        /// A test file by this language's conventions, from its repository-relative path; also one named as the common folders
        /// are (<see cref="TestFileStems"/>: <c>test.js</c>, Django's <c>tests.py</c>, <c>example.ts</c>, <c>benchmark.go</c>).
        /// </summary>
        public bool IsTestFile(string relativePath)
        {
            string[] parts = relativePath.Split('/');
            for (int i = 0; i < parts.Length - 1; i++)
            {
                if (HasTestFolders && (CommonTestFolders.Contains(parts[i]) || Contains(TestFolders, parts[i])) || IsTestFolder(parts[i])) return true;
            }
            string name = parts[parts.Length - 1];
            return HasTestFolders && TestFileStems.Contains(Path.GetFileNameWithoutExtension(name)) || IsTestName(name);
        }

        private static bool Contains(IReadOnlyList<string> names, string name)
        {
            foreach (string n in names)
            {
                if (string.Equals(n, name, StringComparison.OrdinalIgnoreCase)) return true;
            }
            return false;
        }

        /// <summary>The language of <paramref name="path"/> among <paramref name="languages"/>, by extension; null when none owns it.</summary>
        public static LanguageFiles? Of(string path, IEnumerable<LanguageFiles> languages)
        {
            foreach (var l in languages)
            {
                if (l.Owns(path)) return l;
            }
            return null;
        }

        public override string ToString() => Name;
    }
}
