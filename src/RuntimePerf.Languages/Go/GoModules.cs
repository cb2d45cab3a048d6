using System;
using RuntimePerf.Languages.Common;

namespace RuntimePerf.Languages.Go
{
    /// <summary>
    /// The <c>go</c> directive of the nearest <c>go.mod</c> above a file: rules whose answer changed between Go versions
    /// (timers collected since 1.23) read it. Where the go.mod is is looked up once per folder; it is read again only when
    /// its size or time stamp changed (a build server's process outlives an edit of go.mod).
    /// </summary>
    internal static class GoModules
    {
        private static readonly NearestManifest<string> GoMod = new("go.mod", lines => Directive(lines) ?? "");

        /// <summary>The <c>go</c> directive (<c>1.21</c>) of the module holding <paramref name="fullPath"/>, or null when there is no go.mod.</summary>
        public static string? VersionFor(string? fullPath) => GoMod.For(fullPath);

        /// <summary>The version of the <c>go 1.22.3</c> line ("" when a go.mod declares none: go 1.16 semantics and older).</summary>
        internal static string? Directive(string[] lines)
        {
            foreach (string raw in lines)
            {
                string line = raw.Trim();
                if (line.StartsWith("go ", StringComparison.Ordinal) || line.StartsWith("go\t", StringComparison.Ordinal)) return line.Substring(3).Trim();
            }
            return null;
        }

        /// <summary><paramref name="version"/> is at least <paramref name="major"/>.<paramref name="minor"/>; null version: the newest Go.</summary>
        public static bool AtLeast(string? version, int major, int minor)
        {
            if (version == null) return true;
            string[] parts = version.Split('.', '-', 'r', 'b');
            if (parts.Length < 2 || !int.TryParse(parts[0], out int ma) || !int.TryParse(parts[1], out int mi)) return version.Length > 0;
            return ma > major || ma == major && mi >= minor;
        }
    }
}
