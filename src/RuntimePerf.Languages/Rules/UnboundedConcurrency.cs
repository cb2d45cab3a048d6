using RuntimePerf.Engine.Catalog;
using System;
using System.Collections.Generic;
using RuntimePerf.Languages.Common;

namespace RuntimePerf.Languages.Rules
{
    /// <summary>
    /// RP0010: fan-out of one awaitable per item with no bound (<c>asyncio.gather(*(f(x) for x in items))</c>,
    /// <c>Promise.all(items.map(async …))</c>) with no semaphore or limiter in sight, and queues with no maximum size.
    /// </summary>
    public sealed partial class UnboundedConcurrency : IRule
    {
        public string RuleId => RuleIds.UnboundedConcurrency;

        public void Check(FileAudit audit)
        {
            foreach (var call in audit.Model.Calls)
            {
                if (audit.Knowledge.IsUnboundedQueue(call))
                {
                    audit.Report(RuleIds.UnboundedConcurrency, call.Function, call.StartByte, call.EndByte,
                        "Unbounded queue: " + call.Display + " in " + call.Function.Describe() + " has no " + audit.Knowledge.Advice.QueueBound + ", so producers never wait and memory grows with the backlog",
                        audit.Knowledge.Advice.UnboundedQueue);
                    continue;
                }
                // inside a loop: batching (not a loop that runs forever, each of whose cycles fans out over everything); in start-up or
                // shut-down code: over what the program configured or holds, once; a script serves no one while it waits
                if (!audit.Knowledge.IsFanOut(call) || call.Loop is { } loop && !RunsForever(audit.Model, loop) || call.Function.RunsOnce || audit.Model.IsScript) continue;
                var splat = FanOutSplat(call) ?? audit.Knowledge.FanOutItems(call);
                if (splat == null || Limited(audit, call, splat) || ReleasesEach(audit, splat) || CountedInCode(audit.Model, splat) || InMemoryWork(audit, splat)) continue;
                string items = splat.IsSpread ? "*" + (splat.InnerText ?? "…") : splat.Text ?? "…";
                // items made earlier and held in a local (const pending = items.map(…)): reported where they start — for coroutines,
                // which run only once awaited, at the fan-out
                var (start, end) = splat.EndByte <= call.StartByte && (ElementCall(audit.Model, splat) is not { } element || audit.Knowledge.RunsWhenMade(element))
                    ? (splat.StartByte, splat.EndByte) : (call.StartByte, call.EndByte);
                audit.Report(RuleIds.UnboundedConcurrency, call.Function, start, end,
                    "Unbounded concurrency: " + call.Written + "(" + items + ") in " + call.Function.Describe()
                    + " starts one operation per item at once, with no semaphore",
                    audit.Knowledge.Advice.UnboundedFanOut);
            }
        }

        /// <summary><c>while True:</c>, <c>while (true)</c>, <c>for (;;)</c>, <c>loop</c>: a worker or refresh loop, which batches nothing.</summary>
        private static bool RunsForever(SourceModel model, LoopModel loop) =>
            loop.Kind == LoopKind.While && Forever().IsMatch(model.Text.GetText(loop.StartByte, Math.Min(loop.EndByte, loop.StartByte + 32)));

        [System.Text.RegularExpressions.GeneratedRegex(@"^(while\s*\(?\s*(True|true|1)\s*\)?\s*[:{]|for\s*\(\s*;\s*;\s*\)|loop\s*\{)", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
        private static partial System.Text.RegularExpressions.Regex Forever();

        private static ArgumentModel? FanOutSplat(CallModel call)
        {
            foreach (var a in call.Arguments)
            {
                // Only a comprehension visibly makes one awaitable per item; a splatted name often holds tasks that already exist.
                if (a.Shape == Shape.Spread && a.InnerShape is Shape.Generator or Shape.Comprehension) return a;
                // Promise.all(items.map(async …)): one promise per item, in an array passed whole.
                if (a.Shape == Shape.Comprehension) return a;
            }
            return null;
        }

        /// <summary>
        /// <c>gather(*(fetch(u) for u in urls[:20]))</c>, <c>… for i in range(8)</c>, <c>… for c in SUPPORTED_CURRENCIES</c>: as many
        /// items at most as the code says.
        /// </summary>
        private static bool CountedInCode(SourceModel model, ArgumentModel splat)
        {
            foreach (var loop in model.Loops)
            {
                if (loop.StartByte >= splat.StartByte && loop.EndByte <= splat.EndByte && ((loop.ConstantRange ?? loop.AtMost) != null || loop.OverConstants)) return true;
            }
            return false;
        }

        /// <summary>Closing what is already open: at most as many operations as resources the program holds.</summary>
        private static readonly HashSet<string> Releases = new(StringComparer.Ordinal)
        {
            "close", "aclose", "disconnect", "quit", "shutdown", "stop", "cancel", "terminate", "kill", "wait_closed", "destroy", "dispose", "end",
        };

        /// <summary>
        /// What only the program itself holds open (<c>shutdown_kernel</c>, <c>closeConnection</c>) — not a session or a process that
        /// may be a record on a server, ended by a request each.
        /// </summary>
        private static readonly HashSet<string> HeldResources = new(StringComparer.OrdinalIgnoreCase)
        {
            "kernel", "kernels", "connection", "connections", "conn", "client", "clients", "worker", "workers", "server", "socket", "pool",
            "consumer", "producer", "subscriber", "listener", "watcher", "transport", "browser",
        };

        private static readonly string[] AsyncSuffixes = { "_async", "Async" };

        /// <summary>Verbs that release a resource held open, when followed by one's name (<c>stop_worker</c>; not <c>end_session</c>).</summary>
        private static readonly HashSet<string> HeldReleases = new(StringComparer.Ordinal) { "close", "aclose", "disconnect", "shutdown", "stop", "dispose" };

        /// <summary>
        /// <c>close()</c>, <c>_close()</c>, <c>closeAsync()</c>, <c>wait_closed()</c>, <c>shutdown_kernel_async()</c>: a release verb
        /// alone, or one followed only by the name of what the program holds open.
        /// </summary>
        private static bool IsRelease(string method)
        {
            string own = method.TrimStart('_');
            foreach (string suffix in AsyncSuffixes)
            {
                if (own.Length > suffix.Length && own.EndsWith(suffix, StringComparison.Ordinal)) own = own[..^suffix.Length];
            }
            if (Releases.Contains(own)) return true;
            var words = CallNames.Words(own);
            if (words.Count < 2 || !HeldReleases.Contains(words[0].Value.ToLowerInvariant())) return false;
            for (int i = 1; i < words.Count; i++)
            {
                if (!HeldResources.Contains(words[i].Value)) return false;
            }
            return true;
        }

        /// <summary>
        /// <c>gather(*(c.disconnect() for c in self._connections))</c>: a teardown of the pool's connections, the cluster's
        /// nodes, the running workers; bounded by what was opened, and wanted all at once.
        /// </summary>
        private static bool ReleasesEach(FileAudit audit, ArgumentModel splat)
        {
            foreach (var c in audit.Model.Calls)
            {
                if (c.StartByte >= splat.StartByte && c.EndByte <= splat.EndByte && c.Method is { } m && IsRelease(m)) return true;
            }
            return false;
        }

        /// <summary>
        /// <c>Promise.all(args.map((a) =&gt; this.serializeAsync(a)))</c>, <c>paramsOptions.map(resolveParamValue)</c>: each item's
        /// work — every call the per-item code makes that is not an argument of another — is named for computing in memory
        /// (parsing, converting, resolving a dependency) and is the program's own (a function of the file or a method, not
        /// <c>dns.resolve</c> of an imported module), or is a look-up in the program's own container
        /// (<c>bindings.map(b =&gt; this.get(b.key))</c>): no socket or handle per item.
        /// </summary>
        private static bool InMemoryWork(FileAudit audit, ArgumentModel splat)
        {
            var model = audit.Model;
            if (model.CallAt(splat.StartByte, splat.EndByte) is { Method: "map" } mapping && mapping.Positional(0) is { Shape: Shape.Name, Text: { } mapper })
            {
                return mapping.Function.ImportTarget(mapper) == null && CallNames.IsInMemoryName(mapper, null, mapping.Function);
            }
            int outerEnd = -1;
            var work = new HashSet<int>();
            foreach (var c in model.Calls)
            {
                if (c.StartByte <= splat.StartByte || c.EndByte > splat.EndByte) continue;
                if (c.StartByte < outerEnd)
                {
                    // parseCsv(fs.createReadStream(f)): a library call in the work's arguments may open what the name hides
                    if (CallNames.IsImported(c)) return false;
                    continue;
                }
                outerEnd = c.EndByte;
                if (!CallNames.IsInMemoryWork(c) && !audit.Knowledge.IsContainerLookup(c)) return false;
                work.Add(c.StartByte);
            }
            // parse(await fetch(url)): what is awaited inside the work reaches out
            foreach (var a in model.Awaits)
            {
                if (a.StartByte > splat.StartByte && a.EndByte <= splat.EndByte && (a.Call == null || !work.Contains(a.Call.StartByte))) return false;
            }
            return work.Count > 0;
        }

        /// <summary>A semaphore or limiter is visible in the function or in the per-item coroutine.</summary>
        private static bool Limited(FileAudit audit, CallModel call, ArgumentModel splat)
        {
            if (UsesLimiter(audit, call.Function)) return true;
            // the per-item coroutine acquires one itself: a function of the file, or a method of the caller's own class
            if (ElementCall(audit.Model, splat) is not { } element) return false;
            string written = element.Written;
            bool onSelf = CallNames.IsOnSelf(written);
            if (!onSelf && written.IndexOf('.') >= 0) return false;
            string callee = onSelf ? written.Substring(written.IndexOf('.') + 1) : written;
            string? cls = onSelf ? call.Function.EnclosingClass : null;
            foreach (var fn in audit.Model.Functions)
            {
                if (fn.Name == callee && fn.ClassName == cls && (UsesLimiter(audit, fn) || CallsLimiter(audit, fn))) return true;
            }
            return false;
        }

        /// <summary><c>join(channel) { return this._joinLimiter.request(channel); }</c>: the per-item function goes through a limiter it calls.</summary>
        private static bool CallsLimiter(FileAudit audit, FunctionModel fn) => fn.Calls.Exists(c => audit.Knowledge.IsLimiterKind(audit.Knowledge.ReceiverKind(c)));

        /// <summary>
        /// The call each item makes: the first one inside the items after those the items start with (<c>items.map(…)</c>
        /// itself, <c>load().map(…)</c>) — <c>fetch_one</c> in <c>(fetch_one(u) for u in urls if allowed(u))</c>.
        /// </summary>
        private static CallModel? ElementCall(SourceModel model, ArgumentModel splat)
        {
            foreach (var c in model.Calls)
            {
                if (c.StartByte > splat.StartByte && c.EndByte <= splat.EndByte) return c;
            }
            return null;
        }

        private static bool UsesLimiter(FileAudit audit, FunctionModel fn)
        {
            foreach (var w in audit.Model.Withs)
            {
                if (w.Function != fn) continue;
                foreach (var item in w.Items)
                {
                    if (item.Call != null && audit.Knowledge.IsLimiterKind(audit.Knowledge.KindOfCall(item.Call))) return true;
                    if (item.Name != null && audit.Knowledge.IsLimiterKind(fn.KindOf(item.Name))) return true;
                    if (item.Text.Contains("sem", StringComparison.OrdinalIgnoreCase) || item.Text.Contains("limit", StringComparison.OrdinalIgnoreCase)) return true;
                }
            }
            foreach (var c in fn.Calls)
            {
                if (c.Method is "acquire" && (c.Receiver ?? "").Contains("sem", StringComparison.OrdinalIgnoreCase)) return true;
            }
            return false;
        }
    }
}
