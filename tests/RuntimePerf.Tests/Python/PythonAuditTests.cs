using System;
using System.IO;
using System.Linq;
using System.Text;
using RuntimePerf.Engine.Catalog;
using RuntimePerf.Engine.Model;
using RuntimePerf.Tests.Reports;
using Xunit;

namespace RuntimePerf.Tests.Python
{
    public class PythonAuditTests
    {
        [Fact]
        public void A_finding_names_the_call_the_function_and_the_replacement()
        {
            var result = PythonFixtures.Audit(Path.Combine(PythonFixtures.Folder, "RP0001_worker.py"));
            var finding = Assert.Single(result.Findings, f => f.Issue.Contains("read_bytes"));

            Assert.Equal("Blocking I/O: input_path.read_bytes() inside async function JobProcessor.process_job blocks the event loop", finding.Issue);
            Assert.Equal("Use aiofiles (or anyio.Path), or await asyncio.to_thread(input_path.read_bytes)", finding.Recommendation);
            Assert.Equal((Severity.Medium, Confidence.High, CodeContext.Background), (finding.Severity, finding.Confidence, finding.Context));
            Assert.Equal(Language.Python, finding.Language);
            Assert.Equal("JobProcessor.process_job", finding.EnclosingSymbol);
            Assert.Equal("RP0001_worker.py", finding.Path);
            Assert.Equal("Async Best Practices / Non-Blocking IO", finding.Principle);
            Assert.Equal(Effort.S, finding.Effort);
            Assert.Contains("input_path.read_bytes()", finding.LineText);
            Assert.Equal(finding.LineText.IndexOf("input_path", StringComparison.Ordinal) + 1, finding.Span.Column);
        }

        [Fact]
        public void A_pair_loop_finding_says_which_part_it_uses_and_what_to_iterate_instead()
        {
            var result = PythonFixtures.Audit(Path.Combine(PythonFixtures.Folder, "RP0003_pairs_and_reductions.py"));
            var keys = Assert.Single(result.Findings, f => f.EnclosingSymbol == "product_names" && f.RuleId == RuleIds.MaterializeToCount);
            Assert.Equal("Unnecessary allocation: the loop over PRICES.items() in function product_names builds a key-value pair per item and uses only the keys", keys.Issue);
            Assert.Equal("Iterate PRICES itself (or PRICES.keys()): the loop never uses the values", keys.Recommendation);
            var values = Assert.Single(result.Findings, f => f.EnclosingSymbol == "price_list");
            Assert.Equal("Iterate PRICES.values(): the loop never uses the keys", values.Recommendation);
        }

        [Fact]
        public void A_maintained_fork_is_reported_under_the_original_libraries_name()
        {
            var result = PythonFixtures.Audit(Path.Combine(PythonFixtures.Folder, "RP0001_typed_receivers.py"));
            var finding = Assert.Single(result.Findings, f => f.EnclosingSymbol == "fetch_page");
            Assert.StartsWith("Blocking I/O: niquests.get() (requests.get) inside async function fetch_page", finding.Issue);
        }

        [Fact]
        public void A_blocking_helper_is_reported_at_the_call_site_with_its_chain()
        {
            var result = PythonFixtures.Audit(Path.Combine(PythonFixtures.Folder, "RP0001_helpers.py"));
            var finding = Assert.Single(result.Findings, f => f.EnclosingSymbol == "read_settings");
            Assert.Equal(Confidence.Medium, finding.Confidence);
            Assert.Contains("settings() → load_config() → open()", finding.Issue);
        }

        [Fact]
        public void A_helper_imported_from_another_audited_file_is_followed()
        {
            using var dir = new TempDir();
            Directory.CreateDirectory(dir.Combine("app"));
            File.WriteAllText(dir.Combine("app/storage.py"), "import shutil\n\ndef archive(src, dst):\n    shutil.copytree(src, dst)\n");
            File.WriteAllText(dir.Combine("app/jobs.py"), "from .storage import archive\n\nasync def nightly(src):\n    archive(src, '/backup')\n");

            var result = PythonFixtures.AuditUnder(dir.Path, dir.Combine("app/storage.py"), dir.Combine("app/jobs.py"));

            var finding = Assert.Single(result.Findings);
            Assert.Equal(("app/jobs.py", 4, "RP0001"), (finding.Path, finding.Span.Line, finding.RuleId));
            Assert.Contains("archive() → shutil.copytree()", finding.Issue);
        }

        [Fact]
        public void A_chain_of_helpers_across_three_files_is_followed_whatever_order_the_files_come_in()
        {
            using var dir = new TempDir();
            Directory.CreateDirectory(dir.Combine("app"));
            File.WriteAllText(dir.Combine("app/api.py"), "from app.settings import settings\n\nasync def handler(request):\n    return settings()\n");
            File.WriteAllText(dir.Combine("app/settings.py"), "from .config import load\n\ndef settings():\n    return load()\n");
            File.WriteAllText(dir.Combine("app/config.py"), "def load():\n    with open('app.toml') as f:\n        return f.read()\n");
            var paths = new[] { dir.Combine("app/api.py"), dir.Combine("app/settings.py"), dir.Combine("app/config.py") };

            foreach (var order in new[] { paths, paths.Reverse().ToArray() })
            {
                var finding = Assert.Single(PythonFixtures.AuditUnder(dir.Path, order).Findings);
                Assert.Equal(("app/api.py", 4, "RP0001", Confidence.Medium), (finding.Path, finding.Span.Line, finding.RuleId, finding.Confidence));
                Assert.StartsWith("Blocking I/O: settings() → load() → open() inside async function handler", finding.Issue);
                Assert.StartsWith("Make settings async", finding.Recommendation);
            }
        }

        [Fact]
        public void Test_files_yield_nothing()
        {
            using var dir = new TempDir();
            const string code = "import time\n\nasync def test_it():\n    time.sleep(1)\n    open('x').read()\n";
            File.WriteAllText(dir.Combine("test_api.py"), code);
            File.WriteAllText(dir.Combine("api_test.py"), code);
            Directory.CreateDirectory(dir.Combine("tests"));
            File.WriteAllText(dir.Combine("tests/helpers.py"), code);
            // named as the test and example folders are: Django's app/tests.py, a package's example.py
            const string handler = "import time\n\nasync def handler():\n    time.sleep(1)\n";
            Directory.CreateDirectory(dir.Combine("app"));
            File.WriteAllText(dir.Combine("app/tests.py"), handler);
            File.WriteAllText(dir.Combine("example.py"), handler);
            // the helpers only tests load, beside the library's modules (reportlab's lib/testutils.py)
            File.WriteAllText(dir.Combine("app/testutils.py"), handler);

            var result = PythonFixtures.AuditUnder(dir.Path, dir.Combine("test_api.py"), dir.Combine("api_test.py"), dir.Combine("tests/helpers.py"),
                dir.Combine("app/tests.py"), dir.Combine("example.py"), dir.Combine("app/testutils.py"));

            Assert.Empty(result.Findings);
            Assert.Empty(result.Notices);
        }

        [Fact]
        public void Build_tooling_yields_nothing_but_the_same_code_in_the_package_does()
        {
            using var dir = new TempDir();
            // a generator's quadratic build of its output (unicode-segmentation's scripts/unicode.py)
            const string code = "def table(rows):\n    out = ''\n    for row in rows:\n        out = out + row + ',' + out[-1:]\n    return out\n";
            // tools/ and scripts/ inside the package are the package's own (mitmproxy/tools/console, pyramid/scripts/pserve.py), and so
            // is a module named setup.py inside it (homeassistant/setup.py); a repository's tools/ may hold services
            string[] files = { "scripts/unicode.py", "tools/gen.py", "setup.py", "noxfile.py", "pkg/tables.py", "pkg/tools/console.py",
                "pkg/scripts/pserve.py", "pkg/setup.py" };
            foreach (string f in files)
            {
                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(dir.Combine(f))!);
                File.WriteAllText(dir.Combine(f), code);
            }

            var result = PythonFixtures.AuditUnder(dir.Path, files.Select(dir.Combine).ToArray());

            Assert.Equal(new[] { ("pkg/scripts/pserve.py", "RP0004"), ("pkg/setup.py", "RP0004"), ("pkg/tables.py", "RP0004"), ("pkg/tools/console.py", "RP0004"),
                    ("tools/gen.py", "RP0004") },
                result.Findings.Select(f => (f.Path, f.RuleId)).OrderBy(x => x.Path, System.StringComparer.Ordinal));
            // skipped, not audited: their suppression comments are not read either (no RP0100 for them)
            Assert.Equal(new[] { "noxfile.py", "scripts/unicode.py", "setup.py" }, result.Skipped.Keys.OrderBy(k => k, System.StringComparer.Ordinal));
        }

        [Fact]
        public void Syntax_errors_give_one_notice_and_what_parsed_is_audited()
        {
            using var dir = new TempDir();
            File.WriteAllText(dir.Combine("broken.py"), "import time\n\nasync def ok():\n    time.sleep(1)\n\ndef broken(:\n    return ]\n");

            var result = PythonFixtures.AuditUnder(dir.Path, dir.Combine("broken.py"));

            var notice = Assert.Single(result.Notices);
            Assert.Equal(("broken.py", "parse errors; audited what parsed"), (notice.Path, notice.Message));
            Assert.Contains(result.Findings, f => f.RuleId == "RP0002" && f.Span.Line == 4);
        }

        [Fact]
        public void Hostile_files_give_at_most_one_notice_each_and_do_not_stop_the_audit()
        {
            using var dir = new TempDir();
            const int depth = 10_000;
            var deep = new StringBuilder("import time\n\nasync def deep():\n    x = ");
            deep.Append('[', depth).Append('1').Append(']', depth).Append('\n');
            deep.Append("    y = ").Append(string.Concat(Enumerable.Repeat("f(", depth))).Append('1').Append(')', depth).Append('\n');
            deep.Append("    z = a").Append(string.Concat(Enumerable.Repeat(".b()", depth))).Append('\n');
            deep.Append("    time.sleep(1)\n");
            File.WriteAllText(dir.Combine("deep.py"), deep.ToString());

            var big = new StringBuilder();
            const string block = "def handler_{0}(items):\n    total = 0\n    for item in items:\n        total += len(str(item))\n    return total\n\n";
            for (int i = 0; big.Length < 20 * 1024 * 1024; i++) big.AppendFormat(block, i);
            File.WriteAllText(dir.Combine("big.py"), big.ToString());

            File.WriteAllBytes(dir.Combine("binary.py"), new byte[] { 0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x00, 0x00, 0xFF, 0xFE, 0x00 });
            File.WriteAllBytes(dir.Combine("latin1.py"), Encoding.Latin1.GetBytes("# caf\u00e9 \u00ff\u00fe\nimport time\n\nasync def f():\n    time.sleep(1)  # na\u00efve\n"));
            File.WriteAllText(dir.Combine("good.py"), "import time\n\nasync def tick():\n    time.sleep(1)\n");

            string[] files = { "deep.py", "big.py", "binary.py", "latin1.py", "good.py" };
            var result = PythonFixtures.AuditUnder(dir.Path, files.Select(dir.Combine).ToArray());

            foreach (string f in files) Assert.True(result.Notices.Count(n => n.Path == f) <= 1, string.Join("\n", result.Notices));
            Assert.Single(result.Notices, n => n.Path == "binary.py");
            Assert.Contains(result.Findings, f => f.Path == "good.py" && f.RuleId == "RP0002");
            Assert.Contains(result.Findings, f => f.Path == "latin1.py" && f.RuleId == "RP0002" && f.Span.Line == 5);
            Assert.Contains(result.Findings, f => f.Path == "deep.py" && f.RuleId == "RP0002");
        }
    }
}
