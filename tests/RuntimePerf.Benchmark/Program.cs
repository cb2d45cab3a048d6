using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using RuntimePerf.CSharp;
using RuntimePerf.Engine.Sources;

namespace RuntimePerf.Benchmark
{
    /// <summary>
    /// dotnet run -c Release --project tests/RuntimePerf.Benchmark -- csharp [--lines N]
    ///   generates a C# code base of N lines (default 120,000) under .bench/ and audits it, printing lines per
    ///   second and peak memory.
    /// dotnet run -c Release --project tests/RuntimePerf.Benchmark -- python [FOLDER] [--list]
    ///   audits real Python (Debian packages fetched at run time, or FOLDER) beside parse-only time.
    /// </summary>
    internal static class Program
    {
        private static int Main(string[] args)
        {
            if (args.Length > 0 && args[0] == "python")
            {
                var rest = args.Skip(1).ToList();
                bool list = rest.Remove("--list");
                return PythonBenchmark.Run(FindRepoRoot(), rest.FirstOrDefault(), list);
            }
            if (args.Length == 0 || args[0] != "csharp")
            {
                Console.Error.WriteLine("usage: RuntimePerf.Benchmark csharp [--lines N] | python [FOLDER] [--list]");
                return 2;
            }
            long targetLines = 120_000;
            int at = Array.IndexOf(args, "--lines");
            if (at >= 0 && (at + 1 >= args.Length || !long.TryParse(args[at + 1], out targetLines)))
            {
                Console.Error.WriteLine("--lines takes a whole number");
                return 2;
            }
            return CSharp(targetLines);
        }

        private static int CSharp(long targetLines)
        {
            string repo = FindRepoRoot();
            string corpus = Path.Combine(repo, ".bench", "csharp-corpus");
            var (files, lines) = CSharpCorpus.Generate(corpus, targetLines);
            var sources = Directory.GetFiles(corpus, "*.cs").OrderBy(f => f, StringComparer.Ordinal).ToList();
            long bytes = sources.Sum(f => new FileInfo(f).Length);
            var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
                .Where(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)).ToList();
            var input = new CSharpAuditInput
            {
                SourceFiles = sources,
                ReferencePaths = references,
                RelativePath = p => Paths.Relative(corpus, p),
            };

            var clock = Stopwatch.StartNew();
            var result = CSharpAudit.Run(input);
            clock.Stop();
            long peak = Process.GetCurrentProcess().PeakWorkingSet64;

            Console.WriteLine($"corpus: {files} files, {lines:N0} lines, {bytes / 1048576.0:0.0} MB (generated under .bench/csharp-corpus)");
            Console.WriteLine($"cores: {Environment.ProcessorCount}");
            Console.WriteLine($"audit (parse + bind + analyze, one run, cold JIT): {clock.ElapsedMilliseconds:N0} ms");
            Console.WriteLine($"lines per second: {lines / clock.Elapsed.TotalSeconds:N0}");
            Console.WriteLine($"peak working set: {peak / 1048576.0:N0} MB");
            Console.WriteLine($"findings: {result.Findings.Count} ({string.Join(", ", result.Findings.GroupBy(f => f.RuleId).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}"))}); notices: {result.Notices.Count}");
            return 0;
        }

        private static string FindRepoRoot()
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir != null && !File.Exists(Path.Combine(dir.FullName, "RuntimePerf.Build.sln"))) dir = dir.Parent;
            return dir?.FullName ?? Directory.GetCurrentDirectory();
        }
    }
}
