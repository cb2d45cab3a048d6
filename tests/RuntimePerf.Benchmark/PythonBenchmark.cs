using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using RuntimePerf.Languages.Python;
using RuntimePerf.Engine.Model;
using RuntimePerf.Engine.Sources;
using RuntimePerf.Languages;
using RuntimePerf.TreeSitter;
using Language = RuntimePerf.Engine.Model.Language;
using Grammars = RuntimePerf.TreeSitter.Languages;

namespace RuntimePerf.Benchmark
{
    /// <summary>
    /// The Python audit against raw tree-sitter parsing of the same files, in the same run. The code base is real
    /// Python fetched at run time from Debian packages (never committed); a folder can be given instead.
    /// </summary>
    internal static class PythonBenchmark
    {
        private static readonly string[] DebianPackages = { "python3-aiohttp", "python3-tornado" };

        public static int Run(string repo, string? folder, bool list, int rounds)
        {
            string corpus = folder ?? Fetch(Path.Combine(repo, ".bench", "python-corpus"));
            // Not SourceDiscovery: Debian installs the code under dist-packages/, which a project audit skips.
            var files = Directory.GetFiles(corpus, "*.py", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal).ToList();
            if (files.Count == 0)
            {
                Console.Error.WriteLine($"no .py files under {corpus}");
                return 1;
            }
            var bytes = files.Select(File.ReadAllBytes).ToList();
            long totalBytes = bytes.Sum(b => (long)b.Length);
            long lines = bytes.Sum(b => (long)b.Count(c => c == (byte)'\n'));
            var sources = files.Select(f => new SourceFile(f, Paths.Relative(corpus, f), PythonFrontEnd.Instance.Files[0], null)).ToList();

            // Warm-up: JIT both paths on a few files. Then rounds alternate parse only and audit, so neither always
            // runs first (JIT tiering finishes during the first rounds, other load comes and goes); the ratio compares
            // the fastest round of each, as the C# benchmark does.
            ParseAll(bytes.Take(5));
            TreeSitterAudit.Run(sources.Take(5).ToList());
            Program.Collect();
            var parseTimes = new List<(double Wall, double Cpu)>();
            var auditTimes = new List<(double Wall, double Cpu)>();
            LanguageAuditResult? result = null;
            long auditPeak = 0;
            for (int round = 0; round < rounds; round++)
            {
                parseTimes.Add(Measure(() => ParseAll(bytes)));
                Program.Collect();
                auditTimes.Add(Measure(() => result = TreeSitterAudit.Run(sources)));
                if (round == 0) auditPeak = Process.GetCurrentProcess().PeakWorkingSet64;
                Program.Collect();
            }
            double parseWall = parseTimes.Min(t => t.Wall), parseCpu = parseTimes.Min(t => t.Cpu);
            double auditWall = auditTimes.Min(t => t.Wall), auditCpu = auditTimes.Min(t => t.Cpu);
            double mb = totalBytes / 1048576.0;

            Console.WriteLine($"corpus: {files.Count} files, {lines:N0} lines, {mb:0.0} MB ({(folder is null ? "Debian " + string.Join(", ", DebianPackages) : folder)})");
            Console.WriteLine($"cores available: {Environment.ProcessorCount} (set DOTNET_PROCESSOR_COUNT=1 for a single-core run); {rounds} round(s), best of each below");
            Console.WriteLine($"parse only (one thread):  {parseWall,7:N0} ms wall,     {parseCpu,7:N0} ms CPU, {mb / (parseWall / 1000.0):0.0} MB/s  (CPU per round: {Times(parseTimes)})");
            Console.WriteLine($"full Python audit:        {auditWall,7:N0} ms wall,     {auditCpu,7:N0} ms CPU, {mb / (auditWall / 1000.0):0.0} MB/s  (CPU per round: {Times(auditTimes)})");
            Console.WriteLine($"audit / parse-only: {auditCpu / Math.Max(1.0, parseCpu):0.00}x CPU time, {auditWall / Math.Max(1.0, parseWall):0.00}x wall (first round: {auditTimes[0].Cpu / Math.Max(1.0, parseTimes[0].Cpu):0.00}x CPU)");
            Console.WriteLine($"process peak working set (after the first audit round): {auditPeak / 1048576.0:N0} MB");
            Console.WriteLine($"findings: {result!.Findings.Count} ({string.Join(", ", result.Findings.GroupBy(f => f.RuleId).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}"))}); notices: {result.Notices.Count}");
            if (list)
                foreach (var f in result.Findings) Console.WriteLine($"  {f.Path}:{f.Span.Line}: {f.RuleId} {Names.Of(f.Severity)} {f.Issue}");
            return 0;
        }

        private static string Times(List<(double Wall, double Cpu)> times) => string.Join(", ", times.Select(t => $"{t.Cpu:N0}"));

        private static void ParseAll(IEnumerable<byte[]> files)
        {
            using var parser = Grammars.Python.CreateParser();
            foreach (var b in files)
            {
                using var tree = parser.Parse(SourceText.From(b));
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

        /// <summary>Downloads the Debian packages with apt-get and unpacks their .py files (cached under .bench/).</summary>
        private static string Fetch(string directory)
        {
            string extracted = Path.Combine(directory, "extracted");
            if (Directory.Exists(extracted)) return extracted;
            Directory.CreateDirectory(directory);
            Exec(directory, "apt-get", new[] { "download" }.Concat(DebianPackages).ToArray());
            foreach (string deb in Directory.GetFiles(directory, "*.deb"))
                Exec(directory, "dpkg-deb", "-x", deb, extracted);
            return extracted;
        }

        private static void Exec(string directory, string file, params string[] args)
        {
            var psi = new ProcessStartInfo(file) { WorkingDirectory = directory };
            foreach (var a in args) psi.ArgumentList.Add(a);
            using var p = Process.Start(psi) ?? throw new InvalidOperationException("cannot start " + file);
            p.WaitForExit();
            if (p.ExitCode != 0)
                throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed with exit code {p.ExitCode} (run 'apt-get update' first?)");
        }
    }
}
