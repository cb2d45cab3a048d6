using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace RuntimePerf.Benchmark
{
    /// <summary>
    /// What the audit adds to a cold build process: real `dotnet msbuild -t:RuntimePerfAudit -nr:false` runs of a project
    /// holding a real Python code base (a Debian source package fetched at run time), each in a fresh process, beside the
    /// same command with the audit off (MSBuild's own cost: start, evaluation). The audit's outputs are deleted before
    /// each run so that it audits every time; the task times come from MSBuild's performance summary. Beside wall time,
    /// the CPU time of each process (Linux): on a shared machine it varies far less than wall time.
    /// </summary>
    internal static class ColdStartBenchmark
    {
        private const string DebianSourcePackage = "python3-aiohttp";
        private const double AddedGoalSeconds = 1.0;

        /// <param name="il">Load the IL task assemblies even where the package has ReadyToRun images (to measure them).</param>
        /// <param name="unbuilt">Audit a project never compiled (no findings log from the compiler: the task compiles the C#),
        /// instead of one built once before, as after any build.</param>
        public static int Run(string repo, int pairs, bool il, bool unbuilt)
        {
            if (BuildBenchmark.PackedVersion(repo, out string feed) is not { } version) return 2;
            string root = Path.Combine(repo, ".bench", "cold");
            string corpus = Corpora.DebianSource(DebianSourcePackage).Fetch(Path.Combine(root, "source"));
            string project = Project(root, corpus, feed, version);
            BuildBenchmark.Dotnet(project, "restore");
            if (!unbuilt) BuildBenchmark.Dotnet(project, "build", "--no-restore", "-nr:false");
            string obj = Path.Combine(project, "obj", "Debug", "net10.0");

            Console.WriteLine($"code base: {DebianSourcePackage} (Debian source) in {project}; {Environment.ProcessorCount} cores");
            // IL (tasks/net8.0) or ReadyToRun (tasks/net<major>-<rid>, Release packs) for this SDK.
            // A global property wins over the targets' choice: a path that does not exist leaves the IL.
            string[] choice = il ? new[] { "-p:_RuntimePerfReadyToRunTaskAssembly=none" } : Array.Empty<string>();
            Console.WriteLine($"task assembly: {BuildBenchmark.Dotnet(project, new[] { "msbuild", "-getProperty:_RuntimePerfTaskAssembly" }.Concat(choice).ToArray()).Trim()}");
            Console.WriteLine(unbuilt ? "project never compiled: the task compiles the C# itself"
                : "project built once before: the compiler's findings log is there, as after any build");
            Console.WriteLine($"A = dotnet msbuild -t:RuntimePerfAudit -nr:false -p:RuntimePerfEnabled=false (MSBuild only), " +
                              $"B = the same with the audit (its outputs deleted first); {pairs} A/B pairs, order alternating");
            var a = new List<double>();
            var b = new List<double>();
            var cpuA = new List<double>();
            var cpuB = new List<double>();
            var tasks = new List<Dictionary<string, double>>();
            for (int i = 0; i < pairs; i++)
            {
                foreach (bool audit in i % 2 == 0 ? new[] { false, true } : new[] { true, false })
                {
                    // The audit's outputs, not the compiler's findings log (absent when unbuilt).
                    foreach (string file in Directory.Exists(obj) ? Directory.GetFiles(obj, "runtimeperf.*") : Array.Empty<string>())
                        if (Path.GetFileName(file) != "runtimeperf.compiler.sarif") File.Delete(file);
                    double cpu0 = ChildrenCpuSeconds();
                    var clock = Stopwatch.StartNew();
                    string output = BuildBenchmark.Dotnet(project, new[] { "msbuild", "-t:RuntimePerfAudit", "-nr:false", "-clp:PerformanceSummary;NoItemAndPropertyList",
                        audit ? "-p:RuntimePerfEnabled=true" : "-p:RuntimePerfEnabled=false" }.Concat(choice).ToArray());
                    double seconds = clock.Elapsed.TotalSeconds;
                    (audit ? b : a).Add(seconds);
                    (audit ? cpuB : cpuA).Add(ChildrenCpuSeconds() - cpu0);
                    if (audit) tasks.Add(TaskTimes(output));
                }
            }

            double medianA = BuildBenchmark.Median(a), medianB = BuildBenchmark.Median(b);
            Console.WriteLine($"  A {string.Join(", ", a.Select(t => $"{t:0.00}"))} s; median {medianA:0.00} s");
            Console.WriteLine($"  B {string.Join(", ", b.Select(t => $"{t:0.00}"))} s; median {medianB:0.00} s");
            if (OperatingSystem.IsLinux())
                Console.WriteLine($"  CPU (user + system): A median {BuildBenchmark.Median(cpuA):0.00} s, B median {BuildBenchmark.Median(cpuB):0.00} s; added {BuildBenchmark.Median(cpuB) - BuildBenchmark.Median(cpuA):0.00} s");
            foreach (string task in tasks.SelectMany(t => t.Keys).Distinct().OrderBy(t => t, StringComparer.Ordinal))
                Console.WriteLine($"  B's {task}: median {BuildBenchmark.Median(tasks.Select(t => t.GetValueOrDefault(task)).ToList()):0} ms");
            using (var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(obj, "runtimeperf.json"))))
            {
                var files = json.RootElement.GetProperty("files");
                string counts = string.Join(", ", files.EnumerateObject().Select(l =>
                    $"{l.Name} {l.Value.GetProperty("audited").GetInt32()} audited/{l.Value.GetProperty("skipped").GetInt32()} skipped"));
                Console.WriteLine($"  B's report: {counts}; {json.RootElement.GetProperty("total_issues").GetInt32()} findings; " +
                                  $"audit (inside the task) {json.RootElement.GetProperty("duration_ms").GetInt64()} ms in the last run");
            }
            double added = medianB - medianA;
            Console.WriteLine($"added by the audit: {added:0.00} s (goal <= {AddedGoalSeconds:0.0} s: {(added <= AddedGoalSeconds ? "met" : "NOT met")})");
            return 0;
        }

        [StructLayout(LayoutKind.Sequential)]
        private struct Rusage
        {
            public long UserSeconds, UserMicroseconds, SystemSeconds, SystemMicroseconds;
            [MarshalAs(UnmanagedType.ByValArray, SizeConst = 14)] public long[] Rest;
        }

        [DllImport("libc", EntryPoint = "getrusage")]
        private static extern int GetRusage(int who, out Rusage usage);

        /// <summary>CPU time of every child process waited for so far (RUSAGE_CHILDREN); 0 off Linux.</summary>
        private static double ChildrenCpuSeconds()
        {
            if (!OperatingSystem.IsLinux() || GetRusage(-1, out var u) != 0) return 0;
            return u.UserSeconds + u.SystemSeconds + (u.UserMicroseconds + u.SystemMicroseconds) / 1e6;
        }

        /// <summary>"  1234 ms  RuntimePerfAuditTask  1 calls" lines of MSBuild's task performance summary, ours only.</summary>
        private static Dictionary<string, double> TaskTimes(string output)
        {
            var times = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (Match m in Regex.Matches(output, @"^\s*(\d+) ms\s+(RuntimePerf\w+Task)\s+\d+ calls", RegexOptions.Multiline))
                times[m.Groups[2].Value] = double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            return times;
        }

        /// <summary>A small C# library with the Python code base in its folder, as a project hosting it would be.</summary>
        private static string Project(string root, string corpus, string feed, string version)
        {
            string dir = Path.Combine(root, "Aiohttp");
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
            Directory.CreateDirectory(dir);
            foreach (string file in Directory.GetFiles(corpus, "*.py", SearchOption.AllDirectories))
            {
                string target = Path.Combine(dir, "py", Path.GetRelativePath(corpus, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
            File.WriteAllText(Path.Combine(dir, "Worker.cs"), """
                namespace Aiohttp;

                public static class Worker
                {
                    public static async Task<int> RunAsync() { await Task.Delay(1); return 1; }
                }
                """);
            string packages = Path.Combine(root, "packages");
            // The version does not change between local packs: a cached copy would hide the package just built.
            if (Directory.Exists(packages)) Directory.Delete(packages, recursive: true);
            BuildBenchmark.WriteNuGetConfig(dir, feed, packages);
            File.WriteAllText(Path.Combine(dir, "Aiohttp.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <TargetFramework>net10.0</TargetFramework>
                    <ImplicitUsings>enable</ImplicitUsings>
                    <!-- Real code has real findings: measure, do not fail. -->
                    <RuntimePerfFailOnHigh>false</RuntimePerfFailOnHigh>
                    <RuntimePerfMinScore>0</RuntimePerfMinScore>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="RuntimePerf.Build" Version="{version}" PrivateAssets="all" />
                  </ItemGroup>
                </Project>
                """);
            return dir;
        }
    }
}
