using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using RuntimePerf.Engine.Sources;
using RuntimePerf.Languages;
using RuntimePerf.Languages.FrontEnds;

namespace RuntimePerf.Benchmark
{
    /// <summary>
    /// What the audit cache saves: a full audit of aiohttp's sources (Debian's upstream tarball, the cold benchmark's
    /// code base, classified as a build classifies them: tests left out) against the audit after an edit to one file with
    /// the cache of the run before (its load, the audit, its save). Each round edits the largest file, then runs both
    /// on the same tree, in alternating order, and checks that they find exactly the same.
    /// </summary>
    internal static class IncrementalBenchmark
    {
        private const double GoalRatio = 0.15;

        public static int Run(string repo, int rounds)
        {
            string corpus = Corpora.DebianSource("python3-aiohttp").Fetch(Path.Combine(repo, ".bench", "cold", "source"));
            // A copy, so the edits never touch the fetched corpus.
            string root = Path.Combine(repo, ".bench", "incremental");
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
            foreach (string file in Directory.GetFiles(corpus, "*.py", SearchOption.AllDirectories))
            {
                string target = Path.Combine(root, "py", Path.GetRelativePath(corpus, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
            var set = new SourceSet(root, root, Array.Empty<string>());
            var sources = set.Classify(Directory.GetFiles(root, "*.py", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal),
                FrontEndRegistry.AllFiles, includeTests: false).Where(f => f.IsAudited).ToList();
            string edited = sources.OrderByDescending(f => new FileInfo(f.FullPath).Length).First().FullPath;
            string original = File.ReadAllText(edited);
            string cacheFile = Path.Combine(root, "obj", "runtimeperf.cache");

            // Warm-up: JIT every path, and the cache the first round starts from.
            var warm = AuditCache.Empty();
            TreeSitterAudit.Run(sources, cache: warm);
            warm.Save(cacheFile);
            Program.Collect();

            var full = new List<double>();
            var incremental = new List<double>();
            int reused = 0, findings = 0;
            for (int round = 0; round < rounds; round++)
            {
                // A new function at the end: an edit that changes the file's findings' context as little as real edits do.
                File.WriteAllText(edited, original + $"\n\ndef _edited_{round}():\n    return {round}\n");
                LanguageAuditResult? fresh = null, cached = null;
                foreach (bool withCache in round % 2 == 0 ? new[] { false, true } : new[] { true, false })
                {
                    var clock = Stopwatch.StartNew();
                    if (withCache)
                    {
                        var cache = AuditCache.Load(cacheFile);
                        cached = TreeSitterAudit.Run(sources, cache: cache);
                        cache.Save(cacheFile);
                        reused = cache.Reused;
                    }
                    else
                    {
                        fresh = TreeSitterAudit.Run(sources);
                    }
                    (withCache ? incremental : full).Add(clock.Elapsed.TotalMilliseconds);
                    Program.Collect();
                }
                if (!fresh!.Findings.SequenceEqual(cached!.Findings) || !fresh.Notices.SequenceEqual(cached.Notices))
                {
                    Console.Error.WriteLine($"round {round + 1}: the audit with the cache found something else than the full audit");
                    return 1;
                }
                findings = fresh.Findings.Count;
            }
            File.WriteAllText(edited, original);

            double fullBest = full.Min(), incrementalBest = incremental.Min();
            double fullMedian = BuildBenchmark.Median(full), incrementalMedian = BuildBenchmark.Median(incremental);
            long mb = sources.Sum(f => new FileInfo(f.FullPath).Length) / 1024;
            Console.WriteLine($"code base: python3-aiohttp (Debian source), {sources.Count} audited Python files, {mb:N0} KB; {Environment.ProcessorCount} cores; {rounds} round(s)");
            Console.WriteLine($"edited each round: {Paths.Relative(root, edited)} (the largest file, {new FileInfo(edited).Length / 1024:N0} KB)");
            Console.WriteLine($"full audit (TreeSitterAudit.Run, no cache):            {string.Join(", ", full.Select(t => $"{t:N0}"))} ms; best {fullBest:N0}, median {fullMedian:N0}");
            Console.WriteLine($"after the edit (cache load + audit + cache save): {string.Join(", ", incremental.Select(t => $"{t:N0}"))} ms; best {incrementalBest:N0}, median {incrementalMedian:N0}");
            Console.WriteLine($"{reused} of {sources.Count} files from the cache; findings identical to the full audit's in every round ({findings})");
            double ratio = incrementalMedian / fullMedian;
            Console.WriteLine($"after an edit / full (medians): {ratio:P1}, best of each: {incrementalBest / fullBest:P1} (goal <= {GoalRatio:P0}: {(ratio <= GoalRatio ? "met" : "NOT met")})");
            return 0;
        }
    }
}
