using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using RuntimePerf.Engine.Model;
using RuntimePerf.Engine.Sources;
using RuntimePerf.Languages;
using RuntimePerf.Languages.FrontEnds;
using RuntimePerf.TreeSitter;

namespace RuntimePerf.Benchmark
{
    /// <summary>
    /// One tree-sitter language's audit against raw tree-sitter parsing of the same files, in the same run. The code
    /// base is real code fetched at run time (<see cref="Corpora"/>: Debian or npm packages, never committed); a folder
    /// can be given instead.
    /// </summary>
    internal static class LanguageBenchmark
    {
        public static int Run(string repo, string language, string? folder, bool list, int rounds)
        {
            var languageFiles = FrontEndRegistry.TreeSitterFiles.FirstOrDefault(l => l.Name == language);
            if (languageFiles == null || (folder == null && !Corpora.ByLanguage.ContainsKey(language)))
            {
                Console.Error.WriteLine($"no benchmark corpus for '{language}'; known: {string.Join(", ", Corpora.ByLanguage.Keys)} (or give a FOLDER)");
                return 2;
            }
            var frontEnd = FrontEndRegistry.For(languageFiles.Language)!;
            var corpus = folder == null ? Corpora.ByLanguage[language] : null;
            string root = corpus?.Fetch(Path.Combine(repo, ".bench", language + "-corpus")) ?? folder!;
            // Not SourceDiscovery: package managers install code under folders (dist-packages/, node_modules/) a project audit skips.
            var sources = Directory.GetFiles(root, "*", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal)
                .Select(f => (Path: f, Files: frontEnd.Files.FirstOrDefault(l => l.Owns(f))))
                .Where(x => x.Files != null && !x.Files.IsGeneratedName(Path.GetFileName(x.Path)))
                .Select(x => new SourceFile(x.Path, Paths.Relative(root, x.Path), x.Files, null)).ToList();
            if (sources.Count == 0)
            {
                Console.Error.WriteLine($"no {language} files under {root}");
                return 1;
            }
            var bytes = sources.Select(s => File.ReadAllBytes(s.FullPath)).ToList();
            var grammars = sources.Select(s => frontEnd.Grammar(s.RelativePath)).ToList();
            long totalBytes = bytes.Sum(b => (long)b.Length);
            long lines = bytes.Sum(b => (long)b.Count(c => c == (byte)'\n'));

            // Warm-up: JIT both paths on a few files. Then rounds alternate parse only and audit, so neither always
            // runs first (JIT tiering finishes during the first rounds, other load comes and goes); the ratio compares
            // the fastest round of each, as the C# benchmark does.
            ParseAll(bytes, grammars, 5);
            TreeSitterAudit.Run(sources.Take(5).ToList());
            Program.Collect();
            var parseTimes = new List<(double Wall, double Cpu)>();
            var auditTimes = new List<(double Wall, double Cpu)>();
            LanguageAuditResult? result = null;
            long auditPeak = 0;
            for (int round = 0; round < rounds; round++)
            {
                parseTimes.Add(Measure(() => ParseAll(bytes, grammars, bytes.Count)));
                Program.Collect();
                auditTimes.Add(Measure(() => result = TreeSitterAudit.Run(sources)));
                if (round == 0) auditPeak = Process.GetCurrentProcess().PeakWorkingSet64;
                Program.Collect();
            }
            double parseWall = parseTimes.Min(t => t.Wall), parseCpu = parseTimes.Min(t => t.Cpu);
            double auditWall = auditTimes.Min(t => t.Wall), auditCpu = auditTimes.Min(t => t.Cpu);
            double mb = totalBytes / 1048576.0;

            Console.WriteLine($"corpus: {sources.Count} files, {lines:N0} lines, {mb:0.0} MB ({corpus?.Description ?? folder})");
            Console.WriteLine($"cores available: {Environment.ProcessorCount} (set DOTNET_PROCESSOR_COUNT=1 for a single-core run); {rounds} round(s), best of each below");
            Console.WriteLine($"parse only (one thread):  {parseWall,7:N0} ms wall,     {parseCpu,7:N0} ms CPU, {mb / (parseWall / 1000.0):0.0} MB/s  (CPU per round: {Times(parseTimes)})");
            Console.WriteLine($"full {language} audit: {auditWall,7:N0} ms wall,     {auditCpu,7:N0} ms CPU, {mb / (auditWall / 1000.0):0.0} MB/s  (CPU per round: {Times(auditTimes)})");
            Console.WriteLine($"audit / parse-only: {auditCpu / Math.Max(1.0, parseCpu):0.00}x CPU time, {auditWall / Math.Max(1.0, parseWall):0.00}x wall (first round: {auditTimes[0].Cpu / Math.Max(1.0, parseTimes[0].Cpu):0.00}x CPU)");
            Console.WriteLine($"process peak working set (after the first audit round): {auditPeak / 1048576.0:N0} MB");
            Console.WriteLine($"findings: {result!.Findings.Count} ({string.Join(", ", result.Findings.GroupBy(f => f.RuleId).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}"))}); notices: {result.Notices.Count}; skipped after reading: {result.Skipped.Count}");
            if (list)
                foreach (var f in result.Findings) Console.WriteLine($"  {f.Path}:{f.Span.Line}: {f.RuleId} {Names.Of(f.Severity)} {f.Issue}");
            return 0;
        }

        private static string Times(List<(double Wall, double Cpu)> times) => string.Join(", ", times.Select(t => $"{t.Cpu:N0}"));

        /// <summary>Parses the first <paramref name="count"/> files with one parser per grammar, as one audit thread would.</summary>
        private static void ParseAll(List<byte[]> files, List<TreeSitter.Language> grammars, int count)
        {
            var parsers = new Dictionary<TreeSitter.Language, Parser>();
            try
            {
                for (int i = 0; i < Math.Min(count, files.Count); i++)
                {
                    if (!parsers.TryGetValue(grammars[i], out var parser)) parsers[grammars[i]] = parser = grammars[i].CreateParser();
                    using var tree = parser.Parse(SourceText.From(files[i]));
                }
            }
            finally
            {
                foreach (var p in parsers.Values) p.Dispose();
            }
        }

        private static (double Wall, double Cpu) Measure(Action action)
        {
            var process = Process.GetCurrentProcess();
            var cpu0 = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            action();
            clock.Stop();
            process.Refresh();
            return (clock.Elapsed.TotalMilliseconds, (process.TotalProcessorTime - cpu0).TotalMilliseconds);
        }
    }
}
