using System;
using System.Collections.Generic;
using RuntimePerf.TreeSitter.Interop;

namespace RuntimePerf.TreeSitter
{
    /// <summary>The grammars compiled into libruntimeperf_treesitter.</summary>
    public static class Languages
    {
        private static readonly Lazy<Language> PythonLanguage = Load("python", NativeMethods.tree_sitter_python);
        private static readonly Lazy<Language> JavaScriptLanguage = Load("javascript", NativeMethods.tree_sitter_javascript);
        private static readonly Lazy<Language> TypeScriptLanguage = Load("typescript", NativeMethods.tree_sitter_typescript);
        private static readonly Lazy<Language> TsxLanguage = Load("tsx", NativeMethods.tree_sitter_tsx);
        private static readonly Lazy<Language> GoLanguage = Load("go", NativeMethods.tree_sitter_go);
        private static readonly Lazy<Language> RustLanguage = Load("rust", NativeMethods.tree_sitter_rust);

        public static Language Python => PythonLanguage.Value;
        public static Language JavaScript => JavaScriptLanguage.Value;
        public static Language TypeScript => TypeScriptLanguage.Value;
        public static Language Tsx => TsxLanguage.Value;
        public static Language Go => GoLanguage.Value;
        public static Language Rust => RustLanguage.Value;

        public static IReadOnlyList<string> Names { get; } = new[] { "python", "javascript", "typescript", "tsx", "go", "rust" };

        /// <summary>The grammar called <paramref name="name"/> (one of <see cref="Names"/>).</summary>
        public static Language Get(string name) => name switch
        {
            "python" => Python,
            "javascript" => JavaScript,
            "typescript" => TypeScript,
            "tsx" => Tsx,
            "go" => Go,
            "rust" => Rust,
            _ => throw new ArgumentException($"No tree-sitter grammar named '{name}'; known: {string.Join(", ", Names)}.", nameof(name)),
        };

        /// <summary>A new parser for the grammar called <paramref name="name"/>. Parsers are not thread-safe: one per thread.</summary>
        public static Parser CreateParser(string name) => Get(name).CreateParser();

        // Lazy: loading the native library happens on first use, not when the type is touched.
        private static Lazy<Language> Load(string name, Func<IntPtr> function) => new(() => new Language(name, function()));
    }
}
