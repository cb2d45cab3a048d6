using System;
using System.IO;
using System.Linq;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using RuntimePerf.Build.Tasks;
using RuntimePerf.Engine.Reports;
using Xunit;

namespace RuntimePerf.Tests.Tasks
{
    public sealed class AuditTaskTests : IDisposable
    {
        private readonly string _root = Directory.CreateTempSubdirectory("rp-audit-").FullName;

        public void Dispose() => Directory.Delete(_root, recursive: true);

        private static ITaskItem[] Items(params string[] specs) => specs.Select(s => (ITaskItem)new TaskItem(s)).ToArray();

        private static ITaskItem[] FrameworkReferences() =>
            Items(((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
                .Where(p => p.EndsWith(".dll", StringComparison.Ordinal)).ToArray());

        private (bool Ok, MockBuildEngine Log, RuntimePerfAuditTask Task) Run(Action<RuntimePerfAuditTask>? configure = null)
        {
            var engine = new MockBuildEngine();
            var task = new RuntimePerfAuditTask
            {
                BuildEngine = engine,
                ProjectFile = Path.Combine(_root, "src", "Api", "Api.csproj"),
                RepositoryRoot = _root,
                JsonFile = Path.Combine(_root, "src", "Api", "obj", "runtimeperf.json"),
                SarifFile = Path.Combine(_root, "src", "Api", "obj", "runtimeperf.sarif"),
                Compile = Items("Worker.cs", "Binary.cs", "Legacy/Old.cs"),
                ReferencePath = FrameworkReferences(),
                Exclude = Items("Legacy/**"),
            };
            configure?.Invoke(task);
            return (task.Execute(), engine, task);
        }

        private void Write(string relative, string text)
        {
            string path = Path.Combine(_root, "src", "Api", relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text);
        }

        private const string Worker = """
            using System.IO;
            using System.Threading.Tasks;
            public static class Worker
            {
                public static async Task<int> CountAsync(string path)
                {
                    await Task.Yield();
                    return File.ReadAllLines(path).Length;
                }
            }
            """;

        [Fact]
        public void Writes_both_reports_with_repository_relative_paths_and_skips_excluded_files()
        {
            Write("Worker.cs", Worker);
            Write("Legacy/Old.cs", Worker.Replace("class Worker", "class OldWorker"));
            File.WriteAllBytes(Path.Combine(_root, "src", "Api", "Binary.cs"), new byte[] { 0, 1, 2, 0xFF, 0xFE, 0, 0, 7 });

            var (ok, log, task) = Run();

            Assert.True(ok, string.Join("\n", log.Errors));
            var report = JsonReport.Read(task.JsonFile);
            var finding = Assert.Single(report.Findings);
            Assert.Equal("src/Api/Worker.cs", finding.Path);
            Assert.Equal("RP0001", finding.RuleId);
            Assert.Equal("src/Api/Api.csproj", report.Project);
            Assert.Equal(2, report.Files["csharp"].Audited);  // Worker.cs and the unreadable Binary.cs were audited
            Assert.Equal(1, report.Files["csharp"].Skipped);  // Legacy/Old.cs is excluded
            Assert.Single(report.Notices, n => n.Path == "src/Api/Binary.cs");
            Assert.Contains(log.Messages, m => m.StartsWith("RuntimePerf: src/Api/Binary.cs: ", StringComparison.Ordinal));

            string sarif = File.ReadAllText(task.SarifFile);
            Assert.DoesNotContain(_root, sarif);
            Assert.DoesNotContain(_root, File.ReadAllText(task.JsonFile));
        }

        [Fact]
        public void A_bad_setting_fails_before_anything_is_written()
        {
            Write("Worker.cs", Worker);
            var (ok, log, task) = Run(t => t.MinScore = "high");
            Assert.False(ok);
            Assert.StartsWith("error RPCONFIG: RuntimePerfMinScore 'high'", Assert.Single(log.Errors).Split(": ", 2)[1]);
            Assert.False(File.Exists(task.JsonFile));
        }

        [Fact]
        public void Several_source_roots_resolve_to_the_nearest_one_above_the_project()
        {
            string project = Path.Combine(_root, "repo", "sub", "proj");
            string chosen = RuntimePerfAuditTask.ChooseRoot($"{_root}/repo/;{_root}/repo/sub/;{_root}/elsewhere/", project);
            Assert.Equal(Path.Combine(_root, "repo", "sub") + Path.DirectorySeparatorChar, chosen);
        }
    }
}
