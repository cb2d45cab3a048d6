using System;
using System.Collections.Generic;
using System.Linq;
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
            ClientPerRequest = "Create the client or pool once at startup and share it through the state (reqwest::Client and sqlx pools are Arcs inside: clone them)",
            ExpensiveObject = "Build it once: hoist it out of the loop, or keep it in a static std::sync::LazyLock (once_cell::sync::Lazy)",
            UnboundedFanOut = "Bound the fan-out: futures::stream::iter(items).map(f).buffer_unordered(n), or a tokio::sync::Semaphore",
            UnboundedQueue = "Use a bounded channel (tokio::sync::mpsc::channel(n)) so that send().await applies backpressure",
            StringConcatInLoop = "Append in place: s.push_str(…) or write!(s, …) (std::fmt::Write) instead of s = format!(\"{s}…\")",
            QuadraticScan = "Keep a HashSet (or HashMap keyed by the looked-up value) alongside the Vec, or build one before the loop",
            LockAroundIo = "Drop the guard before the .await (scope it in a block or call drop(guard)), or use tokio::sync::Mutex and .lock().await",
            BlockingEffect = "blocks a runtime worker thread (and every task queued on it)",
            MaterializedCollection = "a collection built by collect()",
            CpuEffect = "runs on a runtime worker thread without spawn_blocking",
            BlockingWaitEffect = "waits synchronously inside a running runtime (Tokio panics, or the worker thread blocks and can deadlock)",
            FireAndForgetIssue = "Fire-and-forget: the task from {call} in {where} is dropped, so the task runs detached and the error its Result carries is never seen",
            UnstartedIssue = "Fire-and-forget: {call} in {where} builds the future {name} returns and drops it without .await, so {name} never runs",
            UnstartedAdvice = ".await it; to run it in the background, tokio::spawn it and keep the JoinHandle",
            QueueBound = "capacity",
        };

        public CallRow? Classify(CallModel call)
        {
            if (call.IsAwaited) return null; // an awaited call is an async API that shares a name
            if (call.Resolved is { } parser && RustTables.JsonParsers.Contains(parser)) return ParsesUnboundedBody(call) ? RustTables.UnboundedBodyParse : null;
            if (call.Resolved is { } resolved && RustTables.Async.Function(resolved) is { } row) return InRuntime(row, call.Function.File);
            if (call.Method is not { } method) return null;
            if (RustTables.BlockingMethods.TryGetValue(method, out var blocking)) return blocking;
            return RustTables.Async.HasMethod(method) && RustTables.Async.Method(ReceiverKind(call), method) is { } byKind ? InRuntime(byKind, call.Function.File) : null;
        }

        /// <summary>
        /// <c>serde_json::from_slice(&amp;body)</c> where <c>body</c> is a request body read whole with no size limit
        /// (<c>hyper::body::to_bytes</c>, <c>axum::body::to_bytes(b, usize::MAX)</c>, <c>.collect().await?.to_bytes()</c>), bound by
        /// <c>let</c> earlier in the function or collected in the argument itself. Bodies taken by an extractor (<c>Bytes</c>,
        /// <c>String</c>, <c>Json</c>) are not: the framework caps them by default (axum 2 MB, actix-web 256 kB).
        /// </summary>
        private static bool ParsesUnboundedBody(CallModel parse)
        {
            if (parse.Positional(0) is not { Text: { } argument } arg) return false;
            var fn = parse.Function;
            string name = BodyName(argument);
            foreach (var c in fn.Calls)
            {
                if (c.StartByte >= arg.EndByte) break;
                if (!ReadsWholeBody(c)) continue;
                if (c.StartByte >= arg.StartByte) return true;
                if (SourceModel.IsPlainName(name) && BoundName(fn.File, fn, c, matched: true) is { } bound && bound.Name == name) return true;
            }
            return false;
        }

        /// <summary>
        /// <c>&amp;body</c>, <c>body.as_ref()</c>, <c>&amp;body[..]</c>, <c>body.reader()</c> → <c>body</c>; a slice of it too
        /// (<c>&amp;raw[4..4 + len]</c> → <c>raw</c>): its bounds come from the body, so it is as unbounded — not one that ends at
        /// a literal (<c>&amp;raw[..16]</c>: at most that many bytes).
        /// </summary>
        private static string BodyName(string argument)
        {
            string name = argument.TrimStart('&').Trim();
            foreach (string suffix in RustTables.BodyViews)
            {
                if (name.EndsWith(suffix, StringComparison.Ordinal)) return name.Substring(0, name.Length - suffix.Length);
            }
            int index = name.IndexOf('[');
            if (index <= 0 || !name.EndsWith(']')) return name;
            string range = name.Substring(index + 1, name.Length - index - 2);
            int dots = range.IndexOf("..", StringComparison.Ordinal);
            string end = dots < 0 ? "" : range.Substring(dots + 2).TrimStart('=').Trim();
            return end.Length > 0 && end.All(char.IsDigit) ? name : name.Substring(0, index).TrimEnd();
        }

        private static bool ReadsWholeBody(CallModel call)
        {
            if (call.Resolved is { } r)
            {
                if (RustTables.UnlimitedBodyReads.Contains(r)) return true;
                return RustTables.LimitedBodyReads.Contains(r) && call.Positional(1) is { Text: "usize::MAX" };
            }
            return call.Method == "to_bytes" && call.ReceiverCall is { Method: "collect", Arguments.Count: 0 };
        }

        /// <summary>The row with its advice in the idiom of the runtime the crate uses (tokio's unless Cargo.toml says otherwise).</summary>
        private static CallRow InRuntime(CallRow row, SourceModel file) =>
            RuntimeOf(file) is { } runtime && RustTables.RuntimeAdvice[runtime].TryGetValue(row.Replacement, out var advice) ? row with { Replacement = advice } : row;

        /// <summary>async-std or smol when the crate's Cargo.toml depends on it and not on tokio; null for tokio (the default).</summary>
        internal static string? RuntimeOf(SourceModel file)
        {
            if (file.Dependencies is not { } dependencies || dependencies.Contains("tokio")) return null;
            foreach (string runtime in RustTables.RuntimeAdvice.Keys)
            {
                if (dependencies.Contains(runtime)) return runtime;
            }
            return null;
        }

        /// <summary>How far down a receiver chain kinds are worked out (a 10,000-long chain must not recurse 10,000 deep).</summary>
        private const int MaxChain = 32;

        public string? ReceiverKind(CallModel call) => ReceiverKind(call, 0);

        private string? ReceiverKind(CallModel call, int depth)
        {
            if (call.ReceiverCall is { } rc) return depth < MaxChain ? KindOfCall(rc, depth + 1) : null;
            if (call.Receiver is not { } receiver) return null;
            if (receiver.StartsWith("self.", StringComparison.Ordinal) && receiver.IndexOf('.', 5) < 0) return call.Function.KindOfSelfAttribute(receiver);
            return SourceModel.IsPlainName(receiver) ? call.Function.KindOf(receiver) : null;
        }

        public string? KindOfCall(CallModel call) => KindOfCall(call, 0);

        private string? KindOfCall(CallModel call, int depth)
        {
            if (call.Resolved is { } r && RustTables.Constructors.TryGetValue(r, out var kind)) return kind;
            // BufReader::new(file): reads and writes through the buffer still go to the std File (or socket) underneath.
            if (call.Resolved is { } w && RustTables.BufferingWrappers.Contains(w) && call.Arguments.Count > 0 && depth < MaxChain)
            {
                var inner = call.Arguments[^1];
                int end = inner.EndByte; // through `?`: BufReader::new(File::open(p)?)
                while (end > inner.StartByte && call.Function.File.Text.Utf8[end - 1] == (byte)'?') end--;
                string? wrapped = call.Function.File.CallAt(inner.StartByte, end) is { } made ? KindOfCall(made, depth + 1)
                    : inner.Text is { } name && SourceModel.IsPlainName(name) ? call.Function.KindAt(name, inner.StartByte) : null;
                return wrapped is "std::fs::File" or "std::net::TcpStream" ? wrapped : null;
            }
            if (call.Method is not { } m) return null;
            if (m == "collect") return Collected(call.Written) == Collection.Sequence ? ValueKinds.List : null;
            if (m is "to_string" or "to_owned" && call.Arguments.Count == 0) return ValueKinds.String;
            if (m is "to_vec" && call.Arguments.Count == 0) return ValueKinds.List;
            string? receiverKind = ReceiverKind(call, depth);
            if (receiverKind == null) return null;
            if (RustTables.Unwrappers.Contains(m)) return receiverKind;
            return RustTables.MethodResults.TryGetValue((receiverKind, m), out var result) ? result : null;
        }

        private enum Collection { None, Sequence, Set }

        /// <summary>
        /// What a <c>collect::&lt;C&lt;_&gt;&gt;</c> turbofish builds: a sequence (<c>Vec</c>, <c>VecDeque</c>, <c>LinkedList</c>,
        /// <c>BinaryHeap</c>) or a set or map (whose <c>len()</c> counts distinct keys: only a test for emptiness or membership is needless).
        /// </summary>
        private static Collection Collected(string written)
        {
            int at = written.LastIndexOf("collect::<", StringComparison.Ordinal);
            if (at < 0 || !written.EndsWith(">", StringComparison.Ordinal)) return Collection.None;
            string type = written.Substring(at + "collect::<".Length);
            int lt = type.IndexOf('<');
            string name = RustKnowledge.LastSegment(lt < 0 ? type.TrimEnd('>') : type.Substring(0, lt));
            return name switch
            {
                "Vec" or "VecDeque" or "LinkedList" or "BinaryHeap" => Collection.Sequence,
                "HashSet" or "BTreeSet" or "HashMap" or "BTreeMap" => Collection.Set,
                _ => Collection.None,
            };
        }

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
                // a bare return (let Ok(x) = … else { return };) ends a task that returns (): no value, so no error
                if (st.Function == task && (st.Kind == StatementKind.Propagate
                    || st.Kind == StatementKind.Return && call.Function.File.Text.GetText(st.StartByte, st.EndByte).TrimEnd(';', ' ') != "return"))
                {
                    returnsErrors = true;
                    break;
                }
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
            if (call.Resolved is { } r && (RustTables.Clients.Contains(r) || call.Loop == null && RustTables.DatabaseClients.Contains(r))) return true;
            return call.Method == "build" && call.ReceiverCall is { } builder && KindOfCall(builder) is { } kind && RustTables.ClientBuilderKinds.Contains(kind);
        }

        public string? ExpensiveConstruction(CallModel call)
        {
            if (call.Resolved is not { } r || !RustTables.RegexConstructors.Contains(r)) return null;
            // A constant pattern: one built from data (format!, a parameter) may differ per iteration.
            return call.Positional(0) is { Shape: Shape.String } || call.Positional(0)?.Text is { } set && OnlyStringLiterals(set) ? "regular expression" : null;
        }

        /// <summary><c>[r"healthz", r"readyz"]</c>, <c>&amp;["a", "b"]</c>, <c>vec!["a"]</c>: a list written out of string literals only (a <c>RegexSet</c>'s patterns).</summary>
        private static bool OnlyStringLiterals(string text)
        {
            string list = text.StartsWith("vec!", StringComparison.Ordinal) ? text.Substring(4) : text.TrimStart('&');
            if (list.Length < 4 || list[0] != '[' || list[^1] != ']') return false;
            int i = 1, literals = 0;
            while (i < list.Length - 1)
            {
                char c = list[i];
                if (char.IsWhiteSpace(c) || c == ',') { i++; continue; }
                // r"…", r#"…"#, "…" (with escapes)
                int end;
                if (c == 'r')
                {
                    int hashes = 0;
                    for (i++; i < list.Length && list[i] == '#'; i++) hashes++;
                    if (i >= list.Length || list[i] != '"') return false;
                    end = list.IndexOf("\"" + new string('#', hashes), i + 1, StringComparison.Ordinal);
                    if (end < 0) return false;
                    end += hashes;
                }
                else
                {
                    if (c != '"') return false;
                    for (end = i + 1; end < list.Length && list[end] != '"'; end++)
                    {
                        if (list[end] == '\\') end++;
                    }
                    if (end >= list.Length) return false;
                }
                i = end + 1;
                literals++;
            }
            return literals > 0;
        }

        public bool IsMemoisingDecorator(DecoratorModel decorator) =>
            decorator.Resolved is { } r && (r == "cached::proc_macro::cached" || r == "cached" || r == "cached::cached" || r == "memoize::memoize");

        /// <summary><c>join_all</c>/<c>try_join_all</c>, unless the function takes a semaphore permit (<c>acquire</c>, <c>acquire_owned</c>) to bound it.</summary>
        public bool IsFanOut(CallModel call)
        {
            if (call.Resolved is not { } r || !RustTables.FanOuts.Contains(r)) return false;
            foreach (var fn in call.Function.File.Functions)
            {
                if (fn.StartByte < call.Function.StartByte || fn.EndByte > call.Function.EndByte) continue;
                foreach (var c in fn.Calls)
                {
                    if (c.Method is { } m && m.StartsWith("acquire", StringComparison.Ordinal)) return false;
                }
            }
            return true;
        }

        public bool RebindsInSequence => true;

        /// <summary>Unbounded channels are RP0013's (missing backpressure), see <see cref="Rules.MissingBackpressure"/>.</summary>
        public bool IsUnboundedQueue(CallModel call) => false;

        /// <summary>Rust ties awaits on <c>self</c> by its borrow (<see cref="MayBorrowMutably"/>), not by its being the method's own object.</summary>
        public bool IsOwnObject(string receiver) => false;

        /// <summary>
        /// Unless the receiver is a parameter held through a shared borrow or a shared pointer (<c>api: &amp;Api</c>, <c>Arc&lt;Api&gt;</c>,
        /// also inside an extractor: <c>State(api): State&lt;Arc&lt;Api&gt;&gt;</c>, actix's <c>web::Data&lt;Api&gt;</c>; or a field of one,
        /// <c>ctx.repo</c>), or <c>self</c> (or one of its fields) in a <c>&amp;self</c> method: these allow only <c>&amp;self</c> methods. <c>self</c> in a <c>&amp;mut self</c>
        /// method, locals and <c>&amp;'a mut</c> borrows may be mutable.
        /// </summary>
        public bool MayBorrowMutably(CallModel call, string receiver)
        {
            if (receiver == "self" || receiver.StartsWith("self.", StringComparison.Ordinal) && SourceModel.IsPlainName(receiver.Substring(5)))
            {
                return !SharedSelf(call.Function);
            }
            // ctx.repo with ctx: web::Data<ImportCtx>: a field reached through a shared pointer is itself only shared
            int dot = receiver.IndexOf('.');
            string head = dot < 0 ? receiver : receiver.Substring(0, dot);
            return !(SourceModel.IsPlainName(head) && (dot < 0 || SourceModel.IsPlainName(receiver.Substring(dot + 1)))
                && call.Function.DeclaredParameterType(head) is { } type && SharedOnly(type.TrimStart()));
        }

        private static bool SharedOnly(string type)
        {
            // axum's State<T> and Extension<T> hold what they extract; actix's Data<T> is an Arc
            foreach (string wrapper in RustTables.SharedExtractors)
            {
                if (!type.StartsWith(wrapper + "<", StringComparison.Ordinal) || !type.EndsWith('>')) continue;
                return wrapper.EndsWith("Data", StringComparison.Ordinal) || SharedOnly(type.Substring(wrapper.Length + 1, type.Length - wrapper.Length - 2).TrimStart());
            }
            return type.StartsWith('&') && !RustTables.MutableBorrow().IsMatch(type)
                || type.StartsWith("Arc<", StringComparison.Ordinal) || type.StartsWith("std::sync::Arc<", StringComparison.Ordinal) || type.StartsWith("Rc<", StringComparison.Ordinal);
        }

        /// <summary>The method (around a closure or async block) takes <c>&amp;self</c> or <c>&amp;'a self</c>: a shared borrow of its receiver.</summary>
        private static bool SharedSelf(FunctionModel fn)
        {
            while (fn.Kind == FunctionKind.Lambda && fn.Parent is { } parent) fn = parent;
            return fn.TakesSelfShared;
        }

        /// <summary>
        /// <c>load_user(&amp;mut *conn, id).await</c>: the names a call borrows mutably; two futures that do cannot be joined, and a
        /// loop's awaits through one connection run one at a time anyway.
        /// </summary>
        public IEnumerable<string> MutablyBorrowed(CallModel call)
        {
            foreach (var a in call.Arguments)
            {
                if (a.Text is { } t && RustTables.MutableBorrow().Match(t) is { Success: true } m && m.Groups["name"].Success) yield return m.Groups["name"].Value;
            }
        }

        /// <summary>
        /// <c>lock().await</c>, <c>tx.send(m).await</c>, <c>sleep(d).await</c>, <c>db.insert(r).await</c>: see
        /// <see cref="RustTables.OrderedAwaitPrefixes"/>. <c>client.get(u).send().await</c> sends a request a builder chain made:
        /// an independent round trip, not the next message on one channel. <c>fs::read(p)</c> is not a guard; <c>lock.read()</c> is.
        /// </summary>
        public bool IsOrderedAwait(CallModel call)
        {
            string name = call.Method ?? call.Resolved ?? call.Written;
            int sep = name.LastIndexOf(':');
            if (sep >= 0) name = name.Substring(sep + 1);
            name = name.TrimStart('_');
            if (name == "send" && call.ReceiverCall != null) return false;
            // lock.read().await, zone.records_mut().await: a guard taken, one holder at a time
            if (call.Method != null && call.Arguments.Count == 0 && (name == "read" || name.EndsWith("_mut", StringComparison.Ordinal))) return true;
            // the first word of a snake_case name: run_job, not runner_for; set_ttl, not settings
            foreach (string prefix in RustTables.OrderedAwaitPrefixes)
            {
                if (name.StartsWith(prefix, StringComparison.Ordinal) && (name.Length == prefix.Length || name[prefix.Length] == '_')) return true;
            }
            return IsLimiterKind(ReceiverKind(call));
        }

        public bool IsLimiterKind(string? kind) => kind == "tokio::sync::Semaphore";

        public bool IsThreadLockKind(string? kind) => kind is "std::sync::Mutex" or "std::sync::RwLock" or "parking_lot::Mutex" or "parking_lot::RwLock";

        public bool IsStreamWriterKind(string? kind) => false;

        /// <summary>
        /// <c>….collect::&lt;Vec&lt;_&gt;&gt;().len()</c> (also <c>is_empty</c>, <c>contains</c>, a chained <c>into_iter</c>), or a
        /// collect bound by <c>let</c> whose one use, outside any loop the binding outlives, is such a call (clippy's
        /// needless_collect; reported at the collect). Not when the chain's closures change captured state (collecting
        /// runs them all; counting or <c>any</c> would stop early), and not a set's <c>len()</c> (it counts distinct items).
        /// </summary>
        public string? MaterializedOnlyToConsume(CallModel call)
        {
            if (call.Method == "collect") return CollectedOnlyToConsume(call);
            // collect::<Vec<String>>().join(""): the Vec only joins the Strings back into one (clippy's unnecessary_join).
            if (call is { Method: "join", Arguments.Count: 1 } && call.Arguments[0].Text == "\"\"" && call.ReceiverCall is { Method: "collect" } joined)
            {
                return Collected(joined.Written) == Collection.Sequence && !ChangesState(joined) ? "collect::<String>() on the iterator (no Vec)" : null;
            }
            if (call.Method is not { } m || call.ReceiverCall is not { Method: "collect" } collect || !Consumes(call, m, out string advice)) return null;
            var collected = Collected(collect.Written);
            bool needless = collected == Collection.Sequence || collected == Collection.Set && m is "is_empty" or "contains";
            return needless && !ChangesState(collect) ? advice : null;
        }

        /// <summary>The indirect form: <c>let v = ….collect::&lt;Vec&lt;_&gt;&gt;();</c> (or <c>let v: Vec&lt;_&gt; = ….collect();</c>) then only <c>v.len()</c>.</summary>
        private string? CollectedOnlyToConsume(CallModel collect)
        {
            var fn = collect.Function;
            var file = fn.File;
            if (BoundName(file, fn, collect) is not { } bound) return null;
            var (name, position) = bound;
            var (binding, owner) = fn.Lookup(name);
            if (owner != fn || binding is not { Kind: ValueKinds.List } || ChangesState(collect)) return null;
            NameUse? only = null;
            foreach (var use in file.UsesOf(name, fn, collect.EndByte, fn.EndByte))
            {
                if (use.Kind != UseKind.Read) break; // rebound or shadowed: the collected value's life is over
                if (only != null) return null;
                only = use;
            }
            if (only is not { } read) return null;
            foreach (var consumer in fn.Calls)
            {
                if (consumer.StartByte != read.Start || consumer.Receiver != name || consumer.Method is not { } m) continue;
                if (consumer.Loop is { } loop && loop.StartByte > position) return null; // called again on every pass
                return Consumes(consumer, m, out string advice) ? advice : null;
            }
            return null;
        }

        /// <summary>
        /// The name a <c>let</c> binds to the value starting with <paramref name="value"/> (the write just before it, on its line);
        /// with <paramref name="matched"/> also through a <c>match</c> on it (<c>let body = match to_bytes(b, usize::MAX).await {
        /// Ok(b) =&gt; b, Err(_) =&gt; return … }</c>; the arms are not read: what a match on a body read makes is taken for the body).
        /// </summary>
        private const string MatchKeyword = " match";

        private static (string Name, int Position)? BoundName(SourceModel file, FunctionModel fn, CallModel value, bool matched = false)
        {
            int line = file.Text.GetPosition(value.StartByte).Line;
            (string, int)? last = null;
            foreach (var use in file.UsesIn(fn, Math.Max(fn.StartByte, value.StartByte - 160), value.StartByte))
            {
                last = use.Kind == UseKind.Write && file.Text.GetPosition(use.Start).Line == line ? (file.NameOf(use), use.Start) : null;
            }
            if (last is not { } found) return null;
            string between = file.Text.GetText(found.Item2, value.StartByte).TrimEnd();
            if (matched && between.EndsWith(MatchKeyword, StringComparison.Ordinal)) between = between.Substring(0, between.Length - MatchKeyword.Length).TrimEnd();
            return between.Contains('=') && !between.Contains("==") && between.EndsWith('=') ? found : null;
        }

        /// <summary>
        /// The consumer call and its advice; a chained <c>into_iter()</c> only (<c>v.into_iter().clone()</c>/<c>.as_slice()</c>
        /// and an iterator kept in a variable need the collection).
        /// </summary>
        private static bool Consumes(CallModel consumer, string method, out string advice)
        {
            if (!ConsumerAdvice(method, out advice) || consumer.Arguments.Count > (method == "contains" ? 1 : 0)) return false;
            if (method != "into_iter") return true;
            foreach (var next in consumer.Function.Calls)
            {
                if (next.ReceiverCall == consumer) return next.Method is not ("clone" or "as_slice");
            }
            return false;
        }

        /// <summary>A closure in the collected chain mutates something from outside it (<c>|x| seen.insert(x)</c>, <c>zeros += 1</c>).</summary>
        private bool ChangesState(CallModel collect)
        {
            var fn = collect.Function;
            foreach (var c in fn.Calls)
            {
                if (c.StartByte >= collect.StartByte && c.EndByte <= collect.EndByte && c.Method is { } m && c != collect && IsMutatingMethod(m)) return true;
            }
            foreach (var use in fn.File.UsesIn(fn, collect.StartByte, collect.EndByte))
            {
                if (use.Kind != UseKind.Read && IsAssignment(fn.File, use) && fn.Lookup(fn.File.NameOf(use)).Binding is { } b && b.FirstPosition < collect.StartByte) return true;
            }
            return false;
        }

        /// <summary>The write is an assignment (<c>n = …</c>, <c>n += …</c>), not a closure parameter or pattern binding.</summary>
        private static bool IsAssignment(SourceModel file, NameUse use)
        {
            var text = file.Text.Utf8;
            int i = use.Start + use.Length;
            while (i < text.Length && text[i] is (byte)' ' or (byte)'\t') i++;
            if (i + 1 < text.Length && text[i] == (byte)'=') return text[i + 1] != (byte)'=';
            return i + 1 < text.Length && text[i + 1] == (byte)'=' && text[i] is (byte)'+' or (byte)'-' or (byte)'*' or (byte)'/' or (byte)'%'
                or (byte)'&' or (byte)'|' or (byte)'^';
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
