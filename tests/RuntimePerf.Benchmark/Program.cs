using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using RuntimePerf.CSharp;
using RuntimePerf.Engine.Model;
using RuntimePerf.Engine.Sources;

namespace RuntimePerf.Benchmark
{
    /// <summary>
    /// dotnet run -c Release --project tests/RuntimePerf.Benchmark -- csharp [--lines N] [--rounds N]
    ///   generates a C# code base of N lines (default 120,000) under .bench/, warms the JIT up on a few files, then
    ///   times the compile-only baseline (the audit's own compilation, GetDiagnostics, no analyzer) and the audit
    ///   (parse + bind + analyze), alternating for a number of rounds (default 2); prints every time, the ratio of
    ///   the best of each, lines per second and peak memory.
    /// dotnet run -c Release --project tests/RuntimePerf.Benchmark -- csharp-standalone [--rounds N] [--list]
    ///   the standalone C# audit (CSharpAudit.Run, as -t:RuntimePerfAudit without compile and the runtimeperf tool run it)
    ///   against a plain GetDiagnostics() of the same files and references, on Debian's KeePass and Newtonsoft.Json
    ///   sources (fetched at run time): each measurement a fresh process (time, peak working set), rounds alternating
    ///   the two (default 2); --list prints the first audit's findings.
    /// dotnet run -c Release --project tests/RuntimePerf.Benchmark -- LANGUAGE [FOLDER] [--list] [--rounds N]
    ///   audits real code of a tree-sitter language (python, …: its corpus in Corpora, fetched at run time, or FOLDER)
    ///   beside parse-only time, alternating the two for a number of rounds (default 8: on shared machines speed drifts
    ///   by tens of percent within seconds) and comparing the best of each, like the C# benchmark.
    /// dotnet run -c Release --project tests/RuntimePerf.Benchmark -- build [--lines N] [--pairs N] [--no-change-pairs N] [--compiler-error-log] [--tool]
    ///   real `dotnet build -nr:false` of a generated N-line web project without and with the package (packed into
    ///   artifacts/packages first): cold full builds (median of --pairs A/B pairs, default 5) and no-change rebuilds
    ///   (median of --no-change-pairs, default 15). --compiler-error-log: the project with the package also sets
    ///   RuntimePerfCompilerErrorLog=true. --tool: also the runtimeperf tool (RuntimePerf.Cli from artifacts/packages) on the
    ///   project with the package, cold (obj/Debug deleted, as for the full builds), against B − A, the package's part
    ///   of a build.
    /// dotnet run -c Release --project tests/RuntimePerf.Benchmark -- python-large [--mb N]
    ///   audits one Python file of N MB (default 20) made of real modules, with no size limit: time and peak memory.
    /// dotnet run -c Release --project tests/RuntimePerf.Benchmark -- cold [--pairs N] [--il] [--unbuilt]
    ///   cold `dotnet msbuild -t:RuntimePerfAudit -nr:false` processes on a project holding Debian's aiohttp sources
    ///   (fetched at run time) beside the same command with the audit off: median of --pairs A/B pairs (default 5);
    ///   --il loads the IL task assemblies even where the package has ReadyToRun images; --unbuilt audits the project
    ///   without building it first (no findings log from the compiler, so the task compiles the C#).
    /// dotnet run -c Release --project tests/RuntimePerf.Benchmark -- incremental [--rounds N]
    ///   the same aiohttp sources audited in full against the audit after editing one file with the previous run's
    ///   audit cache (load + audit + save), --rounds N (default 8) rounds of both; medians, best and their ratio.
    /// </summary>
    internal static class Program
    {
        /// <summary>Files audited and compiled once before timing, so neither measurement pays for JIT-compiling Roslyn alone.</summary>
        private const int WarmUpFiles = 8;

        private static int Main(string[] args)
        {
            if (args.Length > 0 && Corpora.ByLanguage.ContainsKey(args[0]))
            {
                long pythonRounds = 8;
                if (!Option(args, "--rounds", ref pythonRounds)) return 2;
                var rest = args.Skip(1).ToList();
                bool list = rest.Remove("--list");
                int at = rest.IndexOf("--rounds");
                if (at >= 0) rest.RemoveRange(at, 2);
                return LanguageBenchmark.Run(FindRepoRoot(), args[0], rest.FirstOrDefault(), list, (int)Math.Min(pythonRounds, 100));
            }
            if (args.Length > 0 && args[0] == "python-large")
            {
                long megabytes = 20;
                if (!Option(args, "--mb", ref megabytes)) return 2;
                return LargeFileBenchmark.Run(FindRepoRoot(), Math.Min(megabytes, 1024));
            }
            if (args.Length > 0 && args[0] == "cold")
            {
                long coldPairs = 5;
                if (!Option(args, "--pairs", ref coldPairs)) return 2;
                return ColdStartBenchmark.Run(FindRepoRoot(), (int)Math.Min(coldPairs, 50), args.Contains("--il"), args.Contains("--unbuilt"));
            }
            if (args.Length > 0 && args[0] == "incremental")
            {
                long incrementalRounds = 8;
                if (!Option(args, "--rounds", ref incrementalRounds)) return 2;
                return IncrementalBenchmark.Run(FindRepoRoot(), (int)Math.Min(incrementalRounds, 100));
            }
            if (args.Length > 2 && args[0] == "csharp-standalone" && args[1] == CSharpStandaloneBenchmark.ChildFlag)
            {
                var rest = args.Skip(3).ToList();
                bool listChild = rest.Remove("--list");
                return CSharpStandaloneBenchmark.RunChild(args[2], rest, listChild);
            }
            if (args.Length > 0 && args[0] == "csharp-standalone")
            {
                long standaloneRounds = 2;
                if (!Option(args, "--rounds", ref standaloneRounds)) return 2;
                return CSharpStandaloneBenchmark.Run(FindRepoRoot(), (int)Math.Min(standaloneRounds, 20), args.Contains("--list"));
            }
            long targetLines = 120_000;
            if (args.Length > 0 && args[0] == "build")
            {
                long pairs = 5, noChangePairs = 15;
                if (!Option(args, "--lines", ref targetLines) || !Option(args, "--pairs", ref pairs)
                    || !Option(args, "--no-change-pairs", ref noChangePairs)) return 2;
                return BuildBenchmark.Run(FindRepoRoot(), targetLines, (int)Math.Min(pairs, 50), (int)Math.Min(noChangePairs, 100),
                    args.Contains("--compiler-error-log"), args.Contains("--tool"));
            }
            if (args.Length == 0 || args[0] != "csharp")
            {
                Console.Error.WriteLine("usage: RuntimePerf.Benchmark csharp [--lines N] [--rounds N] | csharp-standalone [--rounds N] [--list] | " + string.Join("|", Corpora.ByLanguage.Keys) + " [FOLDER] [--list] [--rounds N] | python-large [--mb N] | build [--lines N] [--pairs N] [--no-change-pairs N] [--compiler-error-log] [--tool] | cold [--pairs N] [--il] [--unbuilt] | incremental [--rounds N]");
                return 2;
            }
            long rounds = 2;
            if (!Option(args, "--lines", ref targetLines) || !Option(args, "--rounds", ref rounds)) return 2;
            return CSharp(targetLines, (int)Math.Min(rounds, 100));
        }

        /// <summary>Reads <c>name N</c> if present; false (after saying why) when N is not a positive whole number.</summary>
        private static bool Option(string[] args, string name, ref long value)
        {
            int at = Array.IndexOf(args, name);
            if (at < 0) return true;
            if (at + 1 < args.Length && long.TryParse(args[at + 1], out long n) && n > 0)
            {
                value = n;
                return true;
            }
            Console.Error.WriteLine(name + " takes a positive whole number");
            return false;
        }

        private static int CSharp(long targetLines, int rounds)
        {
            string repo = FindRepoRoot();
            string corpus = Path.Combine(repo, ".bench", "csharp-corpus");
            var (files, lines) = CSharpCorpus.Generate(corpus, targetLines);
            var sources = Directory.GetFiles(corpus, "*.cs").OrderBy(f => f, StringComparer.Ordinal).ToList();
            long bytes = sources.Sum(f => new FileInfo(f).Length);
            var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
                .Where(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)).Concat(AspNetCoreAssemblies()).ToList();
            CSharpAuditInput Input(IReadOnlyList<string> files) => new CSharpAuditInput
            {
                SourceFiles = files,
                ReferencePaths = references,
                RelativePath = p => Paths.Relative(corpus, p),
            };
            var input = Input(sources);

            // Warm-up: the same code paths on a few files (Usings.cs included), results discarded.
            var warmUp = Input(sources.Where(f => f.EndsWith("Usings.cs", StringComparison.Ordinal)).Concat(sources.Take(WarmUpFiles)).ToList());
            CompileOnly(warmUp);
            CSharpAudit.Run(warmUp);
            Collect();

            // Rounds alternate compile only and audit, so neither always runs first (JIT tiering, other load); the ratio
            // compares the fastest round of each.
            var compileTimes = new List<TimeSpan>();
            var auditTimes = new List<TimeSpan>();
            ImmutableArray<Diagnostic> compileDiagnostics = default;
            CSharpAuditResult result = null!;
            long compilePeak = 0, auditPeak = 0;
            for (int round = 0; round < rounds; round++)
            {
                var compileClock = Stopwatch.StartNew();
                compileDiagnostics = CompileOnly(input);
                compileTimes.Add(compileClock.Elapsed);
                if (round == 0) compilePeak = Process.GetCurrentProcess().PeakWorkingSet64;
                Collect();

                var auditClock = Stopwatch.StartNew();
                result = CSharpAudit.Run(input);
                auditTimes.Add(auditClock.Elapsed);
                if (round == 0) auditPeak = Process.GetCurrentProcess().PeakWorkingSet64;
                Collect();
            }
            var compileBest = compileTimes.Min();
            var auditBest = auditTimes.Min();

            Console.WriteLine($"corpus: {files} files, {lines:N0} lines, {bytes / 1048576.0:0.0} MB (generated under .bench/csharp-corpus)");
            Console.WriteLine($"cores: {Environment.ProcessorCount}; JIT warmed up on {warmUp.SourceFiles.Count} files, then {rounds} round(s) of compile only + audit");
            Console.WriteLine($"compiler: {Summary(compileDiagnostics)}");
            Console.WriteLine($"compile only (parse + bind, GetDiagnostics, no analyzer): {Times(compileTimes)}; best {compileBest.TotalMilliseconds:N0} ms, {lines / compileBest.TotalSeconds:N0} lines/s");
            Console.WriteLine($"audit (parse + bind + analyze, CSharpAudit.Run): {Times(auditTimes)}; best {auditBest.TotalMilliseconds:N0} ms, {lines / auditBest.TotalSeconds:N0} lines/s");
            Console.WriteLine($"audit / compile only (best of each): {auditBest.TotalMilliseconds / compileBest.TotalMilliseconds:0.00}x");
            Console.WriteLine($"peak working set (first round): {compilePeak / 1048576.0:N0} MB after compile only, {auditPeak / 1048576.0:N0} MB after the audit (process peak)");
            Console.WriteLine($"findings: {result.Findings.Count} ({string.Join(", ", result.Findings.GroupBy(f => f.RuleId).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}"))}); notices: {result.Notices.Count}");
            return 0;
        }

        /// <summary>
        /// ASP.NET Core's assemblies from the shared framework beside this runtime (as a web project references them):
        /// without them the corpus's controllers and hosting types do not resolve, and code that does not resolve binds
        /// far faster than a real build's.
        /// </summary>
        private static IEnumerable<string> AspNetCoreAssemblies()
        {
            string runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
            string aspNetCore = Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(runtime)!)!, "Microsoft.AspNetCore.App", Path.GetFileName(runtime));
            if (!Directory.Exists(aspNetCore)) throw new InvalidOperationException("the C# corpus needs ASP.NET Core's shared framework, not found at " + aspNetCore);
            return Directory.GetFiles(aspNetCore, "*.dll");
        }

        /// <summary>The audit's compilation, fully bound without the analyzer; returns the number of compiler diagnostics.</summary>
        private static ImmutableArray<Diagnostic> CompileOnly(CSharpAuditInput input) =>
            CSharpAudit.Compile(input, new ConcurrentQueue<AuditNotice>(), CancellationToken.None).GetDiagnostics();

        private static string Times(List<TimeSpan> times) => string.Join(", ", times.Select(t => $"{t.TotalMilliseconds:N0} ms"));

        /// <summary>"0 compiler errors", or the count and the most frequent error id, so a corpus that does not compile shows.</summary>
        private static string Summary(ImmutableArray<Diagnostic> diagnostics)
        {
            var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            var top = errors.GroupBy(d => d.Id).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).FirstOrDefault();
            return top == null ? "0 compiler errors" : $"{errors.Count} compiler errors (most: {top.Count()} {top.Key}, e.g. {top.First().GetMessage(System.Globalization.CultureInfo.InvariantCulture)})";
        }

        internal static void Collect()
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
        }

        private static string FindRepoRoot()
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir != null && !File.Exists(Path.Combine(dir.FullName, "RuntimePerf.Build.sln"))) dir = dir.Parent;
            return dir?.FullName ?? Directory.GetCurrentDirectory();
        }
    }
}
