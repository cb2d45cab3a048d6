using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace RuntimePerf.Languages.Go
{
    /// <summary>
    /// What the Go rules know about the standard library and common frameworks, as data. Names are resolved through the
    /// file's imports (<c>http.Get</c> is <c>net/http.Get</c>); kinds are resolved type names without the pointer.
    /// </summary>
    internal static class GoTables
    {
        public const string MapKind = "map";
        public const string ChanKind = "chan";
        public const string IntKind = "int";

        public const string ResponseWriter = "net/http.ResponseWriter";
        public const string Request = "net/http.Request";
        public const string Response = "net/http.Response";
        public const string Client = "net/http.Client";
        public const string Context = "context.Context";
        /// <summary>Formats into a new string: <c>s = fmt.Sprintf("%s…", s, …)</c> rebuilds s as <c>s = s + …</c> does (RP0004).</summary>
        public const string Sprintf = "fmt.Sprintf";

        /// <summary>What a call returns (its first result), by resolved name.</summary>
        public static readonly Dictionary<string, string> Returns = new(StringComparer.Ordinal)
        {
            ["net/http.Get"] = Response, ["net/http.Post"] = Response, ["net/http.Head"] = Response, ["net/http.PostForm"] = Response,
            ["net/http.NewRequest"] = Request, ["net/http.NewRequestWithContext"] = Request,
            ["net/http.NewServeMux"] = "net/http.ServeMux",
            // Not an http.Client: a raw connection whose responses are often hijacked, not closed.
            ["net/http/httputil.NewClientConn"] = "net/http/httputil.ClientConn",
            ["regexp.MustCompile"] = "regexp.Regexp", ["regexp.Compile"] = "regexp.Regexp",
            ["encoding/json.NewEncoder"] = "encoding/json.Encoder", ["encoding/json.NewDecoder"] = "encoding/json.Decoder",
            ["bufio.NewWriter"] = "bufio.Writer", ["bufio.NewWriterSize"] = "bufio.Writer",
            ["bytes.NewBuffer"] = "bytes.Buffer", ["bytes.NewBufferString"] = "bytes.Buffer",
            ["os.Create"] = "os.File", ["os.Open"] = "os.File", ["os.OpenFile"] = "os.File",
            ["time.NewTimer"] = "time.Timer", ["time.NewTicker"] = "time.Ticker",
            ["database/sql.Open"] = "database/sql.DB",
            // []string results: a list the caller may search
            ["strings.Split"] = Common.ValueKinds.List, ["strings.SplitN"] = Common.ValueKinds.List, ["strings.Fields"] = Common.ValueKinds.List,
            ["strings.SplitAfter"] = Common.ValueKinds.List,
            // []byte results: the whole content, which string(tmpl) copies again wherever it is converted
            ["os.ReadFile"] = Common.ValueKinds.List, ["io/ioutil.ReadFile"] = Common.ValueKinds.List,
            ["io.ReadAll"] = Common.ValueKinds.List, ["io/ioutil.ReadAll"] = Common.ValueKinds.List,
            ["encoding/json.Marshal"] = Common.ValueKinds.List, ["encoding/json.MarshalIndent"] = Common.ValueKinds.List,
            ["encoding/xml.Marshal"] = Common.ValueKinds.List, ["encoding/xml.MarshalIndent"] = Common.ValueKinds.List,
            // string results: placeholders = strings.TrimSuffix(placeholders, ",") keeps a string a string; res := fmt.Sprintf(…) is one
            ["strings.TrimSuffix"] = Common.ValueKinds.String, ["strings.TrimPrefix"] = Common.ValueKinds.String,
            ["strings.TrimSpace"] = Common.ValueKinds.String, ["strings.Trim"] = Common.ValueKinds.String,
            ["strings.TrimRight"] = Common.ValueKinds.String, ["strings.TrimLeft"] = Common.ValueKinds.String,
            ["strings.ToLower"] = Common.ValueKinds.String, ["strings.ToUpper"] = Common.ValueKinds.String,
            ["strings.Join"] = Common.ValueKinds.String, ["strings.Repeat"] = Common.ValueKinds.String,
            ["strings.ReplaceAll"] = Common.ValueKinds.String, ["strings.Replace"] = Common.ValueKinds.String,
            [Sprintf] = Common.ValueKinds.String, ["strconv.Itoa"] = Common.ValueKinds.String, ["strconv.FormatInt"] = Common.ValueKinds.String,
            ["context.Background"] = Context, ["context.TODO"] = Context, ["context.WithCancel"] = Context, ["context.WithTimeout"] = Context,
            ["context.WithDeadline"] = Context, ["context.WithValue"] = Context, ["context.WithoutCancel"] = Context,
            ["golang.org/x/sync/errgroup.WithContext"] = ErrGroup,
        };

        /// <summary>
        /// A function's result type that serves requests: a function (<c>func(http.Handler) http.Handler</c>), a handler or a
        /// middleware (<c>http.Handler</c>, <c>gin.HandlerFunc</c>, <c>echo.MiddlewareFunc</c>). What builds one runs once, at set-up.
        /// </summary>
        public static bool BuildsHandler(string? result)
        {
            if (result == null) return false;
            string type = result.Trim().TrimStart('*');
            if (type.StartsWith("func(", StringComparison.Ordinal)) return true;
            string name = type.Substring(type.LastIndexOf('.') + 1);
            return name is "Handler" or "HandlerFunc" or "MiddlewareFunc" or "Middleware";
        }

        /// <summary>Writers in memory, whose writes never fail.</summary>
        public static readonly HashSet<string> InMemoryWriters = new(StringComparer.Ordinal) { "bytes.Buffer", "strings.Builder" };

        /// <summary>Searches that scan a slice from the start.</summary>
        public static readonly HashSet<string> LinearSearches = new(StringComparer.Ordinal)
        {
            "slices.Contains", "slices.Index", "slices.ContainsFunc", "slices.IndexFunc", "golang.org/x/exp/slices.Contains", "golang.org/x/exp/slices.Index",
        };

        /// <summary>Package-level variables of a known kind.</summary>
        public static readonly Dictionary<string, string> PackageVariables = new(StringComparer.Ordinal)
        {
            ["net/http.DefaultClient"] = Client,
        };

        /// <summary>Package functions that send an HTTP request and return a response whose body the caller must close.</summary>
        public static readonly HashSet<string> ResponseFunctions = new(StringComparer.Ordinal)
        {
            "net/http.Get", "net/http.Post", "net/http.Head", "net/http.PostForm",
        };

        /// <summary><c>http.Client</c> methods that return a response, with their argument count (a cache's <c>Get(ctx, key)</c> has two).</summary>
        public static readonly Dictionary<string, int> ClientMethods = new(StringComparer.Ordinal)
        {
            ["Do"] = 1, ["Get"] = 1, ["Head"] = 1, ["Post"] = 3, ["PostForm"] = 2,
        };

        /// <summary><c>http.Client</c> methods that build their request themselves, with no context.</summary>
        public static readonly HashSet<string> ContextFreeClientMethods = new(StringComparer.Ordinal) { "Get", "Head", "Post", "PostForm" };

        /// <summary>What a method returns (its first result), by the receiver's kind and the method's name.</summary>
        public static readonly Dictionary<string, string> MethodReturns = new(StringComparer.Ordinal)
        {
            ["database/sql.DB.Begin"] = "database/sql.Tx", ["database/sql.DB.BeginTx"] = "database/sql.Tx",
            ["database/sql.Conn.BeginTx"] = "database/sql.Tx", ["database/sql.DB.Conn"] = "database/sql.Conn",
        };

        /// <summary>The method names of <see cref="MethodReturns"/>: most calls are none of them, and need no receiver lookup.</summary>
        public static readonly HashSet<string> MethodReturnNames = new(StringComparer.Ordinal) { "Begin", "BeginTx", "Conn" };

        /// <summary>Fields only an <c>*http.Response</c> has: a value read through them is a response.</summary>
        public static readonly HashSet<string> ResponseFields = new(StringComparer.Ordinal)
        {
            "Body", "StatusCode", "Status", "Header", "ContentLength", "Trailer", "TLS", "Uncompressed", "Proto",
        };

        /// <summary>Calls that read a body without closing it: passing <c>resp.Body</c> to them hands nothing over.</summary>
        public static readonly HashSet<string> BodyReaders = new(StringComparer.Ordinal)
        {
            "io.ReadAll", "io/ioutil.ReadAll", "io.Copy", "io.CopyN", "io.CopyBuffer", "io.LimitReader", "io.TeeReader", "io.ReadFull",
            "encoding/json.NewDecoder", "encoding/xml.NewDecoder", "bufio.NewReader", "bufio.NewReaderSize", "bufio.NewScanner",
            "compress/gzip.NewReader", "golang.org/x/net/html.Parse", "mime/multipart.NewReader", "encoding/csv.NewReader",
        };

        /// <summary>Printing and logging a value reads it; it does not take it over.</summary>
        public static bool IsPrinter(string resolved) =>
            resolved.StartsWith("fmt.", StringComparison.Ordinal) && !resolved.StartsWith("fmt.Errorf", StringComparison.Ordinal)
            || resolved.StartsWith("log.", StringComparison.Ordinal);

        /// <summary>Calls without a context whose <c>…Context</c> variant exists, with that variant.</summary>
        public static readonly Dictionary<string, string> ContextVariants = new(StringComparer.Ordinal)
        {
            ["net/http.Get"] = "http.NewRequestWithContext(ctx, http.MethodGet, url, nil) and client.Do(req)",
            ["net/http.Head"] = "http.NewRequestWithContext(ctx, http.MethodHead, url, nil) and client.Do(req)",
            ["net/http.Post"] = "http.NewRequestWithContext(ctx, http.MethodPost, url, body) and client.Do(req)",
            ["net/http.PostForm"] = "http.NewRequestWithContext(ctx, http.MethodPost, url, body) and client.Do(req)",
            ["net/http.NewRequest"] = "http.NewRequestWithContext(ctx, …)",
            ["os/exec.Command"] = "exec.CommandContext(ctx, …)",
            ["net.Dial"] = "(&net.Dialer{}).DialContext(ctx, …)",
        };

        /// <summary><c>database/sql</c> methods and their context variants, on a <c>*sql.DB</c>, <c>*sql.Tx</c> or <c>*sql.Conn</c>.</summary>
        public static readonly Dictionary<string, string> SqlContextVariants = new(StringComparer.Ordinal)
        {
            ["Query"] = "QueryContext", ["QueryRow"] = "QueryRowContext", ["Exec"] = "ExecContext", ["Prepare"] = "PrepareContext",
            ["Begin"] = "BeginTx", ["Ping"] = "PingContext",
        };

        public static readonly HashSet<string> SqlKinds = new(StringComparer.Ordinal)
        {
            "database/sql.DB", "database/sql.Tx", "database/sql.Conn", "github.com/jmoiron/sqlx.DB", "github.com/jmoiron/sqlx.Tx",
        };

        public static readonly HashSet<string> NewContexts = new(StringComparer.Ordinal) { "context.Background", "context.TODO" };

        /// <summary>Parameter kinds that carry the request's context: <c>*http.Request</c>, a context, a framework's request context.</summary>
        public static readonly HashSet<string> ContextCarriers = new(StringComparer.Ordinal)
        {
            Context, Request, "github.com/gin-gonic/gin.Context", "github.com/labstack/echo.Context", "github.com/gofiber/fiber.Ctx",
        };

        /// <summary>A parameter of one of these kinds makes a function a handler of that framework.</summary>
        public static readonly Dictionary<string, string> HandlerParameters = new(StringComparer.Ordinal)
        {
            ["github.com/gin-gonic/gin.Context"] = "gin handler",
            ["github.com/labstack/echo.Context"] = "echo handler",
            ["github.com/gofiber/fiber.Ctx"] = "fiber handler",
        };

        /// <summary>Methods that register a handler: the function passed is a request handler.</summary>
        public static readonly HashSet<string> RouteMethods = new(StringComparer.Ordinal)
        {
            "HandleFunc", "Handle", "GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "Any",
            "Get", "Post", "Put", "Delete", "Patch", "Head", "Options", "Method", "MethodFunc",
        };

        /// <summary>Package functions that start a server with no timeouts at all (the default <c>http.Server</c>).</summary>
        public static readonly HashSet<string> DefaultServers = new(StringComparer.Ordinal)
        {
            "net/http.ListenAndServe", "net/http.ListenAndServeTLS", "net/http.Serve", "net/http.ServeTLS",
        };

        public const string Server = "net/http.Server";

        /// <summary>Setting one of these bounds how long a slow client can hold a connection before the handler runs.</summary>
        public static readonly HashSet<string> ServerReadTimeouts = new(StringComparer.Ordinal) { "ReadHeaderTimeout", "ReadTimeout" };

        /// <summary>Constructors of costly, reusable values with a constant input: what they build.</summary>
        public static readonly Dictionary<string, string> ExpensiveConstructors = new(StringComparer.Ordinal)
        {
            ["regexp.MustCompile"] = "compiled regular expression", ["regexp.Compile"] = "compiled regular expression",
            ["regexp.MustCompilePOSIX"] = "compiled regular expression", ["regexp.CompilePOSIX"] = "compiled regular expression",
            // regexp.MatchString(pattern, s) compiles the pattern on every call.
            ["regexp.MatchString"] = "compiled regular expression", ["regexp.Match"] = "compiled regular expression",
            ["regexp.MatchReader"] = "compiled regular expression",
            ["text/template.ParseFiles"] = "parsed template", ["html/template.ParseFiles"] = "parsed template",
            ["text/template.ParseGlob"] = "parsed template", ["html/template.ParseGlob"] = "parsed template",
        };

        public static readonly HashSet<string> TemplateNews = new(StringComparer.Ordinal) { "text/template.New", "html/template.New" };

        public const string Transport = "net/http.Transport";

        public static readonly HashSet<string> MutexKinds = new(StringComparer.Ordinal) { "sync.Mutex", "sync.RWMutex" };

        /// <summary>Blocking I/O while a mutex is held: package functions by resolved name.</summary>
        public static readonly HashSet<string> BlockingFunctions = new(StringComparer.Ordinal)
        {
            "net/http.Get", "net/http.Post", "net/http.Head", "net/http.PostForm", "time.Sleep",
            "os.ReadFile", "os.WriteFile", "os.Open", "os.Create", "os.OpenFile", "os.ReadDir", "io/ioutil.ReadFile", "io/ioutil.WriteFile",
            "io/ioutil.ReadAll", "io.ReadAll", "io.Copy", "net.Dial", "net.DialTimeout", "os/exec.Command",
        };

        /// <summary>
        /// Methods only database handles have (<c>database/sql</c> and sqlx; pgx pools take the context as an argument of
        /// <c>Query</c>/<c>Exec</c> instead, and share only <c>BeginTx</c>): a query with its context. When the receiver's
        /// type is not in the file (<c>s.db</c>, a struct field declared in another file of the package) the name says it is a query.
        /// </summary>
        public static readonly HashSet<string> QueryContextMethods = new(StringComparer.Ordinal)
        {
            "QueryContext", "QueryRowContext", "ExecContext", "PrepareContext", "BeginTx", "SelectContext", "NamedExecContext",
        };

        /// <summary>Blocking methods on values of a known kind.</summary>
        public static readonly Dictionary<string, HashSet<string>> BlockingMethods = new(StringComparer.Ordinal)
        {
            [Client] = new(StringComparer.Ordinal) { "Do", "Get", "Post", "Head", "PostForm" },
            ["database/sql.DB"] = new(StringComparer.Ordinal)
            {
                "Query", "QueryContext", "QueryRow", "QueryRowContext", "Exec", "ExecContext", "Prepare", "PrepareContext", "Ping", "PingContext", "Begin", "BeginTx",
            },
            ["database/sql.Tx"] = new(StringComparer.Ordinal) { "Query", "QueryContext", "QueryRow", "QueryRowContext", "Exec", "ExecContext", "Prepare", "PrepareContext", "Commit" },
            ["database/sql.Stmt"] = new(StringComparer.Ordinal) { "Query", "QueryContext", "QueryRow", "QueryRowContext", "Exec", "ExecContext" },
            ["os.File"] = new(StringComparer.Ordinal) { "Write", "WriteString", "Read", "Sync", "ReadAt", "WriteAt" },
        };

        public const string ErrGroup = "golang.org/x/sync/errgroup.Group";

        /// <summary>Reads that give the same answer for the same arguments within a loop: a file, a directory, a setting.</summary>
        public static readonly HashSet<string> RepeatableReads = new(StringComparer.Ordinal)
        {
            "os.ReadFile", "io/ioutil.ReadFile", "os.Stat", "os.Lstat", "os.ReadDir", "io/ioutil.ReadDir", "os.Getenv", "os.LookupEnv",
            "path/filepath.Glob",
        };

        /// <summary>Conversions that copy their operand, by target type, with the operand kind that makes them one (<c>[]byte(s)</c> of a string).</summary>
        public static readonly Dictionary<string, string> CopyingConversions = new(StringComparer.Ordinal)
        {
            ["[]byte"] = Common.ValueKinds.String, ["[]rune"] = Common.ValueKinds.String, ["string"] = Common.ValueKinds.List,
        };

        /// <summary>
        /// <c>bytes</c> functions that only read their slices and return a bool or a number: a <c>[]byte(s)</c> handed straight to one
        /// neither escapes nor is written, so it costs no heap copy.
        /// </summary>
        public static readonly HashSet<string> ByteReaders = new(StringComparer.Ordinal)
        {
            "bytes.Equal", "bytes.EqualFold", "bytes.Compare", "bytes.HasPrefix", "bytes.HasSuffix", "bytes.Contains", "bytes.ContainsAny",
            "bytes.ContainsRune", "bytes.Index", "bytes.IndexAny", "bytes.IndexByte", "bytes.IndexRune", "bytes.LastIndex", "bytes.LastIndexAny",
            "bytes.LastIndexByte", "bytes.Count",
        };

        /// <summary>Reads that return a whole stream's content at once, and whether the source is a file (else any reader).</summary>
        public static readonly Dictionary<string, bool> WholeReads = new(StringComparer.Ordinal)
        {
            ["io.ReadAll"] = false, ["io/ioutil.ReadAll"] = false, ["os.ReadFile"] = true, ["io/ioutil.ReadFile"] = true,
        };

        /// <summary>Readers capped at a size: reading one whole is bounded on purpose.</summary>
        public static readonly HashSet<string> BoundedReaders = new(StringComparer.Ordinal) { "io.LimitReader", "net/http.MaxBytesReader" };

        /// <summary>Decoders of a whole byte slice whose package also decodes from a reader (<c>json.NewDecoder(r).Decode(&amp;v)</c>).</summary>
        public static readonly Dictionary<string, string> SliceDecoders = new(StringComparer.Ordinal)
        {
            ["encoding/json.Unmarshal"] = "json.NewDecoder(r).Decode(&v)", ["encoding/xml.Unmarshal"] = "xml.NewDecoder(r).Decode(&v)",
        };

        /// <summary>Methods that turn a request into a long-lived connection (websocket upgrades, hijacking).</summary>
        public static readonly HashSet<string> ConnectionTakeovers = new(StringComparer.Ordinal) { "Upgrade", "Hijack" };

        /// <summary>Waiting for a goroutine, cancelling it or recovering its panic: any of these calls in or around it observes it.</summary>
        public static readonly HashSet<string> GoroutineObservers = new(StringComparer.Ordinal) { "Wait", "Done", "Context", "recover" };

        /// <summary>Timer constructors: per loop iteration each allocates a runtime timer.</summary>
        public const string After = "time.After";
        public const string Tick = "time.Tick";
        public static readonly HashSet<string> TimerConstructors = new(StringComparer.Ordinal) { "time.NewTimer", "time.NewTicker" };

        /// <summary>Go 1.23 collects unreferenced timers and tickers: before it, an unfired <c>time.After</c> timer lives until it fires.</summary>
        public const int TimerCollectedMinor = 23;

        /// <summary>Test programs named for what they test, not <c>_test.go</c> files (minio-go's <c>functional_tests.go</c>, built with <c>-tags mint</c>).</summary>
        public static readonly HashSet<string> TestPrograms = new(StringComparer.OrdinalIgnoreCase)
        {
            "functional_tests.go", "integration_tests.go", "e2e_tests.go", "acceptance_tests.go", "smoke_tests.go",
        };

        public static readonly Regex EntryName = new(@"^(main|init|(Test|Benchmark|Fuzz|Example)([A-Z_0-9].*)?)$", RegexOptions.CultureInvariant);

        /// <summary><c>github.com/labstack/echo/v4.Context</c> → <c>github.com/labstack/echo.Context</c>: kinds compared without the major version.</summary>
        public static string? WithoutMajorVersion(string? kind) => kind == null ? null : MajorVersion.Replace(kind, "");

        private static readonly Regex MajorVersion = new(@"/v[0-9]+(?=[/.])", RegexOptions.CultureInvariant);
    }
}
