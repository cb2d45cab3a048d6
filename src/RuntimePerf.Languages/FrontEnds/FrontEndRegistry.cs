using System.Collections.Generic;
using System.Linq;
using RuntimePerf.Engine.Sources;
using RuntimePerf.Languages.Go;
using RuntimePerf.Languages.JavaScript;
using RuntimePerf.Languages.Python;
using RuntimePerf.Languages.Rust;

namespace RuntimePerf.Languages.FrontEnds
{
    /// <summary>
    /// The tree-sitter front ends. The audit, source discovery (and through it the targets' input list), suppressions and
    /// the tests that hold every catalog rule to a detector, a fixture and a doc row all read this list.
    /// </summary>
    public static class FrontEndRegistry
    {
        public static IReadOnlyList<ILanguageFrontEnd> All { get; } = new ILanguageFrontEnd[]
        {
            PythonFrontEnd.Instance,
            GoFrontEnd.Instance,
            RustFrontEnd.Instance,
            JavaScriptFrontEnd.Instance,
        };

        /// <summary>The file conventions of every language the tree-sitter front ends audit.</summary>
        public static IReadOnlyList<LanguageFiles> TreeSitterFiles { get; } = All.SelectMany(f => f.Files).ToList();

        /// <summary>Every audited language's files: C# (the compiler's) and the tree-sitter languages.</summary>
        public static IReadOnlyList<LanguageFiles> AllFiles { get; } = new[] { LanguageFiles.CSharp }.Concat(TreeSitterFiles).ToList();

        /// <summary>The front end that audits files of <paramref name="language"/>, or null.</summary>
        public static ILanguageFrontEnd? For(Engine.Model.Language language) =>
            All.FirstOrDefault(f => f.Files.Any(l => l.Language == language));
    }
}
