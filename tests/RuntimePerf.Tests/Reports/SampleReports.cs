using System.Collections.Generic;
using System.Linq;
using RuntimePerf.Engine.Catalog;
using RuntimePerf.Engine.Model;
using RuntimePerf.Engine.Reports;

namespace RuntimePerf.Tests.Reports
{
    /// <summary>The fixed report behind the golden files and the report tests.</summary>
    internal static class SampleReports
    {
        public const string CSharpFile = "src/Api/Controllers/OrdersController.cs";
        // A space and a non-ASCII character: both must be percent-encoded in SARIF and kept as is in JSON.
        public const string PythonFile = "scripts/données/export job.py";

        public static IReadOnlyList<Finding> RawFindings { get; } = new[]
        {
            Make("RP0001", Severity.High, Confidence.High, CSharpFile, new SourceSpan(42, 20, 42, 47), CodeContext.RequestHandler, Language.CSharp,
                "Blocking IO: File.ReadAllText(path) inside async action OrdersController.GetAsync blocks a thread-pool thread",
                "Use await File.ReadAllTextAsync(path, cancellationToken)", "GetAsync", "var json = File.ReadAllText(path);"),
            Make("RP0007", Severity.Critical, Confidence.High, CSharpFile, new SourceSpan(57, 24, 57, 58), CodeContext.RequestHandler, Language.CSharp,
                "Blocking wait: client.GetStringAsync(url).Result inside action OrdersController.Export",
                "Await the task: await client.GetStringAsync(url)", "Export", "var body = client.GetStringAsync(url).Result;"),
            Make("RP0003", Severity.Low, Confidence.High, CSharpFile, new SourceSpan(80, 16, 80, 39), CodeContext.Sync, Language.CSharp,
                "orders.ToList().Count materialises a List<Order> only to count it in OrdersController.Summary",
                "Use orders.Count() (or Count on the source collection when it has one)", "Summary", "return orders.ToList().Count;"),
            Make("RP0001", Severity.Medium, Confidence.High, PythonFile, new SourceSpan(12, 12, 12, 35), CodeContext.Background, Language.Python,
                "Blocking IO: input_path.read_bytes() inside async function export_job blocks event loop",
                "Use aiofiles or await asyncio.to_thread(input_path.read_bytes)", "export_job", "data = input_path.read_bytes()"),
            Make("RP0005", Severity.Medium, Confidence.Medium, PythonFile, new SourceSpan(30, 15, 30, 31), CodeContext.Background, Language.Python,
                "json.loads(body) of the whole export inside async function export_job runs on the event loop",
                "Offload it: await asyncio.to_thread(json.loads, body)", "export_job", "rows = json.loads(body)"),
        };

        public static IReadOnlyDictionary<string, FileCounts> Files { get; } = new Dictionary<string, FileCounts>
        {
            ["python"] = new FileCounts(4, 1),
            ["csharp"] = new FileCounts(12, 3),
        };

        public static IReadOnlyList<AuditNotice> Notices { get; } = new[]
        {
            new AuditNotice("scripts/legacy/broken.py", "Could not parse the file (unexpected indent at line 3); it was skipped."),
        };

        public static AuditReport Create(IEnumerable<Finding>? findings = null, long durationMs = 1234) =>
            AuditReport.Create("0.1.0", "src/Api/Api.csproj", findings ?? RawFindings, Files, Notices, durationMs, new GateSettings(7.0, true));

        /// <summary>
        /// The catalog and doc pages pinned for the golden SARIF, so it changes only when the writer does, not when
        /// a rule gains a detector or a page is edited: RP0001/RP0002/RP0007 have detectors, only RP0001 has a page.
        /// </summary>
        public static SarifOptions PinnedSarifOptions { get; } = new SarifOptions
        {
            Rules = RuleCatalog.All
                .Select(r => r with { Languages = r.Id is "RP0001" or "RP0002" or "RP0007" ? new[] { Language.CSharp, Language.Python } : new Language[0] })
                .ToList(),
            RuleDoc = id => id == "RP0001" ? RP0001Page : null,
        };

        public const string RP0001Page = "# RP0001 — Blocking I/O in async\n\n## What it flags\n\nA synchronous call such as `File.ReadAllText` inside an `async` method.\n";

        private static Finding Make(string rule, Severity severity, Confidence confidence, string path, SourceSpan span, CodeContext context,
            Language language, string issue, string recommendation, string symbol, string line) => new Finding
            {
                RuleId = rule,
                Severity = severity,
                Confidence = confidence,
                Effort = Effort.S,
                Path = path,
                Span = span,
                Issue = issue,
                Principle = RuleCatalog.Get(rule).Principle,
                Recommendation = recommendation,
                Context = context,
                Language = language,
                EnclosingSymbol = symbol,
                LineText = line,
            };
    }
}
