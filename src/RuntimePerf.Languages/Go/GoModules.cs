using System;
using System.Collections.Concurrent;
using System.IO;

namespace RuntimePerf.Languages.Go
{
    /// <summary>
    /// The <c>go</c> directive of the nearest <c>go.mod</c> above a file: rules whose answer changed between Go versions
    /// (timers collected since 1.23) read it. Where the go.mod is is looked up once per folder; it is read again only when
    /// its size or time stamp changed (a build server's process outlives an edit of go.mod).
    /// </summary>
    internal static class GoModules
    {
        private static readonly ConcurrentDictionary<string, string?> ModuleByFolder = new(StringComparer.Ordinal);
        private static readonly ConcurrentDictionary<string, (DateTime Stamp, long Length, string Version)> Parsed = new(StringComparer.Ordinal);

        /// <summary>The <c>go</c> directive (<c>1.21</c>) of the module holding <paramref name="fullPath"/>, or null when there is no go.mod.</summary>
        public static string? VersionFor(string? fullPath)
        {
            if (string.IsNullOrEmpty(fullPath) || Path.GetDirectoryName(Path.GetFullPath(fullPath)) is not { } folder) return null;
            if (ModuleIn(folder) is not { } goMod) return null;
            var info = new FileInfo(goMod);
            if (!info.Exists) return null;
            if (Parsed.TryGetValue(goMod, out var known) && known.Stamp == info.LastWriteTimeUtc && known.Length == info.Length) return known.Version;
            string version = Directive(ReadLines(goMod)) ?? "";
            Parsed[goMod] = (info.LastWriteTimeUtc, info.Length, version);
            return version;
        }

        private static string? ModuleIn(string folder)
        {
            if (ModuleByFolder.TryGetValue(folder, out var known)) return known;
            string candidate = Path.Combine(folder, "go.mod");
            string? goMod = File.Exists(candidate) ? candidate : Path.GetDirectoryName(folder) is { } parent ? ModuleIn(parent) : null;
            ModuleByFolder[folder] = goMod;
            return goMod;
        }

        /// <summary>An unreadable go.mod counts as one without a directive.</summary>
        private static string[] ReadLines(string path)
        {
            try
            {
                return File.ReadAllLines(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return Array.Empty<string>();
            }
        }

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
