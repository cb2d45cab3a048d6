using System;
using System.IO;
using System.Text.RegularExpressions;

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

        private static StringComparison Comparison => Path.DirectorySeparatorChar == '\\' ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

        /// <summary>Whether <paramref name="fullPath"/> is inside <paramref name="rootDirectory"/>.</summary>
        public static bool IsInside(string rootDirectory, string fullPath) =>
            Path.GetFullPath(fullPath).StartsWith(NormaliseDirectory(rootDirectory), Comparison);

        // An absolute path in free text: "/…" or "C:\…", up to a quote or white space (not "n/a", not a URL's "//host").
        private static readonly Regex AbsolutePath = new Regex(@"(?<![\w.~:/\\])(?:[A-Za-z]:[\\/]|/)[^\s'""]*", RegexOptions.CultureInvariant);

        /// <summary>
        /// Text fit for a report (an exception's message, say): paths under the root become relative, any other
        /// absolute path becomes its file name, so no report shows where the repository or anything else lives.
        /// </summary>
        public static string Scrub(string text, string rootDirectory)
        {
            string root = NormaliseDirectory(rootDirectory);
            string relative = text.Replace(root, "");
            if (Path.DirectorySeparatorChar == '\\') relative = relative.Replace(root.Replace('\\', '/'), "");
            return AbsolutePath.Replace(relative, m => FileNameOf(m.Value));
        }

        // "/x/y/app.py." → "app.py.": the sentence's punctuation stays.
        private static string FileNameOf(string path)
        {
            string trimmed = path.TrimEnd('.', ',', ';', ':', ')');
            string name = Path.GetFileName(trimmed.TrimEnd('/', '\\'));
            return (name.Length > 0 ? name : "…") + path.Substring(trimmed.Length);
        }

        /// <summary>The path of <paramref name="fullPath"/> relative to <paramref name="rootDirectory"/>, with "../" for files outside it.</summary>
        public static string Relative(string rootDirectory, string fullPath)
        {
            string root = NormaliseDirectory(rootDirectory);
            string full = Path.GetFullPath(fullPath);
            string rel = full.StartsWith(root, Comparison) ? full.Substring(root.Length) : RelativeOutside(root, full);
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
