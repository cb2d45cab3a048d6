using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;

namespace RuntimePerf.IntegrationTests
{
    /// <summary>
    /// The `runtimeperf` tool, installed from the packed feed into a temporary tool path, on the repository's samples,
    /// on a folder with only Python, and with bad arguments.
    /// </summary>
    [Collection(PackageCollection.Name)]
    public sealed class CliToolTests
    {
        private readonly PackageFixture _package;

        public CliToolTests(PackageFixture package) => _package = package;

        [Fact]
        public void Samples_give_one_sarif_with_a_run_per_project_the_html_and_the_same_fingerprints_as_dotnet_build()
        {
            var tool = Tool.Install(_package);
            string repo = CopySamples();
            string outDir = Path.Combine(repo, "out");
            var run = tool.Run(repo, "audit", "samples", "--sarif", Path.Combine(outDir, "r.sarif"), "--json", Path.Combine(outDir, "r.json"),
                "--html", Path.Combine(outDir, "r.html"));

            Assert.True(run.ExitCode == 1, run.ToString());
            // The build's own lines: a planted HIGH finding, as `dotnet build` prints it, and one summary per project.
            Assert.Matches(new Regex(@"samples/OrdersService/Program\.cs\(\d+,\d+,\d+,\d+\): error RP0002: "), run.Output);
            Assert.Equal(2, Regex.Matches(run.Output, @"^RuntimePerf: score \d+\.\d/10, .*, rating [A-E] \(debt ratio ", RegexOptions.Multiline).Count);
            Assert.Contains("RuntimePerf total: 2 project(s) audited", run.Output);
            Assert.DoesNotContain("   at ", run.Output); // no stack trace

            using var sarif = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "r.sarif")));
            var runs = sarif.RootElement.GetProperty("runs").EnumerateArray().ToList();
            Assert.Equal(new[] { "runtimeperf/samples/CleanService/CleanService.csproj/", "runtimeperf/samples/OrdersService/OrdersService.csproj/" },
                runs.Select(r => r.GetProperty("automationDetails").GetProperty("id").GetString()).OrderBy(s => s, StringComparer.Ordinal));
            var uris = runs.SelectMany(r => r.GetProperty("results").EnumerateArray())
                .Select(r => r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString()!).ToList();
            Assert.NotEmpty(uris);
            Assert.All(uris, u => Assert.StartsWith("samples/OrdersService/", u));
            // the README's sample shows all three of its languages: its paths start with samples/, which is no test folder
            Assert.Contains(uris, u => u.EndsWith(".py", StringComparison.Ordinal));
            Assert.Contains(uris, u => u.EndsWith(".js", StringComparison.Ordinal));

            string html = File.ReadAllText(Path.Combine(outDir, "r.html"));
            Assert.Contains("samples/OrdersService/OrdersService.csproj", html);
            Assert.Contains("samples/CleanService/CleanService.csproj", html);
            Assert.DoesNotContain("<script src", html);

            // One finding, one fingerprint: `dotnet build` (C# through the compiler-hosted analyzer) finds the same set
            // as the tool (the audit target without a compile, C# analysed in the task).
            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "r.json")));
            var orders = json.RootElement.GetProperty("projects").EnumerateArray()
                .Single(p => p.GetProperty("project").GetString() == "samples/OrdersService/OrdersService.csproj");
            var fromTool = Fingerprints(orders);
            var build = DotNet.Run(repo, _package.Environment, "build", Path.Combine(repo, "samples", "OrdersService", "OrdersService.csproj"), "-nr:false");
            Assert.False(build.Succeeded, build.ToString());
            using var built = JsonDocument.Parse(File.ReadAllText(Path.Combine(repo, "samples", "OrdersService", "obj", "Debug", "net10.0", "runtimeperf.json")));
            Assert.Equal(fromTool, Fingerprints(built.RootElement));
            Assert.Equal(json.RootElement.GetProperty("total").GetProperty("total_issues").GetInt32(), fromTool.Count);
        }

        [Fact]
        public void A_folder_with_only_python_is_audited_as_sources_and_bad_arguments_exit_2_with_one_line()
        {
            var tool = Tool.Install(_package);
            string repo = Path.Combine(_package.Root, "pyonly-" + Guid.NewGuid().ToString("N").Substring(0, 6));
            Directory.CreateDirectory(Path.Combine(repo, ".git"));
            Directory.CreateDirectory(Path.Combine(repo, "svc"));
            File.WriteAllText(Path.Combine(repo, "svc", "app.py"), SleepingHandler("/slow", "handler"));
            string sarifPath = Path.Combine(_package.Root, "py-" + Guid.NewGuid().ToString("N").Substring(0, 6) + ".sarif");

            var failed = tool.Run(repo, "audit", ".", "--sarif", sarifPath);
            Assert.True(failed.ExitCode == 1, failed.ToString());
            Assert.Matches(new Regex(@"svc/app\.py\(9,5(,\d+,\d+)?\): error RP0002: "), failed.Output);
            using (var sarif = JsonDocument.Parse(File.ReadAllText(sarifPath)))
            {
                var run = Assert.Single(sarif.RootElement.GetProperty("runs").EnumerateArray());
                Assert.StartsWith("runtimeperf/pyonly-", run.GetProperty("automationDetails").GetProperty("id").GetString());
                var result = Assert.Single(run.GetProperty("results").EnumerateArray());
                Assert.Equal("svc/app.py", result.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString());
            }
            // Nothing was written into the audited folder: the generated project lives in a temporary folder.
            Assert.Equal(new[] { ".git", "svc" }, Directory.GetFileSystemEntries(repo).Select(Path.GetFileName).OrderBy(s => s, StringComparer.Ordinal));

            var reported = tool.Run(repo, "audit", "--no-fail-on-high", "--format", "json");
            Assert.True(reported.ExitCode == 0, reported.ToString());
            using (var json = JsonDocument.Parse(reported.StandardOutput))
            {
                Assert.Equal(1, json.RootElement.GetProperty("total").GetProperty("high").GetInt32());
                var project = Assert.Single(json.RootElement.GetProperty("projects").EnumerateArray());
                Assert.Equal("python", project.GetProperty("findings")[0].GetProperty("language").GetString());
            }

            foreach (var args in new[]
            {
                new[] { "audit", ".", "--min-score", "eleven" },
                new[] { "audit", "no-such-folder" },
                new[] { "audit", "--format", "xml" },
                new[] { "frobnicate" },
                new[] { "audit", "--sarif" },
            })
            {
                var bad = tool.Run(repo, args);
                Assert.True(bad.ExitCode == 2, string.Join(" ", args) + ": " + bad);
                string line = Assert.Single(bad.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
                Assert.StartsWith("runtimeperf: ", line);
            }

            // A baseline for the folder, beside its sources: accepted findings pass, a new one fails.
            var baselined = tool.Run(repo, "audit", "--update-baseline");
            Assert.True(baselined.ExitCode == 0, baselined.ToString());
            Assert.True(File.Exists(Path.Combine(repo, "runtimeperf.baseline.json")));
            File.WriteAllText(Path.Combine(repo, "svc", "jobs.py"), SleepingHandler("/poll", "poll"));
            string json2 = Path.Combine(_package.Root, "py-" + Guid.NewGuid().ToString("N").Substring(0, 6) + ".json");
            var regressed = tool.Run(repo, "audit", "--json", json2, "--min-rating", "E");
            Assert.True(regressed.ExitCode == 1, regressed.ToString());
            Assert.Contains("1 still present, 0 fixed, 1 new (HIGH) → fails", regressed.Output);
            using (var json = JsonDocument.Parse(File.ReadAllText(json2)))
            {
                var project = Assert.Single(json.RootElement.GetProperty("projects").EnumerateArray());
                Assert.Equal(1, project.GetProperty("baseline").GetProperty("new").GetInt32());
                Assert.Equal("E", project.GetProperty("gate").GetProperty("min_rating").GetString());
            }
        }

        /// <summary>An aiohttp handler that sleeps on the event loop: RP0002 HIGH at line 9, column 5.</summary>
        private static string SleepingHandler(string route, string name) => $"""
            import time
            from aiohttp import web

            routes = web.RouteTableDef()


            @routes.get("{route}")
            async def {name}(request):
                time.sleep(1)
                return web.Response(text="done")
            """;

        private static HashSet<string> Fingerprints(JsonElement report) =>
            report.GetProperty("findings").EnumerateArray().Where(f => !f.TryGetProperty("suppressed", out _))
                .Select(f => f.GetProperty("fingerprint").GetString()!).ToHashSet(StringComparer.Ordinal);

        /// <summary>The repository's samples (both projects and their shared props), consuming the fixture's feed.</summary>
        private string CopySamples()
        {
            string repo = Path.Combine(_package.Root, "samples-" + Guid.NewGuid().ToString("N").Substring(0, 6));
            string source = BuildInfoAttribute.Current.RepoRoot;
            Directory.CreateDirectory(repo);
            // The root marker the targets recognise without source control information (as in a git worktree).
            File.WriteAllText(Path.Combine(repo, ".git"), "gitdir: elsewhere\n");
            File.Copy(Path.Combine(source, "Version.props"), Path.Combine(repo, "Version.props"));
            foreach (string file in Directory.EnumerateFiles(Path.Combine(source, "samples"), "*", SearchOption.AllDirectories))
            {
                string rel = Path.GetRelativePath(source, file);
                if (rel.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or ".nuget")) continue;
                string target = Path.Combine(repo, rel);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
            File.WriteAllText(Path.Combine(repo, "samples", "nuget.config"), _package.NuGetConfig);
            return repo;
        }
    }

    /// <summary>The tool packed next to the package and installed with `dotnet tool install --tool-path`, once per fixture.</summary>
    public sealed class Tool
    {
        private static readonly object Gate = new object();
        private static readonly Dictionary<string, Tool> Installed = new Dictionary<string, Tool>(StringComparer.Ordinal);
        private readonly PackageFixture _package;

        private Tool(PackageFixture package, string executable)
        {
            _package = package;
            Executable = executable;
        }

        public string Executable { get; }

        public static Tool Install(PackageFixture package)
        {
            lock (Gate)
            {
                if (Installed.TryGetValue(package.Root, out var tool)) return tool;
                var info = BuildInfoAttribute.Current;
                var pack = DotNet.Run(info.RepoRoot, package.Environment, "pack",
                    Path.Combine(info.RepoRoot, "src", "RuntimePerf.Cli", "RuntimePerf.Cli.csproj"), "-c", info.Configuration, "--no-build", "-o", package.Feed, "-nr:false");
                if (!pack.Succeeded) throw new InvalidOperationException("dotnet pack of the tool failed:\n" + pack);
                string toolPath = Path.Combine(package.Root, "tools");
                var install = DotNet.Run(package.Root, package.Environment, "tool", "install", "RuntimePerf.Cli", "--tool-path", toolPath,
                    "--add-source", package.Feed, "--version", package.Version);
                if (!install.Succeeded) throw new InvalidOperationException("dotnet tool install failed:\n" + install);
                tool = new Tool(package, Path.Combine(toolPath, OperatingSystem.IsWindows() ? "runtimeperf.exe" : "runtimeperf"));
                Installed[package.Root] = tool;
                return tool;
            }
        }

        public ToolRun Run(string workingDirectory, params string[] args)
        {
            var psi = DotNet.StartInfo(Executable, workingDirectory, _package.Environment, args);
            using var process = Process.Start(psi)!;
            var stderr = process.StandardError.ReadToEndAsync();
            string stdout = process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("runtimeperf " + string.Join(' ', args) + " did not finish in 5 minutes");
            }
            return new ToolRun(process.ExitCode, stdout, stderr.Result);
        }
    }

    public sealed record ToolRun(int ExitCode, string StandardOutput, string StandardError)
    {
        public string Output => StandardOutput + StandardError;
        public override string ToString() => $"exit {ExitCode}\n{StandardOutput}\n--- stderr ---\n{StandardError}";
    }
}
