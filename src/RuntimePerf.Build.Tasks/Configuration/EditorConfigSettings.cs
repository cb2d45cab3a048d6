using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using RuntimePerf.Engine.Configuration;
using RuntimePerf.Engine.Model;

namespace RuntimePerf.Build.Tasks.Configuration
{
    /// <summary>
    /// Reads the .editorconfig files that apply to each audited file — the C# ones and the non-.NET ones alike —
    /// through Roslyn's analyzer-config API, so section globs, precedence and <c>root = true</c> behave exactly as
    /// they do for the compiler. Files are found by walking up from each file's folder to a root config.
    /// </summary>
    internal sealed class EditorConfigSettings
    {
        public const string Prefix = "runtimeperf.";

        private readonly Dictionary<string, List<string>> _chainOfDirectory = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        private readonly Dictionary<string, AnalyzerConfigSet?> _setOfChain = new Dictionary<string, AnalyzerConfigSet?>(StringComparer.Ordinal);
        private readonly Dictionary<string, AnalyzerConfig?> _configs = new Dictionary<string, AnalyzerConfig?>(StringComparer.Ordinal);
        private readonly List<string> _problems = new List<string>();

        /// <summary>Values that could not be read or understood, one line each, for the build log.</summary>
        public IReadOnlyList<string> Problems => _problems;

        /// <summary>The setting for the finding's rule in its file, or null when no .editorconfig says anything.</summary>
        public RuleSetting? For(string fullPath, string ruleId)
        {
            if (OptionsFor(fullPath) is not { } options) return null;
            string? dotnet = options.TreeOptions.TryGetValue(ruleId, out var report) ? Name(report) : TurnedOffForAll(options.AnalyzerOptions);
            options.AnalyzerOptions.TryGetValue(Prefix + ruleId.ToLowerInvariant() + ".severity", out string? own);
            var setting = RuleSetting.From(dotnet, own, out string? problem);
            if (problem != null) Problem($"{Prefix}{ruleId}.severity for {fullPath}: {problem}; ignored.");
            return setting;
        }

        /// <summary>
        /// Roslyn's category-wide and analyzer-wide keys (the category's wins): only "off" is taken from them, as the
        /// compiler would skip the analyzer — a project raising every analyzer to warning must not lower HIGH findings.
        /// </summary>
        private static string? TurnedOffForAll(IReadOnlyDictionary<string, string> options)
        {
            // The parser stores keys in lower case.
            string? value = options.TryGetValue("dotnet_analyzer_diagnostic.category-runtimeperformance.severity", out string? category) ? category
                : options.TryGetValue("dotnet_analyzer_diagnostic.severity", out string? all) ? all
                : null;
            return value?.Trim().ToLowerInvariant() is "none" or "silent" ? "none" : null;
        }

        /// <summary>A <c>runtimeperf.*</c> option (key without the prefix, lower case) as it applies to the file.</summary>
        public string? Option(string fullPath, string key) =>
            OptionsFor(fullPath) is { } options && options.AnalyzerOptions.TryGetValue(Prefix + key, out string? value) ? value : null;

        /// <summary>A comma-separated <c>runtimeperf.*</c> option as a set (empty when not set).</summary>
        public IReadOnlyCollection<string> ListOption(string fullPath, string key) =>
            new HashSet<string>((Option(fullPath, key) ?? "").Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries)
                .Select(c => c.Trim()).Where(c => c.Length > 0), StringComparer.Ordinal);

        private void Problem(string text)
        {
            if (!_problems.Contains(text)) _problems.Add(text);
        }

        private static string? Name(ReportDiagnostic report) => report switch
        {
            ReportDiagnostic.Suppress => "none",
            ReportDiagnostic.Hidden => "silent",
            ReportDiagnostic.Info => "suggestion",
            ReportDiagnostic.Warn => "warning",
            ReportDiagnostic.Error => "error",
            _ => null,
        };

        private AnalyzerConfigOptionsResult? OptionsFor(string fullPath)
        {
            var chain = Chain(Path.GetDirectoryName(fullPath)!);
            if (chain.Count == 0) return null;
            string key = string.Join("|", chain);
            if (!_setOfChain.TryGetValue(key, out var set))
            {
                var configs = chain.Select(Config).Where(c => c != null).Select(c => c!).ToList();
                _setOfChain[key] = set = configs.Count == 0 ? null : AnalyzerConfigSet.Create(configs);
            }
            return set?.GetOptionsForSourcePath(fullPath);
        }

        /// <summary>The .editorconfig files from the folder up to (and including) the first one marked root.</summary>
        private List<string> Chain(string directory)
        {
            if (_chainOfDirectory.TryGetValue(directory, out var chain)) return chain;
            var walk = new List<string>();
            var pending = new List<string>();
            for (string? dir = directory; dir != null; dir = Path.GetDirectoryName(dir))
            {
                if (_chainOfDirectory.TryGetValue(dir, out var known))
                {
                    walk.AddRange(known);
                    break;
                }
                pending.Add(dir);
                string file = Path.Combine(dir, ".editorconfig");
                if (!File.Exists(file)) continue;
                walk.Add(file);
                if (Config(file) != null && IsRoot(file)) break;
            }
            // Every folder on the way shares the tail of this chain: cache it for each.
            foreach (string dir in pending)
            {
                _chainOfDirectory[dir] = walk.Where(f => Path.GetDirectoryName(f)!.Length <= dir.Length).ToList();
            }
            return _chainOfDirectory[directory];
        }

        // "root = true" before the first section ends the walk (the parser keeps it, but not publicly).
        private static bool IsRoot(string file) => File.ReadLines(file)
            .Select(l => l.Trim()).TakeWhile(l => !l.StartsWith("[", StringComparison.Ordinal))
            .Any(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^root\s*[=:]\s*true\s*([#;].*)?$", System.Text.RegularExpressions.RegexOptions.IgnoreCase));

        private AnalyzerConfig? Config(string file)
        {
            if (_configs.TryGetValue(file, out var config)) return config;
            try
            {
                config = AnalyzerConfig.Parse(SourceText.From(File.ReadAllText(file)), file);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                Problem($"{file}: not read ({e.Message}).");
                config = null;
            }
            _configs[file] = config;
            return config;
        }
    }
}
