using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace RuntimePerf.Engine.Sources
{
    /// <summary>
    /// Finds the sources of the given languages under the project folder. Build output, hidden folders and every
    /// folder a language's ecosystem fills with code that is not the project's (its <see cref="LanguageFiles.SkippedFolders"/>
    /// and folders holding one of its <see cref="LanguageFiles.SkippedFolderMarkers"/>) are never entered.
    /// </summary>
    public static class SourceDiscovery
    {
        /// <summary>Never project sources, whatever the language: build output and third-party code of any ecosystem.</summary>
        private static readonly string[] AlwaysSkipped = { "bin", "obj", "TestResults", "node_modules", "vendor", "target" };

        /// <summary>Files under <paramref name="directory"/> of one of <paramref name="languages"/>, sorted.</summary>
        /// <param name="editorConfigs">When given, also gets the <c>.editorconfig</c> files of the folders walked (the ones
        /// that can apply to the files found), so the build need not walk the tree a second time for them.</param>
        public static List<string> Find(string directory, IReadOnlyCollection<LanguageFiles> languages, ICollection<string>? editorConfigs = null)
        {
            var wanted = new HashSet<string>(languages.SelectMany(l => l.Extensions), StringComparer.OrdinalIgnoreCase);
            var skipped = new HashSet<string>(AlwaysSkipped.Concat(languages.SelectMany(l => l.SkippedFolders)), StringComparer.OrdinalIgnoreCase);
            var markers = languages.SelectMany(l => l.SkippedFolderMarkers).Distinct(StringComparer.Ordinal).ToArray();
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
                        else if (editorConfigs != null && Path.GetFileName(file) == ".editorconfig") editorConfigs.Add(file);
                    }
                    foreach (string sub in Directory.EnumerateDirectories(dir))
                    {
                        string name = Path.GetFileName(sub);
                        if (name.StartsWith(".", StringComparison.Ordinal) || skipped.Contains(name)) continue;
                        // A symlinked folder can loop back up the tree.
                        if ((File.GetAttributes(sub) & FileAttributes.ReparsePoint) != 0) continue;
                        if (markers.Any(m => File.Exists(Path.Combine(sub, m)))) continue;
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
