using System;
using System.IO;

namespace RuntimePerf.Engine.Sources
{
    /// <summary>
    /// The one folder every report path is relative to, found the same way by every entry point (a build, the
    /// standalone RuntimePerfAudit target, the gate), so that their reports, fingerprints and baselines agree.
    /// </summary>
    public static class RepositoryRoot
    {
        /// <summary>
        /// <paramref name="configured"/> (RuntimePerfRepositoryRoot) when set; otherwise the nearest folder at or above
        /// the project that holds a <c>.git</c> folder (a clone, also one with no commit yet) or a <c>.git</c> file (a
        /// worktree or a submodule); otherwise the project folder. Returned with a trailing separator.
        /// </summary>
        public static string Find(string projectDirectory, string? configured)
        {
            if (!string.IsNullOrWhiteSpace(configured)) return Paths.NormaliseDirectory(Path.Combine(projectDirectory, configured!.Trim()));
            for (string? dir = Path.GetFullPath(projectDirectory); dir != null; dir = Path.GetDirectoryName(dir))
            {
                string git = Path.Combine(dir, ".git");
                if (Directory.Exists(git) || File.Exists(git)) return Paths.NormaliseDirectory(dir);
            }
            return Paths.NormaliseDirectory(projectDirectory);
        }
    }
}
