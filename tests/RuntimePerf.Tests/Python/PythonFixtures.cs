using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using RuntimePerf.Languages.FrontEnds;
using RuntimePerf.Engine.Model;
using RuntimePerf.Engine.Sources;
using RuntimePerf.Languages;

namespace RuntimePerf.Tests.Python
{
    /// <summary>Runs the tree-sitter audit on Python fixtures; paths are reported relative to the fixture folder.</summary>
    internal static class PythonFixtures
    {
        public static string Folder => Path.Combine(AppContext.BaseDirectory, "fixtures", "python");

        public static IEnumerable<string> All() =>
            Directory.EnumerateFiles(Folder, "*.py", SearchOption.AllDirectories).OrderBy(p => p, StringComparer.Ordinal);

        public static string Relative(string fullPath) => Path.GetRelativePath(Folder, fullPath).Replace('\\', '/');

        /// <summary>Classifies the files the way the build does (test files are skipped) and audits them.</summary>
        public static LanguageAuditResult Audit(params string[] fullPaths) => AuditUnder(Folder, fullPaths);

        public static LanguageAuditResult AuditUnder(string root, params string[] fullPaths) => Languages.LanguageFixtures.AuditUnder(root, fullPaths);
    }
}
