using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
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
            if (tool) Tool(root, feed, version, with, pairs, cold, Median(full.B) - Median(full.A), Median(full.B));

            var noChange = Pairs(noChangePairs, without, with, prepare: _ => { });
            double noChangeRatio = Report("no-change rebuild", noChange);

            string report = Path.Combine(with, "obj", "Debug", "net10.0", "runtimeperf.json");
            using (var json = JsonDocument.Parse(File.ReadAllBytes(report)))
            {
                Console.WriteLine($"B's report: {json.RootElement.GetProperty("total_issues").GetInt32()} findings, score {json.RootElement.GetProperty("score")}");
            }
            Console.WriteLine($"goals: full build <= {FullBuildGoal:0.00}x: {(fullRatio <= FullBuildGoal ? "met" : "NOT met")}; no-change rebuild <= {NoChangeGoal:0.00}x: {(noChangeRatio <= NoChangeGoal ? "met" : "NOT met")}");
            return 0;
        }

        private static (List<double> A, List<double> B) Pairs(int pairs, string a, string b, Action<string> prepare)
        {
            var times = (A: new List<double>(), B: new List<double>());
            for (int i = 0; i < pairs; i++)
            {
                foreach (string project in i % 2 == 0 ? new[] { a, b } : new[] { b, a })
                {
                    prepare(project);
                    var clock = Stopwatch.StartNew();
                    Dotnet(project, "build", "--no-restore", "-nr:false", "-clp:ErrorsOnly");
                    (project == a ? times.A : times.B).Add(clock.Elapsed.TotalSeconds);
                }
            }
            return times;
        }

        /// <summary>
        /// The runtimeperf tool on B's project, cold like the full builds: restore check, evaluation, the audit target
        /// (C# analysed in the task, no compile). Judged against B − A, what the package adds to a build.
        /// </summary>
        private static void Tool(string root, string feed, string version, string project, int runs, Action<string> cold, double packageCost, double build)
        {
            string toolPath = Path.Combine(root, "tool");
            if (Directory.Exists(toolPath)) Directory.Delete(toolPath, recursive: true);
            Dotnet(root, "tool", "install", "RuntimePerf.Cli", "--tool-path", toolPath, "--add-source", feed, "--version", version);
            string exe = Path.Combine(toolPath, OperatingSystem.IsWindows() ? "runtimeperf.exe" : "runtimeperf");
            var times = new List<double>();
            for (int i = 0; i < runs; i++)
            {
                cold(project);
                var clock = Stopwatch.StartNew();
                Exec(project, exe, "audit", Path.Combine(project, Path.GetFileName(project) + ".csproj"));
                times.Add(clock.Elapsed.TotalSeconds);
            }
            double median = Median(times);
            Console.WriteLine("runtimeperf audit (cold, no compile):");
            Console.WriteLine($"  {string.Join(", ", times.Select(t => $"{t:0.00}"))} s; median {median:0.00} s");
            Console.WriteLine($"  vs B − A = {packageCost:0.00} s (the package's part of a build): {median / packageCost:0.00}x; vs B = {build:0.00} s: {median / build:0.00}x");
        }

        private static double Report(string what, (List<double> A, List<double> B) times)
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
