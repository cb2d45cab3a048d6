using Microsoft.CodeAnalysis;
using RuntimePerf.Engine.Model;

namespace RuntimePerf.CSharp.Analysis
{
    internal enum FunctionKind { Method, LocalFunction, Lambda, TopLevel, Member }

    /// <summary>The innermost function around a flagged operation and what it means for the async rules.</summary>
    internal sealed class FunctionScope
    {
        /// <summary>The function's syntax: method, local function, lambda, compilation unit (top level) or other member.</summary>
        public SyntaxNode Node { get; set; } = null!;
        public FunctionKind Kind { get; set; }
        /// <summary>
        /// Async code: declared <c>async</c>, or returning an awaitable (Task, ValueTask, IAsyncEnumerable…) without the
        /// keyword — its callers await it believing it will not block, so what it does before returning blocks them.
        /// </summary>
        public bool IsAsync { get; set; }
        /// <summary>The <c>async</c> keyword itself: without it, <c>await using</c> or <c>await</c> means making the function async first.</summary>
        public bool HasAsyncKeyword { get; set; }
        /// <summary>For async code without the keyword: the awaitable it returns (<c>Task</c>, <c>ValueTask</c>, <c>IAsyncEnumerable</c>).</summary>
        public string? AwaitableReturn { get; set; }
        /// <summary>A handler by declaration (controller action, hub, middleware, page handler) or as a MapGet/Use lambda.</summary>
        public bool IsHandler { get; set; }
        /// <summary>Set for methods and local functions that a MapGet(…, Method) elsewhere may still make a handler.</summary>
        public Location? MethodGroupKey { get; set; }
        /// <summary>A lambda handed to Task.Run, new Thread, Parallel.ForEach…: it already runs off the caller's thread.</summary>
        public bool IsOffloaded { get; set; }
        /// <summary>Main or top-level statements: startup code, outside the hot path.</summary>
        public bool IsStartup { get; set; }
        /// <summary>Inside a test method or test class: not audited.</summary>
        public bool IsTest { get; set; }
        /// <summary>Stable name: <c>OrdersController.Get</c>, <c>Program.&lt;lambda in MapGet("/")&gt;</c>.</summary>
        public string Symbol { get; set; } = "";

        /// <summary>True when some final context could make an async-path rule (RP0001/2/7) apply here.</summary>
        public bool MayBeAsyncPath => !IsTest && !IsOffloaded && !IsStartup && (IsAsync || IsHandler || MethodGroupKey != null);

        /// <summary>
        /// Where sync-over-async and dropped tasks are reported (RP0007, RP0024): async code and handlers, and plain sync
        /// code too (context <c>sync</c>, at MEDIUM) — not tests, startup (Main, top-level statements) or offloaded work.
        /// </summary>
        public bool IsRuntimeCode => !IsTest && !IsOffloaded && !IsStartup;

        public CodeContext ContextWith(bool registeredAsHandler) =>
            IsHandler || registeredAsHandler ? CodeContext.RequestHandler
            : IsAsync ? CodeContext.Background
            : CodeContext.Sync;

        /// <summary>"request handler OrdersController.Get", "async method Worker.RunAsync", "lambda Program.&lt;lambda&gt;".</summary>
        public string Describe(CodeContext context)
        {
            if (context == CodeContext.RequestHandler) return "request handler " + Symbol;
            if (Kind == FunctionKind.TopLevel) return "top-level statements";
            string kind = Kind switch
            {
                FunctionKind.Method => "method ",
                FunctionKind.LocalFunction => "local function ",
                FunctionKind.Lambda => "lambda ",
                _ => "",
            };
            string returns = AwaitableReturn != null ? " (returns " + AwaitableReturn + ")" : "";
            return (HasAsyncKeyword ? "async " : "") + kind + Symbol + returns;
        }
    }
}
