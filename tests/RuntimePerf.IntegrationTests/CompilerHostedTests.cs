using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;

namespace RuntimePerf.IntegrationTests
{
    /// <summary>
    /// The C# analyzer runs inside the compiler (analyzers/dotnet/cs) and writes its findings to obj/ for the task,
    /// which does not compile again. No ErrorLog is set unless RuntimePerfCompilerErrorLog asks for one: it makes the
    /// compiler run every info-level analyzer.
    /// </summary>
    [Collection(PackageCollection.Name)]
    public sealed class CompilerHostedTests
    {
        private const string Handler = ConsumerSources.SleepInHandler;
        private const string Worker = ConsumerSources.BlockingWorker;

        private const string Silenced = """
            using System.Diagnostics.CodeAnalysis;

            public static class Probes
            {
                [SuppressMessage("RuntimePerf", "RP0002:Sync sleep in async", Justification = "runs once at start-up")]
                public static async Task WarmUpAsync() { Thread.Sleep(10); await Task.Yield(); }

                public static async Task SettleAsync()
                {
            #pragma warning disable RP0002
                    Thread.Sleep(10);
            #pragma warning restore RP0002
                    await Task.Yield();
                }
            }
            """;

        private readonly PackageFixture _package;

        public CompilerHostedTests(PackageFixture package) => _package = package;

        [Fact]
        public void Findings_come_from_the_compiler_once_each_and_a_HIGH_one_fails_the_gate()
        {
            var project = _package.NewProject("Hosted").Write("Program.cs", Handler).Write("Worker.cs", Worker).Write("Probes.cs", Silenced);

            var build = project.Build("-v:detailed");

            Assert.False(build.Succeeded, build.ToString());
            // Once each in the output: the compiler keeps its info-level copies to itself; the gate logs them as error
            // (HIGH) and warning (MEDIUM).
            Assert.DoesNotMatch(new Regex(@"info RP0\d+"), build.Output);
            Assert.Single(Regex.Matches(build.Output, @"Program\.cs\(4,5,4,\d+\): error RP0002: ").Select(m => m.Value).Distinct());
            Assert.Matches(new Regex(@"Program\.cs\(4,5,4,\d+\): error RP0002: "), build.Output);
            Assert.Matches(new Regex(@"Worker\.cs\(6,16,6,\d+\): warning RP0001: "), build.Output);
            Assert.Contains("error RPGATE", build.Output);
            Assert.Contains("RuntimePerf: C# findings from the compiler's run of the analyzer", build.Output);
            Assert.DoesNotContain("C# audited in the task", build.Output);
            Assert.DoesNotMatch(new Regex(@"[/-]errorlog:", RegexOptions.IgnoreCase), build.Output);
            Assert.True(File.Exists(Path.Combine(project.ObjDir, "runtimeperf.compiler.sarif")));
            AssertReport(project);

            // csc up to date: the log of the last compile still counts.
            File.Delete(project.JsonReport);
            var again = project.Build("-v:detailed");
            Assert.Contains("Skipping target \"CoreCompile\"", again.Output);
            Assert.Contains("RuntimePerf: C# findings from the compiler's run of the analyzer", again.Output);
            AssertReport(project);
        }

        private static void AssertReport(ConsumerProject project)
        {
            using var json = JsonDocument.Parse(File.ReadAllText(project.JsonReport));
            var root = json.RootElement;
            var findings = root.GetProperty("findings").EnumerateArray()
                .Select(f => (Rule: f.GetProperty("rule").GetString(), File: f.GetProperty("file").GetString(), Line: f.GetProperty("line").GetInt32(),
                    Suppressed: f.TryGetProperty("suppressed", out var s) ? s.GetProperty("kind").GetString() + ": " + s.GetProperty("justification").GetString() : null))
                .OrderBy(f => f.File).ThenBy(f => f.Line).ToList();
            // Once each: nothing counted twice between the compiler and the task.
            Assert.Equal(new (string?, string?, int, string?)[]
            {
                ("RP0002", "Probes.cs", 6, "suppress-message: runs once at start-up"),
                ("RP0002", "Probes.cs", 11, "pragma: "),
                ("RP0002", "Program.cs", 4, null),
                ("RP0001", "Worker.cs", 6, null),
            }, findings);
            Assert.Equal((1, 1, 2), (root.GetProperty("high").GetInt32(), root.GetProperty("medium").GetInt32(), root.GetProperty("total_issues").GetInt32()));

            using var sarif = JsonDocument.Parse(File.ReadAllText(project.SarifReport));
            Assert.Equal(2, sarif.RootElement.GetProperty("runs")[0].GetProperty("results").GetArrayLength());
        }

        [Fact]
        public void With_the_projects_own_error_log_the_compiler_also_lists_the_findings_as_info()
        {
            var project = _package.NewProject("OwnLog", properties: "<ErrorLog>build.sarif,version=2</ErrorLog><RuntimePerfFailOnHigh>false</RuntimePerfFailOnHigh>")
                .Write("Program.cs", Handler).Write("Worker.cs", Worker);

            var build = project.Build("-v:detailed");

            Assert.True(build.Succeeded, build.ToString());
            // An error log is where the compiler keeps info-level results, so with one it prints them too.
            Assert.Matches(new Regex(@"Program\.cs\(4,5\): info RP0002: "), build.Output);
            Assert.Matches(new Regex(@"Worker\.cs\(6,16\): info RP0001: "), build.Output);
            Assert.True(File.Exists(Path.Combine(project.Directory, "build.sarif")));
            Assert.Contains("RuntimePerf: C# findings from the compiler's run of the analyzer, " + Path.Combine(project.ObjDir, "runtimeperf.compiler.sarif"),
                build.Output);
            Assert.Contains("warning RP0002", build.Output);
            Assert.Contains("warning RP0001", build.Output);
        }

        [Fact]
        public void With_RuntimePerfCompilerErrorLog_the_compiler_lists_the_findings_as_info_and_they_still_count_once()
        {
            var project = _package.NewProject("CompilerLog", properties: "<RuntimePerfCompilerErrorLog>true</RuntimePerfCompilerErrorLog>")
                .Write("Program.cs", Handler).Write("Worker.cs", Worker).Write("Probes.cs", Silenced);

            var build = project.Build("-v:detailed");

            Assert.False(build.Succeeded, build.ToString());
            // The compiler's own listing, at info level: the unsuppressed findings, not the suppressed ones.
            Assert.Matches(new Regex(@"Program\.cs\(4,5\): info RP0002: "), build.Output);
            Assert.Matches(new Regex(@"Worker\.cs\(6,16\): info RP0001: "), build.Output);
            Assert.DoesNotMatch(new Regex(@"Probes\.cs\(\d+,\d+\): info RP"), build.Output);
            Assert.True(File.Exists(Path.Combine(project.ObjDir, "runtimeperf.errorlog.sarif")));
            // The gate's verdict, from the task: once each, HIGH as an error.
            Assert.Single(Regex.Matches(build.Output, @"Program\.cs\(4,5,4,\d+\): error RP0002: ").Select(m => m.Value).Distinct());
            Assert.Matches(new Regex(@"Worker\.cs\(6,16,6,\d+\): warning RP0001: "), build.Output);
            Assert.Contains("error RPGATE", build.Output);
            Assert.Contains("RuntimePerf: C# findings from the compiler's run of the analyzer", build.Output);
            AssertReport(project);
        }

        [Fact]
        public void Editorconfig_severity_none_turns_a_rule_off_for_the_compiler_and_the_gate()
        {
            var project = _package.NewProject("Quiet").Write("Program.cs", Handler).Write("Worker.cs", Worker)
                .Write(".editorconfig", "root = true\n\n[*.cs]\ndotnet_diagnostic.RP0002.severity = none\n");

            var build = project.Build();

            Assert.True(build.Succeeded, build.ToString());
            Assert.DoesNotContain("RP0002", build.Output);
            Assert.Contains("warning RP0001", build.Output);
        }

        [Fact]
        public void With_every_rule_off_in_editorconfig_an_unchanged_build_stays_incremental()
        {
            // The compiler skips an analyzer all of whose diagnostics are off, so no findings log is ever written.
            var project = _package.NewProject("AllOff").Write("Program.cs", Handler).Write("Worker.cs", Worker)
                .Write(".editorconfig", "root = true\n\n[*.cs]\ndotnet_analyzer_diagnostic.category-RuntimePerformance.severity = none\n");

            var first = project.Build();
            var again = project.Build("-v:detailed");

            Assert.True(first.Succeeded, first.ToString());
            Assert.DoesNotMatch(new Regex(@"(warning|error) RP0\d+"), first.Output);
            Assert.True(again.Succeeded, again.ToString());
            Assert.Contains("Skipping target \"CoreCompile\"", again.Output);
            Assert.Contains("Skipping target \"_RuntimePerfAuditCore\"", again.Output);
        }
    }
}
