using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;

namespace RuntimePerf.IntegrationTests
{
    /// <summary>
    /// A gate that cannot be fooled: deleted inputs re-run the audit, every entry point reports from one repository
    /// root, and no output names a folder of the machine or a line of source the JSON does not show.
    /// </summary>
    [Collection(PackageCollection.Name)]
    public sealed class GateHardeningTests
    {
        private const string CleanProgram = "var app = WebApplication.CreateBuilder(args).Build();\napp.MapGet(\"/\", () => \"ok\");\napp.Run();\n";

        /// <summary>time.sleep at line 9 in an aiohttp handler: RP0002 HIGH, with a comment nobody means to publish.</summary>
        private const string SlowHandler = """
            import time
            from aiohttp import web

            routes = web.RouteTableDef()


            @routes.get("/slow")
            async def handler(request):
                time.sleep(1)  # SECRET_TOKEN=hunter2
                return web.Response(text="done")
            """;

        private readonly PackageFixture _package;

        public GateHardeningTests(PackageFixture package) => _package = package;

        private static void Git(string directory, params string[] args)
        {
            var psi = new ProcessStartInfo("git") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (string a in new[] { "-c", "user.email=test@example.org", "-c", "user.name=test", "-c", "init.defaultBranch=main" }.Concat(args))
                psi.ArgumentList.Add(a);
            using var git = Process.Start(psi)!;
            string output = git.StandardOutput.ReadToEnd() + git.StandardError.ReadToEnd();
            git.WaitForExit();
            if (git.ExitCode != 0) throw new InvalidOperationException("git " + string.Join(' ', args) + " failed:\n" + output);
        }

        private static string[] Files(ConsumerProject project) => JsonDocument.Parse(File.ReadAllText(project.JsonReport)).RootElement
            .GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("file").GetString()!).Distinct().OrderBy(f => f, StringComparer.Ordinal).ToArray();

        [Fact]
        public void Deleted_renamed_and_added_inputs_rerun_the_audit_and_a_no_change_build_keeps_the_outcome()
        {
            string repo = _package.NewFolder("Deletions");
            Git(repo, "init", "-q");
            Directory.CreateDirectory(Path.Combine(repo, "tools"));
            File.WriteAllText(Path.Combine(repo, "tools", "job.py"), SlowHandler);
            string app = Path.Combine(repo, "app");
            Directory.CreateDirectory(app);
            var project = _package.NewProject("App", items: "<RuntimePerfSource Include=\"../tools/*.py\" />", directory: app)
                .Write("Program.cs", CleanProgram);
            string baseline = Path.Combine(app, "runtimeperf.baseline.json");

            // Baseline deleted: every finding is judged again.
            Assert.True(project.Build("-p:RuntimePerfUpdateBaseline=true").Succeeded);
            var baselined = project.Build();
            Assert.True(baselined.Succeeded, baselined.ToString());
            Assert.Contains("1 still present, 0 fixed, 0 new → passes", baselined.Output);
            File.Delete(baseline);
            foreach (var build in new[] { project.Build(), project.Build() })
            {
                Assert.False(build.Succeeded, build.ToString());
                Assert.Matches(new Regex(@"tools[/\\]job\.py\(9,5(,\d+,\d+)?\): error RP0002: "), build.Output);
                Assert.DoesNotContain("still present", build.Output);
            }

            // The .editorconfig that silenced the rule deleted: it fails again.
            string editorConfig = Path.Combine(repo, "tools", ".editorconfig");
            File.WriteAllText(editorConfig, "[*.py]\ndotnet_diagnostic.RP0002.severity = none\n");
            Assert.True(project.Build().Succeeded);
            File.Delete(editorConfig);
            Assert.All(new[] { project.Build(), project.Build() }, build => Assert.False(build.Succeeded, build.ToString()));

            // The RuntimePerfSource file renamed away from the glob: its findings go.
            File.Move(Path.Combine(repo, "tools", "job.py"), Path.Combine(repo, "tools", "job.py.txt"));
            foreach (var build in new[] { project.Build(), project.Build() })
            {
                Assert.True(build.Succeeded, build.ToString());
                Assert.Empty(Files(project));
            }

            // A new file matching the glob: audited.
            File.WriteAllText(Path.Combine(repo, "tools", "new.py"), SlowHandler);
            foreach (var build in new[] { project.Build(), project.Build() })
            {
                Assert.False(build.Succeeded, build.ToString());
                Assert.Equal(new[] { "tools/new.py" }, Files(project));
            }
        }

        [Fact]
        public void Build_and_the_standalone_target_report_the_same_from_one_root_in_a_clone_a_repository_without_commits_and_a_worktree()
        {
            string outside = _package.NewFolder("Outside");
            File.WriteAllText(Path.Combine(outside, "secret.py"), SlowHandler);
            string repo = _package.NewFolder("Rooted");
            string api = Path.Combine(repo, "src", "Api");
            Directory.CreateDirectory(api);
            // Bad inputs of every kind: binary, unparsable, too large, missing, outside the repository.
            var project = _package.NewProject("Api", properties: "<RuntimePerfMaxFileSize>16KB</RuntimePerfMaxFileSize>", directory: api,
                    items: $"<RuntimePerfSource Include=\"../../tools/*.py;../../tools/gone.py;{Path.Combine(outside, "secret.py")}\" />")
                .Write("Program.cs", CleanProgram)
                .Write("../../tools/job.py", SlowHandler)
                .Write("../../tools/broken.py", "def broken(:\n    return 1\n")
                .Write("../../tools/huge.py", SlowHandler + new string('#', 20_000) + "\n");
            File.WriteAllBytes(Path.Combine(repo, "tools", "blob.py"), new byte[] { 0, 1, 2, 0 });
            File.WriteAllText(Path.Combine(repo, ".gitignore"), "bin/\nobj/\n");

            // A repository without a commit yet.
            Git(repo, "init", "-q");
            var reference = SameFromBothEntryPoints(project, updateBaseline: true);
            using (var json = JsonDocument.Parse(reference.Json))
            {
                var notices = json.RootElement.GetProperty("notices").EnumerateArray()
                    .Select(n => n.GetProperty("file").GetString() + ": " + n.GetProperty("message").GetString()).ToList();
                Assert.Contains(notices, n => n.StartsWith("secret.py: outside the repository root", StringComparison.Ordinal));
                Assert.Contains(notices, n => n.StartsWith("tools/gone.py: listed as a source but not found", StringComparison.Ordinal));
                Assert.Contains(notices, n => n.StartsWith("tools/huge.py: ", StringComparison.Ordinal) && n.Contains("RuntimePerfMaxFileSize"));
                Assert.Contains(notices, n => n.StartsWith("tools/blob.py: ", StringComparison.Ordinal));
                var python = json.RootElement.GetProperty("files").GetProperty("python");
                Assert.Equal(2, python.GetProperty("audited").GetInt32()); // job.py, and broken.py for what parsed
                Assert.Equal(4, python.GetProperty("skipped").GetInt32());
                Assert.Equal(new[] { "tools/job.py" }, json.RootElement.GetProperty("findings").EnumerateArray()
                    .Select(f => f.GetProperty("file").GetString()).Distinct());
            }
            foreach (string output in new[] { project.JsonReport, project.SarifReport, Path.Combine(api, "runtimeperf.baseline.json"),
                         Path.Combine(project.ObjDir, "runtimeperf.report.bin") })
            {
                string text = File.ReadAllText(output);
                Assert.DoesNotContain(_package.Root, text);
                Assert.DoesNotContain(Path.GetTempPath(), text);
                Assert.DoesNotContain("../", text);
                Assert.DoesNotContain("hunter2", text);
            }

            // The same repository with a commit.
            Git(repo, "add", "-A");
            Git(repo, "commit", "-q", "-m", "initial");
            Assert.Equal(reference, SameFromBothEntryPoints(project, updateBaseline: false));

            // A worktree: .git is a file there.
            string worktree = Path.Combine(_package.NewFolder("Worktree"), "wt");
            Git(repo, "worktree", "add", "-q", worktree);
            Assert.True(File.Exists(Path.Combine(worktree, ".git")));
            var inWorktree = new ConsumerProject(_package, Path.Combine(worktree, "src", "Api"), "Api");
            Assert.Equal(reference, SameFromBothEntryPoints(inWorktree, updateBaseline: false));
        }

        [Fact]
        public void Ctrl_C_during_a_long_audit_returns_within_2_s_keeps_the_previous_report_and_the_next_build_audits_again()
        {
            var project = _package.NewProject("Cancelled", properties: "<RuntimePerfMaxFileSize>0</RuntimePerfMaxFileSize>")
                .Write("Program.cs", CleanProgram);
            Assert.True(project.Build().Succeeded);
            byte[] before = File.ReadAllBytes(project.JsonReport);
            // About 12 MB of Python: an audit of about 5 s on a quiet machine (2.4 s for 6 MB), so the signal, half a
            // second after the task starts, lands in the middle of it.
            var big = new System.Text.StringBuilder("import time\n\n");
            for (int i = 0; big.Length < 12_000_000; i++)
                big.Append($"async def handler_{i}(request):\n    rows = [r for r in request.rows if r]\n    total = 0\n    for r in rows:\n        total += len(r)\n    return total\n\n\n");
            big.Append("async def slow(request):\n    time.sleep(1)\n");
            project.Write("worker/big.py", big.ToString());

            // Through env --default-signal: a test run started in the background by a non-interactive shell inherits SIGINT
            // ignored, and the build would never see the signal (env then execs dotnet, so the pid is the build's).
            var psi = new ProcessStartInfo("env") { WorkingDirectory = project.Directory, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (string a in new[] { "--default-signal=INT", "dotnet", "build", project.ProjectFile, "-nr:false", "-v:d" }) psi.ArgumentList.Add(a);
            foreach (var kv in _package.Environment) psi.Environment[kv.Key] = kv.Value;
            psi.Environment["MSBUILDDISABLENODEREUSE"] = "1";
            using var build = Process.Start(psi)!;
            var started = new System.Threading.ManualResetEventSlim();
            var output = new System.Text.StringBuilder();
            build.OutputDataReceived += (_, e) =>
            {
                if (e.Data == null) return;
                lock (output) output.AppendLine(e.Data);
                if (e.Data.Contains("Task \"RuntimePerfAuditTask\"", StringComparison.Ordinal)) started.Set();
            };
            build.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (output) output.AppendLine(e.Data); };
            string Output() { lock (output) return output.ToString(); } // the handlers append on other threads
            build.BeginOutputReadLine();
            build.BeginErrorReadLine();
            Assert.True(started.Wait(TimeSpan.FromMinutes(3)), "the audit never started:\n" + Output());
            System.Threading.Thread.Sleep(500);
            Assert.False(build.HasExited, "the audit finished before the signal; make the file larger\n" + Output());
            var clock = Stopwatch.StartNew();
            using (var kill = Process.Start("kill", new[] { "-INT", build.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) })) kill.WaitForExit();
            bool exited = build.WaitForExit(TimeSpan.FromSeconds(30));
            clock.Stop();
            if (!exited) build.Kill(entireProcessTree: true);
            build.WaitForExit();

            Assert.True(exited && clock.Elapsed < TimeSpan.FromSeconds(2), $"returned {clock.Elapsed.TotalSeconds:0.0} s after the signal\n{Output()}");
            Assert.NotEqual(0, build.ExitCode);
            Assert.Contains("audit cancelled; the previous report is left as it was", Output());
            Assert.Equal(before, File.ReadAllBytes(project.JsonReport));

            var again = project.Build();
            Assert.True(again.Succeeded, again.ToString());
            Assert.Matches(new Regex(@"worker[/\\]big\.py\(\d+,5(,\d+,\d+)?\): warning RP0002: "), again.Output);
        }

        private sealed record Reports(string Json, string Sarif, string Baseline);

        /// <summary>
        /// Builds, then audits with the standalone target from scratch; both give the same report bytes (but the
        /// duration) and the same baseline outcome, which is returned; a build after the standalone audit finds it up to date.
        /// </summary>
        private static Reports SameFromBothEntryPoints(ConsumerProject project, bool updateBaseline)
        {
            var build = updateBaseline ? project.Build("-p:RuntimePerfUpdateBaseline=true") : project.Build();
            Assert.True(build.Succeeded, build.ToString());
            var fromBuild = Read(project, build.Output);
            Assert.NotEqual("", fromBuild.Baseline);
            foreach (string file in Directory.GetFiles(project.ObjDir, "runtimeperf.*")) File.Delete(file);
            var audit = project.Msbuild("-t:RuntimePerfAudit");
            Assert.True(audit.Succeeded, audit.ToString());
            Assert.Equal(fromBuild, Read(project, audit.Output));
            // Neither entry point makes the other re-audit (the runtimeperf tool runs the standalone target).
            var after = project.Build("-v:detailed");
            Assert.Contains("Skipping target \"_RuntimePerfAuditCore\"", after.Output);
            return fromBuild;
        }

        private static Reports Read(ConsumerProject project, string output) => new Reports(
            Regex.Replace(File.ReadAllText(project.JsonReport), "\"duration_ms\": \\d+", "\"duration_ms\": 0"),
            File.ReadAllText(project.SarifReport),
            Regex.Match(output, @"RuntimePerf baseline src/Api/runtimeperf\.baseline\.json: \d+ still present[^;]*").Value);
    }
}
