using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using RuntimePerf.CSharp;
using RuntimePerf.Engine.Model;
using RuntimePerf.Engine.Sources;

namespace RuntimePerf.Benchmark
{
    /// <summary>
    /// The standalone C# audit (<see cref="CSharpAudit.Run"/>, what <c>-t:RuntimePerfAudit</c> without a compile and the
    /// runtimeperf tool run) against a plain Roslyn <c>GetDiagnostics()</c> of the same files with the same references, on
    /// real code (Debian's KeePass and Newtonsoft.Json sources, fetched at run time, one compilation). Each measurement is
    /// a fresh process, as a tool run is, so its peak working set is its own; the rounds alternate the two.
    /// </summary>
    internal static class CSharpStandaloneBenchmark
    {
        private static readonly string[] Packages = { "keepass2", "newtonsoft-json" };

        public const string ChildFlag = "--child";

        public static int Run(string repo, int rounds, bool list)
        {
            var roots = Packages.Select(p => Corpora.DebianSource(p).Fetch(Path.Combine(repo, ".bench", "csharp-standalone", p))).ToList();
            var files = Sources(roots);
            long lines = files.Sum(f => (long)File.ReadAllLines(f).Length);
            Console.WriteLine($"corpus: {files.Count} files, {lines:N0} lines, {files.Sum(f => new FileInfo(f).Length) / 1048576.0:0.0} MB (Debian sources of {string.Join(", ", Packages)}; one compilation)");
            Console.WriteLine($"cores: {Environment.ProcessorCount}; {rounds} round(s), each a fresh process for GetDiagnostics then one for the audit (cold: JIT included)");
            var compile = new List<Measurement>();
            var audit = new List<Measurement>();
            for (int round = 0; round < rounds; round++)
            {
                compile.Add(Child("compile", roots, list: false));
                audit.Add(Child("audit", roots, list && round == 0));
            }
            double compileBest = compile.Min(m => m.Milliseconds), auditBest = audit.Min(m => m.Milliseconds);
            double compileCpu = compile.Min(m => m.CpuMilliseconds), auditCpu = audit.Min(m => m.CpuMilliseconds);
            long compilePeak = compile.Min(m => m.PeakBytes), auditPeak = audit.Min(m => m.PeakBytes);
            Console.WriteLine($"GetDiagnostics (parse + bind every body), wall/CPU/peak per round: {Rounds(compile)}; {compile[0].Detail}");
            Console.WriteLine($"audit (CSharpAudit.Run), wall/CPU/peak per round: {Rounds(audit)}; {audit[0].Detail}");
            Console.WriteLine($"audit / GetDiagnostics (best of each): {auditBest / compileBest:0.00}x wall, {auditCpu / compileCpu:0.00}x CPU, {(double)auditPeak / compilePeak:0.00}x peak working set ({auditPeak / 1048576.0:N0} vs {compilePeak / 1048576.0:N0} MB)");
            return 0;
        }

        private static string Rounds(List<Measurement> rounds) =>
            string.Join(", ", rounds.Select(m => $"{m.Milliseconds:N0} ms/{m.CpuMilliseconds:N0} ms/{m.PeakBytes / 1048576.0:N0} MB"));

        private sealed record Measurement(double Milliseconds, double CpuMilliseconds, long PeakBytes, string Detail);

        private static Measurement Child(string mode, List<string> roots, bool list)
        {
            var psi = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true };
            if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet") psi.ArgumentList.Add(typeof(Program).Assembly.Location);
            foreach (string a in new[] { "csharp-standalone", ChildFlag, mode }.Concat(list ? new[] { "--list" } : Array.Empty<string>()).Concat(roots))
                psi.ArgumentList.Add(a);
            using var process = Process.Start(psi) ?? throw new InvalidOperationException("cannot start " + psi.FileName);
            string output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            var last = output.TrimEnd().Split('\n').Last().Split('\t');
            if (process.ExitCode != 0 || last.Length != 4) throw new InvalidOperationException($"{mode} run failed ({process.ExitCode}): {output}");
            if (list) Console.Write(string.Join('\n', output.TrimEnd().Split('\n').SkipLast(1)) + "\n");
            return new Measurement(double.Parse(last[0], CultureInfo.InvariantCulture), double.Parse(last[1], CultureInfo.InvariantCulture),
                long.Parse(last[2], CultureInfo.InvariantCulture), last[3]);
        }

        /// <summary>In the child process: one measurement; its last line is "wall ms TAB CPU ms TAB peak bytes TAB detail".</summary>
        public static int RunChild(string mode, IReadOnlyList<string> roots, bool list)
        {
            var files = Sources(roots);
            var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
                .Where(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)).ToList();
            string common = CommonRoot(roots);
            var input = new CSharpAuditInput { SourceFiles = files, ReferencePaths = references, RelativePath = p => Paths.Relative(common, p) };
            var process = Process.GetCurrentProcess();
            var cpu = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            string detail;
            if (mode == "compile")
            {
                var diagnostics = CSharpAudit.Compile(input, new ConcurrentQueue<AuditNotice>(), CancellationToken.None).GetDiagnostics();
                detail = $"{diagnostics.Count(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error)} compiler errors (unresolved references)";
            }
            else
            {
                var result = CSharpAudit.Run(input);
                detail = $"findings: {result.Findings.Count} ({string.Join(", ", result.Findings.GroupBy(f => f.RuleId).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}"))}); notices: {result.Notices.Count}";
                if (list)
                    foreach (var f in result.Findings)
                        Console.WriteLine($"  {f.Path}:{f.Span.Line}: {f.RuleId} {Names.Of(f.Severity)} {f.Confidence} {f.Issue}");
            }
            double ms = clock.Elapsed.TotalMilliseconds;
            process.Refresh();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{ms:0}\t{(process.TotalProcessorTime - cpu).TotalMilliseconds:0}\t{process.PeakWorkingSet64}\t{detail}"));
            return 0;
        }

        /// <summary>Every .cs file under the roots, in a stable order.</summary>
        private static List<string> Sources(IEnumerable<string> roots) =>
            roots.SelectMany(r => Directory.GetFiles(r, "*.cs", SearchOption.AllDirectories)).OrderBy(f => f, StringComparer.Ordinal).ToList();

        private static string CommonRoot(IReadOnlyList<string> roots) =>
            roots.Count == 1 ? roots[0] : Path.GetDirectoryName(Path.GetDirectoryName(roots[0]))!;
    }
}
