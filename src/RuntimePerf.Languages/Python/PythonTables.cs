using RuntimePerf.Engine.Catalog;
using System;
using System.Collections.Generic;
using System.Linq;
using RuntimePerf.Engine.Model;
using RuntimePerf.Languages.Common;

namespace RuntimePerf.Languages.Python
{
    /// <summary>
    /// Python API knowledge as data: blocking calls with their replacement, CPU-heavy calls, value kinds produced
    /// by constructors, offload wrappers, frameworks. Names are resolved through the file's imports first
    /// (<c>import subprocess as sp; sp.run</c> is <c>subprocess.run</c>). Adding an API is adding a row.
    /// </summary>
    internal static partial class PythonTables
    {
        private const string FileIo = "Use aiofiles (or anyio.Path), or await asyncio.to_thread({call})";
        private const string FsOp = "Use aiofiles.os, or await asyncio.to_thread({call})";
        private const string FsStat = "Use aiofiles.os.path (or anyio.Path), or await asyncio.to_thread({call})";
        private const string Http = "Use an async client created once and reused (httpx.AsyncClient or aiohttp.ClientSession) and await the request";
        private const string Socket = "Use asyncio streams (asyncio.open_connection) or the loop.sock_* coroutines";
        private const string Subprocess = "Use await asyncio.create_subprocess_exec(…) and await proc.communicate()";
        private const string Wait = "Use asyncio subprocesses (await proc.wait()), or await asyncio.to_thread({call})";
        private const string Console = "Read input before the event loop starts, or await asyncio.to_thread({call})";
        private const string Db = "Use an async driver (aiosqlite, asyncpg, psycopg AsyncConnection), or await asyncio.to_thread({call})";
        private const string Sleep = "Use await asyncio.sleep(…)";
        private const string NestedLoop = "Await the coroutine directly instead of running a second event loop";
        private const string Cpu = "Offload it: await asyncio.to_thread({call}) (or loop.run_in_executor with a process pool for heavy work)";
        private const string Json = "Offload large documents: await asyncio.to_thread({call}), or parse from the stream incrementally";

        /// <summary>Kinds of values (what a name holds), by the resolved constructor or factory that made them.</summary>
        public static readonly Dictionary<string, string> Constructors = new(StringComparer.Ordinal)
        {
            ["pathlib.Path"] = "Path", ["pathlib.PurePath"] = "Path", ["pathlib.PosixPath"] = "Path", ["pathlib.WindowsPath"] = "Path",
            ["pathlib.Path.home"] = "Path", ["pathlib.Path.cwd"] = "Path",
            ["open"] = "file", ["builtins.open"] = "file", ["io.open"] = "file", ["codecs.open"] = "file", ["os.fdopen"] = "file",
            ["gzip.open"] = "file", ["bz2.open"] = "file", ["lzma.open"] = "file",
            ["requests.Session"] = "requests.Session", ["requests.session"] = "requests.Session", ["requests.sessions.Session"] = "requests.Session",
            ["httpx.Client"] = "httpx.Client", ["httpx.AsyncClient"] = "httpx.AsyncClient",
            ["aiohttp.ClientSession"] = "aiohttp.ClientSession",
            ["urllib3.PoolManager"] = "urllib3.PoolManager", ["urllib3.HTTPConnectionPool"] = "urllib3.PoolManager",
            ["urllib3.HTTPSConnectionPool"] = "urllib3.PoolManager", ["urllib3.ProxyManager"] = "urllib3.PoolManager",
            ["urllib3.connection_from_url"] = "urllib3.PoolManager", ["urllib3.proxy_from_url"] = "urllib3.PoolManager",
            ["socket.socket"] = "socket", ["socket.create_connection"] = "socket",
            ["subprocess.Popen"] = "subprocess.Popen",
            ["sqlite3.connect"] = "db.Connection", ["psycopg2.connect"] = "db.Connection", ["psycopg.connect"] = "db.Connection",
            ["pymysql.connect"] = "db.Connection", ["mysql.connector.connect"] = "db.Connection", ["MySQLdb.connect"] = "db.Connection",
            ["pyodbc.connect"] = "db.Connection",
            ["threading.Lock"] = "threading.Lock", ["threading.RLock"] = "threading.Lock",
            ["asyncio.Semaphore"] = "limiter", ["asyncio.BoundedSemaphore"] = "limiter", ["anyio.Semaphore"] = "limiter",
            ["anyio.CapacityLimiter"] = "limiter", ["trio.Semaphore"] = "limiter", ["trio.CapacityLimiter"] = "limiter",
            ["asyncio.TaskGroup"] = "TaskGroup", ["anyio.create_task_group"] = "TaskGroup",
            ["asyncio.get_event_loop"] = "loop", ["asyncio.get_running_loop"] = "loop", ["asyncio.new_event_loop"] = "loop",
            ["PIL.Image.open"] = "PIL.Image", ["PIL.Image.new"] = "PIL.Image", ["PIL.Image.frombytes"] = "PIL.Image",
            ["PIL.Image.frombuffer"] = "PIL.Image", ["PIL.Image.fromarray"] = "PIL.Image", ["PIL.Image.alpha_composite"] = "PIL.Image",
            ["PIL.Image.merge"] = "PIL.Image", ["PIL.Image.composite"] = "PIL.Image", ["PIL.Image.blend"] = "PIL.Image",
            ["PIL.ImageOps.fit"] = "PIL.Image", ["PIL.ImageOps.exif_transpose"] = "PIL.Image", ["PIL.ImageOps.contain"] = "PIL.Image",
            ["PIL.ImageOps.pad"] = "PIL.Image", ["PIL.ImageOps.grayscale"] = "PIL.Image",
            ["passlib.context.CryptContext"] = "passlib.CryptContext", ["argon2.PasswordHasher"] = "argon2.PasswordHasher",
            ["concurrent.futures.ThreadPoolExecutor"] = "executor", ["concurrent.futures.ProcessPoolExecutor"] = "executor",
            ["fastapi.FastAPI"] = "app", ["fastapi.APIRouter"] = "app", ["starlette.applications.Starlette"] = "app",
            ["starlette.routing.Router"] = "app", ["sanic.Sanic"] = "app", ["sanic.Blueprint"] = "app", ["quart.Quart"] = "app",
            ["quart.Blueprint"] = "app", ["flask.Flask"] = "app", ["flask.Blueprint"] = "app", ["aiohttp.web.RouteTableDef"] = "app",
            ["socketio.AsyncServer"] = "app", ["litestar.Router"] = "app",
            ["list"] = "list", ["sorted"] = "list", ["set"] = "set", ["frozenset"] = "set", ["dict"] = "dict", ["str"] = "str",
        };

        /// <summary>
        /// Maintained forks and drop-in successors of the libraries in these tables, by module (the fork → the original):
        /// their names resolve to the original's, so every row of the original applies (<c>httpx2.Client</c> is <c>httpx.Client</c>).
        /// </summary>
        public static readonly (string Fork, string Original)[] Successors =
        {
            ("httpx2", "httpx"), ("niquests", "requests"), ("curl_cffi.requests", "requests"), ("pysqlite3.dbapi2", "sqlite3"),
            ("pysqlite3", "sqlite3"), ("sqlean", "sqlite3"), ("psycopg2cffi", "psycopg2"),
        };

        /// <summary>Kinds produced by a method called on a value of a known kind.</summary>
        public static readonly Dictionary<(string Kind, string Method), string> MethodResults = new()
        {
            [("Path", "with_suffix")] = "Path", [("Path", "with_name")] = "Path", [("Path", "with_stem")] = "Path",
            [("Path", "joinpath")] = "Path", [("Path", "resolve")] = "Path", [("Path", "absolute")] = "Path",
            [("Path", "expanduser")] = "Path", [("Path", "relative_to")] = "Path", [("Path", "open")] = "file",
            [("db.Connection", "cursor")] = "db.Cursor", [("db.Connection", "execute")] = "db.Cursor",
            // Pillow's operations return a new image: photo.crop(box).resize(size), frame = frame.convert("RGB")
            [("PIL.Image", "resize")] = "PIL.Image", [("PIL.Image", "convert")] = "PIL.Image", [("PIL.Image", "crop")] = "PIL.Image",
            [("PIL.Image", "rotate")] = "PIL.Image", [("PIL.Image", "transpose")] = "PIL.Image", [("PIL.Image", "filter")] = "PIL.Image",
            [("PIL.Image", "copy")] = "PIL.Image", [("PIL.Image", "transform")] = "PIL.Image", [("PIL.Image", "quantize")] = "PIL.Image",
            [("PIL.Image", "reduce")] = "PIL.Image",
        };

        /// <summary>The method names of <see cref="MethodResults"/>: only these calls need their receiver's kind worked out.</summary>
        public static readonly HashSet<string> MethodResultNames = new(MethodResults.Keys.Select(k => k.Method), StringComparer.Ordinal);

        /// <summary>Kinds of attributes read from a value of a known kind (<c>Path(p).parent</c>).</summary>
        public static readonly Dictionary<(string Kind, string Attribute), string> AttributeResults = new()
        {
            [("Path", "parent")] = "Path",
        };

        /// <summary>Annotation types (resolved) that tell a parameter's kind.</summary>
        public static readonly Dictionary<string, string> Annotations = new(StringComparer.Ordinal)
        {
            ["pathlib.Path"] = "Path", ["pathlib.PurePath"] = "Path", ["Path"] = "Path",
            ["asyncio.StreamWriter"] = "StreamWriter", ["asyncio.streams.StreamWriter"] = "StreamWriter", ["StreamWriter"] = "StreamWriter",
            ["requests.Session"] = "requests.Session", ["requests.sessions.Session"] = "requests.Session", ["httpx.Client"] = "httpx.Client",
            ["sqlite3.Connection"] = "db.Connection", ["sqlite3.Cursor"] = "db.Cursor", ["psycopg.Connection"] = "db.Connection",
            ["psycopg.Cursor"] = "db.Cursor", ["psycopg2.extensions.connection"] = "db.Connection", ["psycopg2.extensions.cursor"] = "db.Cursor",
            ["pymysql.connections.Connection"] = "db.Connection", ["pymysql.cursors.Cursor"] = "db.Cursor",
            ["socket.socket"] = "socket", ["socket.SocketType"] = "socket", ["subprocess.Popen"] = "subprocess.Popen",
            ["threading.Lock"] = "threading.Lock",
            ["urllib3.PoolManager"] = "urllib3.PoolManager", ["urllib3.ProxyManager"] = "urllib3.PoolManager",
            ["urllib3.HTTPConnectionPool"] = "urllib3.PoolManager", ["urllib3.HTTPSConnectionPool"] = "urllib3.PoolManager",
            ["urllib3.poolmanager.PoolManager"] = "urllib3.PoolManager", ["urllib3.poolmanager.ProxyManager"] = "urllib3.PoolManager",
            ["urllib3.connectionpool.HTTPConnectionPool"] = "urllib3.PoolManager", ["urllib3.connectionpool.HTTPSConnectionPool"] = "urllib3.PoolManager",
            ["urllib3.connectionpool.ConnectionPool"] = "urllib3.PoolManager", ["urllib3.request.RequestMethods"] = "urllib3.PoolManager",
            ["urllib3._request_methods.RequestMethods"] = "urllib3.PoolManager",
            // Concrete file objects only: typing.IO/TextIO also describe StringIO and sys.stdout.
            ["io.TextIOWrapper"] = "file", ["io.BufferedReader"] = "file", ["io.BufferedWriter"] = "file", ["io.BufferedRandom"] = "file",
            ["io.FileIO"] = "file",
        };

        /// <summary>Decorators after which an async def still returns a coroutine when called (RP0024: a dropped call never runs).</summary>
        public static readonly HashSet<string> CoroutineKeepingDecorators = new(StringComparer.Ordinal)
        {
            "staticmethod", "classmethod", "override", "typing.override", "typing_extensions.override", "abstractmethod", "abc.abstractmethod",
            "functools.wraps", "wraps",
        };

        /// <summary>Words of a function or object that reads the program's configuration (<c>get_config_parameter</c>, <c>settings.get</c>).</summary>
        public static readonly HashSet<string> SettingWords = new(StringComparer.Ordinal) { "config", "conf", "settings", "setting" };

        /// <summary>A quoted configuration key: letters, digits, <c>_ . -</c> and nothing else (no spaces: no SQL).</summary>
        [System.Text.RegularExpressions.GeneratedRegex(@"^[rbuRBU]?['""][A-Za-z0-9_.\-]+['""]$", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
        public static partial System.Text.RegularExpressions.Regex SettingKey();

        /// <summary>
        /// <c>if len(kw) == 1:</c>, <c>elif len(eids) &gt; 1: raise …</c>, <c>if len(list(resp.keys())) &gt; 1:</c>: a collection's length
        /// tested against one, and what follows the colon (also an attribute's, or a view's: <c>len(self.space.items())</c>, which says
        /// as much only of that view: a result's <c>keys()</c> may be its columns).
        /// </summary>
        [System.Text.RegularExpressions.GeneratedRegex(@"^\s*(el)?if\s+len\(\s*(?:(?<name>\w+(?:\.\w+)*?)(?<view>\.(?:keys|values|items)\(\))?|list\(\s*(?<name>\w+(?:\.\w+)*?)\.keys\(\)\s*\))\s*\)\s*(?<op>==|!=|>)\s*1\s*:\s*(?<same>\S.*)?$", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
        public static partial System.Text.RegularExpressions.Regex LengthTestedAgainstOne();

        /// <summary><c>[first, *rest]</c>: an item of a list display unpacked from another iterable.</summary>
        [System.Text.RegularExpressions.GeneratedRegex(@"[\[,]\s*\*(?!\*)", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
        public static partial System.Text.RegularExpressions.Regex ListSplat();

        /// <summary><c>assert len(diff) == 1</c>, also in parentheses: a collection asserted to hold one item.</summary>
        [System.Text.RegularExpressions.GeneratedRegex(@"^\s*assert\s+\(?\s*len\(\s*(?<name>\w+(?:\.\w+)*?)(?<view>\.(?:keys|values|items)\(\))?\s*\)\s*==\s*1\s*\)?\s*(?:,.*)?$", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
        public static partial System.Text.RegularExpressions.Regex LengthAssertedOne();

        /// <summary><c>assert (</c> with the rest of the statement on the next lines.</summary>
        [System.Text.RegularExpressions.GeneratedRegex(@"^\s*assert\s*\(\s*$", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
        public static partial System.Text.RegularExpressions.Regex OpenAssert();

        /// <summary>Builtins that copy a collection into a new one of the same size (<c>list(SETMAP.keys())</c>).</summary>
        public static readonly HashSet<string> CollectionCopies = new(StringComparer.Ordinal) { "list", "tuple", "set", "frozenset", "sorted" };

        /// <summary>A module constant by PEP 8's naming: capitals, digits and underscores, at least two characters (<c>TILEWIDTH</c>).</summary>
        public static bool IsConstantName(string name)
        {
            if (name.Length < 2 || !char.IsUpper(name[0])) return false;
            foreach (char c in name)
            {
                if (!(char.IsUpper(c) || char.IsDigit(c) || c == '_')) return false;
            }
            return true;
        }

        /// <summary>Annotation wrappers whose one non-None argument is the type (<c>Optional[httpx.Client]</c>).</summary>
        public static readonly HashSet<string> OptionalWrappers = new(StringComparer.Ordinal)
        {
            "typing.Optional", "Optional", "typing.Union", "Union",
        };

        /// <summary>The async tables: RP0001 blocking I/O, RP0002 sync sleep, RP0005 CPU-bound, RP0007 nested loop.</summary>
        public static readonly CallTable Async = new CallTable()
            // RP0001 — files
            .Functions(RuleIds.BlockingIo, FileIo, "open", "io.open", "io.open_code", "codecs.open", "builtins.open", "os.fdopen",
                "gzip.open", "bz2.open", "lzma.open")
            .Methods(RuleIds.BlockingIo, "Path", FileIo, "open", "read_text", "read_bytes", "write_text", "write_bytes")
            .Methods(RuleIds.BlockingIo, "file", FileIo, "read", "read1", "readline", "readlines", "readinto", "readinto1", "readall", "write",
                "writelines", "flush", "truncate")
            .Functions(RuleIds.BlockingIo, FsOp, "os.remove", "os.unlink", "os.rename", "os.renames", "os.replace", "os.listdir", "os.scandir",
                "os.walk", "os.makedirs", "os.mkdir", "os.rmdir", "os.removedirs", "os.truncate", "os.sendfile",
                "shutil.copy", "shutil.copy2", "shutil.copyfile", "shutil.copytree", "shutil.copyfileobj", "shutil.rmtree", "shutil.move",
                "shutil.make_archive", "shutil.unpack_archive")
            .Methods(RuleIds.BlockingIo, "Path", FsOp, "touch", "mkdir", "rmdir", "unlink", "rename", "replace", "iterdir", "glob", "rglob",
                "chmod", "symlink_to", "hardlink_to")
            // RP0001 — one metadata look-up (a stat): blocks briefly, so never more than MEDIUM on its own
            .Functions(Light(FsStat), "os.stat", "os.lstat", "os.access", "os.path.exists", "os.path.lexists", "os.path.isfile",
                "os.path.isdir", "os.path.islink", "os.path.ismount", "os.path.getsize", "os.path.getmtime", "os.path.getatime",
                "os.path.getctime", "os.path.samefile", "os.path.sameopenfile", "os.path.realpath")
            .Methods(Light(FsStat), "Path", "exists", "is_file", "is_dir", "is_symlink", "is_mount", "stat", "lstat", "samefile",
                "owner", "group")
            // RP0001 — network
            .Functions(RuleIds.BlockingIo, Http, "requests.get", "requests.post", "requests.put", "requests.patch", "requests.delete", "requests.head",
                "requests.options", "requests.request", "requests.api.get", "requests.api.post", "requests.api.request",
                "urllib.request.urlopen", "urllib.request.urlretrieve", "urllib3.request",
                "httpx.get", "httpx.post", "httpx.put", "httpx.patch", "httpx.delete", "httpx.head", "httpx.options", "httpx.request", "httpx.stream")
            .Methods(RuleIds.BlockingIo, "requests.Session", Http, "get", "post", "put", "patch", "delete", "head", "options", "request", "send")
            .Methods(RuleIds.BlockingIo, "httpx.Client", Http, "get", "post", "put", "patch", "delete", "head", "options", "request", "send", "stream")
            .Methods(RuleIds.BlockingIo, "urllib3.PoolManager", Http, "request", "urlopen", "request_encode_url", "request_encode_body")
            .Functions(RuleIds.BlockingIo, Socket, "socket.create_connection", "socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyname_ex",
                "socket.gethostbyaddr", "socket.getfqdn")
            .Methods(RuleIds.BlockingIo, "socket", Socket, Confidence.Medium, "connect", "accept", "recv", "recv_into", "recvfrom", "send", "sendall", "sendto")
            // RP0001 — subprocesses
            .Functions(RuleIds.BlockingIo, Subprocess, "subprocess.run", "subprocess.call", "subprocess.check_call", "subprocess.check_output",
                "subprocess.getoutput", "subprocess.getstatusoutput", "os.system", "os.popen", "os.posix_spawn", "os.posix_spawnp",
                "os.spawnl", "os.spawnle", "os.spawnlp", "os.spawnlpe", "os.spawnv", "os.spawnve", "os.spawnvp", "os.spawnvpe")
            .Functions(RuleIds.BlockingIo, Subprocess, Confidence.Medium, "subprocess.Popen")
            .Methods(RuleIds.BlockingIo, "subprocess.Popen", Subprocess, "communicate", "wait")
            .Functions(RuleIds.BlockingIo, Wait, "os.wait", "os.wait3", "os.wait4", "os.waitpid", "os.waitid")
            .Functions(RuleIds.BlockingIo, Console, "input", "builtins.input")
            // RP0001 — blocking database drivers
            .Functions(RuleIds.BlockingIo, Db, "sqlite3.connect", "psycopg2.connect", "psycopg.connect", "pymysql.connect", "mysql.connector.connect",
                "MySQLdb.connect", "pyodbc.connect")
            .Methods(RuleIds.BlockingIo, "db.Connection", Db, "execute", "executemany", "executescript", "commit", "rollback")
            .Methods(RuleIds.BlockingIo, "db.Cursor", Db, "execute", "executemany", "executescript", "fetchone", "fetchall", "fetchmany", "callproc")
            // RP0002
            .Functions(RuleIds.SyncSleep, Sleep, "time.sleep")
            // RP0007
            .Functions(RuleIds.BlockingWait, NestedLoop, "asyncio.run", "anyio.run", "trio.run", "uvloop.run", "asyncio.runners.run")
            .Methods(RuleIds.BlockingWait, "loop", NestedLoop, "run_until_complete")
            // RP0005 — CPU-bound
            .Functions(RuleIds.CpuBoundInAsync, Json, "json.load")
            .Functions(RuleIds.CpuBoundInAsync, Cpu, "PIL.Image.open", "PIL.Image.frombytes", "PIL.Image.alpha_composite", "PIL.Image.merge",
                "PIL.Image.composite", "PIL.Image.blend", "PIL.ImageOps.fit", "PIL.ImageOps.exif_transpose", "PIL.ImageOps.contain",
                "PIL.ImageOps.pad", "hashlib.pbkdf2_hmac", "hashlib.scrypt",
                "bcrypt.hashpw", "bcrypt.checkpw", "bcrypt.kdf",
                "xml.etree.ElementTree.parse", "xml.etree.ElementTree.fromstring", "xml.etree.ElementTree.iterparse", "xml.etree.ElementTree.XML",
                "xml.etree.cElementTree.parse", "xml.etree.cElementTree.fromstring", "xml.dom.minidom.parse", "xml.dom.minidom.parseString",
                "lxml.etree.parse", "lxml.etree.fromstring", "lxml.etree.XML", "lxml.html.fromstring", "lxml.html.parse", "lxml.html.document_fromstring",
                "bs4.BeautifulSoup",
                "zlib.compress", "zlib.decompress", "gzip.compress", "gzip.decompress", "bz2.compress", "bz2.decompress",
                "lzma.compress", "lzma.decompress")
            .Prefix(RuleIds.CpuBoundInAsync, "pandas.read_", Cpu)
            .Methods(RuleIds.CpuBoundInAsync, "PIL.Image", Cpu, "resize", "thumbnail", "save", "convert", "rotate", "transform", "filter",
                "crop", "paste", "transpose", "quantize", "reduce", "alpha_composite", "load")
            .Methods(RuleIds.CpuBoundInAsync, "passlib.CryptContext", Cpu, "hash", "verify", "verify_and_update")
            .Methods(RuleIds.CpuBoundInAsync, "argon2.PasswordHasher", Cpu, "hash", "verify");

        /// <summary>An RP0001 row for a call that blocks only briefly: reported, but at most MEDIUM.</summary>
        private static CallRow Light(string replacement) => new(RuleIds.BlockingIo, "", replacement, Confidence.High, Severity.Medium);

        /// <summary><c>json.loads</c> is CPU-bound only for sizeable input: a request body or file content.</summary>
        public const string JsonLoads = "json.loads";
        public const string JsonLoadsReplacement = Json;

        /// <summary>Methods whose result is a request body or file content (<c>await request.body()</c>, <c>f.read()</c>).</summary>
        public static readonly HashSet<string> ContentMethods = new(StringComparer.Ordinal)
        {
            "body", "read", "read_text", "read_bytes", "text", "content", "json_body", "get_data", "readall",
        };

        /// <summary>Calls whose arguments run on a worker thread; the call passed to them is not made on the loop.</summary>
        public static readonly HashSet<string> OffloadFunctions = new(StringComparer.Ordinal)
        {
            "asyncio.to_thread", "anyio.to_thread.run_sync", "trio.to_thread.run_sync", "starlette.concurrency.run_in_threadpool",
            "fastapi.concurrency.run_in_threadpool", "asgiref.sync.sync_to_async", "asyncer.asyncify", "anyio.to_process.run_sync",
        };

        /// <summary>Wrappers that turn a sync file object into an async one (<c>await trio.wrap_file(open(p))</c>): the file's I/O is awaited.</summary>
        public static readonly HashSet<string> AsyncFileWrappers = new(StringComparer.Ordinal) { "trio.wrap_file", "anyio.wrap_file" };

        /// <summary>
        /// What a file object's whole content becomes a list by: <c>f.readlines()</c>, and <c>splitlines</c>/<c>split</c> of
        /// <c>f.read()</c> (RP0025 when a loop only walks it: the file object already yields one line at a time).
        /// </summary>
        public const string FileKind = "file";
        public const string ReadLines = "readlines";
        public static readonly HashSet<string> LineSplits = new(StringComparer.Ordinal) { "splitlines", "split" };

        /// <summary>
        /// Serialisers that return the whole text, and the form that writes to a file object as it encodes at no extra cost.
        /// Not json: json.dump leaves CPython's C encoder for the pure-Python one (several times the CPU to save the memory).
        /// </summary>
        public static readonly Dictionary<string, string> WholeSerialisers = new(StringComparer.Ordinal)
        {
            ["pickle.dumps"] = "pickle.dump(obj, f)", ["yaml.dump"] = "yaml.dump(obj, f)", ["yaml.safe_dump"] = "yaml.safe_dump(obj, f)",
        };

        /// <summary>RP0016: functions that open a file by the path given first (read unless the mode says otherwise).</summary>
        public static readonly HashSet<string> FileOpens = new(StringComparer.Ordinal)
        {
            "open", "builtins.open", "io.open", "codecs.open",
        };

        /// <summary>RP0016: functions that list or read what the path given first names, whatever the mode.</summary>
        public static readonly HashSet<string> PathReads = new(StringComparer.Ordinal)
        {
            "os.listdir", "os.scandir", "glob.glob", "glob.iglob", "os.walk",
        };

        /// <summary>RP0016: <c>Path</c> methods that read the whole file or directory.</summary>
        public static readonly HashSet<string> PathReadMethods = new(StringComparer.Ordinal) { "read_text", "read_bytes", "iterdir" };

        /// <summary>RP0016: calls that build a path from their arguments alone, the same path for the same arguments.</summary>
        public static readonly HashSet<string> PathBuilders = new(StringComparer.Ordinal)
        {
            "os.path.join", "os.path.abspath", "os.path.expanduser", "pathlib.Path", "pathlib.PurePath",
        };

        /// <summary>RP0016: waits that make a loop a poll, where reading the same file again is the point.</summary>
        public static readonly HashSet<string> PollWaits = new(StringComparer.Ordinal)
        {
            "time.sleep", "asyncio.sleep", "trio.sleep", "anyio.sleep", "gevent.sleep", "asyncio.wait_for",
        };

        public static readonly HashSet<string> OffloadMethods = new(StringComparer.Ordinal) { "run_in_executor", "submit" };

        /// <summary><c>executor.map</c>: only on receivers that look like executors/pools (<c>map</c> alone is too common).</summary>
        public const string ExecutorMap = "map";

        /// <summary>Words naming the resources an object holds and opened itself (its connections, nodes, workers): a fan-out over them is bounded by it.</summary>
        public static readonly string[] HeldResources =
        {
            "conn", "sentinel", "node", "holder", "worker", "client", "peer", "server", "transport", "channel", "subscriber", "listener",
            "shard", "replica", "sender", "receiver", "transceiver", "socket", "session",
        };

        public static readonly HashSet<string> TaskSpawns = new(StringComparer.Ordinal) { "asyncio.create_task", "asyncio.ensure_future" };

        public static readonly HashSet<string> Clients = new(StringComparer.Ordinal)
        {
            "aiohttp.ClientSession", "httpx.AsyncClient", "httpx.Client", "requests.Session", "requests.session",
        };

        /// <summary>Costly-to-build reusable objects (RP0015), with what to do instead.</summary>
        public static readonly Dictionary<string, string> Expensive = new(StringComparer.Ordinal)
        {
            ["json.JSONDecoder"] = "JSON decoder", ["json.JSONEncoder"] = "JSON encoder", ["httpx.Client"] = "HTTP client",
            ["requests.Session"] = "HTTP session", ["markdown.Markdown"] = "Markdown parser", ["jinja2.Environment"] = "template environment",
            ["jinja2.Template"] = "template", ["mistune.create_markdown"] = "Markdown parser", ["xml.sax.make_parser"] = "XML parser",
        };

        /// <summary>
        /// Builtins that only count, test or reduce their argument: a list comprehension there is a needless list
        /// (<c>"".join([…])</c> is deliberately absent: join materialises its argument anyway, so the list is faster).
        /// </summary>
        public static readonly Dictionary<string, string> MaterializingConsumers = new(StringComparer.Ordinal)
        {
            ["any"] = "any(<generator>) stops at the first match (drop the brackets)",
            ["all"] = "all(<generator>) stops at the first miss (drop the brackets)",
            ["len"] = "sum(1 for … if …) or count without building a list (drop the square brackets)",
            ["sum"] = "sum(<generator>) (drop the square brackets)",
            ["min"] = "min(<generator>) (drop the brackets): no list is built",
            ["max"] = "max(<generator>) (drop the brackets): no list is built",
            ["set"] = "a set comprehension {… for …} (drop the square brackets)",
        };

        /// <summary>Consumers whose answer duplicates do not change: a set comprehension there is needless too.</summary>
        public static readonly HashSet<string> DedupeAgnosticConsumers = new(StringComparer.Ordinal) { "any", "all", "min", "max" };

        public static readonly HashSet<string> RegexCompile = new(StringComparer.Ordinal) { "re.compile", "regex.compile" };

        public static readonly HashSet<string> CacheDecorators = new(StringComparer.Ordinal)
        {
            "functools.cache", "functools.lru_cache", "functools.cached_property", "cachetools.cached", "cachetools.func.lru_cache",
            "cachetools.func.ttl_cache",
        };

        public static readonly HashSet<string> FanOuts = new(StringComparer.Ordinal) { "asyncio.gather" };

        public static readonly HashSet<string> Queues = new(StringComparer.Ordinal)
        {
            "asyncio.Queue", "asyncio.PriorityQueue", "asyncio.LifoQueue", "asyncio.queues.Queue",
        };

        /// <summary>Awaits whose order is the point (pacing, locking, transactions, ordered output).</summary>
        public static readonly HashSet<string> OrderedAwaitFunctions = new(StringComparer.Ordinal)
        {
            "asyncio.sleep", "trio.sleep", "anyio.sleep", "asyncio.gather", "asyncio.wait", "asyncio.wait_for", "asyncio.shield",
            "asyncio.create_subprocess_exec", "asyncio.create_subprocess_shell",
        };

        public static readonly string[] OrderedAwaitMethodPrefixes =
        {
            "acquire", "release", "commit", "rollback", "flush", "close", "aclose", "drain", "wait", "join", "send", "write", "put",
            "publish", "start", "stop", "connect", "disconnect", "login", "logout", "auth", "init", "setup", "shutdown", "begin",
            "lock", "unlock", "sleep", "refresh", "delete", "remove", "update", "insert", "save", "create", "set", "emit", "ack",
            "execute", "open", "cancel", "subscribe", "unsubscribe", "accept", "prepare", "migrate", "reset", "clear",
            // __aenter__/__aexit__/__anext__ of several context managers or generators: entered, left and advanced in order.
            "aenter", "aexit", "anext",
        };

        /// <summary>
        /// Ordered-looking writes that, of the iteration's own item through a client (<c>await cache.set(key, value)</c>),
        /// stand alone. Not <c>put</c>: <c>await queue.put(item)</c> waits for room on purpose.
        /// </summary>
        public static readonly string[] RecordWritePrefixes = { "save", "insert", "update", "upsert", "create", "delete", "remove", "set", "refresh" };

        /// <summary>Holders whose operations run one at a time (a SQLAlchemy session — often named <c>db</c> —, a DB-API or asyncpg connection, a cursor, a transaction).</summary>
        public static readonly HashSet<string> SingleOperationHolders = new(StringComparer.Ordinal)
        {
            "session", "conn", "connection", "cursor", "cur", "tx", "trx", "txn", "transaction", "trans",
            // FastAPI's usual name for its SQLAlchemy AsyncSession
            "db",
        };

        public static readonly HashSet<string> MutatingMethods = new(StringComparer.Ordinal)
        {
            "append", "extend", "insert", "remove", "pop", "popitem", "clear", "update", "setdefault", "discard", "add", "sort", "reverse",
            "difference_update", "intersection_update", "symmetric_difference_update", "__delitem__", "__setitem__",
        };

        /// <summary>Decorator methods that register a route or socket event handler (<c>@app.get(…)</c>, <c>@bp.route(…)</c>).</summary>
        public static readonly HashSet<string> RouteDecoratorMethods = new(StringComparer.Ordinal)
        {
            "get", "post", "put", "delete", "patch", "head", "options", "route", "api_route", "websocket", "websocket_route", "ws",
            "on", "event", "view",
        };

        /// <summary>Litestar's standalone route decorators (resolved from <c>litestar</c>).</summary>
        public static readonly HashSet<string> LitestarDecorators = new(StringComparer.Ordinal)
        {
            "get", "post", "put", "patch", "delete", "head", "route", "websocket", "websocket_listener", "HTTPRouteHandler",
        };

        /// <summary>Registration calls whose function arguments become handlers (<c>app.router.add_get("/", handler)</c>).</summary>
        public static readonly HashSet<string> RouteRegistrationMethods = new(StringComparer.Ordinal)
        {
            "add_get", "add_post", "add_put", "add_delete", "add_patch", "add_head", "add_route", "add_api_route",
            "add_websocket_route", "add_api_websocket_route", "add_view", "add_url_rule",
        };

        /// <summary>Route entries and server starters whose function argument is a handler.</summary>
        public static readonly HashSet<string> RouteEntries = new(StringComparer.Ordinal)
        {
            "starlette.routing.Route", "starlette.routing.WebSocketRoute", "fastapi.routing.APIRoute", "fastapi.routing.APIWebSocketRoute",
            "aiohttp.web.get", "aiohttp.web.post", "aiohttp.web.put", "aiohttp.web.delete", "aiohttp.web.patch", "aiohttp.web.head",
            "aiohttp.web.route", "aiohttp.web.view", "websockets.serve", "websockets.server.serve", "websockets.asyncio.server.serve",
            "asyncio.start_server", "asyncio.start_unix_server",
        };

        /// <summary>Connection callbacks that receive (reader, writer) streams.</summary>
        public static readonly HashSet<string> StreamServers = new(StringComparer.Ordinal) { "asyncio.start_server", "asyncio.start_unix_server" };

        public static readonly HashSet<string> RequestAnnotations = new(StringComparer.Ordinal)
        {
            "aiohttp.web.Request", "aiohttp.web.BaseRequest", "aiohttp.web_request.Request", "web.Request",
        };

        /// <summary>Class-based views: methods named after HTTP verbs are handlers.</summary>
        public static readonly HashSet<string> ViewBases = new(StringComparer.Ordinal)
        {
            "aiohttp.web.View", "web.View", "starlette.endpoints.HTTPEndpoint", "starlette.endpoints.WebSocketEndpoint",
            "django.views.View", "django.views.generic.View", "sanic.views.HTTPMethodView", "quart.views.MethodView", "flask.views.MethodView",
        };

        public static readonly HashSet<string> ViewMethods = new(StringComparer.Ordinal)
        {
            "get", "post", "put", "patch", "delete", "head", "options", "dispatch", "on_connect", "on_receive", "on_disconnect",
        };

        /// <summary>Entry points: a coroutine function passed to these from startup code is the program's main.</summary>
        public static readonly HashSet<string> Runners = new(StringComparer.Ordinal)
        {
            "asyncio.run", "anyio.run", "trio.run", "uvloop.run", "asyncio.runners.run",
        };

        public static readonly HashSet<string> CliDecorators = new(StringComparer.Ordinal)
        {
            "click.command", "click.group", "asyncclick.command", "typer.Typer.command",
        };
    }
}
