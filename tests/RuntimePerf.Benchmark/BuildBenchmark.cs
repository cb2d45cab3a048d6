using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace RuntimePerf.Benchmark
{
    /// <summary>
    /// What the package costs a real build: the same generated code base built by two projects, one without the
    /// package (A) and one with it (B, from artifacts/packages), with <c>dotnet build -nr:false</c>.
    /// Full builds are cold: outputs deleted and build servers shut down before each. Then no-change rebuilds, in more
    /// pairs: they take ~1.5 s, so this machine's ±0.1 s noise is as large as the 5% they are judged by.
    /// Pairs alternate A/B and B/A so neither always runs first; the ratio compares the medians.
    /// With <c>compilerErrorLog</c>, B also sets RuntimePerfCompilerErrorLog: what the compiler listing the findings costs.
    /// </summary>
    internal static class BuildBenchmark
    {
        private const double FullBuildGoal = 1.15;
        private const double NoChangeGoal = 1.05;
        // A small project is judged by the seconds the package adds to its full build, not by a ratio of a short build.
        private const long SmallProjectLines = 10_000;
        private const double SmallProjectAddedGoal = 0.3;

        public static int Run(string repo, long targetLines, int pairs, int noChangePairs, bool compilerErrorLog, bool tool)
        {
            if (PackedVersion(repo, out string feed) is not { } version) return 2;
            string root = Path.Combine(repo, ".bench", "build");
            string packages = Path.Combine(root, "packages");
            // The version does not change between local packs: a cached copy would hide the package just built.
            if (Directory.Exists(packages)) Directory.Delete(packages, recursive: true);
            var (files, lines) = CSharpCorpus.Generate(Path.Combine(root, "src"), targetLines);
            var without = Project(root, "Without", feed, packages, package: null, compilerErrorLog: false);
            var with = Project(root, "With", feed, packages, package: version, compilerErrorLog);
            foreach (var project in new[] { without, with }) Dotnet(project, "restore");

            Console.WriteLine($"code base: {files} files, {lines:N0} lines (generated under .bench/build/src); {Environment.ProcessorCount} cores");
            Console.WriteLine($"A = without the package, B = with RuntimePerf.Build {version}{(compilerErrorLog ? " and RuntimePerfCompilerErrorLog=true" : "")}; dotnet build --no-restore -nr:false; {pairs} pairs of full builds, {noChangePairs} of no-change rebuilds, A/B order alternating");

            Action<string> cold = project =>
            {
                foreach (string dir in new[] { "bin", Path.Combine("obj", "Debug") })
                {
                    string path = Path.Combine(project, dir);
                    if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
                }
                Dotnet(project, "build-server", "shutdown");
            };
            var full = Pairs(pairs, without, with, cold);
            double fullRatio = Report("full build (cold: outputs deleted, build servers shut down)", full);
            if (tool) Tool(root, feed, version, with, pairs, cold, full);

            var noChange = Pairs(noChangePairs, without, with, prepare: _ => { });
            double noChangeRatio = Report("no-change rebuild", noChange);

            string report = Path.Combine(with, "obj", "Debug", "net10.0", "runtimeperf.json");
            using (var json = JsonDocument.Parse(File.ReadAllBytes(report)))
            {
                Console.WriteLine($"B's report: {json.RootElement.GetProperty("total_issues").GetInt32()} findings, score {json.RootElement.GetProperty("score")}");
            }
            Console.WriteLine($"goals: full build <= {FullBuildGoal:0.00}x: {(fullRatio <= FullBuildGoal ? "met" : "NOT met")}; no-change rebuild <= {NoChangeGoal:0.00}x: {(noChangeRatio <= NoChangeGoal ? "met" : "NOT met")}");
            if (lines <= SmallProjectLines)
            {
                double added = Median(full.B) - Median(full.A);
                Console.WriteLine($"small project ({lines:N0} lines): the package adds {added:0.00} s to a full build (goal <= {SmallProjectAddedGoal:0.0} s: {(added <= SmallProjectAddedGoal ? "met" : "NOT met")})");
            }
            return 0;
        }

        /// <summary>Wall times of A's and B's builds, and how long the compiler (the Csc task) took in A's.</summary>
        private sealed record Times(List<double> A, List<double> B, List<double> CompileA);

        private static Times Pairs(int pairs, string a, string b, Action<string> prepare)
        {
            var times = new Times(new List<double>(), new List<double>(), new List<double>());
            for (int i = 0; i < pairs; i++)
            {
                foreach (string project in i % 2 == 0 ? new[] { a, b } : new[] { b, a })
                {
                    prepare(project);
                    var clock = Stopwatch.StartNew();
                    string output = Dotnet(project, "build", "--no-restore", "-nr:false", "-v:q", "-clp:PerformanceSummary");
                    (project == a ? times.A : times.B).Add(clock.Elapsed.TotalSeconds);
                    if (project == a && Regex.Match(output, @"^\s*(\d+) ms\s+Csc\s+\d+ calls", RegexOptions.Multiline) is { Success: true } csc)
                        times.CompileA.Add(double.Parse(csc.Groups[1].Value, CultureInfo.InvariantCulture) / 1000);
                }
            }
            return times;
        }

        /// <summary>
        /// The runtimeperf tool on B's project, judged against what a build with the package does besides compiling
        /// (B minus A's Csc task) and against B − A (what the package adds). Twice: cold like the full builds (obj/
        /// deleted: the task binds all the C# itself), and after a build of the project (the compiler's findings log
        /// is fresh and is read instead; the audit's own outputs and cache are deleted first, so it does run).
        /// </summary>
        private static void Tool(string root, string feed, string version, string project, int runs, Action<string> cold, Times full)
        {
            string toolPath = Path.Combine(root, "tool");
            if (Directory.Exists(toolPath)) Directory.Delete(toolPath, recursive: true);
            Dotnet(root, "tool", "install", "RuntimePerf.Cli", "--tool-path", toolPath, "--add-source", feed, "--version", version);
            string exe = Path.Combine(toolPath, OperatingSystem.IsWindows() ? "runtimeperf.exe" : "runtimeperf");
            string csproj = Path.Combine(project, Path.GetFileName(project) + ".csproj");
            double b = Median(full.B), besidesCompile = b - Median(full.CompileA), packageCost = b - Median(full.A);
            Console.WriteLine($"runtimeperf audit, against B minus the compile (A's Csc task, median {Median(full.CompileA):0.00} s) = {besidesCompile:0.00} s, and B − A = {packageCost:0.00} s:");
            void Series(string what, Action<string> prepare)
            {
                var times = new List<double>();
                for (int i = 0; i < runs; i++)
                {
                    prepare(project);
                    var clock = Stopwatch.StartNew();
                    Exec(project, exe, "audit", csproj);
                    times.Add(clock.Elapsed.TotalSeconds);
                }
                double median = Median(times);
                Console.WriteLine($"  {what}: {string.Join(", ", times.Select(t => $"{t:0.00}"))} s; median {median:0.00} s; " +
                                  $"{median / besidesCompile:0.00}x B minus the compile ({(median <= besidesCompile ? "met" : "NOT met")}), {median / packageCost:0.00}x B − A");
            }
            Series("cold (obj/ deleted, C# bound in the task)", cold);
            cold(project);
            Dotnet(project, "build", "--no-restore", "-nr:false", "-clp:ErrorsOnly");
            Series("after a build (the compiler's findings log read)", dir =>
            {
                string obj = Path.Combine(dir, "obj", "Debug", "net10.0");
                foreach (string file in Directory.GetFiles(obj, "runtimeperf.*"))
                    if (Path.GetFileName(file) != "runtimeperf.compiler.sarif") File.Delete(file);
            });
        }

        private static double Report(string what, Times times)
        {
            double a = Median(times.A), b = Median(times.B);
            Console.WriteLine($"{what}:");
            Console.WriteLine($"  A {string.Join(", ", times.A.Select(t => $"{t:0.00}"))} s; median {a:0.00} s");
            Console.WriteLine($"  B {string.Join(", ", times.B.Select(t => $"{t:0.00}"))} s; median {b:0.00} s");
            Console.WriteLine($"  B / A = {b / a:0.000}x");
            return b / a;
        }

        /// <summary>The version of the package packed into artifacts/packages, or null (with how to pack it) when there is none.</summary>
        internal static string? PackedVersion(string repo, out string feed)
        {
            string version = XDocument.Load(Path.Combine(repo, "Version.props")).Descendants("RuntimePerfVersion").Single().Value;
            feed = Path.Combine(repo, "artifacts", "packages");
            if (File.Exists(Path.Combine(feed, $"RuntimePerf.Build.{version}.nupkg"))) return version;
            Console.Error.WriteLine($"No RuntimePerf.Build.{version}.nupkg in {feed}: run `dotnet pack src/RuntimePerf.Build.Tasks -c Release -o artifacts/packages` first.");
            return null;
        }

        internal static double Median(List<double> values)
        {
            var sorted = values.OrderBy(v => v).ToList();
            int mid = sorted.Count / 2;
            return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        }

        /// <summary>A web project compiling the shared generated sources; with the package when a version is given.</summary>
        private static string Project(string root, string name, string feed, string packages, string? package, bool compilerErrorLog)
        {
            string dir = Path.Combine(root, name);
            Directory.CreateDirectory(dir);
            WriteNuGetConfig(dir, feed, packages);
            string reference = package == null ? "" : $"""<PackageReference Include="RuntimePerf.Build" Version="{package}" PrivateAssets="all" />""";
            File.WriteAllText(Path.Combine(dir, name + ".csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk.Web">
                  <PropertyGroup>
                    <TargetFramework>net10.0</TargetFramework>
                    <OutputType>Library</OutputType>
                    <Nullable>enable</Nullable>
                    <EnableDefaultCompileItems>false</EnableDefaultCompileItems>
                    <!-- The generated code base has planted findings: measure, do not fail. -->
                    <RuntimePerfFailOnHigh>false</RuntimePerfFailOnHigh>
                    <RuntimePerfCompilerErrorLog>{(compilerErrorLog ? "true" : "false")}</RuntimePerfCompilerErrorLog>
                  </PropertyGroup>
                  <ItemGroup>
                    <Compile Include="../src/**/*.cs" />
                    {reference}
                  </ItemGroup>
                </Project>
                """);
            return dir;
        }

        /// <summary>A nuget.config with the local feed first and its own packages folder, so the package just packed is used.</summary>
        internal static void WriteNuGetConfig(string dir, string feed, string packages) =>
            File.WriteAllText(Path.Combine(dir, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <config><add key="globalPackagesFolder" value="{packages}" /></config>
                  <packageSources>
                    <clear />
                    <add key="local" value="{feed}" />
                    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
                  </packageSources>
                </configuration>
                """);

        /// <summary>Runs dotnet and returns its standard output; a failure throws with both outputs.</summary>
        internal static string Dotnet(string directory, params string[] args) => Exec(directory, "dotnet", args);

        private static string Exec(string directory, string file, params string[] args)
        {
            var start = new ProcessStartInfo(file) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (string arg in args) start.ArgumentList.Add(arg);
            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            start.Environment["DOTNET_NOLOGO"] = "1";
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            string stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{file} {string.Join(" ", args)} failed in {directory}:\n{stdout}\n{stderr.Result}");
            }
            return stdout;
        }
    }
}
