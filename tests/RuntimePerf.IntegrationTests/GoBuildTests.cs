using System.IO;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;

namespace RuntimePerf.IntegrationTests
{
    /// <summary>A Go module beside a C# project is audited by the same build, report and gate.</summary>
    [Collection(PackageCollection.Name)]
    public sealed class GoBuildTests
    {
        private const string CSharp = """
            var app = WebApplication.CreateBuilder(args).Build();
            app.MapGet("/", () => "ok");
            app.Run();
            """;

        private readonly PackageFixture _package;

        public GoBuildTests(PackageFixture package) => _package = package;

        [Fact]
        public void A_sidecar_handler_that_drops_the_request_context_fails_the_build_and_startup_code_passes()
        {
            var project = _package.NewProject("GoSidecar").Write("Program.cs", CSharp)
                .Write("sidecar/go.mod", "module example.com/sidecar\n\ngo 1.22\n")
                .Write("sidecar/main.go", """
                    package main

                    import (
                    	"io"
                    	"net/http"
                    )

                    func proxy(w http.ResponseWriter, r *http.Request) {
                    	resp, err := http.Get("http://backend/" + r.URL.Path)
                    	if err != nil {
                    		return
                    	}
                    	defer resp.Body.Close()
                    	io.Copy(w, resp.Body)
                    }
                    """)
                .Write("sidecar/main_test.go", "package main\n\nimport \"net/http\"\n\nfunc helper(r *http.Request) { http.Get(\"http://x\") }\n");
            var failed = project.Build();
            Assert.False(failed.Succeeded, failed.ToString());
            Assert.Matches(new Regex(@"sidecar/main\.go\(9,15(,\d+,\d+)?\): error RP0018: "), failed.Output);
            Assert.DoesNotContain("main_test.go", failed.Output);
            using (var json = JsonDocument.Parse(File.ReadAllText(project.JsonReport)))
            {
                Assert.Equal(1, json.RootElement.GetProperty("files").GetProperty("go").GetProperty("audited").GetInt32());
            }

            // The same call in start-up code has no request to follow: nothing fails.
            project.Write("sidecar/main.go", """
                package main

                import (
                	"log"
                	"net/http"
                	"time"
                )

                func main() {
                	resp, err := http.Get("http://backend/health")
                	if err != nil {
                		log.Fatal(err)
                	}
                	resp.Body.Close()
                	srv := &http.Server{Addr: ":8080", ReadHeaderTimeout: 5 * time.Second}
                	log.Fatal(srv.ListenAndServe())
                }
                """);
            var passed = project.Build();
            Assert.True(passed.Succeeded, passed.ToString());
            Assert.DoesNotContain("RP0018", passed.Output);
        }
    }
}
