using System;
using RuntimePerf.Engine.Model;
using RuntimePerf.Languages.Common;

namespace RuntimePerf.Languages.Rust
{
    /// <summary>Answers the rules' questions about Rust calls from <see cref="RustTables"/>.</summary>
    internal sealed class RustKnowledge : ILanguageKnowledge
    {
        public static readonly RustKnowledge Instance = new();

        public Language Language => Language.Rust;

        public RuleAdvice Advice { get; } = new()
        {
            BlockingHelper = "Make {name} async (with tokio's non-blocking APIs), or call it through tokio::task::spawn_blocking(move || {call}).await",
            AwaitInLoop = "Run the per-item futures concurrently with a bound: futures::stream::iter(items).map(f).buffer_unordered(n)",
            SequentialAwaits = "Run them concurrently: let (a, b) = tokio::join!(f(), g());",
            FireAndForget = "Keep the JoinHandle and await it (or put the task in a tokio::task::JoinSet), or handle the error inside the task and log it",
            ClientPerRequest = "Create one reqwest::Client at startup (it is an Arc inside: clone it into the state) and reuse it",
            ExpensiveObject = "Build it once: hoist it out of the loop, or keep it in a static std::sync::LazyLock (once_cell::sync::Lazy)",
            UnboundedFanOut = "Bound the fan-out: futures::stream::iter(items).map(f).buffer_unordered(n), or a tokio::sync::Semaphore",
            UnboundedQueue = "Use a bounded channel (tokio::sync::mpsc::channel(n)) so that send().await applies backpressure",
            StringConcatInLoop = "Append in place: s.push_str(…) or write!(s, …) (std::fmt::Write) instead of s = format!(\"{s}…\")",
            QuadraticScan = "Keep a HashSet (or HashMap keyed by the looked-up value) alongside the Vec, or build one before the loop",
            LockAroundIo = "Drop the guard before the .await (scope it in a block or call drop(guard)), or use tokio::sync::Mutex and .lock().await",
            BlockingEffect = "blocks a runtime worker thread (and every task queued on it)",
            MaterializedCollection = "a collected Vec",
            CpuEffect = "runs on a runtime worker thread without spawn_blocking",
            BlockingWaitEffect = "waits synchronously inside a running runtime (Tokio panics, or the worker thread blocks and can deadlock)",
            DroppedTaskEffect = "so the task runs detached and the error its Result carries is never seen",
            QueueBound = "capacity",
        };

        public CallRow? Classify(CallModel call)
        {
            if (call.IsAwaited) return null; // an awaited call is an async API that shares a name
            if (call.Resolved is { } resolved && RustTables.Async.Function(resolved) is { } row) return row;
            if (call.Method is not { } method) return null;
            if (RustTables.BlockingMethods.TryGetValue(method, out var blocking)) return blocking;
            return RustTables.Async.HasMethod(method) ? RustTables.Async.Method(ReceiverKind(call), method) : null;
        }

        public string? ReceiverKind(CallModel call)
        {
            if (call.ReceiverCall is { } rc) return KindOfCall(rc);
            if (call.Receiver is not { } receiver) return null;
            if (receiver.StartsWith("self.", StringComparison.Ordinal) && receiver.IndexOf('.', 5) < 0) return call.Function.KindOfSelfAttribute(receiver);
            return SourceModel.IsPlainName(receiver) ? call.Function.KindOf(receiver) : null;
        }

        public string? KindOfCall(CallModel call)
        {
            if (call.Resolved is { } r && RustTables.Constructors.TryGetValue(r, out var kind)) return kind;
            if (call.Method is not { } m) return null;
            if (m == "collect") return CollectsVec(call) ? ValueKinds.List : null;
            if (m is "to_string" or "to_owned" && call.Arguments.Count == 0) return ValueKinds.String;
            if (m is "to_vec" && call.Arguments.Count == 0) return ValueKinds.List;
            string? receiverKind = ReceiverKind(call);
            if (receiverKind == null) return null;
            if (RustTables.Unwrappers.Contains(m)) return receiverKind;
            return RustTables.MethodResults.TryGetValue((receiverKind, m), out var result) ? result : null;
        }

        /// <summary><c>collect::&lt;Vec&lt;_&gt;&gt;()</c> (a turbofish naming Vec; a set or map counts distinct items and is no needless collect).</summary>
        private static bool CollectsVec(CallModel call) =>
            call.Written.EndsWith(">>", StringComparison.Ordinal) && (call.Written.Contains("collect::<Vec<", StringComparison.Ordinal)
                || call.Written.Contains("collect::<std::vec::Vec<", StringComparison.Ordinal));

        /// <summary>
        /// <c>tokio::spawn(async move { … })</c> dropped, where the task returns errors through <c>?</c> or <c>return</c>
        /// and reports none itself: the Result lands in the dropped JoinHandle and nobody sees it.
        /// </summary>
        public bool IsTaskSpawn(CallModel call)
        {
            if (call.Resolved is not { } r || !RustTables.TaskSpawns.Contains(r) || call.Positional(0) is not { } future) return false;
            FunctionModel? task = null;
            foreach (var fn in call.Function.File.Functions)
            {
                if (fn.Kind == FunctionKind.Lambda && fn.StartByte == future.StartByte && fn.EndByte == future.EndByte) { task = fn; break; }
            }
            if (task == null) return false;
            bool returnsErrors = false;
            foreach (var st in call.Function.File.Statements)
            {
                if (st.Function == task && st.Kind == StatementKind.Return) { returnsErrors = true; break; }
            }
            if (!returnsErrors) return false;
            foreach (var c in task.Calls)
            {
                if (c.Written.EndsWith("!", StringComparison.Ordinal) && RustTables.ReportingMacros.Contains(LastSegment(c.Written.TrimEnd('!')))) return false;
            }
            return true;
        }

        public bool IsClientConstruction(CallModel call)
        {
            if (call.Resolved is { } r && RustTables.Clients.Contains(r)) return true;
            return call.Method == "build" && call.ReceiverCall is { } builder && KindOfCall(builder) is { } kind && RustTables.ClientBuilderKinds.Contains(kind);
        }

        public string? ExpensiveConstruction(CallModel call)
        {
            if (call.Resolved is not { } r || !RustTables.RegexConstructors.Contains(r)) return null;
            // A constant pattern: one built from data (format!, a parameter) may differ per iteration.
            return call.Positional(0) is { Shape: Shape.String } ? "regular expression" : null;
        }

        public bool IsMemoisingDecorator(DecoratorModel decorator) =>
            decorator.Resolved is { } r && (r == "cached::proc_macro::cached" || r == "cached" || r == "cached::cached" || r == "memoize::memoize");

        public bool IsFanOut(CallModel call) => false;

        /// <summary>An unbounded channel created inside a request handler: one unbounded buffer per request, fed with no backpressure.</summary>
        public bool IsUnboundedQueue(CallModel call) =>
            call.Resolved is { } r && RustTables.UnboundedChannels.Contains(r) && call.Function.IsHandler;

        public bool IsOrderedAwait(CallModel call) => true;

        public bool IsLimiterKind(string? kind) => kind == "tokio::sync::Semaphore";

        public bool IsThreadLockKind(string? kind) => kind is "std::sync::Mutex" or "std::sync::RwLock" or "parking_lot::Mutex" or "parking_lot::RwLock";

        public bool IsStreamWriterKind(string? kind) => false;

        /// <summary>
        /// <c>….collect::&lt;Vec&lt;_&gt;&gt;().len()</c>, or a Vec collected into a binding whose one use is <c>v.len()</c>
        /// (clippy's needless_collect): the count or test needs no Vec.
        /// </summary>
        public string? MaterializedOnlyToConsume(CallModel call)
        {
            if (call.Method is not { } m || !ConsumerAdvice(m, out string advice) || call.Arguments.Count > (m == "contains" ? 1 : 0)) return null;
            if (call.ReceiverCall is { Method: "collect" } collect) return CollectsVec(collect) ? advice : null;
            if (call.Receiver is not { } name || !SourceModel.IsPlainName(name)) return null;
            var (binding, owner) = call.Function.Lookup(name);
            if (owner == null || binding is not { Kind: ValueKinds.List, Count: 1 } || !CollectedAt(owner, binding.FirstPosition)) return null;
            var file = call.Function.File;
            int reads = 0;
            foreach (var use in file.UsesOf(name, owner, binding.FirstPosition, owner.EndByte))
            {
                if (use.Kind == UseKind.Read) reads++;
                else if (use.Start != binding.FirstPosition) return null;
            }
            return reads == 1 ? advice : null;
        }

        /// <summary>The binding at <paramref name="position"/> takes the value of a <c>collect()</c> (the let's outermost call).</summary>
        private static bool CollectedAt(FunctionModel owner, int position)
        {
            foreach (var c in owner.Calls)
            {
                if (c.StartByte > position) return c.Method == "collect" && owner.File.Text.GetPosition(c.StartByte).Line == owner.File.Text.GetPosition(position).Line;
            }
            return false;
        }

        private static bool ConsumerAdvice(string method, out string advice)
        {
            advice = method switch
            {
                "len" => "Iterator::count() on the iterator (no Vec)",
                "is_empty" => "Iterator::next().is_none() (or !iter.any(|_| true)) on the iterator (no Vec)",
                "contains" => "Iterator::any(|x| x == …) on the iterator (no Vec)",
                "into_iter" => "the iterator itself (chain on it instead of collecting)",
                _ => "",
            };
            return advice.Length > 0;
        }

        public bool IsMutatingMethod(string method) => RustTables.MutatingMethods.Contains(method);

        internal static string LastSegment(string path)
        {
            int i = path.LastIndexOf("::", StringComparison.Ordinal);
            return i < 0 ? path : path.Substring(i + 2);
        }
    }
}
