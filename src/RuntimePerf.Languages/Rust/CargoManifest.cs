using System;
using System.Collections.Generic;
using RuntimePerf.Languages.Common;

namespace RuntimePerf.Languages.Rust
{
    /// <summary>
    /// The crates the nearest <c>Cargo.toml</c> above a file depends on: which async runtime (tokio, async-std, smol) the
    /// advice should name, and which web framework's method names (<c>.to(…)</c>, <c>.and_then(…)</c>) register handlers.
    /// Where the manifest is is looked up once per folder; it is parsed again only when its size or time stamp changed
    /// (a build server's process outlives an edit of Cargo.toml).
    /// </summary>
    internal static class CargoManifest
    {
        private static readonly NearestManifest<IReadOnlySet<string>> Manifest = new("Cargo.toml", Parse);

        /// <summary>The dependency names (<c>tokio</c>, <c>actix-web</c>) of the crate holding <paramref name="fullPath"/>; null without a Cargo.toml.</summary>
        public static IReadOnlySet<string>? DependenciesFor(string? fullPath) => Manifest.For(fullPath);

        /// <summary>
        /// Keys of every dependency table — <c>[dependencies]</c>, <c>[target.'cfg(unix)'.dependencies]</c>,
        /// <c>[workspace.dependencies]</c> — and <c>[dependencies.tokio]</c> headers; not dev- or build-dependencies
        /// (tests and build scripts are not the service). A renamed crate (<c>package = "…"</c>) counts under its key.
        /// </summary>
        internal static IReadOnlySet<string> Parse(IEnumerable<string> lines)
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            bool inDependencies = false;
            foreach (string raw in lines)
            {
                string line = raw.Trim();
                if (line.Length == 0 || line[0] == '#') continue;
                if (line[0] == '[')
                {
                    string header = line.Trim('[', ']', ' ');
                    inDependencies = IsDependencyTable(header);
                    int dot = header.LastIndexOf('.');
                    if (!inDependencies && dot > 0 && IsDependencyTable(header.Substring(0, dot))) names.Add(Unquote(header.Substring(dot + 1)));
                    continue;
                }
                if (!inDependencies) continue;
                int end = line.IndexOfAny(new[] { '=', '.' });
                if (end > 0) names.Add(Unquote(line.Substring(0, end).Trim()));
            }
            return names;
        }

        private static bool IsDependencyTable(string header) =>
            header == "dependencies" || header == "workspace.dependencies" || header.StartsWith("target.", StringComparison.Ordinal) && header.EndsWith(".dependencies", StringComparison.Ordinal);

        private static string Unquote(string key) => key.Trim('"', '\'', ' ');
    }
}
