using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.Extensions.FileSystemGlobbing;
using RuntimePerf.Engine.Model;

namespace RuntimePerf.Engine.Sources
{
    /// <summary>One candidate source file, classified; <see cref="Files"/> is its language's conventions (null: no language owns it).</summary>
    public sealed record SourceFile(string FullPath, string RelativePath, LanguageFiles? Files, string? SkipReason)
    {
        public Language? Language => Files?.Language;

        public bool IsAudited => SkipReason is null;
    }

    /// <summary>Why a file is not audited, where the reason also deserves a notice of its own.</summary>
    public static class SkipReasons
    {
        public const string OutsideRoot = "outside the repository root; not audited (its path could not be reported: set RuntimePerfRepositoryRoot to a folder that contains it)";
        public const string Missing = "listed as a source but not found; not audited";
    }

    /// <summary>
    /// Decides which files an audit covers: by language, excluded globs, test conventions and the languages that
    /// have a front end. Paths are reported relative to the repository root with forward slashes.
    /// </summary>
    public sealed class SourceSet
    {
        private readonly string _root;
        private readonly Matcher? _exclude;
        private readonly HashSet<string> _excludedFiles;

        public SourceSet(string repositoryRoot, string projectDirectory, IEnumerable<string> excludes)
        {
            _root = Paths.NormaliseDirectory(repositoryRoot);
            ProjectDirectory = Paths.NormaliseDirectory(projectDirectory);
            _excludedFiles = new HashSet<string>(StringComparer.Ordinal);
            var globs = new List<string>();
            foreach (string e in excludes.Where(e => !string.IsNullOrWhiteSpace(e)))
            {
                // MSBuild expands a glob that matches files; one that matches nothing arrives as the glob itself.
                if (e.IndexOfAny(new[] { '*', '?' }) >= 0) globs.Add(e.Replace('\\', '/'));
                else _excludedFiles.Add(Path.GetFullPath(Path.Combine(ProjectDirectory, e)));
            }
            if (globs.Count > 0)
            {
                _exclude = new Matcher(StringComparison.Ordinal);
                _exclude.AddIncludePatterns(globs);
            }
        }

        public string ProjectDirectory { get; }

        public string Relative(string fullPath) => Paths.Relative(_root, fullPath);

        public bool IsInsideRoot(string fullPath) => Paths.IsInside(_root, fullPath);

        /// <summary>
        /// A path fit for a report: relative to the root, or only the file name for a file outside it (no report
        /// names a folder outside the repository).
        /// </summary>
        public string Display(string fullPath) => IsInsideRoot(fullPath) ? Relative(fullPath) : Path.GetFileName(fullPath);

        public bool IsExcluded(string fullPath)
        {
            if (_excludedFiles.Contains(fullPath)) return true;
            if (_exclude is null) return false;
            string fromProject = Paths.Relative(ProjectDirectory, fullPath);
            return _exclude.Match(fromProject).HasMatches || _exclude.Match(Relative(fullPath)).HasMatches;
        }

        /// <summary>Classifies files among <paramref name="languages"/>, the languages audited (C# and the front ends' languages).</summary>
        public IReadOnlyList<SourceFile> Classify(IEnumerable<string> fullPaths, IReadOnlyCollection<LanguageFiles> languages, bool includeTests)
        {
            var result = new List<SourceFile>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (string raw in fullPaths)
            {
                string full = Path.GetFullPath(Path.Combine(ProjectDirectory, raw));
                if (!seen.Add(full)) continue;
                string rel = Display(full);
                var language = LanguageFiles.Of(full, languages);
                string? skip =
                    !IsInsideRoot(full) ? SkipReasons.OutsideRoot
                    : language is null ? "language not supported"
                    : IsExcluded(full) ? "excluded"
                    : language.IsGeneratedName(Path.GetFileName(full)) ? "generated"
                    : language.IsBuildScript(full) ? "build script"
                    : !includeTests && language.IsTestFile(rel) ? "test file"
                    : null;
                result.Add(new SourceFile(full, rel, language, skip));
            }
            return result;
        }

        /// <summary>Audited/skipped counts per language name ("other" for files of no known language).</summary>
        public static Dictionary<string, FileCounts> Count(IEnumerable<SourceFile> files)
        {
            var counts = new Dictionary<string, FileCounts>(StringComparer.Ordinal);
            foreach (var f in files)
            {
                string key = f.Language is Language l ? Names.Of(l) : "other";
                counts.TryGetValue(key, out var c);
                c ??= new FileCounts(0, 0);
                counts[key] = f.IsAudited ? c with { Audited = c.Audited + 1, Lines = c.Lines + NonBlankLines(f.FullPath) }
                    : c with { Skipped = c.Skipped + 1 };
            }
            return counts;
        }

        /// <summary>The size the rating is measured against; an unreadable file counts 0 (its front end reports it once).</summary>
        private static int NonBlankLines(string path)
        {
            try
            {
                int lines = 0;
                foreach (string line in File.ReadLines(path)) if (!string.IsNullOrWhiteSpace(line)) lines++;
                return lines;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                return 0;
            }
        }
    }
}
