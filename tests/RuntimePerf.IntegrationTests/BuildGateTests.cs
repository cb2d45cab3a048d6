using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;

namespace RuntimePerf.IntegrationTests
{
    /// <summary>The "must show" list of the package: real dotnet builds of consumer projects.</summary>
    [Collection(PackageCollection.Name)]
    public sealed class BuildGateTests
    {
        private const string SleepyHandler = """
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();

            app.MapGet("/slow", async () =>
            {
                Thread.Sleep(100);
                await Task.Yield();
                return "done";
            });

            app.Run();
            """;

        private const string CleanHandler = """
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();

            app.MapGet("/slow", async () =>
            {
                await Task.Delay(100);
                return "done";
            });

            app.Run();
            """;

        private readonly PackageFixture _package;

        public BuildGateTests(PackageFixture package) => _package = package;

        [Fact]
        public void Sleep_in_async_handler_fails_the_build_until_removed_and_fails_again_when_up_to_date()
        {
            var project = _package.NewProject("SleepyApi").Write("Program.cs", SleepyHandler);
            int line = LineOf(SleepyHandler, "Thread.Sleep(100);");
            int column = SleepyHandler.Split('\n')[line - 1].IndexOf("Thread.Sleep", StringComparison.Ordinal) + 1;

            var first = project.Build();
            Assert.False(first.Succeeded, first.ToString());
            Assert.Matches(new Regex($@"Program\.cs\({line},{column}(,\d+,\d+)?\): error RP0002: "), first.Output);
            Assert.Contains("error RPGATE", first.Output);
            Assert.True(File.Exists(project.JsonReport), "JSON report in obj/");
            Assert.True(File.Exists(project.SarifReport), "SARIF report in obj/");
            using (var json = JsonDocument.Parse(File.ReadAllText(project.JsonReport)))
            {
                Assert.Equal(1, json.RootElement.GetProperty("high").GetInt32());
                Assert.Equal("RP0002", json.RootElement.GetProperty("findings")[0].GetProperty("rule").GetString());
            }

            // Nothing changed: the audit is up to date, but the gate reads the report and fails again.
            var again = project.Build("-v:detailed");
            Assert.False(again.Succeeded, again.ToString());
            Assert.Contains("Skipping target \"_RuntimePerfAuditCore\"", again.Output);
            Assert.Matches(new Regex($@"Program\.cs\({line},{column}(,\d+,\d+)?\): error RP0002: "), again.Output);
            Assert.Contains("RuntimePerf gate: findings read from obj/Debug/net10.0/runtimeperf.report.bin", again.Output.Replace('\\', '/'));

            project.Write("Program.cs", CleanHandler);
            var fixedBuild = project.Build();
            Assert.True(fixedBuild.Succeeded, fixedBuild.ToString());
            Assert.Matches(new Regex(@"RuntimePerf: score 10\.0/10, 0 finding\(s\)"), fixedBuild.Output);
        }

        [Fact]
        public void Min_score_fails_a_project_scoring_lower()
        {
            // A MEDIUM finding (blocking I/O in a background method) scores 9.5: below 9.8, not below 9.
            var project = _package.NewProject("ScoreApi").Write("Program.cs", CleanHandler).Write("Worker.cs", """
                public static class Worker
                {
                    public static async Task<int> CountAsync(string path)
                    {
                        await Task.Yield();
                        return File.ReadAllLines(path).Length;
                    }
                }
                """);
            var strict = project.Build("-p:RuntimePerfMinScore=9.8");
            Assert.False(strict.Succeeded, strict.ToString());
            Assert.Contains("score 9.5 is below RuntimePerfMinScore 9.8", strict.Output);
            Assert.Contains("warning RP0001", strict.Output);

            var lenient = project.Build("-p:RuntimePerfMinScore=9");
            Assert.True(lenient.Succeeded, lenient.ToString());
        }

        [Fact]
        public void Bad_min_score_is_one_clear_error()
        {
            var project = _package.NewProject("BadSetting").Write("Program.cs", CleanHandler);
            var result = project.Build("-p:RuntimePerfMinScore=abc");
            Assert.False(result.Succeeded);
            var errors = Regex.Matches(result.Output, @"error RPCONFIG: RuntimePerfMinScore 'abc' is not a number").Count;
            Assert.True(errors >= 1, result.ToString());
            Assert.DoesNotContain("   at ", result.Output); // no stack trace
        }

        [Fact]
        public void Standalone_audit_target_works_on_code_that_does_not_compile()
        {
            var project = _package.NewProject("Broken").Write("Program.cs", SleepyHandler + "\nthis is not C#;\n");
            var build = project.Build();
            Assert.Contains("error CS", build.Output);

            var audit = project.Msbuild("-t:RuntimePerfAudit", "-restore");
            Assert.False(audit.Succeeded, audit.ToString()); // the HIGH finding fails the gate
            Assert.Contains("error RP0002", audit.Output);
            Assert.DoesNotContain("error CS", audit.Output); // nothing was compiled
            Assert.True(File.Exists(project.SarifReport));
        }

        [Fact]
        public void Sarif_from_a_real_build_has_no_absolute_paths()
        {
            var project = _package.NewProject("SarifPaths").Write("Program.cs", SleepyHandler);
            project.Build();
            string sarif = File.ReadAllText(project.SarifReport);
            Assert.DoesNotContain(project.Directory, sarif);
            Assert.DoesNotContain("file://", sarif);
            Assert.Contains("\"uri\": \"Program.cs\"", sarif);
            string json = File.ReadAllText(project.JsonReport);
            Assert.DoesNotContain(project.Directory, json);
        }

        [Fact]
        public void Medium_findings_stay_warnings_under_TreatWarningsAsErrors()
        {
            var project = _package.NewProject("Strict", properties: "<TreatWarningsAsErrors>true</TreatWarningsAsErrors>")
                .Write("Program.cs", CleanHandler)
                .Write("Worker.cs", """
                    public static class Worker
                    {
                        public static async Task<int> CountAsync(string path)
                        {
                            await Task.Yield();
                            return File.ReadAllLines(path).Length;
                        }
                    }
                    """);
            var result = project.Build();
            Assert.True(result.Succeeded, result.ToString());
            Assert.Contains("warning RP0001", result.Output);
        }

        [Fact]
        public void Test_projects_are_not_audited_unless_asked()
        {
            var project = _package.NewProject("SomeTests", sdk: "Microsoft.NET.Sdk",
                properties: "<IsTestProject>true</IsTestProject><OutputType>Library</OutputType>")
                .Write("Tests.cs", """
                    public class Tests
                    {
                        public async Task Slow() { Thread.Sleep(10); await Task.Yield(); }
                    }
                    """);
            var skipped = project.Build();
            Assert.True(skipped.Succeeded, skipped.ToString());
            Assert.False(File.Exists(project.JsonReport));

            var included = project.Build("-p:RuntimePerfIncludeTests=true");
            Assert.True(File.Exists(project.JsonReport), included.ToString());
            Assert.Contains("RP0002", included.Output);
        }

        [Fact]
        public void Multi_targeted_project_is_audited_once()
        {
            var project = _package.NewProject("Multi", sdk: "Microsoft.NET.Sdk",
                properties: "<TargetFrameworks>net10.0;net9.0</TargetFrameworks><OutputType>Library</OutputType><RuntimePerfFailOnHigh>false</RuntimePerfFailOnHigh>")
                .Write("Lib.cs", """
                    public static class Lib
                    {
                        public static async Task WaitAsync() { Thread.Sleep(10); await Task.Yield(); }
                    }
                    """);
            var result = project.Build();
            Assert.True(result.Succeeded, result.ToString());
            Assert.Single(Regex.Matches(result.Output, @"RuntimePerf: score"));
            Assert.Contains("warning RP0002", result.Output);
            Assert.True(File.Exists(project.JsonReport), "audited in the first target framework");
            Assert.False(File.Exists(Path.Combine(project.Directory, "obj", "Debug", "net9.0", "runtimeperf.json")), "not again in the second");
        }

        [Fact]
        public void Package_has_the_expected_layout()
        {
            using var zip = System.IO.Compression.ZipFile.OpenRead(_package.Nupkg);
            var names = zip.Entries.Select(e => e.FullName).ToList();
            Assert.Contains("build/RuntimePerf.Build.props", names);
            Assert.Contains("build/RuntimePerf.Build.targets", names);
            Assert.Contains("buildTransitive/RuntimePerf.Build.targets", names);
            Assert.Contains("buildMultiTargeting/RuntimePerf.Build.targets", names);
            Assert.Contains("tasks/net8.0/RuntimePerf.Build.Tasks.dll", names);
            Assert.Contains("tasks/net8.0/Microsoft.CodeAnalysis.CSharp.dll", names);
            // The compiler and the IDE load the analyzer from here; Roslyn itself is theirs, never shipped with it.
            Assert.Contains("analyzers/dotnet/cs/RuntimePerf.CSharp.dll", names);
            Assert.Contains("analyzers/dotnet/cs/RuntimePerf.Engine.dll", names);
            Assert.DoesNotContain(names, n => n.StartsWith("analyzers/", StringComparison.Ordinal) && n.Contains("Microsoft.CodeAnalysis", StringComparison.Ordinal));
            Assert.Contains("README.md", names);
            Assert.DoesNotContain(names, n => n.StartsWith("lib/", StringComparison.Ordinal));
            // MSBuild itself provides these; shipping them would shadow the host's copies.
            Assert.DoesNotContain(names, n => n.Contains("Microsoft.Build.Framework.dll", StringComparison.Ordinal));
            using var nuspec = new StreamReader(zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
            Assert.Contains("<developmentDependency>true</developmentDependency>", nuspec.ReadToEnd());
        }

        private static int LineOf(string text, string needle) =>
            text.Split('\n').Select((l, i) => (l, i)).First(t => t.l.Contains(needle, StringComparison.Ordinal)).i + 1;
    }
}
