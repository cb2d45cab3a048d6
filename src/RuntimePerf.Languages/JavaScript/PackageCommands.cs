using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using RuntimePerf.Languages.Common;

namespace RuntimePerf.Languages.JavaScript
{
    /// <summary>
    /// The modules of a package that only its command-line programs load: what the <c>bin</c> entries of the nearest
    /// <c>package.json</c> and the files its npm scripts run with <c>node</c> (<c>"build": "node task/build"</c>) reach
    /// through relative imports (a script only within its own folder: an example at <c>examples/bot.ts</c> that imports
    /// <c>../src</c> does not make the sources a program's), less what its library entry (<c>main</c>, <c>exports</c>,
    /// <c>module</c>) reaches.
    /// fastify-cli's <c>generate.js</c> runs <c>execSync('npm init')</c> for a person at a terminal, flexsearch's
    /// <c>task/build.js</c> for a developer building it; no server imports them. A <c>main</c> that is also a <c>bin</c>
    /// entry is the program, not a library.
    /// </summary>
    internal static class PackageCommands
    {
        private static readonly NearestManifest<Entries> Manifest = new("package.json", Parse);

        /// <summary>
        /// The file an npm script runs with Node or a TypeScript runner, after its options: <c>node task/build RELEASE=x</c>,
        /// <c>tsx ./scripts/seed.ts</c>, <c>node --max-old-space-size=4096 tools/gen.js</c>, <c>babel-node --presets es2015 rollup.js</c>
        /// (an option given its value after a space, a value that does not start with <c>-</c>; one written <c>--require=x</c> is a
        /// single word: no text is read two ways, so the repetition cannot backtrack through every split; a match timeout bounds the
        /// rest) (not <c>tsx watch</c>'s subcommand).
        /// </summary>
        private static readonly Regex ScriptRun = new(
            @"(?:^|[;&|(]\s*|\s)(?:node|tsx|ts-node|babel-node)\s+(?:(?:--loader|--experimental-loader|--require|-r|--import|--presets|--plugins|--config-file|--env-file|--conditions)\s+(?!-)\S+\s+|-\S+\s+|watch\s+)*([\w./@][\w./@-]*)",
RegexOptions.Compiled, TimeSpan.FromSeconds(1));

        /// <summary>
        /// npm scripts that run the service itself (<c>"start": "node src/server.js"</c>, <c>dev</c>, <c>serve</c>…, also
        /// <c>start:prod</c>): what they load is the program that serves requests, not a command.
        /// </summary>
        private static readonly Regex ServiceScript = new(@"^(?:start|serve|server|dev|develop|preview|prod|production|watch|run)(?:$|[:\-_])", RegexOptions.Compiled | RegexOptions.IgnoreCase);

        /// <summary>
        /// npm scripts that run the package's own tests (<c>test</c>, <c>test:e2e</c>, <c>test-server</c>, <c>pretest</c>): what they
        /// load and nothing else does is test support, a fake server included (one started with <c>--port</c> for the suite).
        /// </summary>
        private static readonly Regex TestScript = new(@"^(?:pre|post)?test(?:$|[:\-_])", RegexOptions.Compiled | RegexOptions.IgnoreCase);

        /// <summary>A module that serves: it listens or builds a server (<c>app.listen(</c>, <c>createServer(</c>, <c>express()</c>, <c>fastify(</c>).</summary>
        private static readonly Regex Serves = new(@"\.listen\(|\bcreateServer\(|\bexpress\(\)|\bfastify\(|\bnew Koa\(|\bnew Hono\(|\bHapi\.server\(", RegexOptions.Compiled);

        /// <summary>Specifiers of relative imports: <c>require('./x')</c>, <c>import … from '../y'</c>, <c>import('./z')</c>, <c>export … from './w'</c>.</summary>
        private static readonly Regex RelativeImport = new(@"(?:\brequire\s*\(\s*|\bfrom\s+|\bimport\s*\(\s*|\bimport\s+)(['""])(\.\.?(?:/[^'""\r\n]*)?)\1", RegexOptions.Compiled);

        /// <summary>How Node and TypeScript complete a specifier (<c>./x</c> is <c>./x.js</c> or <c>./x/index.js</c>; <c>./x.js</c> may be <c>./x.ts</c>).</summary>
        private static readonly string[] Completions =
        {
            "", ".js", ".cjs", ".mjs", ".ts", ".tsx", ".mts", ".cts", ".jsx",
            "/index.js", "/index.cjs", "/index.mjs", "/index.ts", "/index.tsx",
        };

        /// <summary>What TypeScript compiles to a <c>.js</c> a specifier names.</summary>
        private static readonly string[] TypedSources = { ".ts", ".mts", ".cts", ".tsx" };

        /// <summary>More modules than a package's program loads in practice: the walk stops there (and marks nothing).</summary>
        private const int MaxModules = 5000;

        private const string DefaultMain = "index.js";

        /// <param name="Bins">The <c>bin</c> entries as written.</param>
        /// <param name="Scripts">The files npm scripts run, as written.</param>
        /// <param name="Library">The library's entries as written; a missing <c>main</c> means <c>index.js</c>, if there is one.</param>
        /// <param name="TestRuns">The files the package's test scripts run, as written.</param>
        private sealed record Entries(IReadOnlyList<string> Bins, IReadOnlyList<string> Scripts, IReadOnlyList<string> Library, IReadOnlyList<string> TestRuns)
        {
            public static readonly Entries None = new(Array.Empty<string>(), Array.Empty<string>(), Array.Empty<string>(), Array.Empty<string>());
        }

        /// <summary>The file of <paramref name="options"/> is loaded by its package's command-line program alone.</summary>
        public static bool OnlyCommandsLoad(LanguageOptions options) =>
            LoadedOnlyBy(options, "package.json bin: ", entries => entries.Bins.Count + entries.Scripts.Count > 0, CommandOnly);

        /// <summary>The file of <paramref name="options"/> is loaded by its package's test scripts alone: test support, even when it serves.</summary>
        public static bool OnlyTestsLoad(LanguageOptions options) =>
            LoadedOnlyBy(options, "package.json test scripts: ", entries => entries.TestRuns.Count > 0, TestOnly);

        /// <summary>
        /// The file is among the <paramref name="modules"/> of the nearest <c>package.json</c> that <paramref name="declares"/> some
        /// entries: worked out once per package and run (<paramref name="key"/>).
        /// </summary>
        private static bool LoadedOnlyBy(LanguageOptions options, string key, Func<Entries, bool> declares, Func<string, Entries, HashSet<string>> modules)
        {
            if (options.FullPath is not { } file || Manifest.Find(file) is not { } found || !declares(found.Value)) return false;
            string root = Path.GetDirectoryName(found.Path)!;
            var only = options.Run is { } run ? run.Once(key + found.Path, () => modules(root, found.Value)) : modules(root, found.Value);
            return only.Contains(Path.GetFullPath(file));
        }

        private static HashSet<string> TestOnly(string root, Entries entries)
        {
            var texts = new Dictionary<string, string>(StringComparer.Ordinal);
            if (LibraryModules(root, entries) is not { } library) return new HashSet<string>();
            // what the library, the commands or the other scripts load is theirs as well
            library.AddRange(entries.Bins.Concat(entries.Scripts).Select(b => Resolve(root, b)).OfType<string>());
            if (Reached(root, entries.TestRuns.Select(b => Resolve(root, b)).OfType<string>().ToList(), texts) is not { } tests
                || Reached(root, library, texts) is not { } others) return new HashSet<string>();
            tests.ExceptWith(others);
            return tests;
        }

        private static HashSet<string> CommandOnly(string root, Entries entries)
        {
            var bins = entries.Bins.Select(b => Resolve(root, b)).OfType<string>().ToList();
            var scripts = entries.Scripts.Select(b => Resolve(root, b)).OfType<string>().ToList();
            if (LibraryModules(root, entries) is not { } library) return new HashSet<string>();
            library.RemoveAll(bins.Contains);
            // each module read once, whichever entries' walks reach it
            var texts = new Dictionary<string, string>(StringComparer.Ordinal);
            var fromBins = Reached(root, bins, texts);
            if (fromBins == null || Reached(root, library, texts) is not { } fromLibrary) return new HashSet<string>();
            foreach (string script in scripts)
            {
                // a script that starts a server runs the service: what it loads serves requests
                if (Reached(root, new List<string> { script }, texts) is not { } loaded || loaded.Any(m => Serves.IsMatch(Read(m, texts)))) continue;
                loaded.RemoveWhere(m => m != script && !(OwnFolder(root, script) is { } folder && m.StartsWith(folder, StringComparison.Ordinal)));
                fromBins.UnionWith(loaded);
            }
            fromBins.ExceptWith(fromLibrary);
            return fromBins;
        }

        /// <summary>The modules of the library's entries; null when an entry the sources do not show (built into a dist/ not shipped) may load anything.</summary>
        private static List<string>? LibraryModules(string root, Entries entries)
        {
            var library = new List<string>();
            foreach (string entry in entries.Library)
            {
                var modules = entry.Contains('*') ? Expand(root, entry) : Resolve(root, entry) is { } module ? new List<string> { module } : null;
                if (modules != null) library.AddRange(modules);
                else if (entry != DefaultMain) return null;
            }
            return library;
        }

        /// <summary>The folder of a script below the package's root, with a trailing separator; null for one at the root.</summary>
        private static string? OwnFolder(string root, string script)
        {
            string folder = Path.GetDirectoryName(script)!;
            return folder.Length > root.Length ? folder + Path.DirectorySeparatorChar : null;
        }

        /// <summary>The modules <paramref name="starts"/> load, themselves included, within the package; null past <see cref="MaxModules"/>.</summary>
        private static HashSet<string>? Reached(string root, List<string> starts, Dictionary<string, string> texts)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var pending = new Stack<string>(starts);
            while (pending.Count > 0)
            {
                string module = pending.Pop();
                if (!seen.Add(module)) continue;
                if (seen.Count > MaxModules) return null;
                foreach (Match m in RelativeImport.Matches(Read(module, texts)))
                {
                    if (Resolve(Path.GetDirectoryName(module)!, m.Groups[2].Value) is { } next && next.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal)) pending.Push(next);
                }
            }
            return seen;
        }

        /// <summary>
        /// The files a subpath pattern of <c>exports</c> maps to (<c>./dist/lang/*.js</c>: its one <c>*</c> stands for any
        /// string, slashes included); null when its folder is not there or holds more than <see cref="MaxModules"/> files.
        /// </summary>
        private static List<string>? Expand(string root, string pattern)
        {
            int star = pattern.IndexOf('*');
            if (star != pattern.LastIndexOf('*')) return null;
            string prefix = Path.GetFullPath(Path.Combine(root, pattern.Substring(0, star))); // keeps a trailing separator
            string suffix = pattern.Substring(star + 1);
            string folder = prefix.EndsWith(Path.DirectorySeparatorChar) ? prefix : Path.GetDirectoryName(prefix)!;
            if (!folder.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal) && folder != root || !Directory.Exists(folder)) return null;
            var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Take(MaxModules + 1).ToList();
            if (files.Count > MaxModules) return null;
            return files.Where(f => f.StartsWith(prefix, StringComparison.Ordinal) && f.EndsWith(suffix, StringComparison.Ordinal)).ToList();
        }

        private static string? Resolve(string folder, string specifier)
        {
            if (specifier.Contains('*')) return null;
            string path = Path.GetFullPath(Path.Combine(folder, specifier));
            foreach (string completion in Completions)
            {
                if (File.Exists(path + completion)) return path + completion;
            }
            string extension = Path.GetExtension(path);
            if (extension is ".js" or ".mjs" or ".cjs" or ".jsx")
            {
                string stem = path.Substring(0, path.Length - extension.Length);
                foreach (string typed in TypedSources)
                {
                    if (File.Exists(stem + typed)) return stem + typed;
                }
            }
            return null;
        }

        /// <summary>A module's text, read once into <paramref name="texts"/>; one that cannot be read loads nothing the walk can see.</summary>
        private static string Read(string path, Dictionary<string, string> texts)
        {
            if (texts.TryGetValue(path, out string? known)) return known;
            string text;
            try
            {
                text = File.ReadAllText(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                text = "";
            }
            texts[path] = text;
            return text;
        }

        /// <summary>
        /// <c>bin</c> (a path, or names to paths) and the files of <c>node …</c> in <c>scripts</c>; the library entries: <c>main</c> (<c>index.js</c> when absent), <c>module</c> and
        /// every path in <c>exports</c> (a path, conditions, subpaths). A manifest that is not valid JSON names no command.
        /// </summary>
        private static Entries Parse(string[] lines)
        {
            try
            {
                using var json = JsonDocument.Parse(string.Join("\n", lines), new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
                var package = json.RootElement;
                if (package.ValueKind != JsonValueKind.Object) return Entries.None;
                var bins = new List<string>();
                if (package.TryGetProperty("bin", out var bin)) Paths(bin, bins);
                var runs = new List<string>();
                var testRuns = new List<string>();
                if (package.TryGetProperty("scripts", out var scripts) && scripts.ValueKind == JsonValueKind.Object)
                {
                    foreach (var script in scripts.EnumerateObject())
                    {
                        if (script.Value.ValueKind != JsonValueKind.String || ServiceScript.IsMatch(script.Name)) continue;
                        var into = TestScript.IsMatch(script.Name) ? testRuns : runs;
                        try
                        {
                            foreach (Match run in ScriptRun.Matches(script.Value.GetString()!)) into.Add(run.Groups[1].Value);
                        }
                        catch (RegexMatchTimeoutException)
                        {
                            // a script too tangled to read in time: the files it runs stay unknown, so none is taken for a command's
                        }
                    }
                }
                var library = new List<string>();
                library.Add(package.TryGetProperty("main", out var main) && main.ValueKind == JsonValueKind.String ? main.GetString()! : DefaultMain);
                if (package.TryGetProperty("module", out var module)) Paths(module, library);
                if (package.TryGetProperty("exports", out var exports)) Paths(exports, library);
                return new Entries(bins, runs, library, testRuns);
            }
            catch (JsonException)
            {
                return Entries.None;
            }
        }

        /// <summary>The strings of a JSON value, through objects and arrays (<c>exports</c> nests conditions), without recursion.</summary>
        private static void Paths(JsonElement value, List<string> into)
        {
            var pending = new Stack<JsonElement>();
            pending.Push(value);
            while (pending.Count > 0)
            {
                var element = pending.Pop();
                switch (element.ValueKind)
                {
                    case JsonValueKind.String:
                        into.Add(element.GetString()!);
                        break;
                    case JsonValueKind.Object:
                        foreach (var property in element.EnumerateObject()) pending.Push(property.Value);
                        break;
                    case JsonValueKind.Array:
                        foreach (var item in element.EnumerateArray()) pending.Push(item);
                        break;
                }
            }
        }
    }
}
