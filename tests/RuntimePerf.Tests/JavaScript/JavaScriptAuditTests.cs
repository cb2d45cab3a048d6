using System.IO;
using System.Linq;
using System.Text;
using RuntimePerf.Engine.Model;
using RuntimePerf.Engine.Suppressions;
using RuntimePerf.Languages;
using RuntimePerf.Languages.FrontEnds;
using RuntimePerf.Tests.Languages;
using RuntimePerf.Tests.Reports;
using Xunit;

namespace RuntimePerf.Tests.JavaScript
{
    public class JavaScriptAuditTests
    {
        [Fact]
        public void A_finding_names_the_call_the_handler_and_the_replacement()
        {
            string folder = Path.Combine(LanguageFixtures.Root, "javascript");
            var result = LanguageFixtures.AuditUnder(folder, Path.Combine(folder, "RP0001_express.js"));
            var finding = Assert.Single(result.Findings, f => f.Span.Line == 13 && f.RuleId == "RP0001");

            Assert.Equal("Blocking I/O: fs.readFileSync() inside request handler app.get('/report/:id') callback blocks the event loop", finding.Issue);
            Assert.Equal("Use the promise API and await it: await readFile(…) from node:fs/promises (fs-extra: its promise form), or do it once at startup", finding.Recommendation);
            Assert.Equal((Severity.High, Confidence.High, CodeContext.RequestHandler, Language.JavaScript),
                (finding.Severity, finding.Confidence, finding.Context, finding.Language));
        }

        [Fact]
        public void A_blocking_helper_required_or_imported_from_another_file_is_followed()
        {
            var result = AuditProject(
                ("src/lib/config.js", "const fs = require('fs');\nfunction loadConfig() {\n  return JSON.parse(fs.readFileSync('config.json', 'utf8'));\n}\nmodule.exports = { loadConfig };\n"),
                ("src/lib/index.ts", "import { loadConfig } from './config';\nexport function settings() {\n  return loadConfig();\n}\n"),
                ("src/server.js", "const { loadConfig } = require('./lib/config');\nconst app = require('express')();\napp.get('/cfg', (req, res) => {\n  res.json(loadConfig());\n});\n"),
                ("src/worker.ts", "import { settings } from './lib';\nexport async function tick(): Promise<void> {\n  settings();\n}\n"));

            var handler = Assert.Single(result.Findings, f => f.Path == "src/server.js");
            Assert.Equal((4, "RP0001", Severity.High, Confidence.Medium), (handler.Span.Line, handler.RuleId, handler.Severity, handler.Confidence));
            Assert.Contains("loadConfig() → fs.readFileSync()", handler.Issue);
            var worker = Assert.Single(result.Findings, f => f.Path == "src/worker.ts");
            Assert.Equal((3, "RP0001", Severity.Medium), (worker.Span.Line, worker.RuleId, worker.Severity));
            Assert.Contains("settings() → loadConfig() → fs.readFileSync()", worker.Issue);
            Assert.Equal(2, result.Findings.Count);
        }

        [Fact]
        public void A_blocking_helper_that_is_its_modules_default_export_is_followed_through_a_default_import()
        {
            var result = AuditProject(
                ("src/lib/secrets.ts", "import { readFileSync } from 'node:fs';\nexport default function loadSecrets() {\n  return JSON.parse(readFileSync('secrets.json', 'utf8'));\n}\n"),
                ("src/routes.ts", "import express from 'express';\nimport loadSecrets from './lib/secrets';\nconst router = express.Router();\nconst atStartup = loadSecrets();\n"
                    + "router.get('/keys', (req, res) => {\n  res.json({ ...loadSecrets(), ...atStartup });\n});\nexport default router;\n"));

            var finding = Assert.Single(result.Findings);
            Assert.Equal(("src/routes.ts", 6, "RP0001", Severity.High), (finding.Path, finding.Span.Line, finding.RuleId, finding.Severity));
            Assert.Contains("loadSecrets() → readFileSync()", finding.Issue);
        }

        [Fact]
        public void A_client_factory_imported_from_another_file_is_a_client_per_request_where_a_handler_calls_it_unless_it_caches()
        {
            var result = AuditProject(
                ("src/db/redis.ts", "import Redis from 'ioredis';\nlet singleton: Redis | undefined;\nexport function redisClient(): Redis {\n"
                    + "  const client = new Redis(process.env.REDIS_URL!);\n  singleton = client;\n  return client;\n}\n"
                    + "let shared: Redis | undefined;\nexport function sharedRedis(): Redis {\n  if (!shared) shared = new Redis(process.env.REDIS_URL!);\n  return shared;\n}\n"),
                ("src/server.ts", "import express from 'express';\nimport { redisClient, sharedRedis } from './db/redis';\nconst app = express();\nconst boot = redisClient();\n"
                    + "app.get('/a', async (req, res) => {\n  res.json(await redisClient().get('a'));\n});\n"
                    + "app.get('/b', async (req, res) => {\n  res.json(await sharedRedis().get('b'));\n});\n"));

            var finding = Assert.Single(result.Findings);
            Assert.Equal(("src/server.ts", 6, "RP0011"), (finding.Path, finding.Span.Line, finding.RuleId));
            Assert.Contains("redisClient() → new Redis()", finding.Issue);
        }

        [Fact]
        public void A_dropped_call_of_an_async_function_imported_from_another_file_is_a_floating_promise()
        {
            var result = AuditProject(
                ("src/lib/db.ts", "export async function save(x: unknown): Promise<void> {}\nexport const remove = async (id: string) => {};\nexport function key(x: { id: string }): string {\n  return x.id;\n}\n"),
                ("src/lib/audit.js", "async function record(e) {}\nfunction format(e) { return String(e); }\nmodule.exports = { record, format };\n"),
                ("src/orders.ts", "import { save, key } from './lib/db';\nimport * as db from './lib/db';\nexport async function place(o: { id: string }) {\n"
                    + "  save(o);\n  db.remove(o.id).then(() => key(o));\n  key(o);\n  await save(o);\n  void db.save(o);\n  save(o).catch(() => {});\n  return db.remove(o.id);\n}\n"
                    + "save({ id: 'startup' });\n"),
                ("src/server.js", "const { record, format } = require('./lib/audit');\nconst audit = require('./lib/audit');\nasync function onEvent(e) {\n"
                    + "  e.ok ? record(e) : null;\n  audit.format(e);\n  format(e);\n  audit.record(e).then(() => {}, () => {});\n}\nmodule.exports = { onEvent };\n"));

            Assert.Empty(result.Notices);
            Assert.Equal(new[] { ("src/orders.ts", 4), ("src/orders.ts", 5), ("src/server.js", 4) },
                result.Findings.Select(f => (f.Path, f.Span.Line)).ToArray());
            Assert.All(result.Findings, f => Assert.Equal(("RP0024", Severity.Medium), (f.RuleId, f.Severity)));
            Assert.Contains("save() (save is async, in another file)", result.Findings[0].Issue);
        }

        [Fact]
        public void Tests_scripts_build_tools_and_declaration_files_yield_nothing_but_code_named_like_them_does()
        {
            using var dir = new TempDir();
            const string code = "const fs = require('fs');\nconst app = require('express')();\napp.get('/x', (req, res) => res.send(fs.readFileSync('x')));\n";
            string[] files = { "users.test.js", "users.spec.ts", "users_test.ts", "index.test-d.ts", "index.tst.ts", "__tests__/a.js", "login.cy.ts",
                "cypress/support/commands.js", "e2e/checkout.ts", "lib/jasmine-3.4.0/jasmine.js", "lib/jasmine-3.4.0/jasmine-html.js", "vendor-js/qunit-2.19.1.js",
                "examples/server.js", "benchmark/queue.js", "test.ts", "example.js", "lib/testHelper.js", "src/test-utils.ts",
                "scripts/seed.js", "webpack.config.js", "vite.config.ts", "types.d.ts" };
            foreach (string f in files)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(dir.Combine(f))!);
                File.WriteAllText(dir.Combine(f), code);
            }
            File.WriteAllText(dir.Combine("cli.js"), "#!/usr/bin/env node\n" + code);
            // a build script's fan-out over files serves no one while it waits (RP0010)
            File.WriteAllText(dir.Combine("scripts/assemble.mjs"),
                "import fsp from 'node:fs/promises';\nconst files = await fsp.readdir('lua');\nawait Promise.all(files.map((f) => fsp.readFile(f)));\n");

            // named like a test but more than that: a service of a "test" resource is code; so is a runner's own code, unversioned
            File.WriteAllText(dir.Combine("test.service.js"), code);
            Directory.CreateDirectory(dir.Combine("lib"));
            File.WriteAllText(dir.Combine("lib/mocha.js"), code);

            var result = LanguageFixtures.AuditUnder(dir.Path, files.Append("cli.js").Append("scripts/assemble.mjs").Append("test.service.js").Append("lib/mocha.js").Select(dir.Combine).ToArray());

            Assert.NotEmpty(result.Findings);
            Assert.Equal(new[] { "lib/mocha.js", "test.service.js" }, result.Findings.Select(f => f.Path).Distinct().OrderBy(p => p, System.StringComparer.Ordinal));
            Assert.Empty(result.Notices);
        }

        [Fact]
        public void Build_tooling_yields_nothing_for_any_rule_but_the_same_code_in_the_library_does()
        {
            using var dir = new TempDir();
            // the same file read for every entry (RP0016): in a bundler's configuration or a release script it runs at build time
            const string code = "const fs = require('fs');\nmodule.exports = function banners(entries) {\n"
                + "  return entries.map((e) => fs.readFileSync('LICENSE', 'utf8') + e);\n};\n";
            // script/ is dnt's CommonJS build of the package, a .config. file of no build tool is the app's (NestJS's
            // database.config.ts), and tools/ are scripts (the async rules do not apply) but code all the same
            string[] files = { "rollup-unoptimized.config.js", "scripts/release.js", "tools/bundle.js", "gulpfile.js", "packages/ui/scripts/icons.js",
                "lib/banners.js", "script/deps/banners.js", "src/routes.config.js", "packages/ui/tools/gen.js" };
            foreach (string f in files)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(dir.Combine(f))!);
                File.WriteAllText(dir.Combine(f), code);
            }

            var result = LanguageFixtures.AuditUnder(dir.Path, files.Select(dir.Combine).ToArray());

            Assert.Equal(new[] { ("lib/banners.js", "RP0016"), ("packages/ui/tools/gen.js", "RP0016"), ("script/deps/banners.js", "RP0016"), ("src/routes.config.js", "RP0016"),
                    ("tools/bundle.js", "RP0016") },
                result.Findings.Select(f => (f.Path, f.RuleId)).OrderBy(x => x.Path, System.StringComparer.Ordinal));
        }

        [Fact]
        public void Block_and_jsx_comments_suppress_with_their_reason()
        {
            using var dir = new TempDir();
            const string code = "const fs = require('fs');\nconst app = require('express')();\n"
                + "app.get('/a', (req, res) => res.send(fs.readFileSync('a'))); /* runtimeperf-ignore RP0001: tiny file */\n"
                + "export function View({ rows, known }) {\n  const owners = known.slice();\n  return (\n    <ul>\n      {/* runtimeperf-ignore RP0017: a few owners */}\n"
                + "      {rows.filter((r) => owners.includes(r)).map((r) => <li>{r}</li>)}\n      {/* runtimeperf-ignore RP0001 */}\n    </ul>\n  );\n}\n";
            File.WriteAllText(dir.Combine("app.jsx"), code);
            var findings = LanguageFixtures.AuditUnder(dir.Path, dir.Combine("app.jsx")).Findings;
            var files = FrontEndRegistry.AllFiles.Single(l => l.Language == Language.JavaScript);

            var result = InlineSuppressions.Apply(findings, new[] { new SuppressionSource("app.jsx", files, () => code) });

            Assert.Equal(new Suppression(SuppressionKinds.Inline, "tiny file"), Assert.Single(result, f => f.RuleId == "RP0001").Suppression);
            Assert.Equal(new Suppression(SuppressionKinds.Inline, "a few owners"), Assert.Single(result, f => f.RuleId == "RP0017").Suppression);
            var unused = Assert.Single(result, f => f.RuleId == InlineSuppressions.UnusedRuleId);
            Assert.Equal(10, unused.Span.Line);
        }

        [Fact]
        public void Bad_input_gives_at_most_one_notice_each_and_does_not_stop_the_audit()
        {
            using var dir = new TempDir();
            var minified = new StringBuilder("var a=require('fs');");
            while (minified.Length < 5 * 1024 * 1024) minified.Append("function f(b){return a.readFileSync(b)}app.get('/x',function(q,r){r.send(f(q))});");
            File.WriteAllText(dir.Combine("bundle.js"), minified.ToString());

            // A bundler's chunk: an import map line, then the code, each long, none of them half the file.
            var chunk = new StringBuilder("const __map=[" + string.Join(",", Enumerable.Repeat("'./dist-DxfQlAmn.js'", 150)) + "];\n");
            for (int i = 0; i < 3; i++) chunk.Append(minified.ToString(0, 3000)).Append('\n');
            File.WriteAllText(dir.Combine("chunk-B_UNLXse.js"), chunk.ToString());

            const int depth = 5_000;
            var jsx = new StringBuilder("export const Deep = () => (\n");
            for (int i = 0; i < depth; i++) jsx.Append("<div>\n");
            jsx.Append("x");
            for (int i = 0; i < depth; i++) jsx.Append("</div>");
            jsx.Append(");\nconst fs = require('fs');\nexport async function f() {\n  fs.readFileSync('x');\n}\n");
            File.WriteAllText(dir.Combine("deep.jsx"), jsx.ToString());

            var invalid = Encoding.UTF8.GetBytes("const fs = require('fs');\n// caf");
            invalid = invalid.Concat(new byte[] { 0xC3, 0x28, 0xFF, (byte)'\n' })
                .Concat(Encoding.UTF8.GetBytes("export async function g() {\n  fs.readFileSync('y');\n}\n")).ToArray();
            File.WriteAllBytes(dir.Combine("invalid.js"), invalid);

            File.WriteAllText(dir.Combine("broken.ts"),
                "import fs from 'fs';\nexport async function ok(): Promise<void> {\n  fs.readFileSync('z');\n}\nexport function broken(: string {\n  return ]\n");

            string[] files = { "bundle.js", "chunk-B_UNLXse.js", "deep.jsx", "invalid.js", "broken.ts" };
            var result = LanguageFixtures.AuditUnder(dir.Path, files.Select(dir.Combine).ToArray());

            foreach (string f in files) Assert.True(result.Notices.Count(n => n.Path == f) <= 1, string.Join("\n", result.Notices));
            Assert.StartsWith("minified", result.Skipped["bundle.js"]);
            Assert.StartsWith("minified", result.Skipped["chunk-B_UNLXse.js"]);
            Assert.Contains(result.Findings, f => f.Path == "deep.jsx" && f.RuleId == "RP0001");
            Assert.Contains(result.Findings, f => f.Path == "invalid.js" && f.RuleId == "RP0001" && f.Span.Line == 4);
            Assert.Single(result.Notices, n => n.Path == "broken.ts" && n.Message == "parse errors; audited what parsed");
            Assert.Contains(result.Findings, f => f.Path == "broken.ts" && f.RuleId == "RP0001" && f.Span.Line == 3);
        }

        [Theory]
        [InlineData("// @generated by protoc\nconst fs = require('fs');\n", "generated (header)")]
        [InlineData("var a = 1;\n//# sourceMappingURL=app.js.map\n", "compiled or bundled (sourceMappingURL)")]
        [InlineData("\"use strict\";\nfunction _interopRequireDefault(e) { return e && e.__esModule ? e : { default: e }; }\nconst fs = require('fs');\n",
            "compiled (defines the helper _interopRequireDefault)")]
        [InlineData("var __awaiter = (this && this.__awaiter) || function (thisArg, _arguments, P, generator) { };\nfunction f() { return __awaiter(this, void 0, void 0, function* () { }); }\n",
            "compiled (defines the helper __awaiter)")]
        [InlineData("(function (global, factory) { global.lib = factory(); })(this, (function () {\n\tfunction getDefaultExportFromCjs (x) { return x; }\n}));\n",
            "bundled (defines the helper getDefaultExportFromCjs)")]
        [InlineData("/******/ (() => { // webpackBootstrap\n/******/ \tfunction __webpack_require__(moduleId) { }\n/******/ })();\n",
            "bundled (defines the helper __webpack_require__)")]
        [InlineData("var __commonJS = (cb, mod) => function __require() { return mod; };\n", "bundled (defines the helper __commonJS)")]
        [InlineData("var Lib = (() => {\n  var __defProp = Object.defineProperty;\n  var __toCommonJS = (mod) => __copyProps(__defProp({}, \"__esModule\", { value: true }), mod);\n  return __toCommonJS(lib_exports);\n})();\n",
            "bundled (defines the helper __toCommonJS)")]
        [InlineData("(function(){function r(e,n,t){function o(i,f){if(!n[i]){if(!e[i]){var a=new Error(\"Cannot find module '\"+i+\"'\");throw a.code=\"MODULE_NOT_FOUND\",a}}}return o}return r})()({1:[function(require,module,exports){\n}]},{},[1]);\n",
            "bundled (defines browserify's module loader)")]
        [InlineData("\"use strict\";\nvar _interopRequireDefault = require(\"@babel/runtime/helpers/interopRequireDefault\");\n"
            + "var _regenerator = _interopRequireDefault(require(\"@babel/runtime/regenerator\"));\nfunction load() {\n"
            + "  return _regenerator[\"default\"].wrap(function _callee$(_context) {\n    while (1) switch (_context.prev = _context.next) {\n"
            + "      case 0: return _context.stop();\n    }\n  });\n}\n", "compiled (imports Babel's runtime helpers)")]
        [InlineData("import _asyncToGenerator from \"@babel/runtime/helpers/esm/asyncToGenerator\";\nexport function load() { return _asyncToGenerator(function* () {})(); }\n",
            "compiled (imports Babel's runtime helpers)")]
        public void Generated_and_compiled_text_is_skipped_with_its_reason(string text, string reason)
        {
            using var dir = new TempDir();
            File.WriteAllText(dir.Combine("x.js"), text);

            var result = LanguageFixtures.AuditUnder(dir.Path, dir.Combine("x.js"));

            Assert.Equal(reason, result.Skipped["x.js"]);
        }

        [Theory]
        // a module that only asks whether it runs in a bundle
        [InlineData("const load = typeof __webpack_require__ === 'function' ? __non_webpack_require__ : require;\n"
            + "const fs = load('fs');\nexports.handler = async (event) => fs.readFileSync(event.path);\n")]
        // a source that imports Babel's regenerator by hand (no helper)
        [InlineData("import regeneratorRuntime from \"@babel/runtime/regenerator\";\nimport fs from \"fs\";\n"
            + "export async function handler(event) { return fs.readFileSync(event.path); }\n")]
        public void A_source_that_only_mentions_a_tool_is_audited(string text)
        {
            using var dir = new TempDir();
            File.WriteAllText(dir.Combine("x.js"), text);

            var result = LanguageFixtures.AuditUnder(dir.Path, dir.Combine("x.js"));

            Assert.Empty(result.Skipped);
        }

        /// <summary>Writes the files (paths relative to a temporary project folder) and audits them together, as one build would.</summary>
        private static LanguageAuditResult AuditProject(params (string Path, string Text)[] files)
        {
            using var dir = new TempDir();
            foreach (var (path, text) in files)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(dir.Combine(path))!);
                File.WriteAllText(dir.Combine(path), text);
            }
            return LanguageFixtures.AuditUnder(dir.Path, files.Select(f => dir.Combine(f.Path)).ToArray());
        }
    }
}
