using System.IO;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;

namespace RuntimePerf.IntegrationTests
{
    /// <summary>Python sources beside a C# project are audited by the same build, report and gate.</summary>
    [Collection(PackageCollection.Name)]
    public sealed class PythonBuildTests
    {
        private const string CSharp = """
            var app = WebApplication.CreateBuilder(args).Build();
            app.MapGet("/", () => "ok");
            app.Run();
            """;

        private readonly PackageFixture _package;

        public PythonBuildTests(PackageFixture package) => _package = package;

        [Fact]
        public void Sleep_in_an_aiohttp_handler_fails_the_build_and_offloaded_or_nested_sleeps_pass()
        {
            var project = _package.NewProject("PyWorker").Write("Program.cs", CSharp).Write("worker/app.py", """
                import time
                from aiohttp import web

                routes = web.RouteTableDef()


                @routes.get("/slow")
                async def handler(request):
                    time.sleep(1)
                    return web.Response(text="done")
                """).Write("worker/jobs.py", """
                import os


                async def cleanup(path):
                    return os.path.exists(path)
                """);
            var failed = project.Build();
            Assert.False(failed.Succeeded, failed.ToString());
            Assert.Matches(new Regex(@"worker/app\.py\(9,5(,\d+,\d+)?\): error RP0002: "), failed.Output);
            using (var json = JsonDocument.Parse(File.ReadAllText(project.JsonReport)))
            {
                Assert.Equal(2, json.RootElement.GetProperty("files").GetProperty("python").GetProperty("audited").GetInt32());
            }

            project.Write("worker/app.py", """
                import asyncio
                import time
                from aiohttp import web

                routes = web.RouteTableDef()


                @routes.get("/slow")
                async def handler(request):
                    await asyncio.to_thread(time.sleep, 1)

                    def pause():
                        time.sleep(1)

                    await asyncio.get_running_loop().run_in_executor(None, pause)
                    return web.Response(text="done")
                """);
            var passed = project.Build("-v:d");
            Assert.True(passed.Succeeded, passed.ToString());
            Assert.Contains("python 2", passed.Output);
            // Only the edited file is audited again; the other one's finding comes from the audit cache.
            Assert.Contains("RuntimePerf: 1 non-.NET file(s) from the audit cache, 1 audited.", passed.Output);
            Assert.Matches(new Regex(@"worker/jobs\.py\(5,12(,\d+,\d+)?\): warning RP0001: "), passed.Output);

            // Deleting a Python file re-runs the audit too.
            File.Delete(Path.Combine(project.Directory, "worker", "app.py"));
            var removed = project.Build();
            Assert.True(removed.Succeeded, removed.ToString());
            Assert.Contains("python 1", removed.Output);
        }

        [Fact]
        public void Virtual_environments_and_tests_are_not_audited()
        {
            const string Blocking = "import time\n\nasync def handler(request):\n    time.sleep(1)\n";
            var project = _package.NewProject("PyEnv", properties: "<RuntimePerfFailOnHigh>false</RuntimePerfFailOnHigh>")
                .Write("Program.cs", CSharp)
                .Write(".venv/lib/site.py", Blocking)
                .Write("venv2/pyvenv.cfg", "home = /usr/bin\n")
                .Write("venv2/lib/mod.py", Blocking)
                .Write("worker/tests/test_app.py", Blocking)
                .Write("worker/app.py", "async def ok():\n    return 1\n");
            var result = project.Build();
            Assert.True(result.Succeeded, result.ToString());
            using var json = JsonDocument.Parse(File.ReadAllText(project.JsonReport));
            var python = json.RootElement.GetProperty("files").GetProperty("python");
            Assert.Equal(1, python.GetProperty("audited").GetInt32());
            Assert.Equal(1, python.GetProperty("skipped").GetInt32()); // the test file; virtual environments are not even listed
            Assert.Equal(0, json.RootElement.GetProperty("total_issues").GetInt32());
        }
    }
}
