using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace RuntimePerf.Engine.Sources
{
    /// <summary>
    /// Finds non-.NET sources under the project folder. Build output, virtual environments, package caches and
    /// hidden folders are not the project's code, so they are never entered.
    /// </summary>
    public static class SourceDiscovery
    {
        private static readonly HashSet<string> SkippedFolders = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "bin", "obj", ".venv", "venv", "node_modules", "__pycache__", "site-packages", "dist-packages",
            ".tox", ".nox", ".mypy_cache", ".pytest_cache", "target", "vendor", "TestResults",
        };

        /// <summary>Files under <paramref name="directory"/> whose extension is in <paramref name="extensions"/>, sorted.</summary>
        public static List<string> Find(string directory, IEnumerable<string> extensions)
        {
            var wanted = new HashSet<string>(extensions, StringComparer.OrdinalIgnoreCase);
            var found = new List<string>();
            var pending = new Stack<string>();
            pending.Push(Path.GetFullPath(directory));
            while (pending.Count > 0)
            {
                string dir = pending.Pop();
                try
                {
                    foreach (string file in Directory.EnumerateFiles(dir))
                    {
                        if (wanted.Contains(Path.GetExtension(file))) found.Add(file);
                    }
                    foreach (string sub in Directory.EnumerateDirectories(dir))
                    {
                        string name = Path.GetFileName(sub);
                        if (name.StartsWith(".", StringComparison.Ordinal) || SkippedFolders.Contains(name)) continue;
                        // A symlinked folder can loop back up the tree.
                        if ((File.GetAttributes(sub) & FileAttributes.ReparsePoint) != 0) continue;
                        // A virtual environment under any name (env/, .py311/…) holds installed packages, not project code.
                        if (File.Exists(Path.Combine(sub, "pyvenv.cfg"))) continue;
                        pending.Push(sub);
                    }
                }
                catch (UnauthorizedAccessException) { }
                catch (IOException) { }
            }
            return found.OrderBy(f => f, StringComparer.Ordinal).ToList();
        }
    }
}
