using System.IO;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;

namespace RuntimePerf.IntegrationTests
{
    /// <summary>A Rust crate beside a C# project is audited by the same build, report and gate.</summary>
    [Collection(PackageCollection.Name)]
    public sealed class RustBuildTests
    {
        private const string CSharp = """
            var app = WebApplication.CreateBuilder(args).Build();
            app.MapGet("/", () => "ok");
            app.Run();
            """;

        private const string Cargo = """
            [package]
            name = "proxy"
            version = "0.1.0"
            edition = "2021"

            [dependencies]
            axum = "0.7"
            tokio = { version = "1", features = ["full"] }
            """;

        private readonly PackageFixture _package;

        public RustBuildTests(PackageFixture package) => _package = package;

        [Fact]
        public void A_blocking_read_in_an_axum_handler_fails_the_build_and_the_offloaded_read_passes()
        {
            const string blockingInTarget = "pub async fn generated() { std::thread::sleep(std::time::Duration::from_secs(1)); }\n";
            var project = _package.NewProject("RsProxy").Write("Program.cs", CSharp).Write("proxy/Cargo.toml", Cargo)
                .Write("proxy/target/debug/build/proxy-1/out/routes.rs", blockingInTarget)
                .Write("proxy/tests/api.rs", blockingInTarget)
                .Write("proxy/src/main.rs", """
                    use axum::{routing::get, Router};

                    async fn config() -> String {
                        std::fs::read_to_string("config.toml").unwrap_or_default()
                    }

                    #[tokio::main]
                    async fn main() {
                        let app = Router::new().route("/config", get(config));
                        let listener = tokio::net::TcpListener::bind("0.0.0.0:8080").await.unwrap();
                        axum::serve(listener, app).await.unwrap();
                    }
                    """);
            var failed = project.Build();
            Assert.False(failed.Succeeded, failed.ToString());
            Assert.Matches(new Regex(@"proxy/src/main\.rs\(4,5(,\d+,\d+)?\): error RP0001: "), failed.Output);
            Assert.DoesNotMatch(new Regex(@"(target|tests)/[^(]*\.rs\("), failed.Output);
            using (var json = JsonDocument.Parse(File.ReadAllText(project.JsonReport)))
            {
                Assert.Equal(1, json.RootElement.GetProperty("files").GetProperty("rust").GetProperty("audited").GetInt32());
            }

            project.Write("proxy/src/main.rs", """
                use axum::{routing::get, Router};

                async fn config() -> String {
                    tokio::task::spawn_blocking(|| std::fs::read_to_string("config.toml").unwrap_or_default()).await.unwrap()
                }

                #[tokio::main]
                async fn main() {
                    let app = Router::new().route("/config", get(config));
                    let listener = tokio::net::TcpListener::bind("0.0.0.0:8080").await.unwrap();
                    axum::serve(listener, app).await.unwrap();
                }
                """);
            var passed = project.Build();
            Assert.True(passed.Succeeded, passed.ToString());
            Assert.Contains("rust 1", passed.Output);
        }
    }
}
