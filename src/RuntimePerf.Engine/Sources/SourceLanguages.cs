using System;
using System.Collections.Generic;
using System.IO;
using RuntimePerf.Engine.Model;

namespace RuntimePerf.Engine.Sources
{
    /// <summary>Which language a file is, by extension, and which file names each ecosystem treats as tests.</summary>
    public static class SourceLanguages
    {
        private static readonly Dictionary<string, Language> ByExtension = new Dictionary<string, Language>(StringComparer.OrdinalIgnoreCase)
        {
            [".cs"] = Language.CSharp,
            [".py"] = Language.Python, [".pyw"] = Language.Python,
            [".js"] = Language.JavaScript, [".mjs"] = Language.JavaScript, [".cjs"] = Language.JavaScript, [".jsx"] = Language.JavaScript,
            [".ts"] = Language.TypeScript, [".mts"] = Language.TypeScript, [".cts"] = Language.TypeScript, [".tsx"] = Language.TypeScript,
            [".go"] = Language.Go,
            [".rs"] = Language.Rust,
        };

        /// <summary>Folders that hold tests by convention, in any ecosystem.</summary>
        private static readonly HashSet<string> TestFolders = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "test", "tests", "__tests__", "testing", "spec", "specs",
        };

        /// <summary>Every known source extension and its language.</summary>
        public static IEnumerable<KeyValuePair<string, Language>> Extensions => ByExtension;

        public static bool TryGet(string path, out Language language) => ByExtension.TryGetValue(Path.GetExtension(path), out language);

        /// <summary>Test files by each ecosystem's convention (C# tests are whole test projects, decided by MSBuild).</summary>
        public static bool IsTestFile(string relativePath, Language language)
        {
            string name = Path.GetFileName(relativePath);
            string stem = Path.GetFileNameWithoutExtension(relativePath);
            string[] parts = relativePath.Split('/');
            for (int i = 0; i < parts.Length - 1; i++)
            {
                if (TestFolders.Contains(parts[i])) return language != Language.CSharp;
            }
            switch (language)
            {
                case Language.Python:
                    return stem.StartsWith("test_", StringComparison.Ordinal) || stem.EndsWith("_test", StringComparison.Ordinal)
                        || name == "conftest.py";
                case Language.JavaScript:
                case Language.TypeScript:
                    return stem.EndsWith(".test", StringComparison.Ordinal) || stem.EndsWith(".spec", StringComparison.Ordinal);
                case Language.Go:
                    return stem.EndsWith("_test", StringComparison.Ordinal);
                default:
                    return false;
            }
        }
    }
}
