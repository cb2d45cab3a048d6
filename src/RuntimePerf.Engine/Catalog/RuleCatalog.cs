using System;
using System.Collections.Generic;
using System.Linq;
using RuntimePerf.Engine.Model;
using static RuntimePerf.Engine.Model.Severity;
using static RuntimePerf.Engine.Model.Effort;
using static RuntimePerf.Engine.Model.Language;

namespace RuntimePerf.Engine.Catalog
{
    /// <summary>
    /// The rule catalog RP0001–RP0026 (one page each under docs/rules/), plus RP0100 for unused inline suppressions. Every other component takes ids, titles and
    /// default severities from here. <see cref="RuleInfo.Languages"/> lists the languages that have a
    /// detector today; a rule with none is catalogued but not yet checked.
    /// </summary>
    public static class RuleCatalog
    {
        /// <summary>Base of the published repository; doc pages live under docs/rules/ there.</summary>
        public const string DocsBaseUri = "https://github.com/runtimeperf/RuntimePerf.Build/blob/main/";

        private const string NonBlockingIo = "Async Best Practices / Non-Blocking IO";
        private const string Concurrency = "Async Best Practices / Concurrency";
        private const string Allocation = "Memory Efficiency / Avoid Needless Allocation";
        private const string ResourceReuse = "Resource Management / Reuse Expensive Objects";
        private const string Algorithmic = "Algorithmic Efficiency";
        private const string ResourceLifetime = "Resource Management / Lifetimes and Cleanup";

        public static IReadOnlyList<RuleInfo> All { get; } = new[]
        {
            Rule("RP0001", "Blocking I/O in async", "A synchronous file, network, subprocess or database call inside async code blocks the thread that should serve other work.", NonBlockingIo, High, Medium, S, CSharp, Python, JavaScript, TypeScript, Rust),
            Rule("RP0002", "Sync sleep in async", "A synchronous sleep inside async code parks the thread instead of yielding it.", NonBlockingIo, High, Medium, S, CSharp, Python, JavaScript, TypeScript, Rust),
            Rule("RP0003", "Unnecessary allocation", "A collection is materialised only to be counted or tested.", Allocation, Medium, Low, S, CSharp, Python, JavaScript, TypeScript, Rust),
            Rule("RP0004", "String concatenation in a loop", "A string is built by repeated concatenation inside a loop, copying it on every iteration.", Allocation, Medium, Medium, S, CSharp, Python, JavaScript, TypeScript, Go, Rust),
            Rule("RP0005", "CPU-bound work in async without offload", "CPU-heavy work (parsing, hashing, compression, image processing) runs inline in async code.", "Async Best Practices / Offload CPU-Bound Work", Medium, Medium, S, CSharp, Python, JavaScript, TypeScript, Rust),
            Rule("RP0006", "Redundant data copy", "A collection is copied and the copy is only read.", Allocation, Low, Low, S, CSharp, Python, JavaScript, TypeScript, Go, Rust),
            Rule("RP0007", "Blocking wait on async work", "Async work is waited on synchronously, blocking a thread and risking deadlock or starvation.", "Async Best Practices / Async All the Way", High, High, S, CSharp, Python, Rust),
            Rule("RP0008", "Sequential awaits of independent work", "Independent async operations are awaited one after another instead of concurrently.", Concurrency, Medium, Medium, M, Confidence.Medium, CSharp, Python, JavaScript, TypeScript, Rust),
            Rule("RP0009", "Await in a loop", "Each iteration awaits work that does not depend on the previous iteration.", Concurrency, Medium, Medium, M, CSharp, Python, JavaScript, TypeScript, Rust),
            Rule("RP0010", "Unbounded concurrency or queue", "Work is fanned out or queued with no bound on concurrency or size.", Concurrency, Medium, Medium, M, CSharp, Python, JavaScript, TypeScript, Go, Rust),
            Rule("RP0011", "Client per request", "An HTTP client or session is created per call instead of being reused.", ResourceReuse, Medium, Medium, S, CSharp, Python, JavaScript, TypeScript, Go, Rust),
            Rule("RP0012", "Cache decorator on async function", "A memoising decorator caches a coroutine object that can be awaited only once.", "Async Best Practices / Correctness", High, High, S, Python),
            Rule("RP0013", "Missing backpressure", "Data is written without waiting for the writer to drain.", "Async Best Practices / Backpressure", Medium, Medium, S, Python, JavaScript, TypeScript, Rust),
            Rule("RP0014", "Lock held across await or I/O", "A lock stays held across an await or a blocking I/O call.", Concurrency, Medium, Medium, M, CSharp, Python, Go, Rust),
            Rule("RP0015", "Expensive object rebuilt per iteration or call", "An object that is costly to build (regex, serializer options, parser) is rebuilt per iteration or call.", ResourceReuse, Medium, Medium, S, CSharp, Python, JavaScript, TypeScript, Go, Rust),
            Rule("RP0016", "Repeated I/O in a loop", "The same file or configuration is read again on every iteration.", ResourceReuse, Medium, Medium, S, CSharp, Python, JavaScript, TypeScript, Go),
            Rule("RP0017", "Quadratic scan", "A linear search over a list runs inside a loop over data.", Algorithmic, Medium, Medium, M, CSharp, Python, JavaScript, TypeScript, Go, Rust),
            Rule("RP0018", "Missing cancellation", "Cancellation available to the code is not passed on, so abandoned work keeps running.", "Async Best Practices / Cancellation", Medium, Medium, S, CSharp, Go),
            Rule("RP0019", "Timer allocated per loop iteration", "A timer is allocated on every loop iteration.", ResourceLifetime, Medium, Medium, S, Go),
            Rule("RP0020", "Response body not closed", "An HTTP response body is not closed on every path, leaking the connection.", ResourceLifetime, High, High, S, Go, JavaScript, TypeScript),
            Rule("RP0021", "Server without timeouts", "An HTTP server runs without read/write/idle timeouts.", ResourceLifetime, Medium, Medium, S, Go),
            Rule("RP0022", "Missing preallocation", "A collection of known final size is grown element by element from zero capacity.", Allocation, Low, Low, S, CSharp, Python, Go, Rust),
            Rule("RP0023", "Unbounded growth", "A long-lived collection is added to but never removed from or bounded.", "Memory Efficiency / Bounded Caches", Low, Low, M, precision: Confidence.Low, Go),
            Rule("RP0024", "Fire-and-forget async work", "Async work is started and neither awaited nor observed.", "Async Best Practices / Observe Every Task", Medium, Medium, S, CSharp, Python, JavaScript, TypeScript, Go, Rust),
            Rule("RP0025", "Buffered where streaming fits", "A whole result is serialised into memory before being written to a stream.", "Memory Efficiency / Streaming", Low, Low, S, CSharp, Python, JavaScript, TypeScript, Go),
            Rule("RP0026", "Ignored error on a write path", "The error result of a response write or encode is discarded.", "Reliability / Handle Write Errors", Low, Low, S, Go),
            // Not a performance rule and no language detector: the audit itself reports it (Suppressions/InlineSuppressions)
            // for a comment that silences nothing. RP01xx is for rules about the audit itself.
            Rule("RP0100", "Unused suppression", "An inline suppression names a rule that reports nothing on its line.", "Maintainability / Honest Suppressions", Low, Low, S),
        };

        private static readonly Dictionary<string, RuleInfo> ById = All.ToDictionary(r => r.Id, StringComparer.Ordinal);

        public static RuleInfo Get(string id) =>
            ById.TryGetValue(id, out var rule) ? rule : throw new ArgumentException("Unknown rule id '" + id + "'.", nameof(id));

        public static bool TryGet(string id, out RuleInfo? rule) => ById.TryGetValue(id, out rule);

        private static RuleInfo Rule(string id, string title, string concept, string principle, Severity inHandler, Severity elsewhere,
            Effort effort, params Language[] languages) =>
            Rule(id, title, concept, principle, inHandler, elsewhere, effort, Confidence.High, languages);

        private static RuleInfo Rule(string id, string title, string concept, string principle, Severity inHandler, Severity elsewhere,
            Effort effort, Confidence precision, params Language[] languages) => new RuleInfo
            {
                Id = id,
                Title = title,
                Concept = concept,
                Principle = principle,
                HandlerSeverity = inHandler,
                DefaultSeverity = elsewhere,
                Effort = effort,
                Precision = precision,
                Languages = languages,
                Tags = new[] { "performance", principle.StartsWith("Async", StringComparison.Ordinal) ? "async" : "efficiency" },
            };
    }
}
