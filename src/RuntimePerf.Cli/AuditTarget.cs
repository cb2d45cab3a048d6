using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.Build.Construction;
using Microsoft.Build.Exceptions;

namespace RuntimePerf.Cli
{
    /// <summary>
    /// What PATH names: the projects to audit (from a solution, a project, or the projects under a folder), or, for a
    /// folder without projects, the folder itself as sources only.
    /// </summary>
    public sealed record AuditTarget(string Path, IReadOnlyList<string> Projects, string? SourcesFolder)
    {
        private static readonly string[] ProjectExtensions = { ".csproj", ".vbproj", ".fsproj" };
        private static readonly string[] SolutionExtensions = { ".sln", ".slnx" };

        /// <summary>Folders never searched for projects: build output, dependencies, hidden folders.</summary>
        private static readonly HashSet<string> SkippedFolders = new(StringComparer.OrdinalIgnoreCase) { "bin", "obj", "node_modules", "packages", "artifacts" };

        /// <exception cref="UsageException">PATH is a file that is neither a solution nor a project, or a solution that cannot be read.</exception>
        public static AuditTarget Resolve(string path)
        {
            string full = System.IO.Path.GetFullPath(path);
            if (File.Exists(full))
            {
                string ext = System.IO.Path.GetExtension(full);
                if (SolutionExtensions.Contains(ext, StringComparer.OrdinalIgnoreCase)) return new AuditTarget(full, FromSolution(full), null);
                if (ProjectExtensions.Contains(ext, StringComparer.OrdinalIgnoreCase) || ext.EndsWith("proj", StringComparison.OrdinalIgnoreCase))
                    return new AuditTarget(full, new[] { full }, null);
                throw new UsageException($"'{path}' is not a solution (.sln, .slnx), a project or a folder");
            }
            var solutions = SolutionExtensions.SelectMany(e => Directory.GetFiles(full, "*" + e)).OrderBy(s => s, StringComparer.Ordinal).ToList();
            if (solutions.Count == 1) return new AuditTarget(solutions[0], FromSolution(solutions[0]), null);
            if (solutions.Count > 1)
                throw new UsageException($"'{path}' holds {solutions.Count} solutions ({string.Join(", ", solutions.Select(System.IO.Path.GetFileName))}); name one");
            var projects = FindProjects(full);
            return projects.Count > 0 ? new AuditTarget(full, projects, null) : new AuditTarget(full, Array.Empty<string>(), full);
        }

        private static IReadOnlyList<string> FromSolution(string solution)
        {
            try
            {
                return SolutionFile.Parse(solution).ProjectsInOrder
                    .Where(p => p.ProjectType != SolutionProjectType.SolutionFolder && File.Exists(p.AbsolutePath))
                    .Select(p => System.IO.Path.GetFullPath(p.AbsolutePath))
                    .Distinct(StringComparer.Ordinal).ToList();
            }
            catch (Exception e) when (e is InvalidProjectFileException || e is IOException || e is ArgumentException || e is InvalidOperationException)
            {
                throw new UsageException($"cannot read the solution '{solution}': {e.Message}");
            }
        }

        /// <summary>Project files under the folder, without recursion that a deep tree could overflow.</summary>
        private static List<string> FindProjects(string root)
        {
            var found = new List<string>();
            var pending = new Stack<string>();
            pending.Push(root);
            while (pending.Count > 0)
            {
                string dir = pending.Pop();
                IEnumerable<string> files, dirs;
                try
                {
                    files = Directory.GetFiles(dir);
                    dirs = Directory.GetDirectories(dir);
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                {
                    continue;
                }
                found.AddRange(files.Where(f => ProjectExtensions.Contains(System.IO.Path.GetExtension(f), StringComparer.OrdinalIgnoreCase)));
                foreach (string d in dirs)
                {
                    string name = System.IO.Path.GetFileName(d);
                    if (!name.StartsWith(".", StringComparison.Ordinal) && !SkippedFolders.Contains(name)) pending.Push(d);
                }
            }
            return found.OrderBy(f => f, StringComparer.Ordinal).ToList();
        }
    }

    /// <summary>A usage or configuration problem: one line, exit code 2.</summary>
    public sealed class UsageException : Exception
    {
        public UsageException(string message) : base(message) { }
    }
}
