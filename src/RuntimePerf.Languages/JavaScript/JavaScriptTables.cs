using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using RuntimePerf.Engine.Catalog;
using RuntimePerf.Engine.Model;
using RuntimePerf.Languages.Common;

namespace RuntimePerf.Languages.JavaScript
{
    /// <summary>
    /// Node.js API knowledge as data: blocking and CPU-heavy calls with their replacement, promise-returning APIs, clients,
    /// costly constructors, value kinds, and the framework calls that register handlers. Names are resolved through the
    /// file's imports and requires first (<c>const cp = require('node:child_process'); cp.execSync</c> is
    /// <c>child_process.execSync</c>). Adding an API is adding a row.
    /// </summary>
    internal static partial class JavaScriptTables
    {
        /// <summary>The value kind of a function whose call returns a promise (an async function, a TypeScript <c>Promise&lt;…&gt;</c> return type).</summary>
        public const string AsyncFunctionKind = "async-function";
        public const string FunctionKindName = "function";
        public const string AppKind = "app";
        public const string LimiterKind = "limiter";

        /// <summary>
        /// The last word of an imported class whose instances limit what goes through them (<c>TimeBasedRateLimiter</c>,
        /// <c>RateLimiter</c>, <c>Semaphore</c>): made with <c>new</c>, a value of <see cref="LimiterKind"/>.
        /// </summary>
        public static readonly HashSet<string> LimiterClassWords = new(StringComparer.Ordinal) { "limiter", "semaphore" };
        public const string WritableKind = "stream.Writable";
        /// <summary>
        /// The last word of a collection that holds the program's own parts, as many as the code configured (RP0010 does not count a
        /// fan-out over them): those of every language (<see cref="CallNames.RegisteredParts"/>) and what JavaScript frameworks
        /// register besides (<c>enhancers</c>, a DI container's <c>providers</c>, <c>modules</c>). Not <c>args</c>: mongoose's
        /// <c>create(docs)</c> holds the caller's documents there.
        /// </summary>
        public static readonly HashSet<string> OwnParts = new(CallNames.RegisteredParts, StringComparer.Ordinal)
        {
            "enhancers", "wrappers", "modules", "providers", "dependencies", "loaders", "disposers", "guards", "pipes",
        };

        /// <summary>
        /// One of the program's own parts that runs in the order registered, by the last word of what holds it: <c>handler</c>,
        /// <c>beforeHook</c>, <c>listener</c>. Not loaders or providers, which fetch (<c>userLoader.load(id)</c> batches a tick's loads).
        /// </summary>
        public static readonly HashSet<string> OwnPart = new(StringComparer.Ordinal)
        {
            "hook", "handler", "listener", "middleware", "plugin", "callback", "interceptor", "guard", "extension",
        };

        /// <summary>
        /// The verb of a two-word method that runs registered parts (<c>triggerHook</c>, <c>runHandlers</c>, <c>callMiddleware</c>;
        /// not <c>callbackHandler</c>, nor <c>triggerCallback</c>, whose callback may be a URL).
        /// </summary>
        public static readonly string[] PartRunners = { "trigger", "run", "call", "invoke", "apply", "emit", "execute" };

        /// <summary>
        /// What the items of a fan-out (RP0010) are read back through, see <see cref="FanOutSource"/>. Calls that keep or narrow
        /// a collection's items: <c>files.filter(f).slice(1)</c> has as many at most as <c>files</c>.
        /// </summary>
        public static readonly HashSet<string> ItemPreservingMethods = new(StringComparer.Ordinal)
        {
            "filter", "slice", "map", "flatMap", "flat", "concat", "sort", "reverse", "values", "keys", "entries", "toSorted", "toReversed",
        };

        /// <summary>Calls that list the items of their one argument: <c>Object.keys(x)</c>, <c>Array.from(x)</c>, <c>new Set(x)</c>.</summary>
        public static readonly HashSet<string> ItemListings = new(StringComparer.Ordinal)
        {
            "Object.keys", "Object.values", "Object.entries", "Array.from", "new Set", "new Map",
        };

        /// <summary>An object's fields, as many as its shape has (unless the request sent the object).</summary>
        public static readonly HashSet<string> ObjectListings = new(StringComparer.Ordinal) { "Object.keys", "Object.values", "Object.entries" };

        /// <summary>Synchronous calls whose result has as many items as the data they read: a directory, a glob, a string split, a parse.</summary>
        public static readonly HashSet<string> SyncSources = new(StringComparer.Ordinal)
        {
            "readdirSync", "globSync", "sync", "split", "parse", "all", "matchAll",
        };

        /// <summary>Names of a configuration: what a call builds from it is as many as configured (<c>_createCache(opts)</c>).</summary>
        public static readonly HashSet<string> ConfigurationNames = new(StringComparer.Ordinal)
        {
            "opts", "options", "config", "conf", "cfg", "settings",
        };

        /// <summary>Names that hold what a request, message or job brought: <c>req.body.ids</c>, <c>input.ids</c>, <c>job.data.items</c>.</summary>
        public static readonly HashSet<string> RequestNames = new(StringComparer.Ordinal)
        {
            "req", "request", "ctx", "input", "body", "query", "params", "event", "job", "msg", "message",
        };

        /// <summary>A path through what a request brought: <c>this.req.body.ids</c>, <c>c.req.query</c>.</summary>
        [GeneratedRegex(@"\.(?:body|query|params)", RegexOptions.CultureInvariant)]
        public static partial Regex RequestParts();

        /// <summary>An options object that runs the call in a transaction: <c>{ where: { id }, transaction: t }</c>, <c>{ transaction }</c>.</summary>
        [GeneratedRegex(@"[{,]\s*transaction\s*[:,}]", RegexOptions.CultureInvariant)]
        public static partial Regex TransactionOption();

        /// <summary>What precedes a call that fills a memoised value: <c>cache.content = cache.content || </c>, <c>this.tpl ??= </c>.</summary>
        [GeneratedRegex(@"(?:^|[\s;{(])(?<target>[\w$.]+)\s*(?:=\s*\k<target>\s*(?:\|\||\?\?)|(?:\|\||\?\?)=)\s*$", RegexOptions.CultureInvariant)]
        public static partial Regex CacheFill();

        /// <summary>
        /// The rest of a declaration that binds an empty collection: <c> = []</c>, <c>: Map&lt;string, Sub[]&gt; = new Map()</c>,
        /// <c> = new Set&lt;string&gt;()</c>.
        /// </summary>
        [GeneratedRegex(@"^\s*(?::[^=]+)?=\s*(?:\[\]|new (?:Map|Set)(?:<[^()]*>)?\(\s*\))", RegexOptions.CultureInvariant)]
        public static partial Regex EmptyCollection();

        /// <summary>
        /// The last word of a schema's or a configuration's parts, as many as the program declared (<c>info.tables</c>,
        /// <c>model.columns</c>, <c>opts.transports</c>), not as many as a caller sends.
        /// </summary>
        public static readonly HashSet<string> SchemaParts = new(StringComparer.Ordinal)
        {
            "tables", "columns", "fields", "properties", "attributes", "indexes", "options", "settings", "transports",
        };

        /// <summary>Words of a function's name that says it runs its steps one after another on purpose: <c>seriesAsyncMap</c>, <c>runSequentially</c>.</summary>
        public static readonly HashSet<string> SeriesWords = new(StringComparer.Ordinal) { "series", "serial", "serially", "sequential", "sequentially", "sequence" };

        /// <summary>
        /// The name of a collection of a cluster's members (RP0010 does not count a fan-out over them): one request per broker,
        /// host or shard is the protocol's own pattern, as many as the cluster has (<c>brokers.map(describeConfigs)</c>,
        /// <c>this.hosts</c>; not <c>targetHosts</c> nor <c>req.body.hosts</c>, which a caller chose).
        /// </summary>
        public static readonly HashSet<string> ClusterMembers = new(StringComparer.Ordinal)
        {
            "brokers", "hosts", "shards", "coordinators",
        };

        /// <summary>
        /// Words that name a cluster's own members wherever they stand in a name (<c>brokersPerNode</c>, <c>groupsByCoordinator</c>,
        /// <c>brokerRequests</c>): a client never chooses a broker or a coordinator, the cluster's layout does. Not hosts, which it may.
        /// </summary>
        public static readonly HashSet<string> ClusterMemberWords = new(StringComparer.Ordinal)
        {
            "broker", "brokers", "coordinator", "coordinators", "shard", "shards", "replica", "replicas",
        };

        /// <summary>Functions that end the process: Node's own, and command-line helpers named for it (pm2's <c>exitCli</c>).</summary>
        private static readonly HashSet<string> ProcessExits = new(StringComparer.Ordinal) { "process.exit", "process.abort" };
        private static readonly HashSet<string> ExitHelpers = new(StringComparer.Ordinal) { "exitCli", "exitCLI", "exitProcess", "exitWithError", "exitWithCode" };

        /// <summary>
        /// What only a command of a command-line program does: end the process, or load a terminal prompt where it asks
        /// (<c>var enquirer = require('enquirer')</c> inside the command).
        /// </summary>
        public static bool IsCommandLineCall(CallModel call) =>
            (call.Resolved ?? call.Written) is { } name && ProcessExits.Contains(name) || ExitHelpers.Contains(CallNames.Callee(call))
            || call.Written == "require" && call.Positional(0) is { Shape: Shape.String, Text: { } module }
               && Array.IndexOf(TerminalUiModules, module.Trim('\'', '"', '`')) >= 0;

        /// <summary>Terminal prompts and spinners: a file that uses them talks to a person at a terminal, as a command-line tool does.</summary>
        public static readonly string[] TerminalUiModules =
        {
            "inquirer", "@inquirer/prompts", "enquirer", "prompts", "promptly", "readline-sync", "@clack/prompts", "ora", "listr", "listr2", "cli-progress",
        };

        /// <summary>Test runners and benchmark harnesses: a file that loads one tests or measures the package, it does not serve.</summary>
        public static readonly string[] TestHarnessModules =
        {
            "tape", "tap", "ava", "mocha", "vitest", "uvu", "node:test", "@jest/globals", "benchmark", "tinybench", "mitata",
        };

        /// <summary>The globals a BDD test runner (mocha, jasmine, jest) sets for its specs: a suite, and a case in it.</summary>
        public const string SuiteGlobal = "describe", CaseGlobal = "it";

        /// <summary>
        /// Code that runs once, when the program or an object starts or stops, by name: <c>initialize</c>, <c>setupRoutes</c>,
        /// <c>bootstrap</c> (first word), <c>loadPlugins</c>, <c>registerHooks</c> (loading the program's own parts), <c>start</c>,
        /// <c>stop</c>, <c>close</c>, <c>[Symbol.asyncDispose]</c> and NestJS' lifecycle hooks (the whole name).
        /// </summary>
        public static bool IsLifecycleName(string name)
        {
            // "setupSocket(…) callback": a name the model made up for a callback, not one the code gave
            if (name.IndexOf('(') >= 0 || name.IndexOf(' ') >= 0) return false;
            string own = name.Substring(name.LastIndexOf('.') + 1).Trim('[', ']', '_', '#', '$');
            if (LifecycleNames.Contains(own)) return true;
            var words = CallNames.Words(own);
            if (words.Count == 0) return false;
            string first = words[0].Value.ToLowerInvariant();
            return StartupFirstWords.Contains(first) || LoadingWords.Contains(first) && OwnParts.Contains(words[^1].Value.ToLowerInvariant());
        }

        /// <summary><c>Promise.allSettled</c>: its promise never rejects.</summary>
        public const string AllSettled = "Promise.allSettled";
        public const string All = "Promise.all";
        /// <summary><c>Promise.resolve</c>: with nothing (or a literal) to resolve, a promise that can only resolve.</summary>
        public const string Resolve = "Promise.resolve";
        /// <summary><c>Promise.race</c>: settles with the first of its promises.</summary>
        public const string Race = "Promise.race";

        /// <summary>The module that wraps a Fastify plugin (<c>const fp = require('fastify-plugin')</c>).</summary>
        public const string FastifyPlugin = "fastify-plugin";

        private static readonly HashSet<string> StartupFirstWords = new(StringComparer.Ordinal) { "init", "initialize", "initialise", "setup", "bootstrap", "boot" };

        private static readonly HashSet<string> LoadingWords = new(StringComparer.Ordinal) { "load", "register", "install", "scan", "prepare", "mount", "discover" };

        private static readonly HashSet<string> LifecycleNames = new(StringComparer.Ordinal)
        {
            "start", "startup", "stop", "close", "shutdown", "dispose", "asyncDispose", "destroy", "terminate", "teardown", "cleanup", "disconnect",
            "quit", "onQuit", "onExit", "onShutdown",
            "onModuleInit", "onApplicationBootstrap", "onModuleDestroy", "beforeApplicationShutdown", "onApplicationShutdown",
        };

        /// <summary>A <c>PassThrough</c>: writable, and in memory until something reads it.</summary>
        public const string PassThroughKind = "stream.PassThrough";
        /// <summary>An instance of a class of this file: <c>instance:Store</c> for <c>new Store()</c> (its methods' kinds are the class's).</summary>
        public const string InstanceKindPrefix = "instance:";

        /// <summary>A <c>Set</c> or <c>Map</c>: it knows its own <c>size</c>.</summary>
        public const string SizedKind = "sized-collection";

        /// <summary>TypeScript types of a <see cref="SizedKind"/> value (<c>Set&lt;string&gt;</c>, <c>ReadonlyMap&lt;K, V&gt;</c>).</summary>
        public static readonly string[] SizedTypes = { "Set<", "Map<", "ReadonlySet<", "ReadonlyMap<" };

        /// <summary>A value declared <c>Promise&lt;…&gt;</c> in TypeScript.</summary>
        public const string PromiseKind = "promise";

        /// <summary>An ioredis client: every command returns a promise.</summary>
        public const string PromiseClientKind = "promise-client";

        /// <summary>Methods of a <see cref="PromiseClientKind"/> client that return no promise: events, pipelines, ioredis' <c>disconnect</c>.</summary>
        public static readonly HashSet<string> PromiseClientPlainMethods = new(StringComparer.Ordinal)
        {
            "on", "once", "off", "addListener", "prependListener", "removeListener", "removeAllListeners", "emit", "setMaxListeners",
            "listeners", "listenerCount", "duplicate", "pipeline", "multi", "batch", "disconnect", "defineCommand", "ref", "unref",
            "isOpen", "isReady", "status", "options",
        };

        /// <summary>A Prisma client (<c>new PrismaClient()</c>): its model delegates' queries return promises.</summary>
        public const string PrismaClientKind = "prisma-client";

        /// <summary>The module a file imports Prisma's client or its generated types from.</summary>
        public const string PrismaModule = "@prisma/client";

        /// <summary>
        /// Queries of a Prisma model delegate (<c>prisma.post.update(…)</c>): each returns a lazy promise, so a dropped one is not even
        /// sent — the write silently never happens.
        /// </summary>
        public static readonly HashSet<string> PrismaQueryMethods = new(StringComparer.Ordinal)
        {
            "findUnique", "findUniqueOrThrow", "findFirst", "findFirstOrThrow", "findMany", "create", "createMany", "createManyAndReturn",
            "update", "updateMany", "updateManyAndReturn", "upsert", "delete", "deleteMany", "count", "aggregate", "groupBy",
        };

        /// <summary>A node-redis client (<c>createClient()</c>): a promise client from v4 on, which the code shows by awaiting its <c>connect()</c>.</summary>
        public const string NodeRedisKind = "node-redis-client";

        /// <summary>
        /// Methods of a node-redis client that return no promise: ioredis' plain ones but its pipelines and sync <c>disconnect</c>
        /// (node-redis' returns a promise), plus v5's <c>destroy</c>.
        /// </summary>
        public static readonly HashSet<string> NodeRedisPlainMethods =
            new(PromiseClientPlainMethods.Except(new[] { "pipeline", "batch", "disconnect", "defineCommand", "status" }).Append("destroy"), StringComparer.Ordinal);

        /// <summary>A Mongoose model (<c>mongoose.model('Log', schema)</c>): its writes return promises (or queries, which run only when awaited).</summary>
        public const string ModelKind = "mongoose-model";

        /// <summary>Writes of a model: dropped, their rejection goes unhandled (a dropped query is never even sent).</summary>
        public static readonly HashSet<string> ModelWriteMethods = new(StringComparer.Ordinal)
        {
            "create", "insertMany", "bulkWrite", "updateOne", "updateMany", "replaceOne", "deleteOne", "deleteMany", "findOneAndUpdate",
            "findByIdAndUpdate", "findOneAndDelete", "findByIdAndDelete", "findOneAndReplace",
            // Sequelize's static writes
            "update", "destroy", "bulkCreate", "upsert",
        };

        public static readonly string[] SourceExtensions = { ".js", ".mjs", ".cjs", ".jsx", ".ts", ".mts", ".cts", ".tsx", ".json" };

        /// <summary>
        /// Folders of code that runs once, not per request: scripts, command-line tools, database migrations and seeds (a
        /// <c>scripts/</c> folder is build tooling, skipped before it is read).
        /// </summary>
        public static readonly HashSet<string> ScriptFolders = new(StringComparer.Ordinal)
        {
            "script", "bin", "tools", "cli", "migrations", "seeders", "seeds",
        };

        /// <summary>Build tools whose configuration is <c>&lt;tool&gt;….config.js</c> (the file's first word): read at build time only.</summary>
        public static readonly HashSet<string> BuildTools = new(StringComparer.Ordinal)
        {
            "webpack", "rollup", "vite", "vitest", "jest", "babel", "postcss", "tailwind", "eslint", "prettier", "stylelint", "next", "nuxt",
            "svelte", "astro", "tsup", "esbuild", "rspack", "karma", "playwright", "cypress", "commitlint", "docusaurus", "gatsby", "metro",
        };

        /// <summary>Packages with the <c>fs</c> API (their <c>*Sync</c> functions block the same way).</summary>
        private static readonly string[] FsModules = { "fs", "fs-extra", "graceful-fs" };

        private static readonly string[] FsSync =
        {
            "readFileSync", "writeFileSync", "appendFileSync", "readdirSync", "mkdirSync", "mkdtempSync", "rmSync", "rmdirSync", "unlinkSync",
            "renameSync", "copyFileSync", "cpSync", "openSync", "readSync", "writeSync", "closeSync", "fsyncSync", "fdatasyncSync",
            "truncateSync", "ftruncateSync", "readlinkSync", "symlinkSync", "linkSync", "chmodSync", "chownSync", "utimesSync", "opendirSync",
            // fs-extra
            "readJsonSync", "writeJsonSync", "outputFileSync", "outputJsonSync", "copySync", "moveSync", "removeSync", "emptyDirSync",
            "ensureDirSync", "ensureFileSync", "mkdirsSync", "mkdirpSync",
        };

        /// <summary>Metadata look-ups: brief, so never failing a build alone (severity capped at MEDIUM).</summary>
        private static readonly string[] FsStat = { "existsSync", "statSync", "lstatSync", "accessSync", "realpathSync", "fstatSync", "pathExistsSync" };

        /// <summary>Deno's own blocking file calls (the global <c>Deno</c> namespace): the same event loop, the same stall.</summary>
        private static readonly string[] DenoSync =
        {
            "readTextFileSync", "readFileSync", "writeTextFileSync", "writeFileSync", "readDirSync", "mkdirSync", "removeSync", "renameSync",
            "copyFileSync", "openSync", "createSync", "makeTempDirSync", "makeTempFileSync", "truncateSync", "readLinkSync", "symlinkSync",
            "linkSync", "chmodSync", "chownSync", "utimeSync",
        };

        private static readonly string[] DenoStat = { "statSync", "lstatSync", "realPathSync" };

        private const string DenoAsync = "Use the async form and await it: await Deno.{name}(…), or do it once at startup";

        private const string FsAsync = "Use the promise API and await it: await {name}(…) from node:fs/promises (fs-extra: its promise form), or do it once at startup";
        private const string ChildProcess = "Use the async form: await promisify(execFile)(…), or spawn(…) and await its 'close' event";
        private const string Execa = "Use the async form and await it: await execa(…) / await execaCommand(…)";
        private const string SyncHttp = "Use fetch (or undici/axios) and await the response";
        private const string Sleep = "Use await setTimeout(ms) from node:timers/promises (or await new Promise(r => setTimeout(r, ms)))";
        private const string Crypto = "Use the callback form promisified (await promisify(crypto.{name})(…)) so it runs on the libuv thread pool, or a worker thread";
        private const string Zlib = "Use the async form (await promisify(zlib.{name})(…)) or stream it through zlib.create*(), so it runs off the event loop";
        private const string Bcrypt = "Use the async form: await bcrypt.{name}(…) (runs on the thread pool)";

        /// <summary>Calls that must not run on the event loop per request or event: RP0001, RP0002, RP0005.</summary>
        public static readonly CallTable Async = BuildAsync();

        private static CallTable BuildAsync()
        {
            var t = new CallTable();
            foreach (string module in FsModules)
            {
                foreach (string fn in FsSync) t.Functions(RuleIds.BlockingIo, FsAsync.Replace("{name}", fn.Substring(0, fn.Length - 4)), module + "." + fn);
                foreach (string fn in FsStat)
                {
                    t.Functions(new CallRow(RuleIds.BlockingIo, "", "Use await access/stat from node:fs/promises, or check once at startup", Confidence.High, Severity.Medium),
                        module + "." + fn);
                }
            }
            foreach (string fn in DenoSync) t.Functions(RuleIds.BlockingIo, DenoAsync.Replace("{name}", fn.Substring(0, fn.Length - 4)), "Deno." + fn);
            foreach (string fn in DenoStat)
            {
                t.Functions(new CallRow(RuleIds.BlockingIo, "", DenoAsync.Replace("{name}", fn.Substring(0, fn.Length - 4)), Confidence.High, Severity.Medium),
                    "Deno." + fn);
            }
            t.Functions(RuleIds.BlockingIo, ChildProcess, "child_process.execSync", "child_process.execFileSync", "child_process.spawnSync");
            // process packages: cross-spawn's spawn.sync, and the packages whose only export runs a command synchronously
            t.Functions(RuleIds.BlockingIo, ChildProcess, "cross-spawn.sync", "exec-sync", "sync-exec");
            t.Functions(RuleIds.BlockingIo, Execa, "execa.execaSync", "execa.execaCommandSync", "execa.sync", "execa.commandSync");
            t.Functions(RuleIds.BlockingIo, SyncHttp, "sync-request", "sync-request.default", "sync-fetch", "sync-fetch.default", "then-request/sync");
            t.Functions(RuleIds.SyncSleep, Sleep, "Atomics.wait", "sleep.sleep", "sleep.msleep", "sleep.usleep", "system-sleep", "deasync.sleep");
            foreach (string fn in new[] { "pbkdf2Sync", "scryptSync", "generateKeyPairSync", "generateKeySync", "generatePrimeSync", "checkPrimeSync" })
            {
                t.Functions(RuleIds.CpuBoundInAsync, Crypto.Replace("{name}", fn.Substring(0, fn.Length - 4)), "crypto." + fn);
            }
            foreach (string fn in new[] { "gzipSync", "gunzipSync", "deflateSync", "inflateSync", "deflateRawSync", "inflateRawSync", "unzipSync",
                         "brotliCompressSync", "brotliDecompressSync" })
            {
                t.Functions(RuleIds.CpuBoundInAsync, Zlib.Replace("{name}", fn.Substring(0, fn.Length - 4)), "zlib." + fn);
            }
            foreach (string module in new[] { "bcrypt", "bcryptjs" })
            {
                foreach (string fn in new[] { "hashSync", "compareSync", "genSaltSync" })
                {
                    t.Functions(RuleIds.CpuBoundInAsync, Bcrypt.Replace("{name}", fn.Substring(0, fn.Length - 4)), module + "." + fn);
                }
            }
            return t;
        }

        public const string DeepClone = "JSON.parse(JSON.stringify(…))";
        public const string DeepCloneReplacement = "Use structuredClone(value), or avoid the copy: a deep clone by serialising walks the whole object twice on the event loop";
        public const string BusyWaitReplacement = "Do not spin on the clock: await setTimeout(ms) from node:timers/promises";

        /// <summary>Clocks read by a busy-wait loop (<c>while (Date.now() &lt; end) {}</c>).</summary>
        public static readonly HashSet<string> Clocks = new(StringComparer.Ordinal) { "Date.now", "performance.now", "perf_hooks.performance.now", "process.hrtime" };

        /// <summary><c>new Date()</c> with no argument reads the clock too (<c>while (new Date().getTime() &lt; end) {}</c>).</summary>
        public const string DateConstructor = "Date";

        /// <summary>Subprocesses that sleep: <c>execSync('sleep 1')</c>.</summary>
        public static readonly HashSet<string> SubprocessSleeps = new(StringComparer.Ordinal)
        {
            "child_process.execSync", "child_process.spawnSync", "child_process.execFileSync",
        };

        /// <summary>APIs whose call returns a promise (RP0024), by resolved name.</summary>
        public static readonly HashSet<string> PromiseFunctions = new(StringComparer.Ordinal)
        {
            "fetch", "node-fetch", "node-fetch.default", "undici.fetch", "undici.request", "got",
            "axios", "axios.get", "axios.post", "axios.put", "axios.patch", "axios.delete", "axios.head", "axios.request",
            "Promise.all", "Promise.allSettled", "Promise.any", "Promise.race", "Promise.resolve", "Promise.reject",
        };

        /// <summary>Modules every function of which returns a promise.</summary>
        public static readonly string[] PromiseModules = { "fs/promises.", "fs.promises.", "timers/promises.", "stream/promises.", "dns/promises.", "fs-extra/promises." };

        /// <summary>Whole-file and directory reads (RP0016 in a loop, RP0025 before a response), by resolved name.</summary>
        public static readonly HashSet<string> FileReads = new(StringComparer.Ordinal)
        {
            "fs.readFileSync", "fs.readFile", "fs.promises.readFile", "fs/promises.readFile", "fs-extra.readFile", "fs-extra.readFileSync",
            "fs-extra.readJson", "fs-extra.readJsonSync", "fs.readdirSync", "fs.readdir", "fs.promises.readdir", "fs/promises.readdir",
        };

        /// <summary>Whole-file writes (RP0025: a buffered download written to disk).</summary>
        public static readonly HashSet<string> FileWrites = new(StringComparer.Ordinal)
        {
            "fs.writeFileSync", "fs.writeFile", "fs.promises.writeFile", "fs/promises.writeFile", "fs-extra.writeFile", "fs-extra.outputFile",
        };

        /// <summary>Response methods that send a whole body (Express <c>res.send</c>, Node <c>res.end</c>, Fastify <c>reply.send</c>).</summary>
        public static readonly HashSet<string> ResponseSends = new(StringComparer.Ordinal) { "send", "end", "write" };

        /// <summary>Fetch implementations whose response holds its connection until the body is consumed (RP0020).</summary>
        public static readonly HashSet<string> Fetches = new(StringComparer.Ordinal) { "fetch", "undici.fetch", "node-fetch", "node-fetch.default" };

        /// <summary>
        /// Globals only a browser page has (Node has none of them, not even as experimental globals): a file that reads them runs
        /// there, with the browser's fetch (kaboom's asset loader builds <c>new Image()</c>).
        /// </summary>
        public static readonly HashSet<string> BrowserGlobals = new(StringComparer.Ordinal)
        {
            "window", "document", "Image", "Audio", "localStorage", "sessionStorage", "requestAnimationFrame", "HTMLElement", "HTMLCanvasElement",
            "AudioContext", "OfflineAudioContext",
        };

        /// <summary>What a response tells without its body: looking at these does not consume it.</summary>
        public static readonly HashSet<string> ResponseMetadata = new(StringComparer.Ordinal)
        {
            "ok", "status", "statusText", "headers", "url", "redirected", "type",
        };

        /// <summary>Clients meant to be created once and reused (their connection pool), by resolved constructor or factory.</summary>
        public static readonly HashSet<string> Clients = new(StringComparer.Ordinal)
        {
            "pg.Pool", "pg.Client", "@prisma/client.PrismaClient", "axios.create", "mongodb.MongoClient", "ioredis", "ioredis.Redis",
            "ioredis.default", "redis.createClient", "mysql2.createPool", "mysql2.createConnection", "mysql2/promise.createPool",
            "mysql2/promise.createConnection", "mysql.createPool", "mysql.createConnection", "undici.Pool", "undici.Agent", "undici.Client",
            "http.Agent", "https.Agent", "knex", "sequelize.Sequelize", "nodemailer.createTransport", "@elastic/elasticsearch.Client", "elasticsearch.Client",
            "openai", "openai.OpenAI", "stripe", "mongoose.createConnection", "mongodb.MongoClient.connect", "@google-cloud/storage.Storage", "@azure/storage-blob.BlobServiceClient",
            "@anthropic-ai/sdk", "@anthropic-ai/sdk.Anthropic", "@anthropic-ai/sdk.default", "twilio", "twilio.Twilio", "@slack/web-api.WebClient",
            "amqplib.connect", "amqplib/callback_api.connect", "kafkajs.Kafka", "mqtt.connect", "nats.connect", "cassandra-driver.Client",
            "@google-cloud/pubsub.PubSub", "@google-cloud/firestore.Firestore",
            "agentkeepalive", "agentkeepalive.HttpsAgent", "agentkeepalive.HttpAgent", "agentkeepalive.default",
        };

        /// <summary>AWS SDK v3 clients: <c>new S3Client(…)</c>, <c>new DynamoDBClient(…)</c>.</summary>
        public const string AwsClientPrefix = "@aws-sdk/client-";

        /// <summary>
        /// Costly objects that a call builds, with or without <c>new</c> (<c>markdownit()</c>, <c>Handlebars.compile(source)</c>):
        /// both <see cref="Expensive"/> and <see cref="CallableConstructors"/>. Declared first: the tables below start from it.
        /// </summary>
        private static readonly Dictionary<string, string> CalledFactories = new(StringComparer.Ordinal)
        {
            ["markdown-it"] = "Markdown parser", ["markdown-it.default"] = "Markdown parser",
            // a template compiled again: parsing and code generation for the same source
            ["handlebars.compile"] = "compiled template", ["handlebars.default.compile"] = "compiled template",
            ["lodash.template"] = "compiled template", ["lodash/template"] = "compiled template", ["ejs.compile"] = "compiled template",
            ["pug.compile"] = "compiled template",
        };

        /// <summary>Costly, reusable objects built with <c>new</c> (RP0015), by resolved constructor.</summary>
        public static readonly Dictionary<string, string> Expensive = new(CalledFactories, StringComparer.Ordinal)
        {
            ["Intl.NumberFormat"] = "Intl formatter", ["Intl.DateTimeFormat"] = "Intl formatter", ["Intl.Collator"] = "Intl collator",
            ["Intl.PluralRules"] = "Intl formatter", ["Intl.RelativeTimeFormat"] = "Intl formatter", ["Intl.ListFormat"] = "Intl formatter",
            ["Intl.Segmenter"] = "Intl segmenter", ["TextEncoder"] = "text encoder", ["TextDecoder"] = "text decoder",
            ["util.TextEncoder"] = "text encoder", ["util.TextDecoder"] = "text decoder",
            ["ajv"] = "JSON schema validator", ["ajv.default"] = "JSON schema validator", ["ajv.Ajv"] = "JSON schema validator",
        };

        public const string RegExpConstructor = "RegExp";

        /// <summary>A TypeScript array type, nothing else: <c>string[]</c>, <c>readonly User[]</c>, <c>Array&lt;T&gt;</c>, <c>ReadonlyArray&lt;T&gt;</c>.</summary>
        [GeneratedRegex(@"^(?:(?:readonly\s+)?[A-Za-z_$][\w$.]*(?:<[^|&()]*>)?(?:\[\])+|(?:Readonly)?Array<[^|&()]*>)$", RegexOptions.CultureInvariant)]
        public static partial Regex ArrayType();

        /// <summary>Calls that build a path from their arguments alone: the same path for the same values (RP0016).</summary>
        public static readonly HashSet<string> PathBuilders = new(StringComparer.Ordinal)
        {
            "path.join", "path.resolve", "path.dirname", "URL", "url.fileURLToPath",
        };

        /// <summary>Calls of nothing that answer the same for the whole run: the working or home directory.</summary>
        public static readonly HashSet<string> StableCalls = new(StringComparer.Ordinal) { "process.cwd", "os.homedir", "os.tmpdir" };

        /// <summary>
        /// What builds its object when called without <c>new</c>: constructors callable as functions (<c>RegExp('^#')</c>,
        /// <c>Intl.NumberFormat('en')</c>, <c>markdownit()</c>) and template compilers (<c>Handlebars.compile(source)</c>).
        /// </summary>
        public static readonly HashSet<string> CallableConstructors = new(CalledFactories.Keys, StringComparer.Ordinal)
        {
            RegExpConstructor, "Intl.NumberFormat", "Intl.DateTimeFormat", "Intl.Collator",
        };

        /// <summary>Options written out as constants: <c>{ style: 'currency', currency: 'EUR', maximumFractionDigits: 2 }</c>, <c>undefined</c>, <c>['en', 'de']</c>.</summary>
        [GeneratedRegex(@"^(?:undefined|\[\s*(?:(?:'[^'\\]*'|""[^""\\]*"")\s*,?\s*)*\]|\{\s*(?:[A-Za-z_$][\w$]*\s*:\s*(?:'[^'\\]*'|""[^""\\]*""|-?\d+(?:\.\d+)?|true|false)\s*,?\s*)*\})$", RegexOptions.CultureInvariant)]
        public static partial Regex ConstantOptions();

        /// <summary><c>Object.keys(TABLE)</c>, <c>Object.values(TABLE)</c>, <c>Object.entries(TABLE)</c>: the listing of one named object.</summary>
        [GeneratedRegex(@"^Object\.(?:keys|values|entries)\(\s*(?<table>[A-Za-z_$][\w$]*)\s*\)$", RegexOptions.CultureInvariant)]
        public static partial Regex ObjectListing();

        /// <summary>LoopBack's packages (<c>@loopback/core</c>, <c>@loopback/rest</c>…): a file importing one resolves bindings from its context.</summary>
        public const string LoopBackScope = "@loopback/";

        /// <summary>What holds a LoopBack context: a middleware's or interceptor's <c>ctx</c>, or <c>this</c> in an application or context class.</summary>
        public static readonly HashSet<string> LoopBackContexts = new(StringComparer.Ordinal) { "ctx", "context", "requestContext", "invocationCtx", "this", "app" };

        /// <summary>A name in capitals, as constants are written: <c>ACL_OPERATION_TYPES</c>, <c>STATUSES</c>.</summary>
        [GeneratedRegex(@"^[A-Z][A-Z0-9_]*[A-Z0-9]$", RegexOptions.CultureInvariant)]
        public static partial Regex ConstantName();

        /// <summary><c>new Promise(executor)</c> as a statement: a promise nothing waits for.</summary>
        public const string PromiseConstructor = "new Promise";

        /// <summary>Kinds of values by the resolved constructor or factory that made them.</summary>
        public static readonly Dictionary<string, string> Constructors = new(StringComparer.Ordinal)
        {
            ["express"] = AppKind, ["express.Router"] = AppKind, ["express.default"] = AppKind, ["koa"] = AppKind, ["koa.default"] = AppKind,
            ["@koa/router"] = AppKind, ["koa-router"] = AppKind, ["fastify"] = AppKind, ["fastify.default"] = AppKind, ["fastify.fastify"] = AppKind,
            ["@hapi/hapi.server"] = AppKind, ["@hapi/hapi.Server"] = AppKind, ["hapi.server"] = AppKind, ["hono.Hono"] = AppKind,
            ["restify.createServer"] = AppKind, ["polka"] = AppKind,
            ["p-limit"] = LimiterKind, ["p-limit.default"] = LimiterKind, ["p-queue"] = LimiterKind, ["p-queue.default"] = LimiterKind,
            ["fs.createWriteStream"] = WritableKind, ["fs-extra.createWriteStream"] = WritableKind, ["zlib.createGzip"] = WritableKind,
            ["stream.PassThrough"] = PassThroughKind, ["stream.Writable"] = WritableKind, ["net.connect"] = WritableKind, ["net.createConnection"] = WritableKind,
            // node-redis' createClient: a promise client only from v4 on (its commands took callbacks before), told by the code
            ["redis.createClient"] = NodeRedisKind, ["@redis/client.createClient"] = NodeRedisKind,
            ["ioredis"] = PromiseClientKind, ["ioredis.Redis"] = PromiseClientKind, ["ioredis.default"] = PromiseClientKind, ["ioredis.Cluster"] = PromiseClientKind,
            ["mongoose.model"] = ModelKind, ["mongoose.default.model"] = ModelKind, ["@prisma/client.PrismaClient"] = PrismaClientKind,
            ["async-sema.Sema"] = LimiterKind, ["bottleneck"] = LimiterKind, ["bottleneck.default"] = LimiterKind,
            ["fastq"] = LimiterKind, ["fastq.promise"] = LimiterKind,
            ["Array.from"] = ValueKinds.List, ["Array.of"] = ValueKinds.List, ["Object.keys"] = ValueKinds.List, ["Object.values"] = ValueKinds.List,
            ["Object.entries"] = ValueKinds.List, ["Array"] = ValueKinds.List, ["Set"] = SizedKind, ["Map"] = SizedKind,
        };

        /// <summary>Array methods whose result is a new array.</summary>
        public static readonly HashSet<string> ListMethods = new(StringComparer.Ordinal)
        {
            "map", "filter", "slice", "concat", "flat", "flatMap", "toSorted", "toReversed", "split",
        };

        /// <summary>
        /// Calls that take any iterable and only read it once (RP0006: <c>new Set([...xs])</c> copies <c>xs</c> for nothing), with the
        /// most arguments they take then.
        /// </summary>
        public static readonly Dictionary<string, int> IterableConsumers = new(StringComparer.Ordinal)
        {
            ["new Set"] = 1, ["new Map"] = 1, ["new WeakSet"] = 1, ["new WeakMap"] = 1, ["Array.from"] = 2, ["Object.fromEntries"] = 1,
            ["Promise.all"] = 1, ["Promise.allSettled"] = 1, ["Promise.any"] = 1, ["Promise.race"] = 1,
        };

        /// <summary>Methods whose result is always a new array (RP0006: <c>[...xs.slice(1)]</c> copies it again).</summary>
        public static readonly HashSet<string> FreshArrayMethods = new(StringComparer.Ordinal)
        {
            "slice", "concat", "split", "flat", "toSorted", "toReversed", "toSpliced", "with", "splice",
        };

        /// <summary>Functions whose result is always a new array; awaited, the promise combinators' results.</summary>
        public static readonly HashSet<string> FreshArrayFunctions = new(StringComparer.Ordinal)
        {
            "Object.keys", "Object.values", "Object.entries", "Array.from", "Array.of",
        };

        public static readonly HashSet<string> FreshArrayAwaits = new(StringComparer.Ordinal) { "Promise.all", "Promise.allSettled" };

        /// <summary>Array methods that call their callback once per item, synchronously (the callback is a loop body).</summary>
        public static readonly HashSet<string> IterationMethods = new(StringComparer.Ordinal)
        {
            "map", "forEach", "filter", "reduce", "reduceRight", "some", "every", "find", "findIndex", "findLast", "findLastIndex", "flatMap",
        };

        /// <summary>
        /// Array methods that call their callback to compare two items, O(n log n) times: a loop body too, but no walk over the
        /// items (the copy in <c>[...xs].sort(f)</c> is the point).
        /// </summary>
        public static readonly HashSet<string> ComparatorMethods = new(StringComparer.Ordinal) { "sort", "toSorted" };

        /// <summary>Array methods that build one value per item (<c>items.map(async x => …)</c> is an array of promises).</summary>
        public static readonly HashSet<string> MappingMethods = new(StringComparer.Ordinal) { "map", "flatMap" };

        /// <summary>Element properties whose setter parses the whole string as markup again.</summary>
        public static readonly HashSet<string> MarkupProperties = new(StringComparer.Ordinal) { "innerHTML", "outerHTML" };

        /// <summary>Methods that only compute a new string (or array) from their receiver and arguments, reading no other state.</summary>
        public static readonly HashSet<string> TextMethods = new(StringComparer.Ordinal)
        {
            "join", "replace", "replaceAll", "toLowerCase", "toUpperCase", "trim", "trimStart", "trimEnd", "slice", "substring",
            "padStart", "padEnd", "repeat", "normalize", "concat",
        };

        /// <summary><c>promise.reject = rej</c>: a deferred hands its reject out on the promise it returns.</summary>
        [GeneratedRegex(@"\.reject\s*=[^=]", RegexOptions.CultureInvariant)]
        public static partial Regex HandsOutReject();

        /// <summary>The word <c>reject</c> (not <c>rejecting</c>, <c>rejected</c>): a call, a reference or a parameter.</summary>
        [GeneratedRegex(@"\breject\b", RegexOptions.CultureInvariant)]
        public static partial Regex RejectWord();

        /// <summary>Node's built-in modules, by the names a bare import gives them (<c>fs</c>, <c>fs/promises</c> by its first part).</summary>
        public static readonly HashSet<string> NodeBuiltinModules = new(StringComparer.Ordinal)
        {
            "assert", "async_hooks", "buffer", "child_process", "cluster", "crypto", "dgram", "diagnostics_channel", "dns", "events",
            "fs", "http", "http2", "https", "inspector", "module", "net", "os", "path", "perf_hooks", "process", "querystring",
            "readline", "stream", "string_decoder", "timers", "tls", "tty", "url", "util", "v8", "vm", "worker_threads", "zlib",
            "console", "constants", "domain", "punycode", "repl", "sys", "trace_events", "wasi",
        };

        /// <summary>What a list literal holds besides its elements: brackets, commas, blanks and comments.</summary>
        [GeneratedRegex(@"^\s*\[(?:\s|,|//[^\n]*|/\*.*?\*/)*\]\s*$", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
        public static partial Regex ListPunctuation();

        /// <summary>Methods only a string has (an array has none of them): their receiver is text.</summary>
        public static readonly HashSet<string> StringOnlyMethods = new(StringComparer.Ordinal)
        {
            "startsWith", "endsWith", "charAt", "charCodeAt", "codePointAt", "substring", "substr", "toLowerCase", "toUpperCase",
            "trim", "trimStart", "trimEnd", "split", "match", "matchAll", "replace", "replaceAll", "padStart", "padEnd", "normalize",
            "localeCompare", "search",
        };

        /// <summary>Linear searches of an array (RP0017 when the array is searched inside a loop).</summary>
        public static readonly HashSet<string> SearchMethods = new(StringComparer.Ordinal) { "includes", "indexOf", "lastIndexOf", "find", "findIndex", "findLast", "findLastIndex", "some" };

        /// <summary>Searches that count as a look-up only when their callback is one equality test (<c>ids.some(id =&gt; id === x)</c>).</summary>
        public static readonly HashSet<string> EqualitySearchMethods = new(StringComparer.Ordinal) { "find", "findIndex", "findLast", "findLastIndex", "some" };

        /// <summary>
        /// <c>u =&gt; u.id === id</c>, <c>(k) =&gt; key == k</c>, <c>p =&gt; p.name === pkg?.parent</c>, <c>(m: Module) =&gt; m.code === c</c>,
        /// <c>(o: { id: string }) =&gt; o.id === r.ownerId</c>, <c>({ topic }) =&gt; topic === name</c>,
        /// <c>r =&gt; String(r[column]) === String(key)</c>: the parameter (a field of it, perhaps through <c>String()</c>/<c>Number()</c>)
        /// compared with a name (or a field of one) for equality; several such tests joined by <c>&amp;&amp;</c> (a key of several
        /// parts), also as the one <c>return</c> of a block. Comments aside.
        /// </summary>
        public static bool IsEqualityCallback(string text)
        {
            if (text.Contains("//", StringComparison.Ordinal) || text.Contains("/*", StringComparison.Ordinal)) text = Comment().Replace(text, " ");
            if (CallbackHead().Match(text) is not { Success: true } head) return false;
            string body = text.Substring(head.Length).Trim();
            if (body.StartsWith('{') && body.EndsWith('}'))
            {
                body = body.Substring(1, body.Length - 2).Trim();
                if (!body.StartsWith("return", StringComparison.Ordinal) || body.Length == 6 || !char.IsWhiteSpace(body[6])) return false;
                body = body.Substring(6).Trim().TrimEnd(';').TrimEnd();
            }
            if (body.StartsWith('(') && body.EndsWith(')')) body = body.Substring(1, body.Length - 2);
            string parameter = head.Groups["p"].Value;
            foreach (string test in body.Split("&&"))
            {
                if (!EqualityTest().IsMatch(parameter + " => " + test.Trim())) return false;
            }
            return true;
        }

        /// <summary>A comment (<c>// …</c> to the line's end, <c>/* … */</c>), read as a space where a pattern matches code.</summary>
        [GeneratedRegex(@"//[^\n]*|/\*.*?\*/", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
        private static partial Regex Comment();

        /// <summary>A callback's parameter and arrow: <c>u =&gt;</c>, <c>(m: Module) =&gt;</c>, <c>(o: { id: string }) =&gt;</c>, <c>({ topic }) =&gt;</c>.</summary>
        [GeneratedRegex(@"^(?:\(\s*\{\s*(?<p>" + JsName + @")\s*\}\s*(?::[^()]*)?\)|\(?\s*(?<p>" + JsName + @")\s*(?::\s*(?:[\w$.]+(?:<[\w$.,\s]*>)?(?:\[\])?|\{[^{}()]*\})\s*)?\)?)\s*=>\s*",
            RegexOptions.CultureInvariant)]
        private static partial Regex CallbackHead();

        /// <summary><c>p =&gt; p.id === x</c> (either way round): one equality test of the parameter <c>p</c>, as <see cref="IsEqualityCallback"/> splits them.</summary>
        [GeneratedRegex(@"^(?<p>" + JsName + @") => (?:" + ParameterSide + @"\s*===?\s*" + OtherSide + "|" + OtherSide + @"\s*===?\s*" + ParameterSide + ")$",
            RegexOptions.CultureInvariant)]
        private static partial Regex EqualityTest();

        private const string JsName = @"[A-Za-z_$][\w$]*";
        /// <summary>Field reads: <c>.id</c>, <c>?.id</c>, <c>[column]</c>, <c>['id']</c>.</summary>
        private const string Access = @"(?:\??\.[A-Za-z_$][\w$]*|\[[\w$.'""]+\])*";
        private const string ParameterSide = @"(?:(?:String|Number)\(\s*\k<p>" + Access + @"\s*\)|\k<p>" + Access + ")";
        /// <summary>
        /// What the element is compared with: a name or a field of one — not a literal (<c>r[column] == null</c> tests for a gap,
        /// it looks nothing up), nor the element itself (<c>String(r.a) === String(r.b)</c> compares two of its fields).
        /// </summary>
        private const string OtherName = @"(?!(?:null|undefined|true|false|NaN|Infinity|\k<p>)\b)" + JsName + Access;
        private const string OtherSide = @"(?:(?:String|Number)\(\s*" + OtherName + @"\s*\)|" + OtherName + ")";

        /// <summary>Queries that load every matching row (MongoDB, Mongoose, Prisma, Sequelize, TypeORM, Meteor 3), and what turns a cursor into rows.</summary>
        public static readonly HashSet<string> QueryFinds = new(StringComparer.Ordinal) { "find", "findMany", "findAll", "findBy" };
        public static readonly HashSet<string> QueryFetches = new(StringComparer.Ordinal) { "find", "findMany", "findAll", "findBy", "toArray", "lean", "exec", "fetchAsync" };

        /// <summary>Query steps between a find and its fetch that keep every row: a projection, an order, a join (not <c>limit</c>).</summary>
        public static readonly HashSet<string> QueryShapings = new(StringComparer.Ordinal) { "select", "sort", "populate", "lean", "project", "projection", "hint", "collation" };

        /// <summary>Options of a find that cap how many rows it loads (TypeORM/Prisma <c>take</c>, Sequelize <c>limit</c>).</summary>
        public static readonly string[] QueryCaps = { "take:", "limit:", "first:", "take :", "limit :" };

        /// <summary>Fan-outs that start every promise of an array at once (<c>Promise.race</c> too: it waits for the first, all run).</summary>
        public static readonly HashSet<string> FanOuts = new(StringComparer.Ordinal) { "Promise.all", "Promise.allSettled", "Promise.any", "Promise.race" };

        /// <summary>Calls that map an async function over items, all at once unless given a <c>concurrency</c> option.</summary>
        public static readonly HashSet<string> MapAlls = new(StringComparer.Ordinal) { "p-map", "p-map.default", "p-map.pMap" };

        /// <summary>
        /// Fan-outs awaited in a loop as one batch per iteration, bounded on purpose (<c>Promise.race</c> in a loop is left out: it
        /// waits for one of a pool, or for an item against its timeout).
        /// </summary>
        public static readonly HashSet<string> BatchFanOuts = new(StringComparer.Ordinal) { "Promise.all", "Promise.allSettled", "Promise.any" };

        /// <summary>
        /// Awaits whose order is the point: writes to one stream or connection, commits, sends and chat replies, teardown, registration, pacing,
        /// and guards that throw or redirect before the rest may run (<c>requireUser(request)</c>, <c>ensureAdmin</c>, <c>verifyToken</c>).
        /// </summary>
        public static readonly string[] OrderedAwaitMethodPrefixes =
        {
            "require", "ensure", "verify", "acquire", "release", "commit", "rollback", "flush", "close", "end", "drain", "wait", "join", "send", "write", "publish",
            "start", "stop", "connect", "disconnect", "login", "logout", "auth", "init", "setup", "shutdown", "begin", "lock", "unlock",
            "sleep", "delay", "setTimeout", "setImmediate", "destroy", "register", "emit", "dispatch", "ack", "execute", "exec", "run", "open",
            "cancel", "subscribe", "unsubscribe", "accept", "prepare", "migrate", "reset", "clear", "push", "append", "pipe", "transaction", "once",
            // messages into one conversation (Slack's say/chat.postMessage, discord.js reply/followUp): their order is what the reader sees
            "say", "reply", "respond", "postMessage", "followUp", "editReply",
        };

        /// <summary>
        /// Actions on a page's element (Playwright, Puppeteer, WebDriver, Testing Library): each changes the page the next step reads.
        /// Not <c>type</c> or <c>check</c> alone, which name other work as often.
        /// </summary>
        public static readonly HashSet<string> UiActions = new(StringComparer.Ordinal)
        {
            "click", "dblclick", "doubleClick", "rightClick", "tap", "hover", "press", "fill", "dragTo", "dragAndDrop", "selectOption", "setInputFiles",
        };

        /// <summary>Input devices a page exposes (<c>page.keyboard.down(k)</c>, <c>page.mouse.move(x, y)</c>): every call is one step of the user's input.</summary>
        public static readonly HashSet<string> InputDevices = new(StringComparer.Ordinal) { "keyboard", "mouse", "touchscreen" };

        /// <summary>
        /// Writes (and refreshes) of one record: ordered after other awaits (read, then delete), but in a loop a write of the iteration's own
        /// item (<c>await db.save(item)</c>) stands alone — not through the object's own methods (<c>this.insertImport(m)</c>
        /// changes the object's state, one after another).
        /// </summary>
        public static readonly string[] RecordWritePrefixes = { "save", "insert", "update", "upsert", "create", "delete", "remove", "put", "set", "refresh" };

        /// <summary>The calls that run a query builder's chain (TypeORM's and Kysely's <c>execute</c>, Mongoose's <c>exec</c>).</summary>
        public static readonly HashSet<string> BuilderRuns = new(StringComparer.Ordinal) { "execute", "executeTakeFirst", "executeTakeFirstOrThrow", "exec" };

        /// <summary>Builder steps that make the chain a write of rows (<c>insert()</c>, <c>insertInto('t')</c>, <c>updateTable</c>, <c>deleteFrom</c>).</summary>
        public static readonly string[] BuiltWrites = { "insert", "update", "upsert", "delete", "replace" };

        /// <summary>The AWS SDK v3's request objects (<c>new GetObjectCommand(…)</c>), handed to a client's <c>send</c>.</summary>
        public const string SdkCommandSuffix = "Command";

        /// <summary>The scope of the AWS SDK v3's packages (<c>@aws-sdk/client-s3</c>, <c>@aws-sdk/lib-dynamodb</c>).</summary>
        public const string AwsSdkScope = "@aws-sdk/";

        /// <summary>AWS SDK v3 commands on one record or object (and <c>Describe…</c> reads): per item, each stands alone.</summary>
        public static readonly HashSet<string> SingleItemCommands = new(StringComparer.Ordinal)
        {
            "Get", "Put", "Delete", "Update", "GetItem", "PutItem", "DeleteItem", "UpdateItem", "Query", "GetObject", "HeadObject", "PutObject",
            "DeleteObject", "CopyObject", "GetObjectAttributes", "Invoke", "GetSecretValue", "GetParameter", "GetQueueAttributes",
        };

        /// <summary>The first parameter of a callback given to a <c>transaction(…)</c> call.</summary>
        public const string TransactionKind = "transaction";

        /// <summary>Names a database transaction goes by (knex, Sequelize, Prisma, TypeORM): its queries share one connection.</summary>
        public static readonly HashSet<string> TransactionNames = new(StringComparer.Ordinal) { "trx", "tx", "transaction" };

        /// <summary>Methods that change an array, set or map in place.</summary>
        public static readonly HashSet<string> MutatingMethods = new(StringComparer.Ordinal)
        {
            "push", "pop", "shift", "unshift", "splice", "sort", "reverse", "fill", "copyWithin", "set", "delete", "add", "clear",
        };

        // ---- frameworks ----

        /// <summary>Methods of an app or router that register a request handler (<c>app.get(path, fn)</c>, <c>router.use(fn)</c>).</summary>
        public static readonly HashSet<string> RouteMethods = new(StringComparer.Ordinal)
        {
            "get", "post", "put", "patch", "delete", "del", "head", "options", "all", "use", "route", "any",
        };

        /// <summary>Route methods that take a path first (a <c>get</c> with no path is a getter: <c>app.get('env')</c>).</summary>
        public static readonly HashSet<string> PathFirstMethods = new(StringComparer.Ordinal)
        {
            "get", "post", "put", "patch", "delete", "del", "head", "options", "all", "any",
        };

        /// <summary>Servers whose callback is called per request.</summary>
        public static readonly HashSet<string> ServerFactories = new(StringComparer.Ordinal)
        {
            "http.createServer", "https.createServer", "http2.createServer", "http2.createSecureServer", "Deno.serve",
            // h3 / Nuxt server routes (auto-imported in Nuxt, so also unresolved)
            "defineEventHandler", "eventHandler", "h3.defineEventHandler", "h3.eventHandler",
        };

        /// <summary>Servers given an options object whose named function answers each request: <c>Bun.serve({ fetch(req) {…} })</c>.</summary>
        public static readonly Dictionary<string, string> ServeOptionHandlers = new(StringComparer.Ordinal)
        {
            ["Bun.serve"] = "fetch", ["Deno.serve"] = "handler",
        };

        /// <summary>
        /// Message consumers: the function they are given runs once per message, as a route runs once per request. Each row
        /// names the constructor or factory as resolved (<c>new Worker(name, processor)</c> from bullmq) or, when the consumer
        /// object is built elsewhere, the method called in a file importing the library (<c>consumer.run({ eachMessage })</c>
        /// with kafkajs), and the options that carry the function (none: it is passed positionally).
        /// </summary>
        public static readonly IReadOnlyList<MessageConsumer> MessageConsumers = new[]
        {
            new MessageConsumer("kafkajs", Method: "run", Options: new[] { "eachMessage", "eachBatch" }),
            new MessageConsumer("bullmq", Constructor: "bullmq.Worker"),
            new MessageConsumer("bull", Method: "process"),
            new MessageConsumer("bee-queue", Method: "process"),
            new MessageConsumer("amqplib", Method: "consume"),
            new MessageConsumer("amqp-connection-manager", Method: "consume"),
            new MessageConsumer("sqs-consumer", Constructor: "sqs-consumer.Consumer.create", Options: new[] { "handleMessage", "handleMessageBatch" }),
        };

        /// <summary>
        /// A job queue's job: an inline callback taking one as its first parameter (<c>worker.on('completed', async (job: Job) =&gt; …)</c>)
        /// is called by the queue once per job. Not a named function taking one: admin code and producers handle jobs too.
        /// </summary>
        public static readonly HashSet<string> JobTypes = new(StringComparer.Ordinal) { "bullmq.Job", "bull.Job", "bee-queue.Job" };

        /// <summary>The option names of <see cref="MessageConsumers"/>: the only object properties whose named function is looked up.</summary>
        public static readonly HashSet<string> ConsumerOptions = new(MessageConsumers.SelectMany(c => c.Options ?? Array.Empty<string>()), StringComparer.Ordinal);

        /// <summary>
        /// Types of what a consumer hands its per-message function (resolved through the imports): a function taking one as its
        /// first parameter, <c>relay({ message }: EachMessagePayload)</c>, runs once per message whether it is registered here or
        /// elsewhere. Not a job queue's <c>Job</c>: admin code and producers handle jobs too (and a bullmq sandboxed processor runs
        /// in a process of its own).
        /// </summary>
        public static readonly HashSet<string> MessagePayloadTypes = new(StringComparer.Ordinal)
        {
            "kafkajs.EachMessagePayload", "kafkajs.EachBatchPayload", "amqplib.ConsumeMessage",
        };

        /// <summary>The count of a worker pool (<c>Array.from({ length: concurrency }, worker)</c>): a bound chosen by the program.</summary>
        public static readonly Regex WorkerCountName = new(@"^(?i:(?:max|num|total)?_?(?:concurrency|parallelism|workers?|threads|slots|segments|worker_?count|pool_?size|in_?flight))$",
            RegexOptions.CultureInvariant);

        /// <summary>The size of a chunk taken at a time (<c>items.splice(0, batchSize)</c>): a bound chosen by the program, like a pool's count.</summary>
        public static readonly Regex ChunkSizeName = new(@"^(?i:(?:max_?)?(?:batch|chunk|page)_?size|(?:batch|chunk)_?length)$",
            RegexOptions.CultureInvariant);

        /// <summary>What Remix/React Router route modules (<c>app/routes/</c>) export to run per request.</summary>
        public static readonly HashSet<string> RemixRouteExports = new(StringComparer.Ordinal) { "loader", "action" };

        /// <summary>Deno's standard library <c>serve(handler)</c>, imported from a URL that ends with this module path.</summary>
        public const string DenoStdServe = "/http/server.ts.serve";

        /// <summary>A worker's global <c>addEventListener('fetch', …)</c>: the listener answers each request.</summary>
        public const string FetchEventListener = "addEventListener";

        /// <summary>
        /// Socket servers, by module: the event announcing each client (<c>io.on('connection', (socket) =&gt; …)</c>), the events
        /// of that client that carry its messages — a listener there runs per message, as a route runs per request (ws: only
        /// <c>'message'</c>; Socket.IO: any event of the application's, but not its own, which run once per connection or
        /// failure) — and the server's usual name.
        /// </summary>
        public static readonly IReadOnlyList<SocketServer> SocketServers = new[]
        {
            new SocketServer("ws", new[] { "connection" }, new[] { "message" }, new[] { "wss" }),
            new SocketServer("socket.io", new[] { "connection", "connect" }, null, new[] { "io" })
            {
                ReservedEvents = new[] { "disconnect", "disconnecting", "error", "connect", "connect_error", "newListener", "removeListener" },
            },
        };

        /// <summary>Listener registrations: the callback runs on the event loop once per event.</summary>
        public static readonly HashSet<string> ListenerMethods = new(StringComparer.Ordinal)
        {
            "on", "once", "addListener", "prependListener", "prependOnceListener", "addEventListener", "subscribe",
        };

        /// <summary>Timers and deferrals: the callback runs later on the event loop.</summary>
        public static readonly HashSet<string> Timers = new(StringComparer.Ordinal)
        {
            "setTimeout", "setInterval", "setImmediate", "queueMicrotask", "process.nextTick", "timers.setTimeout", "timers.setInterval",
            "timers.setImmediate",
        };

        /// <summary>Callees a poll or retry loop waits with between reads (<c>await sleep(ms)</c>, <c>await delay(500)</c>), by name.</summary>
        public static readonly HashSet<string> PollWaits = new(StringComparer.Ordinal) { "sleep", "delay", "wait", "setTimeout" };

        /// <summary>Promise methods whose callbacks run when the promise settles.</summary>
        public static readonly HashSet<string> PromiseCallbackMethods = new(StringComparer.Ordinal) { "then", "catch", "finally" };

        /// <summary>NestJS method decorators that make a controller method a request or message handler.</summary>
        public static readonly HashSet<string> NestHandlerDecorators = new(StringComparer.Ordinal)
        {
            "@nestjs/common.Get", "@nestjs/common.Post", "@nestjs/common.Put", "@nestjs/common.Patch", "@nestjs/common.Delete",
            "@nestjs/common.All", "@nestjs/common.Head", "@nestjs/common.Options", "@nestjs/microservices.MessagePattern",
            "@nestjs/microservices.EventPattern", "@nestjs/websockets.SubscribeMessage",
        };

        /// <summary>Next.js App Router handlers: the HTTP methods a <c>route.ts</c> exports.</summary>
        public static readonly HashSet<string> NextRouteExports = new(StringComparer.Ordinal)
        {
            "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS",
        };

        /// <summary>The first two parameters of a Node request handler: <c>(req, res)</c>.</summary>
        public static readonly HashSet<string> RequestParameters = new(StringComparer.Ordinal) { "req", "request" };

        /// <summary>The first parameter of an AWS Lambda handler, and the module of its types (<c>@types/aws-lambda</c>).</summary>
        public static readonly HashSet<string> LambdaEventParameters = new(StringComparer.Ordinal) { "event", "evt" };
        public const string LambdaTypesModule = "aws-lambda";
        public static readonly HashSet<string> ResponseParameters = new(StringComparer.Ordinal) { "res", "response", "reply" };

        /// <summary>Express/Fastify response methods that return the response itself, so a send can be chained after them.</summary>
        public static readonly HashSet<string> ResponseSetters = new(StringComparer.Ordinal)
        {
            "status", "type", "set", "header", "headers", "attachment", "append", "cookie", "vary", "location", "code", "contentType",
        };

        /// <summary>Koa's response body, set by assignment (<c>ctx.body = data</c>): what is assigned is sent whole.</summary>
        public static readonly HashSet<string> ResponseBodies = new(StringComparer.Ordinal) { "ctx.body", "ctx.response.body", "context.body", "context.response.body" };

        /// <summary>The worker side of a <c>worker_threads</c> channel (<c>parentPort.on('message', …)</c>).</summary>
        public const string WorkerParentPort = WorkerThreads + "parentPort.";
        public const string WorkerThreads = "worker_threads.";

        /// <summary>A web-standard response built with its whole body (route handlers of Next.js, SvelteKit, Remix, Bun, Deno).</summary>
        public static readonly HashSet<string> WebResponses = new(StringComparer.Ordinal) { "new Response", "new NextResponse" };

        /// <summary>The error parameter of a Node-style callback (<c>(err, data) => …</c>): it runs when the operation completes.</summary>
        public static readonly HashSet<string> ErrorParameters = new(StringComparer.Ordinal) { "err", "error" };
    }

    /// <summary>A message-consumer library and how its per-message function is handed over (see <see cref="JavaScriptTables.MessageConsumers"/>).</summary>
    internal sealed record MessageConsumer(string Module, string? Method = null, string? Constructor = null, string[]? Options = null);

    /// <summary>
    /// A socket server library: the events that announce a client, the client's message events (null: any but the library's
    /// <see cref="ReservedEvents"/>), and the names its server conventionally goes by when it is built elsewhere.
    /// </summary>
    internal sealed record SocketServer(string Module, string[] ConnectionEvents, string[]? MessageEvents, string[] ConventionalNames)
    {
        public string[] ReservedEvents { get; init; } = Array.Empty<string>();

        /// <summary>A listener for <paramref name="name"/> on a connected client of this server runs per message.</summary>
        public bool IsMessageEvent(string name) =>
            MessageEvents == null ? Array.IndexOf(ReservedEvents, name) < 0 : Array.IndexOf(MessageEvents, name) >= 0;
    }
}
