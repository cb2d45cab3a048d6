using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;

namespace RuntimePerf.IntegrationTests
{
    /// <summary>Issue "fail on regressions only": baselines, inline suppressions and .editorconfig, in real builds.</summary>
    [Collection(PackageCollection.Name)]
    public sealed class BaselineBuildTests
    {
        private const string Program = ConsumerSources.SleepInHandler;

        private const string Legacy = """
            public static class Legacy
            {
                public static async Task<int> CountAsync(string path)
                {
                    await Task.Yield();
                    return File.ReadAllLines(path).Length;
                }

                public static async Task WaitAsync()
                {
                    Thread.Sleep(10);
                    await Task.Yield();
                }

                public static async Task<string> LoadAsync(string path)
                {
                    await Task.Yield();
                    return File.ReadAllText(path);
                }

                public static async Task SaveAsync(string path, string text)
                {
                    await Task.Yield();
                    File.WriteAllText(path, text);
                }

                public static int Unrelated() => 42;
            }
            """;

        private readonly PackageFixture _package;

        public BaselineBuildTests(PackageFixture package) => _package = package;

        [Fact]
        public void A_baseline_lets_a_legacy_project_pass_and_fails_only_on_what_is_new()
        {
            var project = _package.NewProject("LegacyApi").Write("Program.cs", Program).Write("Legacy.cs", Legacy);
            string baselineFile = Path.Combine(project.Directory, "runtimeperf.baseline.json");
            var before = project.Build();
            Assert.False(before.Succeeded, "the HIGH finding fails without a baseline\n" + before);

            var written = project.Build("-p:RuntimePerfUpdateBaseline=true");
            Assert.True(written.Succeeded, written.ToString());
            byte[] first = File.ReadAllBytes(baselineFile);
            using (var doc = JsonDocument.Parse(first))
            {
                Assert.Equal(5, doc.RootElement.GetProperty("findings").EnumerateArray().Sum(e => e.GetProperty("count").GetInt32()));
            }
            var regenerated = project.Build("-p:RuntimePerfUpdateBaseline=true");
            Assert.True(regenerated.Succeeded, regenerated.ToString());
            Assert.Equal(first, File.ReadAllBytes(baselineFile));

            var passes = project.Build();
            Assert.True(passes.Succeeded, passes.ToString());
            Assert.Contains("5 still present, 0 fixed, 0 new → passes", passes.Output);

            // 20 lines above every finding and an unrelated method renamed: the baseline still matches.
            string padding = string.Concat(Enumerable.Repeat("// moved down\n", 20));
            string legacy = Legacy.Replace("Unrelated()", "NothingToSeeHere()");
            foreach (string method in new[] { "CountAsync", "WaitAsync", "LoadAsync", "SaveAsync" })
            {
                legacy = legacy.Replace("    public static async Task<int> " + method, padding + "    public static async Task<int> " + method)
                    .Replace("    public static async Task " + method, padding + "    public static async Task " + method)
                    .Replace("    public static async Task<string> " + method, padding + "    public static async Task<string> " + method);
            }
            project.Write("Program.cs", padding + Program).Write("Legacy.cs", legacy);
            var moved = project.Build();
            Assert.True(moved.Succeeded, moved.ToString());
            Assert.Contains("5 still present, 0 fixed, 0 new → passes", moved.Output);

            // One new blocking call in a handler: fails, naming only that one.
            string withNew = (padding + Program).Replace("app.Run();", "app.MapGet(\"/config\", () => File.ReadAllText(\"appsettings.json\"));\napp.Run();");
            project.Write("Program.cs", withNew);
            var regressed = project.Build();
            Assert.False(regressed.Succeeded, regressed.ToString());
            var errors = Regex.Matches(regressed.Output, @"error (RP\d{4}): ").Select(m => m.Groups[1].Value).Distinct().ToList();
            Assert.Equal(new[] { "RP0001" }, errors);
            Assert.Matches(new Regex($@"Program\.cs\({LineOf(withNew, "/config")},\d+(,\d+,\d+)?\): error RP0001: "), regressed.Output);
            Assert.Contains("5 still present, 0 fixed, 1 new (HIGH) → fails", regressed.Output);

            // Back without the new call, and one old finding fixed: it shows as fixed, and as a stale entry.
            project.Write("Program.cs", padding + Program).Write("Legacy.cs", legacy.Replace("Thread.Sleep(10);", "await Task.Delay(10);"));
            var improved = project.Build();
            Assert.True(improved.Succeeded, improved.ToString());
            Assert.Contains("4 still present, 1 fixed, 0 new → passes", improved.Output);
            Assert.Contains("RuntimePerf baseline: 1 stale entry (fixed, or the code changed): RP0002 Legacy.cs Legacy.WaitAsync — prune with", improved.Output);

            // Updating prunes the stale entry.
            Assert.True(project.Build("-p:RuntimePerfUpdateBaseline=true").Succeeded);
            using (var doc = JsonDocument.Parse(File.ReadAllBytes(baselineFile)))
            {
                Assert.Equal(4, doc.RootElement.GetProperty("findings").EnumerateArray().Sum(e => e.GetProperty("count").GetInt32()));
                Assert.DoesNotContain(doc.RootElement.GetProperty("findings").EnumerateArray(), e => e.GetProperty("symbol").GetString() == "Legacy.WaitAsync");
            }
            Assert.DoesNotContain("Thread.Sleep", File.ReadAllText(baselineFile)); // lines are kept as hashes
        }

        [Fact]
        public void Suppression_comments_work_in_CSharp_and_Python_and_an_unused_one_is_reported()
        {
            var project = _package.NewProject("Quieted")
                .Write("Program.cs", "var app = WebApplication.CreateBuilder(args).Build();\napp.Run();\n")
                .Write("Worker.cs", """
                    public static class Worker
                    {
                        public static async Task<int> CountAsync(string path)
                        {
                            await Task.Yield();
                            return File.ReadAllLines(path).Length; // runtimeperf-ignore RP0001: a 3-line config, read once
                        }

                        public static async Task WarmUpAsync()
                        {
                            // runtimeperf-ignore RP0002: the device needs 10 ms after power-on
                            Thread.Sleep(10);
                            Thread.Sleep(5); // runtimeperf-ignore RP0002
                            await Task.Yield();
                            var settled = true; // runtimeperf-ignore RP0007: stale
                        }
                    }
                    """)
                .Write("worker/app.py", """
                    import time


                    async def poll(path):
                        data = open(path).read()  # noqa: RP0001
                        # runtimeperf: ignore[RP0002] the sensor needs a pause between reads
                        time.sleep(1)
                        count = 1  # noqa: RP0002
                        return data, count
                    """);

            var build = project.Build();

            Assert.True(build.Succeeded, build.ToString());
            using var doc = JsonDocument.Parse(File.ReadAllText(project.JsonReport));
            var findings = doc.RootElement.GetProperty("findings").EnumerateArray().ToList();
            string Describe(JsonElement f) => $"{f.GetProperty("file").GetString()}:{f.GetProperty("line").GetInt32()} {f.GetProperty("rule").GetString()}"
                + (f.TryGetProperty("suppressed", out var s) ? $" [{s.GetProperty("kind").GetString()}: {s.GetProperty("justification").GetString()}{(s.TryGetProperty("reason_missing", out _) ? " (no reason)" : "")}]" : "");
            Assert.Equal(new[]
            {
                "Worker.cs:6 RP0001 [inline: a 3-line config, read once]",
                "Worker.cs:12 RP0002 [inline: the device needs 10 ms after power-on]",
                "Worker.cs:13 RP0002 [inline:  (no reason)]",
                "Worker.cs:15 RP0100",
                "worker/app.py:5 RP0001 [inline:  (no reason)]",
                "worker/app.py:7 RP0002 [inline: the sensor needs a pause between reads]",
                "worker/app.py:8 RP0100",
            }.OrderBy(d => d, StringComparer.Ordinal), findings.Select(Describe).OrderBy(d => d, StringComparer.Ordinal));
            Assert.Matches(new Regex(@"Worker\.cs\(15,\d+(,\d+,\d+)?\): \w+ RP0100: Unused suppression"), build.Output);
            Assert.Equal(2, doc.RootElement.GetProperty("total_issues").GetInt32());
        }

        [Fact]
        public void Editorconfig_turns_a_rule_off_in_one_folder_and_raises_another_to_HIGH_in_another()
        {
            const string Waits = """
                public static class Waits
                {
                    public static async Task PauseAsync() { Thread.Sleep(10); await Task.Yield(); }
                    public static async Task<string> ReadAsync(string p) { await Task.Yield(); return File.ReadAllText(p); }
                    public static async Task<int> CountAsync() { await Task.Yield(); return LegacyDb.Query("select count(*) from orders"); }
                }

                public static class LegacyDb
                {
                    public static int Query(string sql) => sql.Length;
                }
                """;
            var project = _package.NewProject("Tuned")
                .Write("Program.cs", "var app = WebApplication.CreateBuilder(args).Build();\napp.Run();\n")
                .Write("Legacy/Waits.cs", Waits.Replace("class Waits", "class OldWaits").Replace("class LegacyDb", "class OldDb").Replace("LegacyDb.Query", "OldDb.Query"))
                .Write("Api/Waits.cs", Waits)
                .Write("worker/app.py", "import time\nfrom legacy import db\nfrom workers import jobs\n\n\nasync def poll():\n    time.sleep(1)\n    return db.query('select 1')\n"
                    + "\n\n@jobs.consumer('orders')\nasync def on_order(message):\n    return db.query('select 2')\n")
                .Write("Legacy/.editorconfig", "[*.cs]\ndotnet_diagnostic.RP0001.severity = none\n")
                .Write("Api/.editorconfig", "[*.cs]\nruntimeperf.RP0002.severity = high\nruntimeperf.RP0001.blocking_calls = LegacyDb.Query\n")
                .Write("worker/.editorconfig", "[*.py]\nruntimeperf.RP0002.severity = high\nruntimeperf.RP0001.blocking_calls = legacy.db.query\nruntimeperf.handler_decorators = jobs.consumer\n");

            var build = project.Build();

            Assert.False(build.Succeeded, build.ToString());
            Assert.Matches(new Regex(@"Api[/\\]Waits\.cs\(3,\d+(,\d+,\d+)?\): error RP0002"), build.Output);
            Assert.Matches(new Regex(@"worker[/\\]app\.py\(7,\d+(,\d+,\d+)?\): error RP0002"), build.Output);
            Assert.Matches(new Regex(@"worker[/\\]app\.py\(8,\d+(,\d+,\d+)?\): warning RP0001: Blocking I/O: db\.query\(\)"), build.Output);
            // The team's own handler decorator: the same call in a consumer blocks requests, so it is HIGH.
            Assert.Matches(new Regex(@"worker[/\\]app\.py\(13,\d+(,\d+,\d+)?\): error RP0001: Blocking I/O: db\.query\(\)"), build.Output);
            Assert.Matches(new Regex(@"Legacy[/\\]Waits\.cs\(3,\d+(,\d+,\d+)?\): warning RP0002"), build.Output);
            Assert.Matches(new Regex(@"Api[/\\]Waits\.cs\(4,\d+(,\d+,\d+)?\): warning RP0001"), build.Output);
            Assert.DoesNotMatch(new Regex(@"Legacy[/\\]Waits\.cs\(4,\d+.*RP0001"), build.Output);
            // A per-rule option: the team's own blocking call, flagged where the folder's .editorconfig lists it.
            Assert.Matches(new Regex(@"Api[/\\]Waits\.cs\(5,\d+(,\d+,\d+)?\): warning RP0001: Blocking I/O: LegacyDb\.Query\(\)"), build.Output);
            Assert.DoesNotMatch(new Regex(@"Legacy[/\\]Waits\.cs\(5,"), build.Output);
        }

        private static int LineOf(string text, string needle) =>
            text.Split('\n').Select((l, i) => (l, i)).First(t => t.l.Contains(needle, StringComparison.Ordinal)).i + 1;
    }
}
