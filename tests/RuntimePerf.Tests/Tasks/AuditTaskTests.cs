using System;
using System.IO;
using System.Linq;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using RuntimePerf.Build.Tasks;
using RuntimePerf.Engine.Model;
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
            Assert.Equal(1, report.Files["csharp"].Audited);  // Worker.cs
            Assert.Equal(2, report.Files["csharp"].Skipped);  // Legacy/Old.cs is excluded, the unreadable Binary.cs failed
            Assert.Single(report.Notices, n => n.Path == "src/Api/Binary.cs");

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
        public void Bad_inputs_are_one_notice_each_without_a_path_outside_the_repository_and_are_not_counted_as_audited()
        {
            string outside = Directory.CreateTempSubdirectory("rp-outside-").FullName;
            try
            {
                Write("Worker.cs", Worker);
                Write("app.py", "import time\n\nasync def handler():\n    time.sleep(1)  # SECRET_TOKEN=hunter2\n");
                Write("huge.py", "import time\n\nasync def handler():\n    time.sleep(1)\n" + new string('#', 4096) + "\n");
                File.WriteAllBytes(Path.Combine(_root, "src", "Api", "blob.py"), new byte[] { 0, 0, 1, 2 });
                File.WriteAllText(Path.Combine(outside, "secret.py"), "import time\n\nasync def handler():\n    time.sleep(1)\n");
                File.WriteAllText(Path.Combine(outside, "Shared.cs"), Worker.Replace("class Worker", "class SharedWorker"));

                var (ok, log, task) = Run(t =>
                {
                    t.Compile = Items("Worker.cs", Path.Combine(outside, "Shared.cs")); // a linked file: context, not reported
                    t.ExtraSources = Items(Path.Combine(outside, "secret.py"), "gone.py");
                    t.DiscoveredSources = Items("app.py", "huge.py", "blob.py");
                    t.MaxFileSize = "2KB";
                    t.CacheFile = Path.Combine(_root, "src", "Api", "obj", "runtimeperf.cache");
                });

                Assert.True(ok, string.Join("\n", log.Errors));
                var report = JsonReport.Read(task.JsonFile);
                Assert.Equal(new[] { "src/Api/Worker.cs", "src/Api/app.py" }, report.Findings.Select(f => f.Path).Distinct());
                Assert.Equal(1, report.Files["python"].Audited);
                Assert.Equal(4, report.Files["python"].Skipped); // outside, missing, too large, binary
                Assert.Equal(new FileCounts(1, 1, 10), report.Files["csharp"]); // Worker.cs: 10 non-blank lines
                Assert.Single(report.Notices, n => n.Path == "secret.py" && n.Message.StartsWith("outside the repository root", StringComparison.Ordinal));
                Assert.Single(report.Notices, n => n.Path == "src/Api/gone.py" && n.Message.Contains("not found", StringComparison.Ordinal));
                Assert.Single(report.Notices, n => n.Path == "src/Api/huge.py" && n.Message.Contains("RuntimePerfMaxFileSize (2,048)", StringComparison.Ordinal));
                Assert.Single(report.Notices, n => n.Path == "src/Api/blob.py");
                Assert.Equal(4, report.Notices.Count);
                foreach (string output in new[] { task.JsonFile, task.SarifFile, task.CacheFile! })
                {
                    string text = File.ReadAllText(output);
                    Assert.DoesNotContain(_root, text);
                    Assert.DoesNotContain(outside, text);
                    Assert.DoesNotContain(Path.GetTempPath(), text);
                    Assert.DoesNotContain("../", text);
                    Assert.DoesNotContain("hunter2", text);
                }
            }
            finally
            {
                Directory.Delete(outside, recursive: true);
            }
        }

        [Fact]
        public void A_build_after_editing_one_file_audits_that_file_and_reports_what_a_clean_build_reports()
        {
            Write("Worker.cs", Worker);
            Write("app/storage.py", "import shutil\n\ndef archive(src, dst):\n    shutil.copytree(src, dst)\n");
            Write("app/jobs.py", "from .storage import archive\n\nasync def nightly(src):\n    archive(src, '/backup')\n");
            Write("app/api.py", "import time\n\nasync def handler():\n    time.sleep(1)\n");
            string cacheFile = Path.Combine(_root, "src", "Api", "obj", "runtimeperf.cache");
            void Sources(RuntimePerfAuditTask t) => t.DiscoveredSources = Items("app/storage.py", "app/jobs.py", "app/api.py");

            var first = Run(t => { Sources(t); t.CacheFile = cacheFile; });
            Write("app/storage.py", "def archive(src, dst):\n    return (src, dst)\n");
            var (ok, log, task) = Run(t => { Sources(t); t.CacheFile = cacheFile; });
            var clean = Run(t => { Sources(t); t.JsonFile = Path.Combine(_root, "clean.json"); t.SarifFile = Path.Combine(_root, "clean.sarif"); });

            Assert.True(first.Ok && ok && clean.Ok, string.Join("\n", log.Errors));
            Assert.Contains("RuntimePerf: 0 non-.NET file(s) from the audit cache, 3 audited.", first.Log.Detailed);
            Assert.Contains("RuntimePerf: 2 non-.NET file(s) from the audit cache, 1 audited.", log.Detailed);
            var report = JsonReport.Read(task.JsonFile);
            Assert.DoesNotContain(report.Findings, f => f.Path == "src/Api/app/jobs.py"); // its helper no longer blocks
            Assert.Equal(JsonReport.Read(clean.Task.JsonFile).Findings, report.Findings);

            File.WriteAllBytes(cacheFile, File.ReadAllBytes(cacheFile)[..^10]); // truncated
            var damaged = Run(t => { Sources(t); t.CacheFile = cacheFile; });
            Assert.True(damaged.Ok);
            Assert.Empty(damaged.Log.Warnings);
            Assert.Contains(damaged.Log.Detailed, m => m.StartsWith("RuntimePerf: the audit cache " + cacheFile + " is not used (damaged", StringComparison.Ordinal));
            Assert.Equal(report.Findings, JsonReport.Read(damaged.Task.JsonFile).Findings);
        }

        [Theory]
        [InlineData("json", "RuntimePerfJsonFile '")]
        [InlineData("size", "RuntimePerfMaxFileSize 'lots' is not a size")]
        [InlineData("editorconfig", "runtimeperf.min_score (.editorconfig) 'high' is not a number")]
        [InlineData("root", "RuntimePerfRepositoryRoot '")]
        public void A_bad_setting_is_one_RPCONFIG_error_naming_the_setting(string setting, string expected)
        {
            Write("Worker.cs", Worker);
            if (setting == "editorconfig") Write(".editorconfig", "root = true\n[*]\nruntimeperf.min_score = high\n");
            string folder = Path.Combine(_root, "src", "Api", "obj", "reports");
            Directory.CreateDirectory(folder);
            var (ok, log, _) = Run(t =>
            {
                if (setting == "json") t.JsonFile = folder;
                if (setting == "size") t.MaxFileSize = "lots";
                if (setting == "root") t.RepositoryRoot = Path.Combine(_root, "elsewhere");
            });
            Assert.False(ok);
            string error = Assert.Single(log.Errors);
            Assert.Contains("error RPCONFIG: " + expected, error);
        }

        [Fact]
        public void A_cancelled_audit_returns_false_and_leaves_the_previous_report_as_it_was()
        {
            Write("Worker.cs", Worker);
            var (first, _, done) = Run();
            Assert.True(first);
            byte[] before = File.ReadAllBytes(done.JsonFile);
            Write("Worker.cs", Worker.Replace("File.ReadAllLines(path).Length", "0"));

            var (ok, log, _) = Run(t => t.Cancel());

            Assert.False(ok);
            Assert.Contains(log.Messages, m => m.Contains("audit cancelled", StringComparison.Ordinal));
            Assert.Equal(before, File.ReadAllBytes(done.JsonFile));
        }

        [Theory]
        [InlineData("{ \"version\": 99, \"tool\": \"RuntimePerf.Build\", \"findings\": [] }", "its version 99 is not one this RuntimePerf.Build reads")]
        [InlineData("{ \"findings\": ", "it is not valid JSON")]
        public void A_bad_baseline_is_named_and_the_message_says_how_to_rewrite_it(string content, string expected)
        {
            Write("Worker.cs", Worker);
            string baseline = Path.Combine(_root, "src", "Api", "runtimeperf.baseline.json");
            File.WriteAllText(baseline, content);
            var (ok, log, _) = Run(t => t.BaselineFile = baseline);
            Assert.False(ok);
            string error = Assert.Single(log.Errors);
            Assert.Contains("RuntimePerfBaseline '" + baseline + "' cannot be read: " + expected, error);
            Assert.Contains("-p:RuntimePerfUpdateBaseline=true", error);
            Assert.DoesNotContain("Delete it", error);
        }

        [Fact]
        public void RuntimePerfHtmlFile_writes_the_page_and_RuntimePerfMinRating_gates_on_the_measured_size()
        {
            Write("Worker.cs", Worker);
            string html = Path.Combine(_root, "src", "Api", "obj", "runtimeperf.html");
            var (ok, log, task) = Run(t =>
            {
                t.HtmlFile = html;
                t.MinRating = "A";
            });
            Assert.True(ok, string.Join("\n", log.Errors));
            var report = JsonReport.Read(task.JsonFile);
            Assert.Equal(10, report.Files["csharp"].Lines); // Worker.cs's non-blank lines; the unreadable file counts none
            Assert.Equal(RuntimePerf.Engine.Scoring.Rating.E, report.Rating.Rating); // one MEDIUM finding in 10 lines
            Assert.Equal(RuntimePerf.Engine.Scoring.Rating.A, report.GateSettings.MinRating);
            Assert.False(report.Gate.Passed);
            string page = File.ReadAllText(html);
            Assert.Contains("<td>src/Api/Api.csproj<td>", page);
            Assert.DoesNotContain(_root, page);

            var (bad, badLog, _) = Run(t => t.MinRating = "F");
            Assert.False(bad);
            Assert.Contains("RuntimePerfMinRating 'F'", Assert.Single(badLog.Errors));
        }
    }
}
