using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using RuntimePerf.Engine.Catalog;
using RuntimePerf.Engine.Model;
using RuntimePerf.Languages.Common;

namespace RuntimePerf.Languages.JavaScript
{
    /// <summary>Answers the rules' questions about JavaScript and TypeScript calls from <see cref="JavaScriptTables"/>.</summary>
    internal sealed class JavaScriptKnowledge : ILanguageKnowledge
    {
        public static readonly JavaScriptKnowledge Instance = new();

        public Language Language => Language.JavaScript;

        public RuleAdvice Advice { get; } = new()
        {
            BlockingHelper = "Make {name} async (use node:fs/promises or another promise API inside it) and await it, or do the blocking work once at startup",
            AwaitInLoop = "Start the per-item work together with a bound: p-limit / p-map({ concurrency }), or Promise.all over fixed-size chunks",
            SequentialAwaits = "Start them together: const [a, b] = await Promise.all([f(), g()])",
            FireAndForget = "Await it or return it; if it must run in the background, attach .catch(…) (and mark it with void) so a rejection is handled",
            FireAndForgetIssue = "Floating promise: the promise from {call} in {where} is neither awaited, returned nor given a rejection handler, "
                + "so a rejection goes unhandled (Node exits on it by default; a browser page logs it) and the caller does not wait for the work",
            LazyQueryIssue = "Query never sent: {call} in {where} only builds a Prisma query, which runs when it is awaited or chained with "
                + "then/catch; dropped here, it is never sent and does nothing (a write is silently lost)",
            LazyQueryAdvice = "Await it (or return it); a Prisma query that is dropped, or only marked with void, never runs",
            FireAndForgetUnreadIssue = "Floating promise: the promise from {call} in {where} is kept in {name}, which nothing reads afterwards, "
                + "so it is neither awaited nor given a rejection handler: a rejection goes unhandled and nobody waits for the work",
            ClientPerRequest = "Create the client once (module level or app startup) and reuse it across requests",
            ExpensiveObject = "Build it once before the loop (or at module level) and reuse it",
            UnboundedFanOut = "Bound the concurrency: p-limit / p-map({ concurrency }), or Promise.all over fixed-size chunks",
            UnboundedQueue = "Give the queue a bound so producers wait",
            StringConcatInLoop = "Collect the parts in an array and join('') once after the loop",
            QuadraticScan = "Build a Set (or a Map keyed by the looked-up value) once before the loop and test with has()",
            LockAroundIo = "Release the lock before awaiting",
            MaterializedCollection = "a new array",
        };

        public CallRow? Classify(CallModel call)
        {
            if (call.IsAwaited || call.Resolved is not { } resolved) return null; // an awaited call is an async API that shares a name
            if (Shadowed(call, resolved)) return null;
            if (JavaScriptTables.SubprocessSleeps.Contains(resolved) && call.Positional(0) is { Shape: Shape.String or Shape.InterpolatedString, Text: { } cmd }
                && cmd.Trim('\'', '"', '`') is { } command && (command == "sleep" || command.StartsWith("sleep ", StringComparison.Ordinal)))
            {
                return new CallRow(RuleIds.SyncSleep, resolved, "Use await setTimeout(ms) from node:timers/promises");
            }
            if (JavaScriptTables.Async.Function(resolved) is { } row)
            {
                // cache.content = cache.content || fs.readFileSync(p): blocks on the first request for each key, not on every one
                return row.RuleId == RuleIds.BlockingIo && FillsCache(call) ? row with { MaxSeverity = Severity.Medium } : row;
            }
            // fs.readFileSync.call(fs, p): the same call
            if (call.Method is "call" or "apply" && call.Receiver is { } fn && JavaScriptTables.Async.Function(resolved.Substring(0, resolved.Length - call.Method.Length - 1)) is { } direct
                && fn.Contains('.')) return direct;
            // a while loop, or a counted one (for (i = 0; i < 1e7; i++) { if (Date.now() - t > ms) break; }), that only reads the clock
            if (call.Loop is { OnlyWaits: true, Kind: LoopKind.While or LoopKind.For, IterableText: null } waits && ReadsClock(call)
                && call.Function.Calls.TrueForAll(c => c.StartByte < waits.StartByte || c.StartByte >= waits.EndByte || TellsTime(c)))
            {
                // at the loop's head: that is what spins, whichever clock read (one or several) it tests
                return new CallRow(RuleIds.SyncSleep, resolved, JavaScriptTables.BusyWaitReplacement) { Span = (waits.StartByte, waits.BodyStartByte) };
            }
            // a replacer or a reviver makes it a transform, not a copy structuredClone could make
            if (resolved == "JSON.parse" && call.Arguments.Count == 1 && call.Positional(0) is { Shape: Shape.Call } && StringifiesOneValue(call))
            {
                return new CallRow(RuleIds.CpuBoundInAsync, JavaScriptTables.DeepClone, JavaScriptTables.DeepCloneReplacement);
            }
            return null;
        }

        /// <summary>
        /// The call fills what it is assigned to only when that is empty: <c>x = x || f()</c>, <c>x = x ?? f()</c>, <c>x ||= f()</c>,
        /// <c>x ??= f()</c> — a memoised value.
        /// </summary>
        private static bool FillsCache(CallModel call)
        {
            var text = call.Function.File.Text;
            int lineStart = text.Utf8.Slice(0, call.StartByte).LastIndexOf((byte)'\n') + 1;
            return JavaScriptTables.CacheFill().IsMatch(text.GetText(lineStart, call.StartByte));
        }

        /// <summary>The <c>JSON.stringify(x)</c> given to <paramref name="parse"/> has one argument: no replacer, no indentation.</summary>
        private static bool StringifiesOneValue(CallModel parse)
        {
            foreach (var inner in parse.Function.Calls)
            {
                if (inner.ArgumentOf == parse && inner.Resolved == "JSON.stringify") return inner.Arguments.Count == 1;
            }
            return false;
        }

        /// <summary>A global (<c>JSON</c>, <c>fetch</c>) hidden by a local variable or parameter of that name.</summary>
        internal static bool Shadowed(CallModel call, string resolved)
        {
            string first = call.Written.StartsWith("new ", StringComparison.Ordinal) ? call.Written.Substring(4) : call.Written;
            int dot = first.IndexOf('.');
            if (dot > 0) first = first.Substring(0, dot);
            return resolved.StartsWith(first, StringComparison.Ordinal) && call.Function.ImportTarget(first) == null && call.Function.Lookup(first).Binding != null;
        }

        public string? ReceiverKind(CallModel call)
        {
            if (call.ReceiverCall is { } rc) return KindOfCall(rc);
            if (call.Receiver is not { } receiver) return null;
            if (receiver.StartsWith("this.", StringComparison.Ordinal) && receiver.IndexOf('.', 5) < 0) return call.Function.KindOfSelfAttribute(receiver);
            return SourceModel.IsPlainName(receiver) ? call.Function.KindOf(receiver) : null;
        }

        public string? KindOfCall(CallModel call)
        {
            if (call.Resolved is { } r && JavaScriptTables.Constructors.TryGetValue(r, out var kind) && !Shadowed(call, r)) return kind;
            if (call.Written.StartsWith("new ", StringComparison.Ordinal) && ClassOf(call.Function, call.Written.Substring(4)) is { } cls)
            {
                return JavaScriptTables.InstanceKindPrefix + cls;
            }
            // new TokenRateLimiter({ … }), new Semaphore(4) from a package: a class named for limiting whatever goes through it
            if (call.Written.StartsWith("new ", StringComparison.Ordinal) && call.Function.ImportTarget(call.Written.Substring(4).Split('.')[0]) != null
                && JavaScriptTables.LimiterClassWords.Contains(CallNames.LastWord(call.Written))) return JavaScriptTables.LimiterKind;
            if (call.Method is { } m && JavaScriptTables.ListMethods.Contains(m) && ReceiverKind(call) is null or ValueKinds.List
                && !(m == "split" && ReceiverKind(call) == ValueKinds.List))
            {
                return ValueKinds.List;
            }
            // rows.map(f).sort(): sorted in place, the new array the chain made (xs.sort() alone is xs itself, whatever that is)
            // ([...rows].sort(): the array the literal made, sorted)
            if (call.Method is "sort" or "reverse"
                && (call.ReceiverCall is { } made ? KindOfCall(made) : call.ReceiverExpressionKind) == ValueKinds.List)
            {
                return ValueKinds.List;
            }
            // const pending = save(x); — a promise held in a local (pending; alone drops it, pending.then(f) chains on it)
            return ReturnsPromise(call) ? JavaScriptTables.PromiseKind : null;
        }

        /// <summary>
        /// A floating promise: a call known to return a promise (an async function of this file or class, a function typed
        /// <c>Promise&lt;…&gt;</c>, a known promise API, <c>p.then(f)</c>/<c>p.finally(f)</c>) whose result is dropped. Awaited,
        /// returned, stored, passed on, chained with <c>.catch</c> or <c>.then(f, onRejected)</c>, or marked with <c>void</c>: not a
        /// statement of its own, so never asked. Scripts and a command-line program's commands (a CLI's <c>main()</c>, a function
        /// ending the process) are left alone; module top level is reported LOW (<see cref="TaskSpawnSeverity"/>).
        /// </summary>
        public bool IsTaskSpawn(CallModel call)
        {
            if (call.Function.File.IsScript || call.Function.IsEntryPoint) return false;
            return ReturnsPromise(call) && !NeverRejects(call) || ForEachAsync(call);
        }

        /// <summary>
        /// The call whose value a local bound once holds, made before <paramref name="before"/>: <c>f()</c> for <c>done</c> in
        /// <c>const done = f(); done.then(…)</c>.
        /// </summary>
        private static CallModel? HeldCall(FunctionModel fn, string local, int before)
        {
            if (!SourceModel.IsPlainName(local) || fn.Lookup(local).Binding is not { Count: 1 }) return null;
            CallModel? made = null;
            foreach (var c in fn.Calls)
            {
                if (c.AssignedTo == local && c.EndByte <= before) made = c;
            }
            return made;
        }

        /// <summary>
        /// A function of the file (or a method of the caller's class, called on <c>this</c>) whose async work all sits in a try
        /// whose catch throws nothing (<see cref="FunctionModel.CatchesAll"/>): its promise does not reject, so dropping it loses nothing.
        /// </summary>
        private static bool NeverRejects(CallModel call)
        {
            // a finally, or a catch without a handler, passes on what it follows: ready.then(() => {}).finally(g) as
            // ready.then(() => {}), Promise.resolve().catch(undefined) as Promise.resolve(); not a then whose callback calls
            // something (ready.then(() => runJob()).finally(g) follows runJob's promise, which can reject)
            while ((call.Method == "finally" || call.Method == "catch" && call.Arguments.Count > 0 && !HandlesRejection(call)) && call.ReceiverCall is { } earlier
                && (earlier.Method == "finally" || earlier.Resolved == JavaScriptTables.Resolve
                    || earlier.Method == "then" && earlier.Positional(0) is { Shape: Shape.Function } step && FunctionAt(earlier, step.StartByte) is { Calls.Count: 0 })) call = earlier;
            // what .then (or .finally) continues, also through a local holding it (const ready = new Promise(…); ready.then(f))
            var source = call.Method is not ("then" or "finally") ? null
                : call.ReceiverCall ?? (call.Receiver is { } held ? HeldCall(call.Function, held, call.StartByte) : null);
            // Promise.allSettled(ps).then(f): allSettled never rejects (f could, rarely)
            if (call.Resolved == JavaScriptTables.AllSettled || source is { Resolved: JavaScriptTables.AllSettled }) return true;
            // Promise.resolve().then(f): f deferred to a microtask, as queueMicrotask(f) does (Observable Plot's tip render); a bare
            // Promise.resolve('x'); settles at once and can only resolve
            if (ItselfOrContinued(call, source, JavaScriptTables.Resolve) is { } resolved && ResolvesLiteral(resolved)) return true;
            // Promise.all(pending).then(f), where every promise in pending has its own .catch or can only resolve: the all cannot reject
            if (ItselfOrContinued(call, source, JavaScriptTables.All) is { } all
                && (EachHandled(all) || ListedOnlyResolve(all) || MappedOnlyResolve(all))) return true;
            // sleep(ms).then(f): a continuation of a promise that can only resolve; prom.finally(f) for prom = this.run(msg), an
            // async method that catches all (rabbitmq-client's consumer)
            if (source != null
                && (source.Written == JavaScriptTables.PromiseConstructor ? ExecutorOnlyResolves(source)
                    : Callees(source) is { Count: > 0 } made && made.TrueForAll(fn => OnlyResolves(fn) || HandlesOwnFailures(fn)))) return true;
            // new Promise(async (resolve) => { try { await handler(req); } catch (e) { res.throw(e); } resolve(); }): hyper-express's
            // dispatch; an async executor's throw never rejects the promise it makes, and this one handles its own
            if (call.Written == JavaScriptTables.PromiseConstructor && ExecutorOf(call) is { IsAsync: true } && ExecutorOnlyResolves(call)) return true;
            // (async () => { try { resolve(await p); } catch (e) { reject(e); } })(): an async body run in place that catches all
            if (call.Written.StartsWith('(') && FunctionAt(call, call.StartByte + 1) is { } inPlace && HandlesOwnFailures(inPlace)) return true;
            if (Callees(call) is not { Count: > 0 } callees) return false;
            // this.requestMembers(ids); — sends, then hands back a promise that can only resolve (the answer also comes as
            // events): dropping it loses no rejection. Not a bare sleep(ms), which does nothing but wait.
            if (call.IsStatement && callees.TrueForAll(fn => OnlyResolves(fn) && ActsBeforeWaiting(fn))) return true;
            // a try in a plain function never sees an async rejection
            return callees.TrueForAll(HandlesOwnFailures);
        }

        /// <summary>
        /// An async function whose failures stay inside (<see cref="FunctionModel.CatchesAll"/>), each call left open harmless: a
        /// promise made there by hand that can only resolve (<c>await new Promise((r) =&gt; setTimeout(r, backoff))</c> in the catch),
        /// its own promise returned (<c>return poll();</c>, a loop by recursion: it rejects only if a round does, and none does), or
        /// what a completion callback of its parameters gives back (<c>return cb(null)</c>, <c>return done(new Error(…))</c>: error
        /// first, node's convention, whose callbacks return nothing).
        /// </summary>
        private static bool HandlesOwnFailures(FunctionModel fn) =>
            fn.IsAsync && fn.CatchesAll && fn.OpenWaits.All(w => fn.File.CallAt(w.Start, w.End) is { } call && call.Function == fn
                && (call.Written == JavaScriptTables.PromiseConstructor && call.Positional(0) is { Shape: Shape.Function } && ExecutorOnlyResolves(call)
                    || !call.IsAwaited && (Callees(call) is [var self] && self == fn || CompletesCallback(fn, call))));

        /// <summary><c>cb(null)</c>, <c>cb(undefined, data)</c>, <c>cb(new Error(…))</c>: a parameter of the function called error first.</summary>
        private static bool CompletesCallback(FunctionModel fn, CallModel call) =>
            fn.Parameters.Exists(p => p.Name == call.Written) && fn.Lookup(call.Written).Owner == fn
            && call.Positional(0) is { Text: { } first } && (first is "null" or "undefined" || first.StartsWith("new ", StringComparison.Ordinal));

        /// <summary>
        /// <c>Promise.resolve()</c>, <c>Promise.resolve(null)</c>, <c>Promise.resolve('x')</c>: a literal is no thenable, so the promise
        /// settles at once and can only resolve (a value handed in may be a promise, which it follows).
        /// </summary>
        private static bool ResolvesLiteral(CallModel call) =>
            call.Resolved == JavaScriptTables.Resolve && (call.Arguments.Count == 0
                || call.Arguments.Count == 1 && (call.Arguments[0].Shape is Shape.String or Shape.Number || call.Arguments[0].Text is "null" or "undefined" or "true" or "false"));

        /// <summary>The call if it is <paramref name="api"/>, else what its <c>.then</c>/<c>.finally</c> continues if that is.</summary>
        private static CallModel? ItselfOrContinued(CallModel call, CallModel? source, string api) =>
            call.Resolved == api ? call : source?.Resolved == api ? source : null;

        /// <summary>
        /// <c>Promise.all(promises)</c> over a local array made empty and filled only by <c>promises.push(x.catch(f))</c>: each
        /// promise handles its own failure (rate-limiter-flexible's union of limiters); or by <c>signals.push(new Promise((resolve)
        /// =&gt; …))</c>, promises that can only resolve (johnny-five's collections, waiting for each member's callback).
        /// </summary>
        private static bool EachHandled(CallModel all)
        {
            var fn = all.Function;
            if (all.Positional(0) is not { Shape: Shape.Name, Text: { } name } || fn.Lookup(name) is not { Binding: { Count: 1 } binding, Owner: { } owner }) return false;
            var model = fn.File;
            int rest = binding.FirstPosition + name.Length;
            if (!JavaScriptTables.EmptyCollection().IsMatch(model.Text.GetText(rest, Math.Min(rest + 80, model.Text.Utf8.Length)))) return false;
            int pushes = 0;
            foreach (var use in model.UsesIn(owner.StartByte, owner.EndByte))
            {
                if (!model.NameIs(use, name) || model.Functions[use.Function].Lookup(name).Owner != owner
                    || use.Start == binding.FirstPosition || use.Start == all.Arguments[0].StartByte) continue;
                // every other use is the receiver of a push whose arguments are all handled chains
                var push = model.Functions[use.Function].Calls.Find(c => c.Receiver == name && c.StartByte == use.Start);
                if (push is not { Method: "push", Arguments.Count: > 0 }
                    || !push.Arguments.TrueForAll(a => a.Shape == Shape.Call && model.CallAt(a.StartByte, a.EndByte) is { } made
                        && (made.Method == "catch" || OnlyResolving(made)))) return false;
                pushes++;
            }
            return pushes > 0;
        }

        /// <summary>
        /// <c>Promise.all([new Promise(readAccelerometer), new Promise((r) =&gt; …)])</c>: a list written out of promises that can
        /// only resolve, and nothing else.
        /// </summary>
        private static bool ListedOnlyResolve(CallModel all)
        {
            if (all.Positional(0) is not { Shape: Shape.ListLiteral } list) return false;
            var model = all.Function.File;
            var rest = new System.Text.StringBuilder();
            int at = list.StartByte;
            foreach (var c in all.Function.Calls)
            {
                if (c.StartByte < at || c.EndByte > list.EndByte || c.Written != JavaScriptTables.PromiseConstructor) continue;
                if (!ExecutorOnlyResolves(c)) return false;
                rest.Append(model.Text.GetText(at, c.StartByte));
                at = c.EndByte;
            }
            rest.Append(model.Text.GetText(at, list.EndByte));
            // what is left between the promises is the list's punctuation (and comments)
            return at > list.StartByte && JavaScriptTables.ListPunctuation().IsMatch(rest.ToString());
        }

        /// <summary>
        /// <c>const cofs = keys.map((key) =&gt; new Promise((resolve) =&gt; …)); Promise.all(cofs)</c>: a local made once by a map
        /// whose callback can only make promises that resolve (<see cref="OnlyResolves"/>).
        /// </summary>
        private static bool MappedOnlyResolve(CallModel all) =>
            all.Positional(0) is { Shape: Shape.Name, Text: { } name } && HeldCall(all.Function, name, all.StartByte) is { Method: "map" } map
            && map.Positional(0) is { Shape: Shape.Function } callback && FunctionAt(map, callback.StartByte) is { } fn && OnlyResolves(fn)
            // not grown after the map (cofs.push(fetch(url)))
            && !ChangedInPlace(all.Function.File, name, all.Function.Lookup(name).Binding);

        /// <summary>The file changes the list or table bound by <paramref name="binding"/> in place (<c>name.push(…)</c>, <c>name.set(…)</c>).</summary>
        internal static bool ChangedInPlace(SourceModel model, string name, Binding? binding) =>
            model.Calls.Exists(c => c.Receiver == name && c.Method is { } m && JavaScriptTables.MutatingMethods.Contains(m) && c.Function.Lookup(name).Binding == binding);

        /// <summary><c>new Promise(executor)</c> whose executor takes no <c>reject</c>.</summary>
        private static bool OnlyResolving(CallModel made) => made.Written == JavaScriptTables.PromiseConstructor && ExecutorOnlyResolves(made);

        /// <summary>
        /// The function does something of its own (a call whose result it drops: <c>this.sendWS(op, data)</c>) besides making its
        /// promise, or the executor of that promise does more than set a timer (faktory's close ends the socket in it). Asked
        /// after <see cref="OnlyResolves"/>, so every promise the function makes by hand can only resolve.
        /// </summary>
        private static bool ActsBeforeWaiting(FunctionModel fn) =>
            fn.Calls.Exists(c => c.Function == fn && (c.Written == JavaScriptTables.PromiseConstructor ? ExecutorActs(c) : c.IsStatement));

        /// <summary>
        /// The executor written in <c>new Promise(…)</c> makes a call that is not what it waits for: not its own <c>resolve</c>, not a
        /// timer, not a call handed the resolve or a callback (<c>queue.onReady(resolve)</c>, <c>socket.once('close', () =&gt;
        /// resolve())</c> only wait; <c>socket.end(…)</c> acts).
        /// </summary>
        private static bool ExecutorActs(CallModel promise) =>
            ExecutorOf(promise) is { Parameters: [var resolve, ..] } executor
            && executor.Calls.Exists(c => c.Function == executor && c.Written != resolve.Name && !JavaScriptTables.Timers.Contains(c.Written)
                && !c.Arguments.Exists(a => a.Shape == Shape.Function || a.Text == resolve.Name));

        /// <summary>
        /// The functions of the file a plain call (or a call of a method of the caller's class on <c>this</c>, or of a class of the
        /// file on an instance the file made with <c>new</c>: <c>server.stop()</c> for <c>const server = new TestServer(…)</c>) may run.
        /// </summary>
        private static List<FunctionModel>? Callees(CallModel call)
        {
            bool own = CallNames.IsOnSelf(call.Written);
            string? made = !own && call.Method != null && call.Receiver is { } r && SourceModel.IsPlainName(r) && call.Function.ImportTarget(r) == null
                && call.Function.KindOf(r) is { } kind && kind.StartsWith(JavaScriptTables.InstanceKindPrefix, StringComparison.Ordinal)
                ? kind.Substring(JavaScriptTables.InstanceKindPrefix.Length) : null;
            if (!own && made == null && !SourceModel.IsPlainName(call.Written)) return null;
            string name = own || made != null ? call.Method ?? call.Written.Substring(call.Written.IndexOf('.') + 1) : call.Written;
            string? cls = own ? call.Function.EnclosingClass : made;
            var found = new List<FunctionModel>();
            foreach (var fn in call.Function.File.FunctionsNamed(name))
            {
                if (fn.ClassName == cls) found.Add(fn);
            }
            return found;
        }

        /// <summary>
        /// A plain function whose promises are all made by hand with an executor that takes no <c>reject</c>
        /// (<c>const sleep = (ms) =&gt; new Promise((r) =&gt; setTimeout(r, ms))</c>) or resolve a literal (<c>return
        /// Promise.resolve(null);</c> on the early exit of a walk that is otherwise synchronous): they can only resolve. It makes, awaits or
        /// chains no other promise — unless it made a never-rejected deferred and every return hands back that deferred (then
        /// what else it chains never reaches the caller: i18next's <c>changeLanguage</c> chains the detector's promise, then
        /// <c>return deferred;</c>). Also an async function that never awaits or throws and whose every return is bare or one
        /// such promise (faktory's <c>async close() { if (!this.connected) return; return new Promise((resolve) =&gt; …); }</c>).
        /// </summary>
        private static bool OnlyResolves(FunctionModel fn)
        {
            // the function's own statements (not those of the functions written in it)
            var own = fn.File.Statements.FindAll(st => st.Function == fn);
            if (fn.IsAsync ? fn.Awaits.Count > 0 || own.Exists(st => st.Kind == StatementKind.Raise) : !fn.ReturnsAwaitable) return false;
            bool made = false, chains = false;
            string? deferred = null;
            foreach (var c in fn.Calls)
            {
                if (c.Function != fn) continue;
                if (c.Written == JavaScriptTables.PromiseConstructor)
                {
                    if (!ExecutorOnlyResolves(c)) return false;
                    made = true;
                }
                else if (IsNeverRejectedDeferred(c))
                {
                    made = true;
                    deferred ??= c.AssignedTo;
                }
                // return Promise.resolve(null) on an early exit of a function that otherwise works synchronously
                else if (ResolvesLiteral(c)) made = true;
                // another promise it makes may be the one it returns (return fetch(url) on one path)
                else if (c.IsAwaited || c.Method is { } m && JavaScriptTables.PromiseCallbackMethods.Contains(m) || (c.Resolved ?? "").StartsWith("Promise.", StringComparison.Ordinal)
                    || Instance.ReturnsPromise(c)) chains = true;
            }
            if (!made) return false;
            var model = fn.File;
            if (deferred != null)
            {
                var returns = own.FindAll(st => st.Kind == StatementKind.Return);
                return returns.Count > 0 && returns.TrueForAll(r => ReturnedValue(model, r) is var (a, b) && b > a && model.Text.GetText(a, b) == deferred);
            }
            return !chains && (!fn.IsAsync || own.Where(st => st.Kind == StatementKind.Return).All(r => ReturnedValue(model, r) is var (a, b)
                && (b == a || model.CallAt(a, b) is { } returned && OnlyResolving(returned))));
        }


        /// <summary>The bytes a <c>return</c> statement returns, without the keyword and the closing semicolon (empty for a bare return).</summary>
        private static (int Start, int End) ReturnedValue(SourceModel model, StatementModel ret)
        {
            var bytes = model.Text.Utf8;
            int start = ret.StartByte + "return".Length, end = ret.EndByte;
            // ASCII blanks only: a byte of a UTF-8 sequence is no character (0xA0 ends "à")
            while (start < end && bytes[start] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') start++;
            while (end > start && bytes[end - 1] is (byte)';' or (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') end--;
            return (start, end);
        }

        /// <summary>
        /// <c>const deferred = defer()</c>, where the file's <c>defer</c> makes a promise and hands out its <c>reject</c> on it
        /// (<c>promise.reject = rej</c>), and nothing else in the file names a <c>reject</c> (i18next's init: no
        /// <c>deferred.reject(e)</c>, no <c>.on('error', deferred.reject)</c>): a promise that can only resolve.
        /// </summary>
        private static bool IsNeverRejectedDeferred(CallModel call)
        {
            if (call.Receiver != null || !SourceModel.IsPlainName(call.Written) || call.Arguments.Count != 0) return false;
            var model = call.Function.File;
            var factories = model.FunctionsNamed(call.Written);
            if (factories.Count != 1 || factories[0] is not { IsAsync: false, ReturnsAwaitable: true } factory
                || !factory.Calls.Exists(c => c.Written == JavaScriptTables.PromiseConstructor && c.Function == factory)) return false;
            if (!JavaScriptTables.HandsOutReject().IsMatch(model.Text.GetText(factory.StartByte, factory.EndByte))) return false;
            // every other "reject" of the file: none before the factory or after it
            return !JavaScriptTables.RejectWord().IsMatch(model.Text.GetText(0, factory.StartByte))
                && !JavaScriptTables.RejectWord().IsMatch(model.Text.GetText(factory.EndByte, model.Text.Utf8.Length));
        }

        /// <summary>
        /// <c>new Promise((resolve) =&gt; …)</c>: a synchronous executor that takes no <c>reject</c>, written there or the file's one
        /// function of that name (<c>new Promise(readAccelerometer)</c> for <c>const readAccelerometer = (done) =&gt; …</c>).
        /// </summary>
        private static bool ExecutorOnlyResolves(CallModel promise) =>
            ExecutorOf(promise) is { Parameters: [var resolve, ..] } executor && NeverNamesReject(executor)
            // an async executor's failure never reaches the promise (the constructor drops what it returns): only one that catches
            // all of it, so that it cannot go unhandled either
            && (!executor.IsAsync || HandlesOwnFailures(executor))
            // resolve(this.flush()) takes on that promise's rejection
            && !executor.Calls.Exists(c => c.Function == executor && c.Written == resolve.Name
                && c.Arguments.Exists(a => a.Shape == Shape.Call || a.Shape == Shape.Name && a.Text is { } t && executor.KindOf(t) == JavaScriptTables.PromiseKind));

        /// <summary><c>(resolve, reject) =&gt; …</c> that never reads <c>reject</c> (nor passes it on): it takes no reject in effect.</summary>
        private static bool NeverNamesReject(FunctionModel executor)
        {
            if (executor.Parameters.Count == 1) return true;
            if (executor.Parameters.Count != 2 || !SourceModel.IsPlainName(executor.Parameters[1].Name)) return false;
            string reject = executor.Parameters[1].Name;
            var model = executor.File;
            foreach (var use in model.UsesIn(executor.StartByte, executor.EndByte))
            {
                if (use.Kind == UseKind.Read && model.NameIs(use, reject) && model.Functions[use.Function].Lookup(reject).Owner == executor) return false;
            }
            return true;
        }

        /// <summary>The executor of <c>new Promise(…)</c>: written there, or the file's function its name is bound to where it is used.</summary>
        private static FunctionModel? ExecutorOf(CallModel promise) =>
            promise.Positional(0) switch
            {
                { Shape: Shape.Function } written => FunctionAt(promise, written.StartByte),
                { Shape: Shape.Name, Text: { } name } => promise.Function.File.FunctionsNamed(name) is [var named]
                    && promise.Function.Lookup(name) is { Binding.Count: 1, Owner: { } owner } && (named.Parent ?? named.File.Module) == owner ? named : null,
                _ => null,
            };

        /// <summary>
        /// In a browser page (<see cref="IsBrowserCode"/>) a rejection is logged, not fatal: LOW.
        /// At module top level a rejection happens once, at startup: Node ends the process with it (browsers log it). Still an
        /// unhandled rejection — the code neither awaits (top-level await) nor catches it — but it does not recur per request.
        /// </summary>
        public Severity? TaskSpawnSeverity(CallModel call) => call.Function.Kind == FunctionKind.Module || IsBrowserCode(call.Function.File) ? Severity.Low : null;

        /// <summary>
        /// The file reads the browser's globals (<c>window</c>, <c>document</c>, <c>Image</c>, <c>AudioContext</c>…) without binding them: it runs in a page, where an
        /// unhandled rejection is logged, not fatal, and fetch is the browser's, not undici.
        /// </summary>
        public static bool IsBrowserCode(SourceModel model)
        {
            foreach (var use in model.Uses)
            {
                if (use.Kind == UseKind.Write) continue;
                foreach (string name in JavaScriptTables.BrowserGlobals)
                {
                    // compared in place (no string per use); not a name the file binds itself (const window = …, class Image { … })
                    if (model.NameIs(use, name) && model.Functions[use.Function].Lookup(name).Binding == null && !model.ClassScopes.ContainsKey(name)) return true;
                }
            }
            return false;
        }

        /// <summary><c>pending;</c> where <c>pending</c> holds a promise: a statement that drops it.</summary>
        public bool HoldsTask(DroppedValueModel value) =>
            value.Function.Kind != FunctionKind.Module && !value.Function.File.IsScript
            && (SourceModel.IsPlainName(value.Name) ? value.Function.KindOf(value.Name) : MemberKind(value.Function, value.Name)) == JavaScriptTables.PromiseKind;

        /// <summary>
        /// <c>new Promise(async (resolve, reject) => …)</c>: the constructor ignores what the executor returns, so a rejection
        /// after its first await neither rejects the new promise nor reaches any handler (and the promise may never settle).
        /// An executor whose async work all sits in a final try with a catch (<c>catch (e) { reject(e); }</c>, see
        /// <see cref="FunctionModel.CatchesAll"/>) handles its own failures.
        /// </summary>
        public bool DropsCallbackTask(CallModel call) =>
            call.Written == JavaScriptTables.PromiseConstructor && !Shadowed(call, "Promise")
            && call.Positional(0) is { Shape: Shape.Function } executor && FunctionAt(call, executor.StartByte) is { IsAsync: true } asyncExecutor && !HandlesOwnFailures(asyncExecutor);

        /// <summary>
        /// <c>items.forEach(async (x) => …)</c> (or <c>forEach(save)</c> with <c>save</c> async): forEach drops the promise each call
        /// of its callback returns; so does <c>items.map(async …)</c> whose array of promises is itself dropped (only asked then).
        /// </summary>
        private static bool ForEachAsync(CallModel call)
        {
            if (call.Method is not ("forEach" or "map" or "flatMap") || call.Positional(0) is not { } callback) return false;
            if (callback.Shape == Shape.Name)
            {
                return callback.Text is { } name && SourceModel.IsPlainName(name) && call.Function.ImportTarget(name) == null
                    && call.Function.KindOf(name) == JavaScriptTables.AsyncFunctionKind;
            }
            return callback.Shape == Shape.Function && FunctionAt(call, callback.StartByte) is { IsAsync: true };
        }

        /// <summary>
        /// <c>redis.publish(topic, msg)</c>, <c>this.redis.set(k, v)</c> on an ioredis client (or a field declared one): every command
        /// returns a promise. Not with a callback as the last argument (ioredis then reports the error to it), nor the client's event
        /// and pipeline methods. A node-redis <c>createClient()</c> only when the file awaits its <c>connect()</c>: that is v4, whose
        /// commands (and <c>disconnect</c>/<c>quit</c>) return promises — v3's took callbacks.
        /// </summary>
        private static bool RedisCommand(CallModel call)
        {
            if (call.Receiver is not { } r || call.Method is not { } m || call.Arguments.Count > 0 && call.Arguments[^1].Shape == Shape.Function) return false;
            string? kind = SourceModel.IsPlainName(r) ? call.Function.KindOf(r) : MemberKind(call.Function, r);
            if (kind == JavaScriptTables.PromiseClientKind) return !JavaScriptTables.PromiseClientPlainMethods.Contains(m);
            return kind == JavaScriptTables.NodeRedisKind && !JavaScriptTables.NodeRedisPlainMethods.Contains(m) && AwaitsConnect(call.Function.File, r);
        }

        /// <summary>
        /// <c>await client.connect()</c> on a node-redis client of that name in the file — also inside what is awaited,
        /// <c>await Promise.all([pub.connect(), sub.connect()])</c>, <c>await client.connect().catch(log)</c>: v3 had no
        /// <c>connect</c>, so awaiting it marks v4 or later — unless the file asks for <c>legacyMode</c>, where v4 keeps v3's
        /// callback commands (connect-redis setups).
        /// </summary>
        private static bool AwaitsConnect(SourceModel file, string client)
        {
            if (file.Text.Utf8.IndexOf("legacyMode"u8) >= 0) return false;
            foreach (var c in file.Calls)
            {
                if (c.Method != "connect" || c.Receiver != client
                    || (SourceModel.IsPlainName(client) ? c.Function.KindOf(client) : MemberKind(c.Function, client)) != JavaScriptTables.NodeRedisKind) continue;
                if (c.IsAwaited) return true;
                foreach (var aw in file.Awaits)
                {
                    if (aw.OperandStartByte <= c.StartByte && c.EndByte <= aw.OperandEndByte) return true;
                }
            }
            return false;
        }

        /// <summary>
        /// <c>Log.create(entry)</c> on a Mongoose model: one this file makes (<c>mongoose.model(…)</c>), or a capitalised name
        /// imported from a project module whose path names models (<c>import { Log } from './models'</c>,
        /// <c>require('../models/user')</c>). Not with a callback (older Mongoose then returns no promise).
        /// </summary>
        private static bool ModelWrite(CallModel call)
        {
            if (call.Receiver is not { } r || !SourceModel.IsPlainName(r) || call.Method is not { } m || !JavaScriptTables.ModelWriteMethods.Contains(m)
                || call.Arguments.Count > 0 && call.Arguments[^1].Shape == Shape.Function) return false;
            if (call.Function.KindOf(r) == JavaScriptTables.ModelKind) return true;
            if (!char.IsUpper(r[0]) || call.Function.ImportTarget(r) is not { } target) return false;
            // the segments the import adds beyond the importing file's folder (./models/log, ../models/invoice, ./user.model)
            string[] own = call.Function.File.ModuleName.Split('.');
            return call.Function.File.ProjectModules.Any(module => (target == module || target.StartsWith(module + ".", StringComparison.Ordinal))
                && module.Split('.').Skip(CommonPrefix(own, module.Split('.'), own.Length - 1)).Any(s => s.Equals("model", StringComparison.OrdinalIgnoreCase) || s.Equals("models", StringComparison.OrdinalIgnoreCase)));
        }

        public bool IsLazyQuery(CallModel call) => !call.Function.File.IsScript && PrismaQuery(call);

        /// <summary>
        /// <c>prisma.post.update(…)</c>, <c>this.prismaService.user.create(…)</c>, <c>db.post.update(…)</c>: a query of a model
        /// delegate of a Prisma client — one made by <c>new PrismaClient()</c>, one named <c>prisma</c> or <c>prismaX</c> (not
        /// <c>prismatic</c>), a <c>db</c> in a file that imports from <c>@prisma/client</c>, or a request context's <c>ctx.db</c>
        /// (tRPC's, create-t3-app's).
        /// </summary>
        private static bool PrismaQuery(CallModel call)
        {
            if (call.Method is not { } m || !JavaScriptTables.PrismaQueryMethods.Contains(m) || call.Receiver is not { } r) return false;
            int dot = r.LastIndexOf('.');
            if (dot <= 0) return false;
            string client = r.Substring(0, dot);
            string last = client.Substring(client.LastIndexOf('.') + 1);
            if (last == "prisma" || last.Length > 6 && last.StartsWith("prisma", StringComparison.Ordinal) && char.IsUpper(last[6])) return true;
            if (client is "ctx.db" or "context.db") return true;
            if (!SourceModel.IsPlainName(client)) return false;
            return call.Function.KindOf(client) == JavaScriptTables.PrismaClientKind
                || client == "db" && JavaScriptFrameworks.Imports(call.Function.File, JavaScriptTables.PrismaModule);
        }

        /// <summary>
        /// <c>const order = await repo.findOneBy(…); … order.save()</c>: a record loaded from the database and saved (TypeORM's
        /// BaseEntity, a Mongoose document, a Sequelize instance): its <c>save()</c> is a write that returns a promise. Only
        /// <c>save</c>, and only on a local bound once to an awaited value: a canvas or PDF document's synchronous <c>save()</c> is
        /// not awaited into being, and an awaited stream's or socket's <c>destroy()</c> is synchronous.
        /// </summary>
        private static bool RecordSave(CallModel call)
        {
            // an ORM save takes nothing or options (doc.save({ session })); jsPDF's doc.save('invoice.pdf') takes a file name
            if (call.Method != "save" || call.Receiver is not { } name || !SourceModel.IsPlainName(name)
                || call.Arguments.Count > 1 || call.Arguments.Count == 1 && call.Arguments[0].Shape != Shape.Other
                || call.Function.Lookup(name) is not ({ Count: 1 }, { } owner)) return false;
            var model = call.Function.File;
            var utf8 = model.Text.Utf8;
            foreach (var use in model.UsesOf(name, owner, owner.StartByte, call.StartByte))
            {
                if (use.Kind != UseKind.Write) continue;
                var after = utf8.Slice(use.Start + use.Length).TrimStart((byte)' ');
                if (after.StartsWith(":"u8)) return false; // a declared type says more than the value; not followed here
                if (!after.StartsWith("="u8) || !after.Slice(1).TrimStart((byte)' ').StartsWith("await "u8)) return false;
                // … = await repo.findOneBy(…), Model.findById(…), Model.create(…): a record loaded or made by the ORM
                var line = after.Slice(0, after.IndexOf((byte)'\n') is var end and >= 0 ? end : after.Length);
                return line.IndexOf(".find"u8) >= 0 || line.IndexOf(".create("u8) >= 0;
            }
            return false;
        }

        private static int CommonPrefix(string[] a, string[] b, int most)
        {
            int n = 0;
            while (n < most && n < b.Length && a[n] == b[n]) n++;
            return n;
        }

        /// <summary>The function written at <paramref name="start"/> (a callback argument of the call), if any.</summary>
        private static FunctionModel? FunctionAt(CallModel call, int start)
        {
            var functions = call.Function.File.Functions;
            int lo = 0, hi = functions.Count;
            while (lo < hi)
            {
                int mid = (lo + hi) >> 1;
                if (functions[mid].StartByte < start) lo = mid + 1; else hi = mid;
            }
            return lo < functions.Count && functions[lo].StartByte == start ? functions[lo] : null;
        }

        /// <summary>
        /// The call's promise passes a rejection on. <c>p.then(f)</c> (or <c>.then(f, null)</c>) is a promise whatever <c>p</c> is:
        /// <c>then</c> is the promise protocol itself. <c>p.finally(f)</c> passes on what <c>p</c> carries, and is one when
        /// <c>p</c> is not a handled chain; <c>p.catch()</c> with no handler (or <c>null</c>) only on a known promise.
        /// </summary>
        private bool ReturnsPromise(CallModel call)
        {
            if (call.Method is { } m && JavaScriptTables.PromiseCallbackMethods.Contains(m) && call.Receiver != null)
            {
                if (HandlesRejection(call)) return false;
                // new Thenable().then(f): the class's own method, a promise only if it is async
                if (call.Receiver is { } own && MemberKind(call.Function, own + "." + m) is { } ownKind
                    && (call.Function.KindOf(own) ?? "").StartsWith(JavaScriptTables.InstanceKindPrefix, StringComparison.Ordinal))
                {
                    return ownKind == JavaScriptTables.AsyncFunctionKind;
                }
                // this.then(f) in a file that writes its own then (a Deferrable mixin, a thenable class): that method, a promise
                // only if it is async
                if (call.Receiver == "this" && call.Function.File.FunctionsNamed(m) is { Count: > 0 } ownThen)
                {
                    return ownThen.Any(fn => fn.IsAsync);
                }
                if (m == "then") return true;
                if (call.ReceiverCall is { } rc)
                {
                    if (rc.Method is { } rm && JavaScriptTables.PromiseCallbackMethods.Contains(rm)) return ReturnsPromise(rc);
                    return ReturnsPromise(rc) || m == "finally";
                }
                return m == "finally" || IsPromiseName(call, call.Receiver);
            }
            // new Promise(…) itself; new Store().flush() is the method's call, decided below
            if (call.Method == null && call.Written.StartsWith("new ", StringComparison.Ordinal)) return call.Written == JavaScriptTables.PromiseConstructor && !Shadowed(call, "Promise");
            if (call.Method == null && call.Written.StartsWith("(async", StringComparison.Ordinal)) return true; // (async () => …)()
            if (call.Resolved is { } r)
            {
                if (JavaScriptTables.PromiseFunctions.Contains(r) && !Shadowed(call, r)) return true;
                foreach (string module in JavaScriptTables.PromiseModules)
                {
                    if (r.StartsWith(module, StringComparison.Ordinal)) return true;
                }
            }
            string written = call.Written;
            if (call.Receiver != null)
            {
                return (MemberKind(call.Function, written) ?? ClassMemberKind(call)) == JavaScriptTables.AsyncFunctionKind || RedisCommand(call) || ModelWrite(call)
                    || RecordSave(call) || PrismaQuery(call);
            }
            return SourceModel.IsPlainName(written) && call.Function.ImportTarget(written) == null
                && call.Function.KindOf(written) == JavaScriptTables.AsyncFunctionKind;
        }

        /// <summary>The qualified name of the class <paramref name="name"/> seen from <paramref name="function"/>: declared in it, around it, or in the module.</summary>
        private static string? ClassOf(FunctionModel function, string name)
        {
            if (!SourceModel.IsPlainName(name)) return null;
            var scopes = function.File.ClassScopes;
            for (var f = function; f != null && f.Kind != FunctionKind.Module; f = f.Parent)
            {
                if (scopes.ContainsKey(f.QualifiedName + "." + name)) return f.QualifiedName + "." + name;
            }
            return scopes.ContainsKey(name) ? name : null;
        }

        /// <summary>
        /// The kind of <c>this.x</c> (the class's), <c>store.x</c> where <c>store</c> is an instance of a class of this file, or
        /// <c>api.x</c> of an object literal of this file; null for anything else.
        /// </summary>
        private static string? MemberKind(FunctionModel function, string dotted)
        {
            int dot = dotted.IndexOf('.');
            if (dot <= 0 || dotted.IndexOf('.', dot + 1) >= 0) return null;
            string receiver = dotted.Substring(0, dot);
            if (receiver == "this") return function.KindOfSelfAttribute(dotted);
            if (!SourceModel.IsPlainName(receiver) || function.ImportTarget(receiver) != null) return null;
            if (function.KindOf(receiver) is { } kind && kind.StartsWith(JavaScriptTables.InstanceKindPrefix, StringComparison.Ordinal))
            {
                return function.File.ClassScopes.TryGetValue(kind.Substring(JavaScriptTables.InstanceKindPrefix.Length), out var scope)
                    ? scope.KindOf("this." + dotted.Substring(dot + 1)) : null;
            }
            return function.KindOf(dotted);
        }

        /// <summary>
        /// The kind of a member of a class of this file reached without an instance name: <c>Store.rotate()</c> (a static member)
        /// or <c>new Store().save()</c> (an instance made in place). A local or parameter of the class's name hides the class.
        /// </summary>
        private static string? ClassMemberKind(CallModel call)
        {
            if (call.Method is not { } method) return null;
            string? name = call.ReceiverCall is { Method: null, Written: var made } && made.StartsWith("new ", StringComparison.Ordinal) ? made.Substring(4)
                : call.Receiver is { } receiver && call.Function.Lookup(receiver).Binding == null ? receiver : null;
            return name != null && ClassOf(call.Function, name) is { } cls && call.Function.File.ClassScopes.TryGetValue(cls, out var scope)
                ? scope.KindOf("this." + method) : null;
        }

        /// <summary><c>.catch(h)</c> and <c>.then(f, h)</c> with a real handler (not <c>null</c>/<c>undefined</c>, which handle nothing).</summary>
        private static bool HandlesRejection(CallModel call)
        {
            int at = call.Method == "catch" ? 0 : call.Method == "then" ? 1 : -1;
            return at >= 0 && call.Positional(at) is { } handler && handler.Text is not ("null" or "undefined" or "void 0");
        }

        /// <summary>A local, or a field of this class, that holds a promise (declared <c>Promise&lt;…&gt;</c> or assigned one).</summary>
        private static bool IsPromiseName(CallModel call, string name) =>
            (SourceModel.IsPlainName(name) ? call.Function.KindOf(name) : MemberKind(call.Function, name)) == JavaScriptTables.PromiseKind;

        /// <summary>
        /// The call of a project function (maybe imported from another file) whose dropped result is a floating promise if
        /// that function turns out to be async: the statement's own call, or the start of a <c>.then(f)</c>/<c>.finally(f)</c> chain.
        /// </summary>
        public CallModel? TaskSpawnIfAsync(CallModel call)
        {
            if (call.Function.Kind == FunctionKind.Module || call.Function.File.IsScript) return null;
            while (call.Method is { } m && call.ReceiverCall is { } rc && JavaScriptTables.PromiseCallbackMethods.Contains(m) && !HandlesRejection(call))
            {
                call = rc;
            }
            return !call.Written.StartsWith("new ", StringComparison.Ordinal) && call.Resolved is { } r && FromProjectModule(r, call.Function.File) ? call : null;
        }

        /// <summary><c>lib.db.save</c> names a function of a project module the file imports (not a package's).</summary>
        private static bool FromProjectModule(string resolved, SourceModel file)
        {
            if (file.ProjectModules.Count == 0) return false;
            int dot = resolved.LastIndexOf('.');
            while (dot > 0)
            {
                if (file.ProjectModules.Contains(resolved.Substring(0, dot))) return true;
                dot = resolved.LastIndexOf('.', dot - 1);
            }
            return false;
        }

        /// <summary>
        /// A client construction; in a loop, only when every iteration builds the same one (one built from the loop's own
        /// values — a client per host — is not a client that could have been reused).
        /// </summary>
        public bool IsClientConstruction(CallModel call)
        {
            if (call.Resolved is not { } r || Shadowed(call, r)) return false;
            if (call.Loop is { } loop && LoopBindings.ReadsIterationValue(call, loop)) return false;
            if (JavaScriptTables.Clients.Contains(r)) return true;
            return call.Written.StartsWith("new ", StringComparison.Ordinal) && r.StartsWith(JavaScriptTables.AwsClientPrefix, StringComparison.Ordinal)
                && r.EndsWith("Client", StringComparison.Ordinal);
        }

        /// <summary><c>Date.now()</c>, <c>performance.now()</c>, <c>new Date()</c>: what a busy-wait does, and all it does (a loop that also
        /// calls <c>queue.runNext()</c> between clock reads is a time-sliced worker, not a wait).</summary>
        private static bool ReadsClock(CallModel call) =>
            call.Resolved is { } r && (JavaScriptTables.Clocks.Contains(r) || r == JavaScriptTables.DateConstructor && call.Arguments.Count == 0);

        /// <summary>A clock read, a date built to compare with (<c>new Date(begin + 200)</c>), or its time taken (<c>.getTime()</c>).</summary>
        private static bool TellsTime(CallModel call) =>
            ReadsClock(call) || call.Resolved == JavaScriptTables.DateConstructor || call.Method is "getTime" or "valueOf";

        public string? ExpensiveConstruction(CallModel call)
        {
            if (call.Method == "localeCompare" && call.Loop != null && LocaleCompareSetsUpCollator(call)) return "collator (localeCompare with locales or options)";
            if (call.Resolved is not { } r || !call.Written.StartsWith("new ", StringComparison.Ordinal) && !JavaScriptTables.CallableConstructors.Contains(r)
                || Shadowed(call, r)) return null;
            if (r == JavaScriptTables.RegExpConstructor)
            {
                // a constant pattern, or one built only from values the loop does not change: the same expression every iteration
                return call.Positional(0) is { } pattern && (pattern.Shape == Shape.String || call.Loop is { } loop
                    && (LoopInvariance.Invariant(call.Function.File, call.Function, loop, pattern, functionCalls: true) || LoopInvariance.InvariantConcatenation(call.Function.File, call.Function, loop, pattern)
                        || ItemOfConstantList(call, loop, pattern)))
                    ? "regular expression" : null;
            }
            // new Intl.NumberFormat('en', { currency: l.currency }) per item: a different object each time, not the same one rebuilt
            if (!JavaScriptTables.Expensive.TryGetValue(r, out var what)) return null;
            return call.Loop is { } perItem && LoopBindings.ReadsIterationValue(call, perItem) ? null : what;
        }

        /// <summary>
        /// <c>for (const s of SUFFIXES) t = t.replace(new RegExp(s, 'ig'), '')</c> inside a loop over titles: the pattern is an item
        /// of a list written in the code (<c>const SUFFIXES = ['…', '…']</c>, or the keys of a constant table), so each outer
        /// iteration rebuilds the same few regexes.
        /// </summary>
        private static bool ItemOfConstantList(CallModel call, LoopModel loop, ArgumentModel pattern) =>
            loop.Parent != null && loop.Kind == LoopKind.For && PatternItem(pattern) is { } item
            && ConstantListName(call, loop) is { } list
            && call.Function.Lookup(list).Binding is { IsConstant: true, Count: 1 }
            && call.Function.Lookup(item).Binding is { } bound && bound.FirstPosition >= loop.StartByte && bound.FirstPosition < loop.BodyStartByte;

        /// <summary>The one name a pattern is made of: <c>s</c>, or <c>`${s}$`</c>, <c>`^${s}\b`</c> (a template whose every hole is it).</summary>
        private static string? PatternItem(ArgumentModel pattern)
        {
            if (pattern.Shape == Shape.Name) return pattern.Text;
            if (pattern.Shape != Shape.InterpolatedString || pattern.Text is not { } text || !text.StartsWith('`')) return null;
            string? item = null;
            foreach (Match hole in TemplateHole.Matches(text))
            {
                string expression = hole.Groups["expression"].Value.Trim();
                if (!SourceModel.IsPlainName(expression) || item != null && item != expression) return null;
                item = expression;
            }
            return item;
        }

        private static readonly Regex TemplateHole = new(@"\$\{(?<expression>[^}]*)\}", RegexOptions.CultureInvariant);

        /// <summary>The constant the loop walks: <c>SUFFIXES</c>, or the table of <c>Object.keys(ENTITIES)</c> (also <c>values</c>, <c>entries</c>).</summary>
        private static string? ConstantListName(CallModel call, LoopModel loop)
        {
            if (loop.IterableText is not { } text) return null;
            if (loop.IterableShape == Shape.Name) return text;
            var m = JavaScriptTables.ObjectListing().Match(text);
            return m.Success && call.Function.Lookup("Object").Binding == null ? m.Groups["table"].Value : null;
        }

        /// <summary>
        /// <c>a.localeCompare(b, 'de', { numeric: true })</c>: given locales or options, each call sets up an ICU collator (V8 keeps
        /// one only for the plain <c>a.localeCompare(b)</c>), so a comparator or a per-item test pays it on every call.
        /// </summary>
        private static bool LocaleCompareSetsUpCollator(CallModel call) =>
            call.Arguments.Count >= 3 || call.Arguments.Count == 2 && call.Arguments[1].Text is not (null or "undefined");

        public bool IsListParameter(ParameterModel parameter) =>
            parameter.Annotation is { } type && JavaScriptTables.ArrayType().IsMatch(type);

        /// <summary>
        /// <c>new Intl.DateTimeFormat('en-US', { dateStyle: 'medium' }).format(d)</c> in an ordinary function: V8 caches no
        /// formatter, so each call sets up the locale data again (tens of microseconds) although every argument is a constant
        /// and one module-level instance would do. Only when the formatter is used right away (a method called on it, or a
        /// local of the function holds it): one stored in a cache, a field or a constructor's <c>this</c> is built once.
        /// </summary>
        public bool CostlyPerCall(CallModel call)
        {
            if (call.Resolved is not { } r || !r.StartsWith("Intl.", StringComparison.Ordinal) || call.Function.Name == "constructor") return false;
            foreach (var a in call.Arguments)
            {
                if (a.Shape is not (Shape.String or Shape.Number) && !(a.Text is { } t && JavaScriptTables.ConstantOptions().IsMatch(t))) return false;
            }
            var fn = call.Function;
            foreach (var c in fn.Calls)
            {
                if (c.ReceiverCall == call) return true;
            }
            return LocalHolding(call) != null;
        }

        /// <summary><c>const fmt = new Intl.NumberFormat(…)</c>: the name of the function itself that is assigned the call's value.</summary>
        private static string? LocalHolding(CallModel call)
        {
            var fn = call.Function;
            var model = fn.File;
            var utf8 = model.Text.Utf8;
            foreach (var use in model.UsesIn(fn, fn.StartByte, call.StartByte))
            {
                if (use.Kind != UseKind.Write) continue;
                var between = utf8.Slice(use.Start + use.Length, call.StartByte - use.Start - use.Length).Trim((byte)' ');
                // const rows = await coll.find(q).toArray(): the name holds the awaited value
                bool holds = between.SequenceEqual("="u8)
                    || call.IsAwaited && between.StartsWith("="u8) && between.Slice(1).Trim((byte)' ').SequenceEqual("await"u8);
                if (!holds) continue;
                string name = model.NameOf(use);
                return fn.Lookup(name).Owner == fn ? name : null;
            }
            return null;
        }

        /// <summary>
        /// <c>const foo = xs.filter(f); … foo[0]</c> or <c>const [first] = foo</c>: a local bound once to the call, and every read of
        /// it anywhere in the function (closures included) takes its first item.
        /// </summary>
        private static string? OnlyFirstItemRead(CallModel call) => OnlyReadAs(call, "[0]"u8, call.Function.File.FirstItemReads);

        /// <summary>
        /// The local bound once to the call's value when every read of it anywhere in the function (closures included) is
        /// followed by <paramref name="access"/> (<c>[0]</c>, <c>.length</c>) or is one of <paramref name="sameAs"/>.
        /// </summary>
        private static string? OnlyReadAs(CallModel call, ReadOnlySpan<byte> access, HashSet<int>? sameAs = null)
        {
            if (LocalHolding(call) is not { } name || call.Function.Lookup(name).Binding is not { Count: 1 }) return null;
            var fn = call.Function;
            var model = fn.File;
            var utf8 = model.Text.Utf8;
            int reads = 0;
            foreach (var use in model.UsesIn(call.EndByte, fn.EndByte))
            {
                if (!model.NameIs(use, name)) continue;
                if (use.Kind != UseKind.Read || !utf8.Slice(use.Start + use.Length).StartsWith(access) && sameAs?.Contains(use.Start) != true) return null;
                reads++;
            }
            return reads > 0 ? name : null;
        }

        /// <summary>
        /// An awaited query that loads every matching row: <c>coll.find(q).toArray()</c>, <c>Model.find(q).lean()</c>,
        /// <c>prisma.post.findMany(…)</c>, <c>Model.findAll(…)</c>, Meteor's <c>Posts.find(q).fetch()</c>.
        /// </summary>
        private static bool IsQueryFetch(CallModel call)
        {
            if (!call.IsAwaited || call.Method is not { } method || !JavaScriptTables.QueryFetches.Contains(method)) return false;
            if (JavaScriptTables.QueryFinds.Contains(method)) return Unlimited(call);
            var query = call.ReceiverCall;
            // Model.find(q).select('_id').exec(): a projection or an order keeps every row
            while (query is { Method: { } shaping } && JavaScriptTables.QueryShapings.Contains(shaping)) query = query.ReceiverCall;
            return query is { Method: { } found } && JavaScriptTables.QueryFinds.Contains(found) && Unlimited(query);
        }

        /// <summary>A find given at most a filter that does not cap the rows (<c>{ where, take: 1 }</c> loads one row at most).</summary>
        private static bool Unlimited(CallModel find)
        {
            if (find.Arguments.Count > 1) return false;
            if (find.Arguments.Count == 0 || find.Arguments[0].Text is not { } filter) return find.Arguments.Count == 0;
            foreach (string cap in JavaScriptTables.QueryCaps)
            {
                if (filter.Contains(cap, StringComparison.Ordinal)) return false;
            }
            return true;
        }

        public bool StringsAreRopes => true;

        public bool RecordsEveryRead => true;

        public bool IsMemoisingDecorator(DecoratorModel decorator) => false;

        /// <summary>
        /// <c>Promise.all(…)</c> with no limiter visible in the per-item work (<c>limit(() => …)</c>, <c>queue.add(…)</c>), over
        /// input rather than an object's own collection (<c>this.clients</c>, <c>pool[kClients]</c>: bounded by the object that holds it).
        /// </summary>
        public bool IsFanOut(CallModel call)
        {
            if (call.Resolved is not { } r || call.Positional(0) is not { } items) return false;
            if (!JavaScriptTables.FanOuts.Contains(r) && !(MapsAll(call) && items.Shape != Shape.ListLiteral)) return false;
            if (MappedLocal(call) is { } mapped) items = MappedItems(mapped);
            if (items.Text is { } text && (text.StartsWith("this.", StringComparison.Ordinal) || text.StartsWith("this[", StringComparison.Ordinal)
                || LiteralArrayMapped(text) || SlicedToConstant.IsMatch(text)
                || text.IndexOf('[') is var bracket && bracket > 0 && bracket < text.IndexOf(".map", StringComparison.Ordinal))) return false;
            // const names = ['a.json', 'b.json']; names.map(…): the items are written in the code
            if (call.Function.File.CallAt(items.StartByte, items.EndByte) is { Receiver: { } receiver } mapping && SourceModel.IsPlainName(receiver)
                && mapping.Function.Lookup(receiver).Binding is { IsConstant: true, Count: 1 }) return false;
            if (BoundedLocal(items, call.Function.File) || OverOwnParts(items, call.Function.File)
                || !FanOutSource.InputSized(call.Function, call.Function.File, items)) return false;
            foreach (var inner in call.Function.File.Calls)
            {
                if (inner.StartByte < items.StartByte || inner.StartByte >= items.EndByte) continue;
                // limit(() => …), this.limit(() => …) with this.limit = pLimit(n) set in the constructor
                if (IsLimiterKind(SourceModel.IsPlainName(inner.Written) ? inner.Function.KindOf(inner.Written) : MemberKind(inner.Function, inner.Written))) return false;
                if (IsLimiterKind(ReceiverKind(inner))) return false;
            }
            return true;
        }

        /// <summary>
        /// <c>requestListeners.map((l) =&gt; l.willSendResponse?.(ctx))</c>, <c>internals.plugins.map(…)</c>: the program's own parts —
        /// plugins, listeners, hooks, middleware — as many as the code configured, not data; or a cluster's members
        /// (<c>brokers.map(…)</c>), as many as the cluster has.
        /// </summary>
        private static bool OverOwnParts(ArgumentModel items, SourceModel file)
        {
            if (file.CallAt(items.StartByte, items.EndByte) is not { Method: "map", Receiver: { } receiver }) return false;
            if (JavaScriptTables.OwnParts.Contains(CallNames.LastWord(receiver))
                || JavaScriptTables.ClusterMembers.Contains(WithoutThis(receiver))) return true;
            // Object.keys(brokersPerNode).map(…), groupsByCoordinator.map(…): a plain name (or its keys) whose head noun is a
            // member — its last word, the word before Per, or the word after By (not shardKeys, brokerMessages)
            var listed = JavaScriptTables.ObjectListing().Match(receiver);
            string name = listed.Success ? listed.Groups["table"].Value : receiver;
            if (!SourceModel.IsPlainName(name)) return false;
            var words = CallNames.Words(name);
            for (int i = 0; i < words.Count; i++)
            {
                bool head = i == words.Count - 1 || words[i + 1].Value == "Per" || i > 0 && words[i - 1].Value == "By";
                if (head && JavaScriptTables.ClusterMemberWords.Contains(words[i].Value.ToLowerInvariant())) return true;
            }
            return false;
        }

        /// <summary>
        /// <c>segments.map(…)</c> over a local bound once to a bounded list: <c>Array.from({ length: concurrency }, …)</c> (or
        /// <c>{ length: Math.min(concurrency, items.length) }</c>) — one promise per worker slot, as many as the count names, the
        /// bounded pool itself — or <c>req.body.names.slice(0, 5)</c>, at most as many items as the constants say, or
        /// <c>TREND_MONTHS.map(…)</c> of a constant list written in the code.
        /// (<c>Array.from({ length: n }, worker)</c> given to the combinator directly is never a fan-out: see the builder's
        /// <c>Array.from</c> mapping.)
        /// </summary>
        private static bool BoundedLocal(ArgumentModel items, SourceModel file)
        {
            if (file.CallAt(items.StartByte, items.EndByte) is not { Receiver: { } receiver, Function: var fn }) return false;
            var made = HeldCall(fn, receiver, items.StartByte);
            if (made is { Method: "slice", Arguments.Count: 2 } && made.Arguments.TrueForAll(a => a.Shape == Shape.Number)) return true;
            // const months = TREND_MONTHS.map(…): as many items as the constant list written in the code
            if (made is { Method: "map" or "filter" or "slice", Receiver: { } source } && SourceModel.IsPlainName(source)
                && made.Function.Lookup(source).Binding is { IsConstant: true, Count: 1 }) return true;
            if (made is not { Written: "Array.from" } || made.Positional(0)?.Text is not { } first || WorkerCount.Match(first) is not { Success: true } m) return false;
            string count = m.Groups["count"].Success ? m.Groups["count"].Value : m.Groups["min"].Value;
            return JavaScriptTables.WorkerCountName.IsMatch(count.Substring(count.LastIndexOf('.') + 1));
        }

        private static readonly Regex WorkerCount = new(@"^\{\s*length:\s*(?:(?<count>[\w$.]+)|Math\.min\(\s*(?<min>[\w$.]+)\s*,[^()]*\))\s*,?\s*\}$", RegexOptions.CultureInvariant);

        public ArgumentModel? FanOutItems(CallModel call) =>
            MapsAll(call) ? call.Positional(0) : MappedLocal(call) is { } mapped ? MappedItems(mapped)
            : PushedPerItem(call) && call.Positional(0) is { } local ? Items(call.Function.File, local.StartByte, local.EndByte) : null;

        /// <summary>
        /// <c>const jobs = []; for (const f of files) jobs.push(fsp.rm(f)); await Promise.all(jobs);</c>: a local array, bound
        /// once, that a loop over input (not a literal or constant list) fills with a promise per item before the combinator.
        /// </summary>
        private bool PushedPerItem(CallModel call)
        {
            if (call.Positional(0) is not { Shape: Shape.Name, Text: { } name } || !SourceModel.IsPlainName(name)
                || !JavaScriptTables.FanOuts.Contains(call.Resolved ?? "")) return false;
            if (call.Function.Lookup(name) is not { Binding: { Count: 1, Kind: ValueKinds.List, IsConstant: false }, Owner: { } owner }
                || owner != call.Function) return false;
            foreach (var push in call.Function.Calls)
            {
                if (push.Method != "push" || push.Receiver != name || push.EndByte > call.StartByte || push.Arguments.Count != 1) continue;
                if (push.Loop is not { Kind: LoopKind.For, IterableText: { } items } loop || loop.IterableShape == Shape.ListLiteral
                    || SourceModel.IsPlainName(items) && call.Function.Lookup(items).Binding is { IsConstant: true }) continue;
                if (push.Positional(0) is { Shape: Shape.Call } made && call.Function.File.CallAt(made.StartByte, made.EndByte) is { } started
                    && ReturnsPromise(started) && StartsWork(started)) return true;
            }
            return false;
        }

        /// <summary>
        /// The pushed promise starts work of its own: the chain <c>fetch(u).then(f)</c> begins with a call, not with a promise
        /// that already runs (<c>r.then(f)</c>, <c>Promise.all([a, b]).then(f)</c>: the statics of <c>Promise</c> wrap what
        /// exists), and is not a hand-made <c>new Promise(…)</c> wrapper.
        /// </summary>
        private static bool StartsWork(CallModel call)
        {
            while (call.Method is { } m && JavaScriptTables.PromiseCallbackMethods.Contains(m))
            {
                if (call.ReceiverCall is not { } rc) return false;
                call = rc;
            }
            return call.Written != JavaScriptTables.PromiseConstructor && !(call.Resolved ?? "").StartsWith("Promise.", StringComparison.Ordinal);
        }

        /// <summary><c>items.slice(0, 20).map(…)</c>: at most as many items as the constant bounds let through.</summary>
        private static readonly Regex SlicedToConstant = new(@"^[\w$.]+\.slice\(\s*\d+\s*,\s*\d+\s*\)\.(?:map|flatMap)\(", RegexOptions.CultureInvariant);

        /// <summary>
        /// <c>const pending = items.map(async (x) => …); await Promise.all(pending);</c>: a local of the function, bound once
        /// before the combinator to a mapping call whose mapper is known to give promises, stands for that call. (Unlike
        /// <c>Promise.all(items.map(f))</c> written in one piece, a local may hold plain values the combinator only passes through.)
        /// </summary>
        private static CallModel? MappedLocal(CallModel call)
        {
            if (call.Positional(0) is not { Shape: Shape.Name, Text: { } name } || !SourceModel.IsPlainName(name)
                || !JavaScriptTables.FanOuts.Contains(call.Resolved ?? "")) return null;
            if (call.Function.Lookup(name) is not { Binding: { Count: 1 }, Owner: { } owner } || owner != call.Function) return null;
            foreach (var c in call.Function.Calls)
            {
                if (c.AssignedTo == name && c.EndByte <= call.StartByte && c.Method is { } m && JavaScriptTables.MappingMethods.Contains(m)
                    && c.Positional(0) is { } mapper && MapsToPromises(c, mapper)) return c;
            }
            return null;
        }

        /// <summary>The mapper is async or returns a promise: written in place, or a function of this file named.</summary>
        private static bool MapsToPromises(CallModel mapping, ArgumentModel mapper) => mapper.Shape switch
        {
            Shape.Function => FunctionAt(mapping, mapper.StartByte) is { IsAsync: true } or { ReturnsAwaitable: true },
            Shape.Name => mapper.Text is { } n && SourceModel.IsPlainName(n) && mapping.Function.KindOf(n) == JavaScriptTables.AsyncFunctionKind,
            Shape.Member => mapper.Text is { } d && MemberKind(mapping.Function, d) == JavaScriptTables.AsyncFunctionKind,
            _ => false,
        };

        /// <summary>The mapping call a local stands for, as the items of the fan-out.</summary>
        private static ArgumentModel MappedItems(CallModel mapping) => Items(mapping.Function.File, mapping.StartByte, mapping.EndByte);

        /// <summary>The text at [start, end) as the one-promise-per-item argument of a fan-out.</summary>
        private static ArgumentModel Items(SourceModel file, int start, int end) => new(file.Text, null, Shape.Comprehension, start, end, start, end);

        /// <summary>
        /// <c>pMap(items, mapper)</c> with no finite <c>concurrency</c> option: p-map's default is <c>Infinity</c>. Options held in a
        /// variable are taken as bounded (not seen).
        /// </summary>
        private static bool MapsAll(CallModel call)
        {
            if (call.Resolved is not { } r || !JavaScriptTables.MapAlls.Contains(r) || Shadowed(call, r)) return false;
            if (call.Positional(2) is not { } options) return true;
            return options.Text is { } text && text.StartsWith("{", StringComparison.Ordinal)
                && (!text.Contains("concurrency", StringComparison.Ordinal) || text.Contains("Infinity", StringComparison.Ordinal));
        }

        /// <summary><c>[a, b, c].map(…)</c>: the items are written in the code (a spread in the literal brings input in).</summary>
        private static bool LiteralArrayMapped(string text)
        {
            if (!text.StartsWith("[", StringComparison.Ordinal)) return false;
            int end = text.IndexOf("].", StringComparison.Ordinal);
            return end > 0 && text.IndexOf("...", 0, end, StringComparison.Ordinal) < 0;
        }

        public bool IsUnboundedQueue(CallModel call) => false;

        public bool IsGather(CallModel call) =>
            call.Resolved is { } r && JavaScriptTables.FanOuts.Contains(r) && !Shadowed(call, r);

        public bool IsOrderedAwait(CallModel call)
        {
            if (call.Written == JavaScriptTables.PromiseConstructor) return true; // a hand-made wait (a timer, an event)
            if (OnTransaction(call)) return true; // one connection runs a transaction's queries one at a time anyway
            if (call.Resolved is { } r && JavaScriptTables.BatchFanOuts.Contains(r)) return true; // a batch per iteration: bounded on purpose
            // await Promise.race(executing): the first of the promises already running settles, a pool's pace — a collection made
            // before the loop (not one made in it, nor a list written here, Promise.race([fetch(item), timeout(ms)]): the item's own
            // work against its timeout)
            if (call.Resolved == JavaScriptTables.Race && call.Positional(0) is { Shape: Shape.Name, Text: { } pool } && call.Loop is { } loop
                && call.Function.Lookup(pool).Binding is { } running && running.FirstPosition < loop.StartByte) return true;
            if (ImportsBuiltin(call) || IsContainerLookup(call)) return true;
            string name = AwaitedVerb(call);
            // await loadPlugins(); await initialize(): start-up and shut-down steps, in the order written
            return !CallNames.NamesAState(name) && (CallNames.StartsWithAny(name, JavaScriptTables.OrderedAwaitMethodPrefixes) || CallNames.StartsWithAny(name, JavaScriptTables.RecordWritePrefixes))
                || IsLimiterKind(ReceiverKind(call)) || JavaScriptTables.IsLifecycleName(CallNames.Callee(call)) || DirectUiStep(call)
                // seriesAsyncMap, handleBatchSequential: a function named for running its steps one after another
                || RunsOwnPart(call) || CallNames.IsInMemoryWork(call) || CallNames.HasWordIn(call.Function.Name, JavaScriptTables.SeriesWords)
                // for (const interceptor of config.interceptors) { const before = interceptor.beforeQuery; await before(ctx); }, also
                // the ones registered for a key (for (const p of this.processors[event.type]) await p.process(event): a pipeline in order)
                || call.Loop is { IterableText: { } parts } && WithoutIndex(parts) is var held && held.Split('.').All(SourceModel.IsPlainName)
                    && JavaScriptTables.OwnParts.Contains(CallNames.LastWord(held));
        }

        /// <summary>
        /// <c>await option.click()</c>, <c>await page.keyboard.down(key)</c>: an action on a page element or on an input device; or
        /// <c>await this.setSelected(option)</c>, a method of the caller's class that awaits one itself.
        /// </summary>
        public bool IsUiStep(CallModel call) =>
            DirectUiStep(call) || call.Receiver == "this" && call.Method is { } m && call.Function.EnclosingClass is { } cls
            && call.Function.File.FunctionsNamed(m).Any(f => f.ClassName == cls && f.Awaits.Exists(a => a.Call is { } c && DirectUiStep(c)));

        private static bool DirectUiStep(CallModel call) =>
            call.Method is { } m && JavaScriptTables.UiActions.Contains(m)
            || call.Receiver is { } r && JavaScriptTables.InputDevices.Contains(r.Substring(r.LastIndexOf('.') + 1));

        /// <summary>
        /// <c>await ctx.get(RestBindings.Operation.ROUTE)</c>, <c>this.get(binding.key)</c> in a file that imports LoopBack: its context
        /// (named as one, or the application itself) resolving a binding by its key (in memory, the program's own dependency
        /// look-up), nothing to overlap. Not <c>axios.get(Endpoints.USERS)</c> nor <c>this.redis.get(Keys.SESSION)</c>.
        /// </summary>
        public bool IsContainerLookup(CallModel call)
        {
            if (call.Method is not ("get" or "getValueOrPromise") || call.Receiver is not { } context || !JavaScriptTables.LoopBackContexts.Contains(context)
                || call.Positional(0) is not { Shape: Shape.Member or Shape.Call, Text: { } key }) return false;
            string[] path = key.Split('(')[0].Split('.');
            return (path[^1] == "key" || path[0].EndsWith("Bindings", StringComparison.Ordinal))
                && call.Function.File.Imports.Values.Any(m => m.StartsWith(JavaScriptTables.LoopBackScope, StringComparison.Ordinal));
        }

        /// <summary>
        /// <c>await import("node:fs")</c>, <c>await import("path")</c>: a module built into Node comes from the runtime itself, with
        /// no file to read, so there is nothing to overlap (tslog's workers load them this way to run as CommonJS or ESM).
        /// </summary>
        private static bool ImportsBuiltin(CallModel call) =>
            call.Written == "import" && call.Positional(0) is { Shape: Shape.String, Text: { } quoted } && quoted.Length > 2
            && quoted.Substring(1, quoted.Length - 2) is var module
            && (module.StartsWith("node:", StringComparison.Ordinal) || JavaScriptTables.NodeBuiltinModules.Contains(module.Split('/')[0]));

        /// <summary>
        /// <c>await handler.call(this, bot)</c>, <c>await hook(ctx)</c>, <c>await listener.onEvent(e)</c>,
        /// <c>await trigger.handler(ctx)</c>, <c>await configuration.triggerHook(…)</c>: one of the program's own parts — hooks,
        /// handlers, listeners, middleware, run in the order they were registered, as their callers expect.
        /// </summary>
        private static bool RunsOwnPart(CallModel call)
        {
            string holder = call.Receiver is { } r && SourceModel.IsPlainName(WithoutThis(r)) ? r : call.Method == null ? call.Written : "";
            return holder.Length > 0 && JavaScriptTables.OwnPart.Contains(CallNames.LastWord(holder))
                || call.Receiver is { } item && SourceModel.IsPlainName(item) && call.Method is { } m && JavaScriptTables.OwnPart.Contains(m)
                // configuration.triggerHook(hooks => hooks.validateWorkspace, ws), runHandlers(event): running the registered parts
                || call.Method is { } verb && CallNames.Words(verb) is { Count: 2 } words
                   && Array.IndexOf(JavaScriptTables.PartRunners, words[0].Value.ToLowerInvariant()) >= 0
                   && words[1].Value.ToLowerInvariant().TrimEnd('s') is var part && part != "callback" && JavaScriptTables.OwnPart.Contains(part);
        }

        /// <summary><c>this.processors[event.type]</c> → <c>this.processors</c>: what holds the entry read by a key.</summary>
        private static string WithoutIndex(string text) =>
            text.EndsWith(']') && text.IndexOf('[') is > 0 and var open ? text.Substring(0, open) : text;

        private static string WithoutThis(string name) => name.StartsWith("this.", StringComparison.Ordinal) ? name.Substring(5) : name;

        /// <summary>
        /// <c>await db.save(item)</c> in a loop: a record write (not a transaction's, not the object's own method) of what the
        /// iteration itself holds — the loop's variable or a value derived from it in the body; or a whole file written to a
        /// path the iteration makes (<c>await writeFile(path.join(dir, `${n.id}.json`), …)</c>: each item's own file, not one
        /// file rewritten in order).
        /// </summary>
        public bool IsPerItemWrite(CallModel call, LoopModel loop)
        {
            if (call.Receiver == "this" || OnTransaction(call) || call.Written == JavaScriptTables.PromiseConstructor || loop.OverBatches) return false;
            if (call.Resolved is { } r && JavaScriptTables.FileWrites.Contains(r))
                return call.Positional(0) is { } target && LoopBindings.ReadsIterationValue(call.Function, target.StartByte, target.EndByte, loop);
            string name = AwaitedVerb(call);
            return !CallNames.StartsWithAny(name, JavaScriptTables.OrderedAwaitMethodPrefixes) && CallNames.StartsWithAny(name, JavaScriptTables.RecordWritePrefixes)
                && LoopBindings.ReadsIterationValue(call, loop);
        }

        /// <summary>
        /// What the awaited call does: its name, or for the AWS SDK v3's <c>client.send(new DeleteItemCommand(…))</c> the command's
        /// (<c>DeleteItem</c>): <c>send</c> there is how every request goes out, not a message sent into one ordered stream. Only
        /// commands of one record or object (<see cref="JavaScriptTables.SingleItemCommands"/>): a batch per chunk
        /// (<c>DeleteObjects</c>, <c>PutRecords</c>, <c>TransactWrite</c>) is sent a chunk at a time on purpose, as
        /// <c>Promise.all</c> over a chunk is; and only a command imported from <c>@aws-sdk/</c> (a command bus's <c>send</c> is ordered).
        /// </summary>
        private static string AwaitedVerb(CallModel call)
        {
            string name = CallNames.Callee(call);
            if (JavaScriptTables.BuilderRuns.Contains(name)) return BuiltWrite(call) ?? name;
            // the command's own call (new X({…}) may be too long for its argument's text)
            if (name != "send" || call.Positional(0) is not { } argument
                || call.Function.Calls.Find(c => c.StartByte == argument.StartByte && c.Written.StartsWith("new ", StringComparison.Ordinal)) is not { } command) return name;
            string written = command.Written.Substring(4);
            if (!SourceModel.IsPlainName(written) || call.Function.ImportTarget(written) is not { } from
                || !from.StartsWith(JavaScriptTables.AwsSdkScope, StringComparison.Ordinal)) return name;
            // the command's own name, also when imported under another (import { UpdateCommand as Update })
            string type = from.Substring(from.LastIndexOf('.') + 1);
            if (!type.EndsWith(JavaScriptTables.SdkCommandSuffix, StringComparison.Ordinal)) return name;
            string verb = type.Substring(0, type.Length - JavaScriptTables.SdkCommandSuffix.Length);
            return JavaScriptTables.SingleItemCommands.Contains(verb) || verb.StartsWith("Describe", StringComparison.Ordinal) ? verb : name;
        }

        /// <summary>
        /// The write a query builder's chain makes (<c>repo.createQueryBuilder().insert().into(T).values(v).execute()</c>, Kysely's
        /// <c>db.insertInto('t').values(v).execute()</c>): what the run at its end does, so one row's upsert per item is that item's write.
        /// </summary>
        private static string? BuiltWrite(CallModel call)
        {
            for (var c = call.ReceiverCall; c != null; c = c.ReceiverCall)
            {
                if (c.Method is { } m && CallNames.StartsWithAny(m, JavaScriptTables.BuiltWrites)) return m;
            }
            return null;
        }

        /// <summary>A query on a database transaction (<c>trx.select(…)</c>, <c>this.transaction.from(…)</c>) or given one (<c>save(trx, row)</c>).</summary>
        private static bool OnTransaction(CallModel call)
        {
            for (var c = call; c != null; c = c.ReceiverCall)
            {
                if (c.Receiver is not { } receiver) continue;
                if (receiver.StartsWith("this.", StringComparison.Ordinal)) receiver = receiver.Substring(5);
                int end = receiver.IndexOfAny(new[] { '.', '(', '[' });
                if (IsTransaction(call, end < 0 ? receiver : receiver.Substring(0, end))) return true;
            }
            foreach (var a in call.Arguments)
            {
                if (a.Shape == Shape.Name && a.Text is { } name && IsTransaction(call, name)) return true;
                // Sequelize's options: Invoice.update(values, { where, transaction: t })
                if (a.Text is { } options && options.StartsWith('{') && JavaScriptTables.TransactionOption().IsMatch(options)) return true;
            }
            return false;
        }

        private static bool IsTransaction(CallModel call, string name) =>
            JavaScriptTables.TransactionNames.Contains(name) || SourceModel.IsPlainName(name) && call.Function.KindOf(name) == JavaScriptTables.TransactionKind;

        public bool IsLimiterKind(string? kind) => kind == JavaScriptTables.LimiterKind;

        public bool IsThreadLockKind(string? kind) => false;

        public bool IsStreamWriterKind(string? kind) => false;

        /// <summary>
        /// <c>xs.filter(f).length > 0</c> (→ <c>some</c>), <c>xs.filter(f)[0]</c>, <c>.shift()</c>, <c>.at(0)</c> or <c>const [x] = …</c>
        /// (→ <c>find</c>), <c>.pop()</c> or <c>.at(-1)</c> (→ <c>findLast</c>): they stop at the match and build no array;
        /// <c>Array.from(xs).length</c> of an array (→ its own length).
        /// </summary>
        public string? MaterializedOnlyToConsume(CallModel call)
        {
            // (await posts.find(q).lean()).length, or a local holding the rows read only for its length: the database can count
            if (IsQueryFetch(call) && (call.ResultUse is ResultUse.Length or ResultUse.EmptinessTest || call.ResultUse == ResultUse.Other && OnlyReadAs(call, ".length"u8) != null))
            {
                return "a count in the query (countDocuments(q), count({ where }), .count()), which counts in the database instead of loading every row";
            }
            if (call.ResultUse == ResultUse.Other)
            {
                return IsArrayFilter(call) && call.Receiver is { } filtered && OnlyFirstItemRead(call) is { } held
                    ? (SourceModel.IsPlainName(filtered) ? filtered : "…") + ".find(…), which stops at the first match (" + held + " is only read at [0])" : null;
            }
            bool counted = call.ResultUse is ResultUse.Length or ResultUse.EmptinessTest;
            // [...new Set(xs)].length: the set already knows how many it holds
            if (counted && call.Receiver == null && KindOfCall(call) == JavaScriptTables.SizedKind) return call.Written.Substring(4) + "(…).size";
            if (call.Receiver is not { } receiver) return null;
            if (IsArrayFilter(call))
            {
                string test = SourceModel.IsPlainName(receiver) ? receiver : "…";
                if (call.ResultUse == ResultUse.EmptinessTest) return test + ".some(…), which stops at the first match";
                if (call.ResultUse == ResultUse.FirstItem) return test + ".find(…), which stops at the first match";
                if (call.ResultUse == ResultUse.LastItem) return test + ".findLast(…), which stops at the last match";
            }
            if (call.Resolved == "Array.from" && counted && call.Arguments.Count == 1 && !Shadowed(call, "Array.from") && call.Positional(0) is { } source)
            {
                if (source is { Shape: Shape.Name, Text: { } name } && call.Function.KindOf(name) is { } kind)
                {
                    if (kind == ValueKinds.List) return name + ".length";
                    if (kind == JavaScriptTables.SizedKind) return name + ".size";
                }
                // Array.from(new Set(xs)).length
                if (SizedArgument(call)) return "new Set(…).size";
            }
            return null;
        }

        /// <summary>
        /// <c>xs.filter(f)</c> or <c>xs.filter(f, thisArg)</c> on what may be an array. Not a filter given a string or a number:
        /// an array's filter needs a function, so <c>$items.filter('.active')</c> is jQuery's or cheerio's, whose result is no array;
        /// nor one on what is named as such a selection (a local <c>$module</c>, <c>$(sel)</c>, <c>jQuery(sel)</c>), which has no <c>some</c>.
        /// A member named with a <c>$</c> is no such sign (Vue's <c>this.$children</c>, a query's <c>$or</c> are arrays).
        /// </summary>
        private bool IsArrayFilter(CallModel call) =>
            call.Method == "filter" && call.Arguments.Count is 1 or 2 && ReceiverKind(call) is null or ValueKinds.List
            && call.Positional(0) is not { Shape: Shape.String or Shape.InterpolatedString or Shape.Number } && !IsSelection(call.Receiver);

        private static bool IsSelection(string? receiver)
        {
            if (receiver == null) return false;
            return receiver.Length > 1 && receiver[0] == '$' && SourceModel.IsPlainName(receiver.Substring(1))
                || receiver.StartsWith("$(", StringComparison.Ordinal) || receiver.StartsWith("jQuery(", StringComparison.Ordinal);
        }

        /// <summary>The call's one argument is itself a <c>new Set(…)</c> or <c>new Map(…)</c>.</summary>
        private bool SizedArgument(CallModel call)
        {
            foreach (var inner in call.Function.Calls)
            {
                if (inner.ArgumentOf == call) return inner.Receiver == null && KindOfCall(inner) == JavaScriptTables.SizedKind;
            }
            return false;
        }

        public bool IsMutatingMethod(string method) => JavaScriptTables.MutatingMethods.Contains(method);
    }
}
