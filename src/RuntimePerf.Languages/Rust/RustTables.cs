using System;
using System.Collections.Generic;
using System.Linq;
using RuntimePerf.Engine.Catalog;
using RuntimePerf.Engine.Model;
using RuntimePerf.Languages.Common;

namespace RuntimePerf.Languages.Rust
{
    /// <summary>
    /// Rust API knowledge as data: blocking calls with their Tokio replacement, CPU-heavy calls, the kinds of values
    /// constructors and builder methods produce, offloads, frameworks. Paths are resolved through the file's
    /// <c>use</c> declarations first (<c>use std::fs; fs::read(p)</c> is <c>std::fs::read</c>). Adding an API is adding a row.
    /// </summary>
    internal static partial class RustTables
    {
        private const string Fs = "Use tokio::fs ({call} → tokio::fs equivalent, .await), or tokio::task::spawn_blocking(move || {call})";
        private const string Net = "Use tokio::net (TcpStream::connect(..).await, UdpSocket) instead of std::net";
        private const string Stdin = "Read with tokio::io::stdin() and AsyncBufReadExt, or before the runtime starts";
        private const string Http = "Use the async reqwest::Client (created once and shared) and .await the request";
        private const string Db = "Use an async driver (tokio-postgres, sqlx, deadpool) or tokio::task::spawn_blocking(move || …)";
        private const string Process = "Use tokio::process::Command and .await output()/status()";
        private const string Sleep = "Use tokio::time::sleep(…).await";
        private const string Cpu = "Offload it: tokio::task::spawn_blocking(move || {call}).await (or a rayon pool for bulk work)";
        /// <summary>Directory walks read the file system lazily, as they are iterated: there is no async equivalent.</summary>
        private const string Walk = "Walk the tree inside tokio::task::spawn_blocking(move || …) and send the results back (or use tokio::fs::read_dir)";
        private const string NestedRuntime = "Await the future instead (.await); from sync code that a runtime thread runs, use tokio::task::block_in_place or restructure";
        private const string BlockingChannel = "Use the async form (.recv().await, .lock().await, .send(..).await) inside async code";

        /// <summary>Calls that must not run on a runtime worker thread, keyed by resolved path or by receiver kind and method.</summary>
        public static readonly CallTable Async = new CallTable()
            .Functions(RuleIds.BlockingIo, Fs, "std::fs::read", "std::fs::read_to_string", "std::fs::write", "std::fs::read_dir",
                "std::fs::create_dir", "std::fs::create_dir_all", "std::fs::remove_file", "std::fs::remove_dir", "std::fs::remove_dir_all",
                "std::fs::copy", "std::fs::rename", "std::fs::hard_link", "std::fs::read_link", "std::fs::set_permissions",
                "std::fs::File::open", "std::fs::File::create", "std::fs::File::create_new", "std::fs::File::options")
            .Functions(new CallRow(RuleIds.BlockingIo, "", Fs, Confidence.High, Severity.Medium),
                "std::fs::metadata", "std::fs::symlink_metadata", "std::fs::canonicalize")
            .Functions(RuleIds.BlockingIo, Walk, "walkdir::WalkDir::new", "glob::glob", "glob::glob_with")
            .Functions(RuleIds.BlockingIo, Net, "std::net::TcpStream::connect", "std::net::TcpStream::connect_timeout", "std::net::TcpListener::bind",
                "std::net::UdpSocket::bind")
            .Functions(RuleIds.BlockingIo, Http, "reqwest::blocking::get")
            .Functions(RuleIds.BlockingIo, Db, "postgres::Client::connect", "rusqlite::Connection::open", "rusqlite::Connection::open_in_memory",
                "rusqlite::Connection::open_with_flags", "diesel::PgConnection::establish", "diesel::SqliteConnection::establish",
                "diesel::MysqlConnection::establish", "mysql::Conn::new", "redis::Client::get_connection")
            .Methods(RuleIds.BlockingIo, "std::fs::File", Fs, "read_to_string", "read_to_end", "read_exact", "read", "read_line", "write", "write_all", "sync_all", "sync_data", "set_len", "metadata")
            .Methods(RuleIds.BlockingIo, "std::fs::OpenOptions", Fs, "open")
            .Methods(RuleIds.BlockingIo, "std::net::TcpStream", Net, "read_to_end", "read_to_string", "write_all", "read_exact")
            .Methods(RuleIds.BlockingIo, "std::net::TcpListener", Net, "accept", "incoming")
            .Methods(RuleIds.BlockingIo, "std::io::Stdin", Stdin, "read_line", "read_to_string", "read_to_end", "lines")
            .Methods(RuleIds.BlockingIo, "reqwest::blocking::RequestBuilder", Http, "send")
            .Methods(RuleIds.BlockingIo, "ureq::Request", Http, "call", "send_string", "send_json", "send_bytes", "send_form", "send")
            .Methods(RuleIds.BlockingIo, "postgres::Client", Db, "query", "query_one", "query_opt", "execute", "batch_execute", "transaction",
                "prepare", "copy_in", "copy_out")
            .Methods(RuleIds.BlockingIo, "rusqlite::Connection", Db, "execute", "execute_batch", "query_row", "prepare", "transaction")
            .Methods(RuleIds.BlockingIo, "std::process::Command", Process, "output", "status")
            .Methods(RuleIds.BlockingIo, "std::process::Child", Process, "wait", "wait_with_output")
            .Functions(RuleIds.SyncSleep, Sleep, "std::thread::sleep", "std::thread::sleep_ms")
            .Functions(RuleIds.CpuBoundInAsync, Cpu, "bcrypt::hash", "bcrypt::hash_with_result", "bcrypt::hash_with_salt", "bcrypt::verify",
                "argon2::hash_encoded", "argon2::hash_raw", "argon2::verify_encoded", "scrypt::scrypt", "pbkdf2::pbkdf2", "pbkdf2::pbkdf2_hmac",
                "image::open", "image::load_from_memory", "image::load_from_memory_with_format", "image::load",
                "zstd::encode_all", "zstd::decode_all", "zstd::stream::encode_all", "zstd::stream::decode_all")
            .Methods(RuleIds.CpuBoundInAsync, "argon2::Argon2", Cpu, "hash_password", "verify_password", "hash_password_into")
            .Methods(RuleIds.CpuBoundInAsync, "image::DynamicImage", Cpu, "resize", "resize_exact", "resize_to_fill", "thumbnail", "blur")
            .Functions(RuleIds.BlockingWait, NestedRuntime, "futures::executor::block_on", "futures_executor::block_on", "async_std::task::block_on",
                "smol::block_on", "pollster::block_on");

        /// <summary>
        /// The advice above in the idiom of the other runtimes (by Cargo name), for crates whose Cargo.toml depends on one of
        /// them and not on tokio: async-std and smol have their own fs, net, timers and thread pools.
        /// </summary>
        public static readonly Dictionary<string, Dictionary<string, string>> RuntimeAdvice = new(StringComparer.Ordinal)
        {
            ["async-std"] = new(StringComparer.Ordinal)
            {
                [Fs] = "Use async_std::fs ({call} → async_std::fs equivalent, .await), or async_std::task::spawn_blocking(move || {call})",
                [Walk] = "Walk the tree inside async_std::task::spawn_blocking(move || …) (or use async_std::fs::read_dir)",
                [Net] = "Use async_std::net (TcpStream::connect(..).await, UdpSocket) instead of std::net",
                [Stdin] = "Read with async_std::io::stdin() (.read_line(..).await), or before the runtime starts",
                [Http] = "Use an async HTTP client (surf, created once and shared) and .await the request",
                [Db] = "Use an async driver (sqlx on async-std) or async_std::task::spawn_blocking(move || …)",
                [Process] = "Use async-process's Command and .await output()/status()",
                [Sleep] = "Use async_std::task::sleep(…).await",
                [Cpu] = "Offload it: async_std::task::spawn_blocking(move || {call}).await (or a rayon pool for bulk work)",
            },
            ["smol"] = new(StringComparer.Ordinal)
            {
                [Fs] = "Use smol::fs ({call} → smol::fs equivalent, .await), or smol::unblock(move || {call})",
                [Walk] = "Walk the tree inside smol::unblock(move || …) (or use smol::fs::read_dir)",
                [Net] = "Use smol::net (TcpStream::connect(..).await, UdpSocket) instead of std::net",
                [Stdin] = "Read through smol::Unblock::new(std::io::stdin()) with AsyncBufReadExt, or before the executor starts",
                [Http] = "Use an async HTTP client (surf or isahc, created once and shared) and .await the request",
                [Db] = "Use an async driver or smol::unblock(move || …)",
                [Process] = "Use smol::process::Command and .await output()/status()",
                [Sleep] = "Use smol::Timer::after(…).await",
                [Cpu] = "Offload it: smol::unblock(move || {call}).await (or a rayon pool for bulk work)",
            },
        };

        /// <summary>JSON parsers whose cost grows with the input: RP0005 when the input is a request body of unbounded size.</summary>
        public static readonly HashSet<string> JsonParsers = new(StringComparer.Ordinal)
        {
            "serde_json::from_slice", "serde_json::from_str", "serde_json::from_reader", "simd_json::from_slice", "simd_json::serde::from_slice",
        };

        public static readonly CallRow UnboundedBodyParse = new(RuleIds.CpuBoundInAsync, "",
            "Cap the body (axum::body::to_bytes(body, limit), http_body_util::Limited, DefaultBodyLimit), or parse a large one in"
            + " tokio::task::spawn_blocking(move || {call})", Confidence.Medium, Severity.Low);

        /// <summary>Functions that read a whole request body into memory with no limit (hyper 0.14's to_bytes and aggregate).</summary>
        public static readonly HashSet<string> UnlimitedBodyReads = new(StringComparer.Ordinal)
        {
            "hyper::body::to_bytes", "hyper::body::aggregate",
        };

        /// <summary>Functions that read a whole body up to their second argument's limit (unbounded with <c>usize::MAX</c>).</summary>
        public static readonly HashSet<string> LimitedBodyReads = new(StringComparer.Ordinal) { "axum::body::to_bytes", "axum_core::body::to_bytes" };

        /// <summary>Borrowing views of a body in a parser's argument.</summary>
        public static readonly string[] BodyViews = { ".as_ref()", ".reader()", ".as_slice()", ".chunk()" };

        /// <summary>Methods that wait synchronously whatever their receiver: the names are the runtimes' own blocking forms.</summary>
        public static readonly Dictionary<string, CallRow> BlockingMethods = new(StringComparer.Ordinal)
        {
            ["block_on"] = new CallRow(RuleIds.BlockingWait, "Runtime::block_on", NestedRuntime),
            ["blocking_recv"] = new CallRow(RuleIds.BlockingWait, "Receiver::blocking_recv", BlockingChannel),
            ["blocking_send"] = new CallRow(RuleIds.BlockingWait, "Sender::blocking_send", BlockingChannel),
            ["blocking_lock"] = new CallRow(RuleIds.BlockingWait, "Mutex::blocking_lock", BlockingChannel),
            ["blocking_read"] = new CallRow(RuleIds.BlockingWait, "RwLock::blocking_read", BlockingChannel),
            ["blocking_write"] = new CallRow(RuleIds.BlockingWait, "RwLock::blocking_write", BlockingChannel),
        };

        /// <summary>Kinds of values by the resolved constructor or function that made them.</summary>
        public static readonly Dictionary<string, string> Constructors = new(StringComparer.Ordinal)
        {
            ["std::fs::File::open"] = "std::fs::File", ["std::fs::File::create"] = "std::fs::File", ["std::fs::File::create_new"] = "std::fs::File",
            ["std::fs::OpenOptions::new"] = "std::fs::OpenOptions", ["std::fs::File::options"] = "std::fs::OpenOptions",
            ["std::net::TcpStream::connect"] = "std::net::TcpStream", ["std::net::TcpListener::bind"] = "std::net::TcpListener",
            ["std::io::stdin"] = "std::io::Stdin",
            ["reqwest::blocking::Client::new"] = "reqwest::blocking::Client", ["reqwest::blocking::Client::builder"] = "reqwest::blocking::ClientBuilder",
            ["reqwest::Client::new"] = "reqwest::Client", ["reqwest::Client::builder"] = "reqwest::ClientBuilder",
            ["reqwest::ClientBuilder::new"] = "reqwest::ClientBuilder",
            ["ureq::get"] = "ureq::Request", ["ureq::post"] = "ureq::Request", ["ureq::put"] = "ureq::Request", ["ureq::delete"] = "ureq::Request",
            ["ureq::patch"] = "ureq::Request", ["ureq::head"] = "ureq::Request", ["ureq::request"] = "ureq::Request",
            ["ureq::agent"] = "ureq::Agent", ["ureq::Agent::new"] = "ureq::Agent",
            ["postgres::Client::connect"] = "postgres::Client",
            ["rusqlite::Connection::open"] = "rusqlite::Connection", ["rusqlite::Connection::open_in_memory"] = "rusqlite::Connection",
            ["std::process::Command::new"] = "std::process::Command",
            ["argon2::Argon2::default"] = "argon2::Argon2", ["argon2::Argon2::new"] = "argon2::Argon2",
            ["image::open"] = "image::DynamicImage", ["image::load_from_memory"] = "image::DynamicImage",
            ["regex::Regex::new"] = "regex::Regex",
            ["tokio::task::JoinSet::new"] = JoinSet, ["tokio::task::JoinSet::default"] = JoinSet,
            ["String::new"] = ValueKinds.String, ["String::from"] = ValueKinds.String, ["String::with_capacity"] = ValueKinds.String,
            ["std::string::String::new"] = ValueKinds.String, ["std::string::String::from"] = ValueKinds.String,
            ["Vec::new"] = ValueKinds.List, ["Vec::with_capacity"] = ValueKinds.List, ["Vec::default"] = ValueKinds.List,
            ["std::vec::Vec::new"] = ValueKinds.List,
        };

        /// <summary>Buffers around a reader or writer: the value keeps the kind of what it wraps (a std File stays a blocking file).</summary>
        public static readonly HashSet<string> BufferingWrappers = new(StringComparer.Ordinal)
        {
            "std::io::BufReader::new", "std::io::BufReader::with_capacity", "std::io::BufWriter::new", "std::io::BufWriter::with_capacity",
            "std::io::LineWriter::new",
        };

        /// <summary>The settings of reqwest's <c>ClientBuilder</c> (async and blocking), each returning the builder.</summary>
        private static readonly string[] ClientBuilderMethods =
        {
            "timeout", "read_timeout", "connect_timeout", "user_agent", "default_headers", "referer", "pool_max_idle_per_host",
            "pool_idle_timeout", "danger_accept_invalid_certs", "danger_accept_invalid_hostnames", "gzip", "brotli", "deflate", "zstd",
            "redirect", "proxy", "no_proxy", "https_only", "cookie_store", "cookie_provider", "identity", "add_root_certificate",
            "tls_built_in_root_certs", "min_tls_version", "max_tls_version", "use_rustls_tls", "use_native_tls", "use_preconfigured_tls",
            "http1_only", "http2_prior_knowledge", "tcp_nodelay", "tcp_keepalive", "local_address", "resolve", "dns_resolver",
            "connection_verbose", "no_gzip", "no_brotli", "no_deflate", "no_zstd", "http1_title_case_headers",
            "http09_responses", "http2_initial_stream_window_size", "http2_initial_connection_window_size", "http2_adaptive_window",
            "http2_max_frame_size", "http2_keep_alive_interval", "http2_keep_alive_timeout", "http2_keep_alive_while_idle",
            "tcp_keepalive_interval", "tcp_keepalive_retries", "interface", "resolve_to_addrs", "hickory_dns", "no_hickory_dns",
            "tls_sni", "tls_info", "retry",
        };

        /// <summary>What a method returns, by the receiver's kind: builders return themselves, requests their builder.</summary>
        public static readonly Dictionary<(string Kind, string Method), string> MethodResults = BuildMethodResults();

        private static Dictionary<(string, string), string> BuildMethodResults()
        {
            var results = new Dictionary<(string, string), string>();
            void Same(string kind, params string[] methods)
            {
                foreach (string m in methods) results[(kind, m)] = kind;
            }
            void To(string kind, string result, params string[] methods)
            {
                foreach (string m in methods) results[(kind, m)] = result;
            }
            Same("std::fs::OpenOptions", "read", "write", "append", "truncate", "create", "create_new");
            To("std::fs::OpenOptions", "std::fs::File", "open");
            Same("std::process::Command", "arg", "args", "env", "envs", "env_remove", "env_clear", "current_dir", "stdin", "stdout", "stderr", "kill_on_drop");
            To("std::process::Command", "std::process::Child", "spawn");
            To("reqwest::blocking::Client", "reqwest::blocking::RequestBuilder", "get", "post", "put", "delete", "patch", "head", "request");
            To("reqwest::blocking::ClientBuilder", "reqwest::blocking::Client", "build");
            Same("reqwest::blocking::ClientBuilder", ClientBuilderMethods);
            Same("reqwest::blocking::RequestBuilder", "header", "headers", "json", "body", "query", "form", "bearer_auth", "basic_auth", "timeout");
            To("reqwest::ClientBuilder", "reqwest::Client", "build");
            Same("reqwest::ClientBuilder", ClientBuilderMethods);
            Same("ureq::Request", "set", "query", "timeout", "header");
            To("ureq::Agent", "ureq::Request", "get", "post", "put", "delete", "patch", "head", "request");
            return results;
        }

        /// <summary>
        /// Methods that pass their receiver's value through (<c>File::open(p)?</c> is a File; so is <c>….unwrap()</c>, and
        /// <c>….map_err(f)?</c> or anyhow's <c>….context("…")?</c>, which change only the error).
        /// </summary>
        public static readonly HashSet<string> Unwrappers = new(StringComparer.Ordinal)
        {
            "unwrap", "expect", "unwrap_or_default", "unwrap_or_else", "unwrap_unchecked", "lock_owned",
            "map_err", "context", "with_context", "wrap_err", "wrap_err_with", "ok", "ok_or", "ok_or_else",
        };

        /// <summary>
        /// What turns a lock's <c>LockResult</c> into its guard: <c>.unwrap()</c>, <c>.expect(…)</c>, <c>.map_err(…)?</c>, and
        /// <c>.unwrap_or_else(…)</c> only as the poison handler that recovers the guard (<c>|e| e.into_inner()</c>,
        /// <c>PoisonError::into_inner</c>) — with any other closure it makes a default value of a <c>read()</c> that is no lock's.
        /// </summary>
        public static bool TakesGuard(string method, string? arguments) =>
            method is "unwrap" or "expect" or "map_err" || method == "unwrap_or_else" && arguments != null && arguments.Contains("into_inner", StringComparison.Ordinal);

        /// <summary>Kinds of values by declared type (parameters, struct fields, <c>let x: T</c>), after resolving the type's path.</summary>
        public static readonly Dictionary<string, string> Types = new(StringComparer.Ordinal)
        {
            ["std::fs::File"] = "std::fs::File", ["std::net::TcpStream"] = "std::net::TcpStream", ["std::process::Command"] = "std::process::Command",
            ["reqwest::blocking::Client"] = "reqwest::blocking::Client", ["ureq::Agent"] = "ureq::Agent", ["postgres::Client"] = "postgres::Client",
            ["rusqlite::Connection"] = "rusqlite::Connection", ["argon2::Argon2"] = "argon2::Argon2", ["image::DynamicImage"] = "image::DynamicImage",
            ["tokio::task::JoinSet"] = JoinSet,
            ["String"] = ValueKinds.String, ["std::string::String"] = ValueKinds.String, ["Vec"] = ValueKinds.List, ["std::vec::Vec"] = ValueKinds.List,
            ["VecDeque"] = ValueKinds.List, ["std::collections::VecDeque"] = ValueKinds.List, ["LinkedList"] = ValueKinds.List,
            ["std::collections::LinkedList"] = ValueKinds.List, ["BinaryHeap"] = ValueKinds.List, ["std::collections::BinaryHeap"] = ValueKinds.List,
        };

        /// <summary>Calls whose closure or future runs on another thread: what they run does not block the runtime.</summary>
        public static readonly HashSet<string> OffloadFunctions = new(StringComparer.Ordinal)
        {
            "tokio::task::spawn_blocking", "tokio::task::block_in_place", "std::thread::spawn", "std::thread::scope", "rayon::spawn",
            "rayon::spawn_fifo", "rayon::scope", "async_std::task::spawn_blocking", "smol::unblock", "blocking::unblock", "actix_web::web::block",
            "actix_rt::task::spawn_blocking", "tokio::runtime::Handle::spawn_blocking",
        };

        /// <summary>Methods that offload whatever their receiver (a Handle, a rayon pool, a thread builder's result).</summary>
        public static readonly HashSet<string> OffloadMethods = new(StringComparer.Ordinal) { "spawn_blocking", "block_in_place", "install" };

        /// <summary>A set of spawned tasks: its <c>spawn</c> starts one more (<see cref="SetSpawns"/>).</summary>
        public const string JoinSet = "tokio::task::JoinSet";

        /// <summary>Methods of a <see cref="JoinSet"/> that start a task.</summary>
        public static readonly HashSet<string> SetSpawns = new(StringComparer.Ordinal) { "spawn", "spawn_local", "spawn_on", "spawn_blocking" };

        /// <summary>Receives of a channel: a loop over them runs once per message, as many as producers send.</summary>
        public static readonly string[] ChannelReceives = { ".recv().await", ".recv_async().await" };

        /// <summary>Spawned tasks whose JoinHandle carries the task's result and errors.</summary>
        public static readonly HashSet<string> TaskSpawns = new(StringComparer.Ordinal)
        {
            "tokio::spawn", "tokio::task::spawn", "tokio::task::spawn_local", "async_std::task::spawn", "actix_rt::spawn",
        };

        /// <summary>Macros that report an error where someone sees it: a spawned task that uses one does not lose its errors.</summary>
        public static readonly HashSet<string> ReportingMacros = new(StringComparer.Ordinal)
        {
            "error", "warn", "info", "debug", "trace", "eprintln", "println", "panic", "event",
        };

        public static readonly HashSet<string> Clients = new(StringComparer.Ordinal)
        {
            "reqwest::Client::new", "reqwest::blocking::Client::new", "hyper::Client::new", "hyper_util::client::legacy::Client::builder",
            "awc::Client::new", "awc::Client::default", "surf::client", "surf::Client::new", "isahc::HttpClient::new",
        };

        /// <summary>
        /// Database clients and pools that connect when made: one per request dials and pools anew each time. Not in a loop — that
        /// is a startup retry (<c>loop { match PgPool::connect(u).await { Ok(p) =&gt; break p, … } }</c>) or one pool per shard.
        /// </summary>
        public static readonly HashSet<string> DatabaseClients = new(StringComparer.Ordinal)
        {
            "mongodb::Client::with_options", "mongodb::Client::with_uri_str", "sqlx::PgPool::connect", "sqlx::MySqlPool::connect",
            "sqlx::SqlitePool::connect", "sqlx::postgres::PgPool::connect", "sqlx::mysql::MySqlPool::connect", "sqlx::sqlite::SqlitePool::connect",
        };

        /// <summary>Builders whose <c>build()</c> makes a client (<c>reqwest::Client::builder()….build()</c>).</summary>
        public static readonly HashSet<string> ClientBuilderKinds = new(StringComparer.Ordinal) { "reqwest::ClientBuilder", "reqwest::blocking::ClientBuilder" };

        public static readonly HashSet<string> RegexConstructors = new(StringComparer.Ordinal)
        {
            "regex::Regex::new", "regex::bytes::Regex::new", "fancy_regex::Regex::new", "regex::RegexSet::new", "regex::RegexBuilder::new",
        };

        /// <summary>Awaited calls that wait on the network (HTTP and database clients: reqwest, hyper, sqlx, tokio-postgres).</summary>
        public static readonly HashSet<string> NetworkAwaits = new(StringComparer.Ordinal)
        {
            "send", "text", "json", "bytes", "request", "execute", "query", "query_one", "query_opt", "fetch_one", "fetch_all",
            "fetch_optional", "fetch", "connect", "batch_execute",
        };

        /// <summary><c>&amp;mut x</c>, <c>&amp;mut *conn</c>, <c>&amp;'a mut T</c>: a mutable borrow, and the name borrowed when there is one.</summary>
        [System.Text.RegularExpressions.GeneratedRegex(@"^&\s*(?:'\w+\s+)?mut\b\s*(?:\*\s*)?(?<name>[A-Za-z_]\w*)?", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
        public static partial System.Text.RegularExpressions.Regex MutableBorrow();

        /// <summary>Methods that turn an awaited result into another without more I/O: <c>f().await.map_err(…)?</c> is still one await.</summary>
        public static readonly HashSet<string> ResultAdapters = new(StringComparer.Ordinal)
        {
            "map_err", "context", "with_context", "wrap_err", "wrap_err_with", "ok", "ok_or", "ok_or_else", "unwrap", "expect", "unwrap_or",
            "unwrap_or_default", "unwrap_or_else",
        };

        /// <summary>Extractors a handler's parameter is destructured from (<c>State(api): State&lt;Arc&lt;Api&gt;&gt;</c>): the type inside says how it is held.</summary>
        public static readonly string[] SharedExtractors = { "State", "axum::extract::State", "Extension", "axum::Extension", "web::Data", "actix_web::web::Data" };

        /// <summary>
        /// Awaits whose order is the point (RP0008/RP0009 leave them alone), by the first word of the called method's or function's name:
        /// taking a lock or permit, a channel's or socket's next message, writes and sends to one peer, a transaction's steps,
        /// record writes, setup and teardown, pacing. A <c>send()</c> that ends a request builder chain is not one of them.
        /// </summary>
        public static readonly string[] OrderedAwaitPrefixes =
        {
            "acquire", "lock", "recv", "next", "accept", "write", "send", "flush", "shutdown", "close", "commit", "rollback", "begin",
            "transaction", "execute", "insert", "update", "upsert", "delete", "remove", "save", "create", "put", "set", "push", "publish",
            "ack", "subscribe", "connect", "login", "auth", "authenticate", "authorize", "init", "initialize", "setup", "start", "stop", "cancel", "abort", "reset", "clear",
            "migrate", "register", "sleep", "delay", "tick", "wait", "notified", "changed", "join", "run", "spawn", "apply",
        };

        /// <summary>Fan-outs that poll one future per item of their argument at once.</summary>
        public static readonly HashSet<string> FanOuts = new(StringComparer.Ordinal)
        {
            "futures::future::join_all", "futures::future::try_join_all", "futures::join_all", "futures::try_join_all",
            "futures_util::future::join_all", "futures_util::future::try_join_all",
        };

        /// <summary>Channels with no capacity (their sender never waits), with the bounded form of the same crate.</summary>
        public static readonly Dictionary<string, string> UnboundedChannels = new(StringComparer.Ordinal)
        {
            ["tokio::sync::mpsc::unbounded_channel"] = "Use a bounded channel, tokio::sync::mpsc::channel(n), and send(..).await: a full channel makes the producer wait",
            ["futures::channel::mpsc::unbounded"] = "Use a bounded channel, futures::channel::mpsc::channel(n), and SinkExt::send(..).await",
            ["futures_channel::mpsc::unbounded"] = "Use a bounded channel, futures_channel::mpsc::channel(n), and SinkExt::send(..).await",
            ["async_channel::unbounded"] = "Use async_channel::bounded(n) and send(..).await: a full channel makes the producer wait",
            ["flume::unbounded"] = "Use flume::bounded(n) and send_async(..).await: a full channel makes the producer wait",
            ["crossbeam_channel::unbounded"] = "Use crossbeam_channel::bounded(n) (off the runtime threads: its send blocks when full), or a bounded async channel",
            ["crossbeam::channel::unbounded"] = "Use crossbeam::channel::bounded(n) (off the runtime threads: its send blocks when full), or a bounded async channel",
            ["std::sync::mpsc::channel"] = "Use a bounded channel: tokio::sync::mpsc::channel(n) with send(..).await in async code (std::sync::mpsc::sync_channel(n) between threads)",
        };

        /// <summary>Attributes that make an async fn the program's entry (its body is startup, not a request path).</summary>
        public static readonly HashSet<string> MainAttributes = new(StringComparer.Ordinal)
        {
            "tokio::main", "actix_web::main", "actix_rt::main", "async_std::main", "rocket::main", "rocket::launch", "launch", "ntex::main",
        };

        /// <summary>Attributes that make a function a test (audited only with RuntimePerfIncludeTests).</summary>
        public static readonly HashSet<string> TestAttributes = new(StringComparer.Ordinal)
        {
            "test", "tokio::test", "async_std::test", "actix_web::test", "actix_rt::test", "rstest", "test_case", "bench",
        };

        /// <summary>Traits whose impls generate test data (property testing, fuzzing): their code is test support.</summary>
        public static readonly HashSet<string> TestDataTraits = new(StringComparer.Ordinal)
        {
            "quickcheck::Arbitrary", "proptest::arbitrary::Arbitrary", "proptest::prelude::Arbitrary", "arbitrary::Arbitrary",
        };

        /// <summary>Route attributes of actix-web and Rocket (<c>#[get("/")]</c>).</summary>
        public static readonly HashSet<string> RouteAttributes = new(StringComparer.Ordinal)
        {
            "get", "post", "put", "delete", "patch", "head", "options", "route", "trace", "connect",
        };

        /// <summary>axum's method routers and actix-web's route targets: a function given to one is a request handler.</summary>
        public static readonly HashSet<string> RouteFunctions = new(StringComparer.Ordinal)
        {
            "get", "post", "put", "delete", "patch", "head", "options", "any", "trace", "to", "and_then", "then", "get_service", "post_service",
            "handler",
        };

        /// <summary>Route methods other crates also have (futures' <c>then</c>/<c>and_then</c>, <c>Into::to</c>-like names), by the framework (Cargo name) they route in.</summary>
        public static readonly Dictionary<string, string> RouteMethodFrameworks = new(StringComparer.Ordinal)
        {
            ["and_then"] = "warp", ["then"] = "warp", ["to"] = "actix-web",
        };

        /// <summary>The Cargo.toml dependencies that findings depend on (the audit cache keys a file's entry on them).</summary>
        public static readonly string[] ManifestDependencies =
            RuntimeAdvice.Keys.Append("tokio").Concat(RouteMethodFrameworks.Values).Distinct().OrderBy(d => d, StringComparer.Ordinal).ToArray();

        /// <summary>Crates whose route functions these are; a file importing none of them registers no handlers.</summary>
        public static readonly string[] WebCrates = { "axum", "actix_web", "warp", "poem", "salvo", "tide", "rocket" };

        /// <summary>
        /// Extractor types whose presence in an async fn's parameters makes it a request handler, and the WebSocket an
        /// upgrade hands to its callback (<c>ws.on_upgrade(handle_socket)</c>: one call per connection).
        /// </summary>
        public static readonly HashSet<string> Extractors = new(StringComparer.Ordinal)
        {
            "axum::extract::State", "axum::extract::Path", "axum::extract::Query", "axum::extract::Json", "axum::Json", "axum::extract::Form",
            "axum::Extension", "axum::extract::Extension", "axum::extract::Multipart", "axum::extract::WebSocketUpgrade", "axum::extract::ws::WebSocketUpgrade",
            "axum::extract::Request", "axum::extract::ConnectInfo", "axum::extract::RawQuery", "axum::extract::OriginalUri", "axum::extract::MatchedPath",
            "axum::extract::RawForm", "axum::Form", "axum::body::Bytes", "axum_extra::TypedHeader", "axum_extra::extract::TypedHeader",
            "axum_extra::extract::CookieJar", "axum::extract::ws::WebSocket", "warp::ws::WebSocket", "warp::filters::ws::WebSocket",
            "actix_web::web::Json", "actix_web::web::Data", "actix_web::web::Path", "actix_web::web::Query", "actix_web::web::Form",
            "actix_web::HttpRequest", "actix_web::web::Payload", "actix_web::web::Bytes",
            "tonic::Request",
        };

        /// <summary>Iterator adapters and consumers: a closure given to one runs once per item.</summary>
        public static readonly HashSet<string> IteratorAdapters = new(StringComparer.Ordinal)
        {
            "map", "filter", "filter_map", "flat_map", "for_each", "try_for_each", "fold", "try_fold", "any", "all", "find", "find_map",
            "position", "take_while", "skip_while", "map_while", "inspect", "scan", "partition", "max_by_key", "min_by_key", "sort_by",
            "sort_by_key", "sort_unstable_by", "sort_unstable_by_key", "retain", "for_each_concurrent",
        };

        /// <summary>Calls that give a view or copy of the same value, equal when the value is (<c>.as_str()</c>): an equality test through one is a key look-up.</summary>
        public static readonly string[] SameValueViews = { ".as_str()", ".as_deref()", ".as_ref()", ".as_slice()", ".to_string()", ".to_owned()", ".clone()" };

        /// <summary>Iterator searches that stop at the first match: over a Vec, each is a linear scan.</summary>
        public static readonly HashSet<string> SearchAdapters = new(StringComparer.Ordinal) { "position", "rposition", "any", "find" };

        /// <summary>Methods that copy their receiver into a new owned value (a redundant copy when the receiver is an owned temporary).</summary>
        public static readonly HashSet<string> CopyMethods = new(StringComparer.Ordinal)
        {
            "clone", "to_owned", "to_string", "to_vec", "to_path_buf", "to_os_string",
        };

        /// <summary>Constructors of owned values, with their kind (String, or another owned type).</summary>
        public static readonly Dictionary<string, string> OwnedConstructors = new(StringComparer.Ordinal)
        {
            ["String::from"] = ValueKinds.String, ["String::new"] = ValueKinds.String, ["String::with_capacity"] = ValueKinds.String,
            ["std::string::String::from"] = ValueKinds.String, ["std::string::String::new"] = ValueKinds.String,
            ["std::ffi::OsString::new"] = "std::ffi::OsString", ["std::ffi::OsString::from"] = "std::ffi::OsString",
            ["std::path::PathBuf::new"] = "std::path::PathBuf", ["std::path::PathBuf::from"] = "std::path::PathBuf",
            ["Vec::new"] = ValueKinds.List, ["Vec::with_capacity"] = ValueKinds.List,
        };

        /// <summary>
        /// Methods (by name and argument count) that return a new owned value whatever their receiver: slices' and paths'
        /// <c>join(sep)</c>, <c>concat()</c>, <c>repeat(n)</c> and the copies themselves. IsString: the result is a String for
        /// every receiver that has a <c>to_string()</c> to call on it.
        /// </summary>
        public static readonly Dictionary<string, (int Arguments, bool IsString)> OwnedResults = new(StringComparer.Ordinal)
        {
            ["join"] = (1, true), ["concat"] = (0, true), ["repeat"] = (1, true), ["to_string"] = (0, true),
            ["to_owned"] = (0, false), ["to_vec"] = (0, false), ["to_path_buf"] = (0, false), ["to_os_string"] = (0, false),
        };

        public static readonly HashSet<string> MutatingMethods = new(StringComparer.Ordinal)
        {
            "push", "push_str", "insert", "remove", "pop", "clear", "extend", "append", "truncate", "retain", "drain", "sort", "sort_by",
            "sort_unstable", "dedup", "reverse", "swap_remove", "resize", "split_off", "get_mut", "iter_mut", "entry",
        };
    }
}
