using System;
using System.IO;
using System.Linq;
using System.Text;
using RuntimePerf.Engine.Model;
using RuntimePerf.Engine.Sources;
using RuntimePerf.Languages;
using RuntimePerf.Languages.Common;
using RuntimePerf.Languages.FrontEnds;
using RuntimePerf.Languages.Rust;
using RuntimePerf.Tests.Languages;
using RuntimePerf.Tests.Reports;
using Xunit;

namespace RuntimePerf.Tests.Rust
{
    public class RustAuditTests
    {
        private static LanguageAuditResult AuditUnder(string root, bool includeTests, params string[] relativePaths)
        {
            var set = new SourceSet(root, root, Array.Empty<string>());
            var files = set.Classify(relativePaths.Select(p => Path.Combine(root, p)), FrontEndRegistry.AllFiles, includeTests);
            return TreeSitterAudit.Run(files, configured: _ => LanguageOptions.None with { IncludeTests = includeTests });
        }

        [Fact]
        public void A_finding_names_the_call_the_handler_and_the_tokio_replacement()
        {
            string folder = Path.Combine(LanguageFixtures.Root, "rust");
            var result = LanguageFixtures.AuditUnder(folder, Path.Combine(folder, "RP0001_axum_handlers.rs"));
            var finding = Assert.Single(result.Findings, f => f.Span.Line == 16);

            Assert.Equal("Blocking I/O: fs::read_to_string() (std::fs::read_to_string) inside request handler show_report blocks a runtime worker thread (and every task queued on it)",
                finding.Issue);
            Assert.StartsWith("Use tokio::fs", finding.Recommendation);
            Assert.Equal((Severity.High, CodeContext.RequestHandler, Language.Rust), (finding.Severity, finding.Context, finding.Language));
            Assert.Equal("show_report", finding.EnclosingSymbol);
        }

        [Fact]
        public void The_nearest_cargo_toml_names_the_runtime_in_the_advice_and_the_frameworks_whose_method_routes_count()
        {
            string crate = Path.Combine(LanguageFixtures.Root, "rust", "async_std_service");
            string main = File.ReadAllText(Path.Combine(crate, "src", "main.rs"));
            using var bare = new TempDir();
            Directory.CreateDirectory(bare.Combine("src"));
            File.WriteAllText(bare.Combine("src/main.rs"), main);

            var withManifest = AuditUnder(crate, false, "src/main.rs").Findings;
            var without = AuditUnder(bare.Path, false, "src/main.rs").Findings;

            Assert.Equal(new[] { ("RP0002", 7, Severity.Medium), ("RP0001", 16, Severity.High) },
                withManifest.Select(f => (f.RuleId, f.Span.Line, f.Severity)).ToArray());
            Assert.StartsWith("Use async_std::task::sleep", withManifest[0].Recommendation);
            Assert.StartsWith("Use async_std::fs", withManifest[1].Recommendation);
            // With no Cargo.toml: tokio's advice, and `.then(enrich)` in a file that imports a web crate may be a warp route.
            Assert.Equal(new[] { ("RP0002", 7, Severity.High), ("RP0001", 16, Severity.High) },
                without.Select(f => (f.RuleId, f.Span.Line, f.Severity)).ToArray());
            Assert.All(without, f => Assert.Contains("tokio", f.Recommendation));
        }

        [Fact]
        public void Cargo_toml_dependency_tables_are_read_dev_dependencies_are_not_and_an_edit_is_seen()
        {
            using var dir = new TempDir();
            Directory.CreateDirectory(dir.Combine("svc/src/api"));
            File.WriteAllText(dir.Combine("svc/Cargo.toml"), "[package]\nname = \"svc\"\n\n[dependencies]\nsmol = \"2\"\nserde.workspace = true\n"
                + "\n[target.'cfg(unix)'.dependencies]\nnix = \"0.27\"\n\n[dependencies.warp]\nversion = \"0.3\"\n\n[dev-dependencies]\ntokio = \"1\"\n");
            File.WriteAllText(dir.Combine("svc/src/api/files.rs"), "pub async fn load(p: &str) -> Vec<u8> {\n    std::fs::read(p).unwrap()\n}\n");

            var finding = Assert.Single(AuditUnder(dir.Path, false, "svc/src/api/files.rs").Findings);
            Assert.StartsWith("Use smol::fs", finding.Recommendation);

            // An edited Cargo.toml is read again by the same process (a build server outlives the edit).
            File.WriteAllText(dir.Combine("svc/Cargo.toml"), "[package]\nname = \"svc\"\n\n[dependencies]\ntokio = { version = \"1\", features = [\"full\"] }\nsmol = \"2\"\n");
            File.SetLastWriteTimeUtc(dir.Combine("svc/Cargo.toml"), DateTime.UtcNow.AddMinutes(1));
            var edited = Assert.Single(AuditUnder(dir.Path, false, "svc/src/api/files.rs").Findings);
            Assert.StartsWith("Use tokio::fs", edited.Recommendation);
            Assert.Equal("Cargo.toml: smol,tokio", RustFrontEnd.Instance.OutsideSettings(LanguageOptions.None with { FullPath = dir.Combine("svc/src/api/files.rs") }));
        }

        [Fact]
        public void A_handler_registered_in_another_file_is_a_handler_when_it_takes_an_extractor()
        {
            using var dir = new TempDir();
            Directory.CreateDirectory(dir.Combine("src"));
            File.WriteAllText(dir.Combine("src/main.rs"), "mod handlers;\nuse axum::{routing::get, Router};\n\npub fn app() -> Router {\n"
                + "    Router::new().route(\"/\", get(handlers::index)).route(\"/raw\", get(handlers::raw))\n}\n");
            File.WriteAllText(dir.Combine("src/handlers.rs"), "use axum::extract::Request;\n\npub async fn index(req: Request) -> String {\n    let _ = req;\n"
                + "    std::fs::read_to_string(\"index.html\").unwrap()\n}\n\npub async fn raw() -> String {\n    std::fs::read_to_string(\"raw.html\").unwrap()\n}\n");

            var result = AuditUnder(dir.Path, false, "src/main.rs", "src/handlers.rs");

            // raw() takes no extractor: its registration in main.rs is not seen from handlers.rs (see RP0001's doc).
            Assert.Equal(new[] { ("src/handlers.rs", 5, Severity.High), ("src/handlers.rs", 9, Severity.Medium) },
                result.Findings.Select(f => (f.Path, f.Span.Line, f.Severity)).ToArray());
        }

        [Fact]
        public void A_helper_in_another_module_is_followed_through_use_and_through_a_module_path()
        {
            using var dir = new TempDir();
            Directory.CreateDirectory(dir.Combine("src"));
            File.WriteAllText(dir.Combine("src/storage.rs"), "pub fn archive(src: &str) {\n    std::fs::copy(src, \"/backup\").unwrap();\n}\n");
            File.WriteAllText(dir.Combine("src/jobs.rs"), "use crate::storage::archive;\n\npub async fn nightly(src: &str) {\n    archive(src);\n}\n");
            File.WriteAllText(dir.Combine("src/main.rs"), "mod storage;\nmod jobs;\n\nasync fn weekly() {\n    storage::archive(\"data\");\n}\n");

            var result = AuditUnder(dir.Path, false, "src/storage.rs", "src/jobs.rs", "src/main.rs");

            Assert.Equal(new[] { ("src/jobs.rs", 4), ("src/main.rs", 5) },
                result.Findings.Where(f => f.RuleId == "RP0001").Select(f => (f.Path, f.Span.Line)).OrderBy(x => x.Path).ToArray());
            Assert.All(result.Findings, f => Assert.Contains("archive() → std::fs::copy()", f.Issue));
        }

        [Fact]
        public void Test_code_is_audited_only_with_include_tests()
        {
            using var dir = new TempDir();
            const string blocking = "pub async fn f() {\n    std::thread::sleep(std::time::Duration::from_secs(1));\n}\n";
            foreach (string folder in new[] { "tests", "benches", "examples", "src" }) Directory.CreateDirectory(dir.Combine(folder));
            File.WriteAllText(dir.Combine("tests/api.rs"), blocking);
            File.WriteAllText(dir.Combine("benches/load.rs"), blocking);
            File.WriteAllText(dir.Combine("examples/demo.rs"), blocking);
            File.WriteAllText(dir.Combine("src/lib.rs"), "#[cfg(test)]\nmod tests {\n    #[tokio::test]\n    async fn waits() {\n        std::thread::sleep(std::time::Duration::from_secs(1));\n    }\n}\n");
            string[] files = { "tests/api.rs", "benches/load.rs", "examples/demo.rs", "src/lib.rs" };

            Assert.Empty(AuditUnder(dir.Path, false, files).Findings);
            var included = AuditUnder(dir.Path, true, files);
            Assert.Equal(new[] { "benches/load.rs", "examples/demo.rs", "src/lib.rs", "tests/api.rs" },
                included.Findings.Where(f => f.RuleId == "RP0002").Select(f => f.Path).OrderBy(p => p, StringComparer.Ordinal).ToArray());
        }

        [Fact]
        public void Generated_files_are_skipped_with_their_reason()
        {
            using var dir = new TempDir();
            File.WriteAllText(dir.Combine("proto.rs"), "// This file is @generated by prost-build.\npub async fn f() {\n    std::thread::sleep(std::time::Duration::from_secs(1));\n}\n");

            var result = AuditUnder(dir.Path, false, "proto.rs");

            Assert.Empty(result.Findings);
            Assert.Equal("generated file (@generated header)", result.Skipped["proto.rs"]);
        }

        [Fact]
        public void A_build_script_beside_cargo_toml_is_skipped_and_a_module_named_build_is_audited()
        {
            using var dir = new TempDir();
            const string allocates = "pub fn f(xs: &[String]) -> usize {\n    xs.iter().map(|x| x.to_string()).collect::<Vec<_>>().len()\n}\n";
            Directory.CreateDirectory(dir.Combine("src"));
            File.WriteAllText(dir.Combine("Cargo.toml"), "[package]\nname = \"demo\"\nversion = \"0.1.0\"\n");
            File.WriteAllText(dir.Combine("build.rs"), allocates);
            File.WriteAllText(dir.Combine("src/build.rs"), allocates);

            var result = AuditUnder(dir.Path, false, "build.rs", "src/build.rs");

            Assert.Equal(new[] { "src/build.rs" }, result.Findings.Select(f => f.Path).Distinct().ToArray());
            var classified = new SourceSet(dir.Path, dir.Path, Array.Empty<string>())
                .Classify(new[] { dir.Combine("build.rs"), dir.Combine("src/build.rs") }, FrontEndRegistry.AllFiles, includeTests: false);
            Assert.Equal(new[] { "build script", null }, classified.Select(f => f.SkipReason).ToArray());
        }

        [Fact]
        public void Hostile_files_give_at_most_one_notice_each_and_do_not_stop_the_audit()
        {
            using var dir = new TempDir();
            const int depth = 10_000;
            var deep = new StringBuilder("async fn deep(p: &str) {\n    let x = ");
            deep.Append('(', depth).Append('1').Append(')', depth).Append(";\n");
            deep.Append("    let y = ").Append('{', depth).Append('1').Append('}', depth).Append(";\n");
            deep.Append("    let z = a").Append(string.Concat(Enumerable.Repeat(".b()", depth))).Append(";\n");
            deep.Append("    let f = std::fs::File::open(p)").Append(string.Concat(Enumerable.Repeat(".unwrap()", depth))).Append(";\n");
            deep.Append("    std::thread::sleep(d);\n}\n");
            File.WriteAllText(dir.Combine("deep.rs"), deep.ToString());
            var macros = new StringBuilder("macro_rules! m { ($($t:tt)*) => { $($t)* } }\n");
            macros.Append(string.Concat(Enumerable.Repeat("m!{ ", 2000))).Append("std::fs::read(\"x\");").Append(string.Concat(Enumerable.Repeat(" }", 2000))).Append('\n');
            File.WriteAllText(dir.Combine("macros.rs"), macros.ToString());
            File.WriteAllText(dir.Combine("broken.rs"), "async fn ok() {\n    std::thread::sleep(d);\n}\n\nfn broken( {\n    let x = ;\n");
            File.WriteAllBytes(dir.Combine("latin1.rs"), Encoding.Latin1.GetBytes("// caf\u00e9 \u00ff\u00fe\nasync fn f() {\n    std::thread::sleep(d); // na\u00efve\n}\n"));
            File.WriteAllText(dir.Combine("good.rs"), "async fn tick() {\n    std::thread::sleep(d);\n}\n");

            string[] files = { "deep.rs", "macros.rs", "broken.rs", "latin1.rs", "good.rs" };
            var result = AuditUnder(dir.Path, false, files);

            foreach (string f in files) Assert.True(result.Notices.Count(n => n.Path == f) <= 1, string.Join("\n", result.Notices));
            Assert.Single(result.Notices, n => n.Path == "broken.rs" && n.Message == "parse errors; audited what parsed");
            foreach (string f in new[] { "deep.rs", "broken.rs", "latin1.rs", "good.rs" })
                Assert.Contains(result.Findings, x => x.Path == f && x.RuleId == "RP0002");
            Assert.Contains(result.Findings, x => x.Path == "deep.rs" && x.RuleId == "RP0001");
        }
    }
}
