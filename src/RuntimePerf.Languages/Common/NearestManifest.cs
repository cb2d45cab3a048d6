using System;
using System.Collections.Concurrent;
using System.IO;

namespace RuntimePerf.Languages.Common
{
    /// <summary>
    /// The nearest file of one name above a source file (<c>go.mod</c>, <c>Cargo.toml</c>, <c>package.json</c>), parsed into what the front end
    /// needs. Where it is is looked up once per folder; it is parsed again only when its size or time stamp changed (a build
    /// server's process outlives an edit of the manifest).
    /// </summary>
    internal sealed class NearestManifest<T> where T : class
    {
        private readonly string _fileName;
        private readonly Func<string[], T> _parse;
        private readonly ConcurrentDictionary<string, string?> _byFolder = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, (DateTime Stamp, long Length, T Value)> _parsed = new(StringComparer.Ordinal);

        public NearestManifest(string fileName, Func<string[], T> parse)
        {
            _fileName = fileName;
            _parse = parse;
        }

        /// <summary>What the manifest above <paramref name="fullPath"/> says, or null when there is none.</summary>
        public T? For(string? fullPath) => Find(fullPath)?.Value;

        /// <summary>The manifest above <paramref name="fullPath"/> (its full path) and what it says, or null when there is none.</summary>
        public (string Path, T Value)? Find(string? fullPath)
        {
            if (string.IsNullOrEmpty(fullPath) || Path.GetDirectoryName(Path.GetFullPath(fullPath)) is not { } folder) return null;
            if (In(folder) is not { } manifest) return null;
            var info = new FileInfo(manifest);
            if (!info.Exists) return null;
            if (_parsed.TryGetValue(manifest, out var known) && known.Stamp == info.LastWriteTimeUtc && known.Length == info.Length) return (manifest, known.Value);
            var value = _parse(ReadLines(manifest));
            _parsed[manifest] = (info.LastWriteTimeUtc, info.Length, value);
            return (manifest, value);
        }

        private string? In(string folder)
        {
            if (_byFolder.TryGetValue(folder, out var known)) return known;
            string candidate = Path.Combine(folder, _fileName);
            string? manifest = File.Exists(candidate) ? candidate : Path.GetDirectoryName(folder) is { } parent ? In(parent) : null;
            _byFolder[folder] = manifest;
            return manifest;
        }

        /// <summary>An unreadable manifest counts as an empty one (the audit goes on with the defaults).</summary>
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
    }
}
