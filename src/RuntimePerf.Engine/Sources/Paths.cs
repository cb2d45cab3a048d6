using System;
using System.IO;

namespace RuntimePerf.Engine.Sources
{
    /// <summary>Repository-relative paths with forward slashes (netstandard2.0 has no Path.GetRelativePath).</summary>
    public static class Paths
    {
        public static string NormaliseDirectory(string directory)
        {
            string full = Path.GetFullPath(directory);
            return full.EndsWith(Path.DirectorySeparatorChar.ToString(), StringComparison.Ordinal) ? full : full + Path.DirectorySeparatorChar;
        }

        /// <summary>The path of <paramref name="fullPath"/> relative to <paramref name="rootDirectory"/>, with "../" for files outside it.</summary>
        public static string Relative(string rootDirectory, string fullPath)
        {
            string root = NormaliseDirectory(rootDirectory);
            string full = Path.GetFullPath(fullPath);
            var comparison = Path.DirectorySeparatorChar == '\\' ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
            string rel = full.StartsWith(root, comparison) ? full.Substring(root.Length) : RelativeOutside(root, full);
            return rel.Replace('\\', '/');
        }

        // A file outside the repository root: walk up with "../" so the path stays relative and meaningful.
        private static string RelativeOutside(string root, string full)
        {
            var rootUri = new Uri(root);
            var fileUri = new Uri(full);
            if (!string.Equals(rootUri.Scheme, fileUri.Scheme, StringComparison.Ordinal)) return Path.GetFileName(full);
            string rel = Uri.UnescapeDataString(rootUri.MakeRelativeUri(fileUri).ToString());
            return Path.IsPathRooted(rel) ? Path.GetFileName(full) : rel;
        }
    }
}
