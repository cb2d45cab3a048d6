using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;

namespace RuntimePerf.IntegrationTests.Native
{
    /// <summary>
    /// A platform the package has no native library for, simulated by pointing the resolver at an empty folder
    /// (RUNTIMEPERF_NATIVE_DIR): one warning, the Python files skipped, and C# alone decides the build.
    /// </summary>
    [Collection(PackageCollection.Name)]
    public sealed class NativeMissingTests
    {
        private const string SleepInAiohttpHandler = """
            import time
            from aiohttp import web

            routes = web.RouteTableDef()


            @routes.get("/slow")
            async def handler(request):
                time.sleep(1)
                return web.Response(text="done")
            """;

        private readonly PackageFixture _package;

        public NativeMissingTests(PackageFixture package) => _package = package;

        [Fact]
        public void Without_the_native_library_one_warning_names_the_platform_and_Python_and_CSharp_alone_decides_the_build()
        {
            string empty = Directory.CreateTempSubdirectory("rpit-no-native-").FullName;
            var environment = new Dictionary<string, string>(_package.Environment) { ["RUNTIMEPERF_NATIVE_DIR"] = empty };
            var project = _package.NewProject("NoNative", properties: "<TreatWarningsAsErrors>true</TreatWarningsAsErrors>")
                .Write("Program.cs", """
                    var app = WebApplication.CreateBuilder(args).Build();
                    app.MapGet("/", async () => { await Task.Delay(1); return "ok"; });
                    app.Run();
                    """)
                .Write("worker/app.py", SleepInAiohttpHandler);

            var passed = DotNet.Run(project.Directory, environment, "build", project.ProjectFile, "-nr:false");

            Assert.True(passed.Succeeded, passed.ToString());
            var warnings = Regex.Matches(passed.Output, @"warning RP9997: RuntimePerf: no native tree-sitter library for (linux|linux-musl|osx|win)-(x64|arm64), so python \(1 file\(s\)\) is not audited")
                .Select(m => m.Value).Distinct().ToList();
            Assert.Single(warnings);
            Assert.DoesNotContain("RP0002", passed.Output);
            using (var json = JsonDocument.Parse(File.ReadAllText(project.JsonReport)))
            {
                var python = json.RootElement.GetProperty("files").GetProperty("python");
                Assert.Equal(0, python.GetProperty("audited").GetInt32());
                Assert.Equal(1, python.GetProperty("skipped").GetInt32());
                Assert.Equal(1, json.RootElement.GetProperty("files").GetProperty("csharp").GetProperty("audited").GetInt32());
            }

            project.Write("Program.cs", """
                var app = WebApplication.CreateBuilder(args).Build();
                app.MapGet("/", async () => { Thread.Sleep(100); await Task.Yield(); return "ok"; });
                app.Run();
                """);
            var failed = DotNet.Run(project.Directory, environment, "build", project.ProjectFile, "-nr:false");

            Assert.False(failed.Succeeded, failed.ToString());
            Assert.Matches(new Regex(@"Program\.cs\(2,\d+(,\d+,\d+)?\): error RP0002: "), failed.Output);
            Assert.DoesNotMatch(new Regex(@"app\.py\(\d+,\d+(,\d+,\d+)?\): error"), failed.Output);
            Directory.Delete(empty);
        }
    }
}
