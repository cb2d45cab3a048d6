using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using RuntimePerf.Engine.Sources;
using RuntimePerf.Languages;
using RuntimePerf.Languages.Common;
using RuntimePerf.Languages.FrontEnds;
using RuntimePerf.Tests.Reports;
using Xunit;

namespace RuntimePerf.Tests.Languages
{
    public class AuditCacheTests
    {
        private const string Storage = "import shutil\n\ndef archive(src, dst):\n    shutil.copytree(src, dst)\n";
        private const string Jobs = "import legacy\nfrom .storage import archive\n\nasync def nightly(src):\n    archive(src, '/backup')\n    legacy.query('x')\n";

        /// <summary>Every Python, JavaScript and Go file under the folder (obj/ aside), audited through <paramref name="cache"/> or without one.</summary>
        private static LanguageAuditResult Audit(TempDir dir, AuditCache? cache, IReadOnlyCollection<string> blocking)
        {
            var files = Directory.EnumerateFiles(dir.Path, "*", SearchOption.AllDirectories)
                .Where(p => !p.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                .OrderBy(p => p, StringComparer.Ordinal);
            var set = new SourceSet(dir.Path, dir.Path, Array.Empty<string>());
            return TreeSitterAudit.Run(set.Classify(files, FrontEndRegistry.AllFiles, includeTests: false),
                configured: path => new LanguageOptions(blocking, Array.Empty<string>()), cache: cache);
        }

        /// <summary>
        /// Audits the folder without a cache and through the one in <paramref name="cacheFile"/> (then saved): both give the same
        /// findings (every field, the flagged line's text for fingerprints too), notices and skipped files. Returns the full
        /// audit and how many files the cached run audited again.
        /// </summary>
        private static (LanguageAuditResult Full, int Fresh) FullAndCached(TempDir dir, string cacheFile, IReadOnlyCollection<string> blocking)
        {
            var full = Audit(dir, null, blocking);
            var cache = AuditCache.Load(cacheFile);
            var cached = Audit(dir, cache, blocking);
            cache.Save(cacheFile);
            Assert.Null(cache.Problem);
            Assert.Equal(full.Findings, cached.Findings);
            Assert.Equal(full.Notices, cached.Notices);
            Assert.Equal(full.Skipped, cached.Skipped);
            return (full, cache.Fresh);
        }

        private static void Write(TempDir dir, string relative, string text)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(dir.Combine(relative))!);
            File.WriteAllText(dir.Combine(relative), text);
        }

        [Fact]
        public void After_every_edit_rename_and_deletion_the_cached_audit_gives_exactly_what_a_full_audit_gives()
        {
            using var dir = new TempDir();
            string cacheFile = dir.Combine("obj/runtimeperf.cache");
            IReadOnlyCollection<string> blocking = Array.Empty<string>();
            // Each step: what changes, how many files the cached run audits again, how many findings app/jobs.py has then,
            // and whether web/orders.js drops a promise of web/db.js (an async function of another file).
            var steps = new (string Step, Action Edit, int Audited, int JobsFindings, bool Floating)[]
            {
                ("first run", () =>
                {
                    Write(dir, "app/storage.py", Storage);
                    Write(dir, "app/jobs.py", Jobs);
                    Write(dir, "app/util.py", "import time\n\nasync def wait():\n    time.sleep(1)\n");
                    Write(dir, "app/broken.py", "import time\n\nasync def handler(:\n    time.sleep(1)\n");
                    Write(dir, "web/server.js", "const fs = require('fs');\n\nasync function handler(req, res) {\n  res.send(fs.readFileSync('a.txt'));\n}\nmodule.exports = handler;\n");
                    Write(dir, "web/bundle.js", "const a=1;\n//# sourceMappingURL=bundle.js.map\n");
                    Write(dir, "web/db.js", "async function save(x) {}\nmodule.exports = { save };\n");
                    Write(dir, "web/orders.js", "const { save } = require('./db');\n\nasync function place(o) {\n  save(o);\n}\nmodule.exports = { place };\n");
                }, 8, 1, true),
                ("the helper no longer blocks", () => Write(dir, "app/storage.py", "def archive(src, dst):\n    return (src, dst)\n"), 1, 0, true),
                ("the helper blocks through a helper in a new file", () =>
                {
                    Write(dir, "app/storage.py", "from .disk import copy_all\n\ndef archive(src, dst):\n    copy_all(src, dst)\n");
                    Write(dir, "app/disk.py", Storage.Replace("archive", "copy_all"));
                }, 2, 1, true),
                ("the new file is renamed: its old name no longer resolves", () => File.Move(dir.Combine("app/disk.py"), dir.Combine("app/fs_ops.py")), 1, 0, true),
                ("the import follows the rename", () => Write(dir, "app/storage.py", "from .fs_ops import copy_all\n\ndef archive(src, dst):\n    copy_all(src, dst)\n"), 1, 1, true),
                ("the caller moves down and calls twice", () => Write(dir, "app/jobs.py", "\n\n" + Jobs + "\nasync def weekly(src):\n    archive(src, '/weekly')\n"), 1, 2, true),
                ("the file it depends on is deleted", () => File.Delete(dir.Combine("app/fs_ops.py")), 0, 0, true),
                ("the deleted file is back, under a folder of its own", () =>
                {
                    Write(dir, "app/fs_ops/__init__.py", Storage.Replace("archive", "copy_all"));
                }, 1, 2, true),
                (".editorconfig declares a call blocking: every file with the setting is audited again", () => blocking = new[] { "legacy.query" }, 9, 3, true),
                ("the broken file is fixed, the JavaScript edited", () =>
                {
                    Write(dir, "app/broken.py", "import time\n\nasync def handler():\n    time.sleep(1)\n");
                    Write(dir, "web/server.js", "const fs = require('fs');\n\nasync function handler(req, res) {\n  res.send(await fs.promises.readFile('a.txt'));\n}\nmodule.exports = handler;\n");
                }, 2, 3, true),
                ("the JavaScript helper is no longer async", () => Write(dir, "web/db.js", "function save(x) {}\nmodule.exports = { save };\n"), 1, 3, false),
                ("it is async again", () => Write(dir, "web/db.js", "async function save(x) {}\nmodule.exports = { save };\n"), 1, 3, true),
                ("nothing changed", () => { }, 0, 3, true),
            };

            foreach (var (step, edit, audited, jobsFindings, floating) in steps)
            {
                edit();
                var (full, fresh) = FullAndCached(dir, cacheFile, blocking);

                Assert.True(full.Findings.Count > 0, step);
                Assert.True(floating == full.Findings.Any(f => f.Path == "web/orders.js" && f.RuleId == "RP0024"), step);
                Assert.True((audited, jobsFindings) == (fresh, full.Findings.Count(f => f.Path == "app/jobs.py")),
                    $"{step}: audited {fresh} (expected {audited}), app/jobs.py findings {full.Findings.Count(f => f.Path == "app/jobs.py")} (expected {jobsFindings})");
            }
        }

        [Fact]
        public void A_go_file_is_audited_again_when_another_file_of_its_package_changes_what_is_a_request_path()
        {
            using var dir = new TempDir();
            string cacheFile = dir.Combine("obj/runtimeperf.cache");
            const string Stock = "package api\n\nimport \"net/http\"\n\ntype Server struct{}\n\n"
                + "func (s *Server) refresh(r *http.Request) {\n\tresp, err := http.Get(\"http://inventory/stock\")\n\tif err != nil {\n\t\treturn\n\t}\n\tresp.Body.Close()\n}\n";
            const string Handlers = "package api\n\nimport \"net/http\"\n\nfunc (s *Server) stock(w http.ResponseWriter, r *http.Request) {\n\t{0}\n\tw.WriteHeader(http.StatusOK)\n}\n";
            // Each step: what changes, how many files the cached run audits again, the severity of stock.go's RP0018.
            var steps = new (string Step, Action Edit, int Audited, string Severity)[]
            {
                ("first run: nothing calls the helper", () =>
                {
                    Write(dir, "api/stock.go", Stock);
                    Write(dir, "api/handlers.go", Handlers.Replace("{0}", "_ = r"));
                }, 2, "Medium"),
                ("the handler calls it: stock.go, unchanged, is audited again as a request path", () => Write(dir, "api/handlers.go", Handlers.Replace("{0}", "s.refresh(r)")), 2, "High"),
                ("nothing changed", () => { }, 0, "High"),
            };
            foreach (var (step, edit, audited, severity) in steps)
            {
                edit();
                var (full, fresh) = FullAndCached(dir, cacheFile, Array.Empty<string>());

                Assert.True((audited, severity) == (fresh, full.Findings.Single(f => f.RuleId == "RP0018").Severity.ToString()),
                    $"{step}: audited {fresh} (expected {audited}), RP0018 {full.Findings.Single(f => f.RuleId == "RP0018").Severity} (expected {severity})");
            }
        }

        [Fact]
        public void A_javascript_file_is_audited_again_when_its_package_starts_or_stops_loading_it_from_the_library()
        {
            using var dir = new TempDir();
            string cacheFile = dir.Combine("obj/runtimeperf.cache");
            const string Generate = "const fs = require('fs');\n\nasync function generate(dir) {\n  fs.mkdirSync(dir);\n}\nmodule.exports = { generate };\n";
            // Each step: what changes, how many files the cached run audits again, whether generate.js's blocking call is reported.
            var steps = new (string Step, Action Edit, int Audited, bool Reported)[]
            {
                ("first run: only the command-line program loads generate.js", () =>
                {
                    Write(dir, "tool/package.json", "{ \"main\": \"index.js\", \"bin\": { \"tool\": \"cli.js\" } }");
                    Write(dir, "tool/cli.js", "const { generate } = require('./generate');\ngenerate(process.argv[2]);\n");
                    Write(dir, "tool/index.js", "module.exports = {};\n");
                    Write(dir, "tool/generate.js", Generate);
                }, 3, false),
                ("the library entry loads it too: generate.js, unchanged, is audited again as library code",
                    () => Write(dir, "tool/index.js", "module.exports = require('./generate');\n"), 2, true),
                ("nothing changed", () => { }, 0, true),
                ("package.json names no command-line program and the library drops generate.js: index.js and cli.js are audited again", () =>
                {
                    Write(dir, "tool/index.js", "module.exports = {};\n");
                    Write(dir, "tool/package.json", "{ \"main\": \"index.js\" }");
                }, 2, true),
            };
            foreach (var (step, edit, audited, reported) in steps)
            {
                edit();
                var (full, fresh) = FullAndCached(dir, cacheFile, Array.Empty<string>());

                bool found = full.Findings.Any(f => f.Path == "tool/generate.js" && f.RuleId == "RP0001");
                Assert.True((audited, reported) == (fresh, found), $"{step}: audited {fresh} (expected {audited}), reported {found} (expected {reported})");
            }
        }

        [Fact]
        public void The_cache_holds_no_absolute_path_and_no_source_line()
        {
            using var dir = new TempDir();
            Write(dir, "app/api.py", "import time\n\nasync def handler():\n    time.sleep(1)  # SECRET_TOKEN=hunter2\n");
            var cache = AuditCache.Empty();
            Assert.Single(Audit(dir, cache, Array.Empty<string>()).Findings);
            cache.Save(dir.Combine("obj/runtimeperf.cache"));

            string text = Encoding.UTF8.GetString(File.ReadAllBytes(dir.Combine("obj/runtimeperf.cache")));
            Assert.Contains("app/api.py", text);
            Assert.DoesNotContain(dir.Path, text);
            Assert.DoesNotContain("hunter2", text);
        }

        public static IEnumerable<object[]> Damage() => new[]
        {
            new object[] { "truncated", (Func<byte[], byte[]>)(b => b[..(b.Length - 5)]), "damaged" },
            new object[] { "a byte changed", (Func<byte[], byte[]>)(b => { var c = (byte[])b.Clone(); c[c.Length / 2] ^= 0x40; return c; }), "damaged" },
            new object[] { "empty", (Func<byte[], byte[]>)(_ => Array.Empty<byte>()), "not a RuntimePerf audit cache" },
            new object[] { "another file", (Func<byte[], byte[]>)(_ => Encoding.UTF8.GetBytes("{\"version\": 1}")), "not a RuntimePerf audit cache" },
            new object[] { "another version", (Func<byte[], byte[]>)(_ => Foreign("RuntimePerf.AuditCache", 1, "0123456789abcdef")), "written by another version" },
            new object[] { "another format", (Func<byte[], byte[]>)(_ => Foreign("RuntimePerf.AuditCache", 99, "")), "written by another version" },
        };

        [Theory]
        [MemberData(nameof(Damage))]
        public void A_damaged_or_foreign_cache_is_ignored_with_a_reason_and_replaced(string damage, Func<byte[], byte[]> change, string reason)
        {
            using var dir = new TempDir();
            string cacheFile = dir.Combine("obj/runtimeperf.cache");
            Write(dir, "app/api.py", "import time\n\nasync def handler():\n    time.sleep(1)\n");
            Write(dir, "app/jobs.py", Jobs);
            Write(dir, "app/storage.py", Storage);
            var first = AuditCache.Empty();
            var full = Audit(dir, first, Array.Empty<string>());
            first.Save(cacheFile);
            File.WriteAllBytes(cacheFile, change(File.ReadAllBytes(cacheFile)));

            var cache = AuditCache.Load(cacheFile);
            var result = Audit(dir, cache, Array.Empty<string>());

            Assert.Contains(reason, cache.Problem, StringComparison.Ordinal);
            Assert.Equal((0, 3), (cache.Reused, cache.Fresh));
            Assert.Equal(full.Findings, result.Findings);
            Assert.True(cache.Save(cacheFile), damage);
            Assert.Null(AuditCache.Load(cacheFile).Problem);
        }

        /// <summary>A cache file as another build of the tool would write it: a valid header and checksum, no entries.</summary>
        private static byte[] Foreign(string magic, int format, string identity)
        {
            using var stream = new MemoryStream();
            using (var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
            {
                w.Write(magic);
                w.Write(format);
                w.Write(identity);
                w.Write(0);
            }
            stream.Write(SHA256.HashData(stream.ToArray()));
            return stream.ToArray();
        }

        [Fact]
        public void Builds_writing_the_cache_at_once_never_leave_a_damaged_one()
        {
            using var dir = new TempDir();
            string cacheFile = dir.Combine("obj/runtimeperf.cache");
            Write(dir, "app/api.py", "import time\n\nasync def handler():\n    time.sleep(1)\n");
            var caches = Enumerable.Range(0, 2).Select(i =>
            {
                Write(dir, "app/jobs.py", Jobs + new string('\n', i));
                var cache = AuditCache.Empty();
                Audit(dir, cache, Array.Empty<string>());
                return cache;
            }).ToList();

            Parallel.For(0, 40, i =>
            {
                if (i % 3 == 0)
                {
                    Assert.Null(AuditCache.Load(cacheFile).Problem);
                    return;
                }
                try
                {
                    caches[i % 2].Save(cacheFile);
                }
                catch (IOException)
                {
                    // Another build's rename won the race (the task logs this in its detailed log): its cache stands.
                }
            });
            Assert.Null(AuditCache.Load(cacheFile).Problem);
        }
    }
}
