using System.IO;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;

namespace RuntimePerf.IntegrationTests
{
    /// <summary>A Node worker folder beside a C# Web project is audited by the same build, report and gate.</summary>
    [Collection(PackageCollection.Name)]
    public sealed class JavaScriptBuildTests
    {
        private const string CSharp = """
            var app = WebApplication.CreateBuilder(args).Build();
            app.MapGet("/", () => "ok");
            app.Run();
            """;

        private readonly PackageFixture _package;

        public JavaScriptBuildTests(PackageFixture package) => _package = package;

        [Fact]
        public void A_sync_read_in_an_Express_handler_fails_the_build_the_same_read_at_startup_passes_and_a_floating_promise_warns()
        {
            const string route = """
                import { NextResponse } from 'next/server';
                import { appendFile } from 'node:fs/promises';

                async function audit(id: string): Promise<void> {
                  await appendFile('/tmp/audit.log', id + '\n');
                }

                export async function GET(request: Request) {
                  audit(new URL(request.url).pathname);
                  return NextResponse.json({ ok: true });
                }
                """;
            var project = _package.NewProject("NodeWorker").Write("Program.cs", CSharp)
                .Write("web/app/api/orders/route.ts", route)
                .Write("node/server.js", """
                    const fs = require('fs');
                    const app = require('express')();

                    app.get('/report', (req, res) => {
                      res.send(fs.readFileSync('report.html', 'utf8'));
                    });

                    app.listen(3000);
                    """);
            var failed = project.Build();
            Assert.False(failed.Succeeded, failed.ToString());
            Assert.Matches(new Regex(@"node/server\.js\(5,12(,\d+,\d+)?\): error RP0001: "), failed.Output);
            Assert.Matches(new Regex(@"web/app/api/orders/route\.ts\(9,3(,\d+,\d+)?\): warning RP0024: "), failed.Output);
            using (var json = JsonDocument.Parse(File.ReadAllText(project.JsonReport)))
            {
                var files = json.RootElement.GetProperty("files");
                Assert.Equal(1, files.GetProperty("javascript").GetProperty("audited").GetInt32());
                Assert.Equal(1, files.GetProperty("typescript").GetProperty("audited").GetInt32());
            }

            project.Write("node/server.js", """
                const fs = require('fs');
                const app = require('express')();
                const report = fs.readFileSync('report.html', 'utf8');

                app.get('/report', (req, res) => {
                  res.send(report);
                });

                app.listen(3000);
                """);
            var passed = project.Build();
            Assert.True(passed.Succeeded, passed.ToString());
            Assert.DoesNotContain("RP0001", passed.Output);
            Assert.Matches(new Regex(@"route\.ts\(9,3(,\d+,\d+)?\): warning RP0024: "), passed.Output);
        }
    }
}
