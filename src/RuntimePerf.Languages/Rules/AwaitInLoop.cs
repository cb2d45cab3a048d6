using RuntimePerf.Engine.Catalog;
using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using RuntimePerf.Engine.Model;
using RuntimePerf.Languages.Common;

namespace RuntimePerf.Languages.Rules
{
    /// <summary>
    /// RP0009: a <c>for</c> loop over data that awaits a call per iteration when the iterations do not depend on each
    /// other: the awaited call reads no value carried over from a previous iteration, and the loop never stops early.
    /// </summary>
    public sealed class AwaitInLoop : IRule
    {
        public string RuleId => RuleIds.AwaitInLoop;

        public void Check(FileAudit audit)
        {
            var model = audit.Model;
            var reported = new HashSet<LoopModel>();
            var paced = new Dictionary<LoopModel, bool>();
            bool IsPaced(LoopModel loop) => paced.TryGetValue(loop, out bool known) ? known : paced[loop] = Paced(audit, loop);
            foreach (var aw in model.Awaits)
            {
                if (aw.Loop is not { Kind: LoopKind.For } loop || reported.Contains(loop) || !aw.Function.IsAsyncPath) continue;
                // a batch per iteration is bounded on purpose, as a Promise.all over a chunk is
                if (loop.ConstantRange != null || loop.OverBatches || aw.Call is not { } call
                    || audit.Knowledge.IsOrderedAwait(call) && !audit.Knowledge.IsPerItemWrite(call, loop)) continue;
                if (YieldsEach(aw.Function, loop) && !audit.Knowledge.IsPerItemWrite(call, loop)
                    || ReadsInOrder(model, call, loop) || OneBorrowAcrossIterations(audit.Knowledge, model, call, loop) || CallsTheItem(model, call, loop)
                    || StopsEarly(model, loop) || IsPaced(loop) || CarriesOver(model, aw, loop) || AlternativeToFanOut(audit, call, loop)
                    || PerItemOfFanOut(audit, loop) || SetsStateAround(model, aw, loop)) continue;
                reported.Add(loop);
                var fn = aw.Function;
                audit.Report(RuleIds.AwaitInLoop, fn, aw.StartByte, aw.EndByte,
                    "Await in a loop: " + call.Written + "() in " + fn.Describe() + " is awaited once per item of " + (loop.IterableText ?? "the loop")
                    + ", one at a time, although no iteration needs the previous one's result",
                    audit.Knowledge.Advice.AwaitInLoop,
                    Confidence.High, Severity.Medium);
            }
        }

        /// <summary>
        /// An async generator's loop that yields in its body (directly or from a loop nested in it, handing out the items of
        /// what this iteration fetched): each result is handed out as it comes, and the consumer pulls them one at a time, so
        /// fetching ahead would give up the laziness the generator is for.
        /// </summary>
        private static bool YieldsEach(FunctionModel fn, LoopModel loop) => fn.Yields.Exists(loop.BodyContains);

        /// <summary>
        /// Reading a stream, socket or queue that outlives the loop: each read continues where the previous one stopped
        /// (a response opened per iteration is read independently).
        /// </summary>
        private static bool ReadsInOrder(SourceModel model, CallModel call, LoopModel loop)
        {
            if (call.Receiver is { } r && SourceModel.IsPlainName(r) && WrittenInBody(model, r, call.Function, loop)) return false;
            string method = (call.Method ?? "").TrimStart('_');
            if (method.StartsWith("read", StringComparison.Ordinal) && !WholeReads.Contains(method) || method.StartsWith("recv", StringComparison.Ordinal)
                || method.StartsWith("receive", StringComparison.Ordinal)) return true;
            // the same file read on every iteration: reading it once is the fix (RP0016), not reading it n times at once
            if (WholeReads.Contains(method) && SamePathEachTime(model, call, loop)) return true;
            // the receiver's own path: s3.upload({ Body: fs.createReadStream(f) }).promise() is no stream
            string receiver = call.Receiver ?? "";
            int open = receiver.IndexOf('(');
            if (NamesAChannel(open >= 0 ? receiver.Substring(0, open) : receiver, queues: true)) return true;
            // self.command(…) inside a Connection, Cursor, Client or Protocol class: the object is the one connection.
            if (call.Receiver is "self" or "this" && call.Function.ClassName is { } cls
                && (NamesAChannel(cls, queues: false) || OneConnectionClasses.Any(c => cls.Contains(c, StringComparison.OrdinalIgnoreCase)))) return true;
            // parse_response(connection, …): a connection handed in that the loop keeps (an attribute of self/this, or a
            // local the body does not assign): its replies come back in order.
            foreach (var argument in call.Arguments)
            {
                if (argument.Text is not { } text || !NamesAChannel(text, queues: false)) continue;
                if (SourceModel.IsPlainName(text) ? !WrittenInBody(model, text, call.Function, loop)
                    : (text.StartsWith("self.", StringComparison.Ordinal) || text.StartsWith("this.", StringComparison.Ordinal)) && SourceModel.IsPlainName(text.Substring(5))) return true;
            }
            return false;
        }

        /// <summary>Every name the call reads is one the loop neither binds nor assigns.</summary>
        private static bool SamePathEachTime(SourceModel model, CallModel call, LoopModel loop)
        {
            foreach (var use in model.UsesIn(call.Function, call.StartByte, call.EndByte))
            {
                if (!LoopBindings.Unchanged(model, call.Function, loop, model.NameOf(use))) return false;
            }
            return true;
        }

        /// <summary>
        /// <c>steps.setCurrentFile(path); await load(path); steps.clearCurrentFile();</c>: the body sets shared state before the
        /// await and clears the same state after it, on the same receiver (<c>setX</c>/<c>clearX</c>, <c>var.set(v)</c>/<c>var.reset(t)</c>,
        /// <c>stack.push(x)</c>/<c>stack.pop()</c>): what the awaited work reads meanwhile is the one pass's, so passes cannot overlap.
        /// </summary>
        private static bool SetsStateAround(SourceModel model, AwaitModel aw, LoopModel loop)
        {
            var calls = aw.Function.Calls;
            foreach (var set in calls)
            {
                if (set.EndByte > aw.StartByte || !loop.BodyContains(set.StartByte) || StateSet(set, SetVerbs) is not { } state) continue;
                if (set.Receiver is { } r && SourceModel.IsPlainName(r) && WrittenInBody(model, r, aw.Function, loop)) continue;
                if (calls.Exists(clear => clear.StartByte >= aw.EndByte && loop.BodyContains(clear.StartByte) && clear.Receiver == set.Receiver
                    && StateSet(clear, ClearVerbs) == state)) return true;
            }
            return false;
        }

        /// <summary>Verbs that set shared state for what follows, and those that undo it.</summary>
        private static readonly HashSet<string> SetVerbs = new(StringComparer.Ordinal) { "set", "push", "enter", "begin" };
        private static readonly HashSet<string> ClearVerbs = new(StringComparer.Ordinal) { "clear", "reset", "unset", "pop", "exit", "leave", "end" };

        /// <summary>The state a call named <c>verb</c> + state sets or clears (<c>setCurrentStepFile</c> → <c>currentstepfile</c>; <c>push</c> → "").</summary>
        private static string? StateSet(CallModel call, HashSet<string> verbs)
        {
            var words = CallNames.Words(CallNames.Callee(call));
            if (words.Count == 0 || call.IsAwaited || !verbs.Contains(words[0].Value.ToLowerInvariant())) return null;
            return string.Concat(words.Skip(1).Select(w => w.Value.ToLowerInvariant()));
        }

        /// <summary><c>load_user(&amp;mut *conn, id).await</c> per item through one connection the loop keeps: one borrow at a time.</summary>
        private static bool OneBorrowAcrossIterations(ILanguageKnowledge knowledge, SourceModel model, CallModel call, LoopModel loop) =>
            knowledge.MutablyBorrowed(call).Any(name => !WrittenInBody(model, name, call.Function, loop));

        private static bool WrittenInBody(SourceModel model, string name, FunctionModel fn, LoopModel loop) =>
            model.UsesOf(name, fn, loop.BodyStartByte, loop.BodyEndByte).Any(u => u.Kind == UseKind.Write);

        /// <summary>First words of a function that pauses the loop on purpose (<c>delay</c>, <c>sleepMs</c>, <c>_throttle_blocking</c>).</summary>
        private static readonly HashSet<string> PauseWords = new(StringComparer.Ordinal) { "sleep", "throttle", "delay", "pause", "backoff" };

        /// <summary>Words after the first that only say how it pauses.</summary>
        private static readonly HashSet<string> PauseHowWords = new(StringComparer.Ordinal)
        {
            "ms", "for", "seconds", "millis", "async", "blocking", "jitter", "random",
        };

        /// <summary>The first word pauses and every other one only says how (<c>delay</c>, <c>sleep_ms</c>; not <c>delayOrder</c>).</summary>
        private static bool NamedForPause(string name)
        {
            var words = CallNames.Words(name.TrimStart('_'));
            if (words.Count == 0 || !PauseWords.Contains(words[0].Value.ToLowerInvariant())) return false;
            for (int i = 1; i < words.Count; i++)
            {
                if (!PauseHowWords.Contains(words[i].Value.ToLowerInvariant())) return false;
            }
            return true;
        }

        /// <summary>Calls that run the function they are handed on another thread.</summary>
        private static readonly HashSet<string> HandOffs = new(StringComparer.Ordinal) { "run_in_executor", "to_thread", "run_sync", "spawn_blocking" };

        private static readonly string[] Channels = { "reader", "stream", "socket", "conn", "transport", "channel" };

        /// <summary>Reads of a whole file or directory by its path (<c>fsp.readFile(p)</c>, <c>await path.read_text()</c>): each stands alone, nothing continues.</summary>
        private static readonly HashSet<string> WholeReads = new(StringComparer.Ordinal)
        {
            "readFile", "readdir", "readJson", "readJSON", "readlink", "readText", "read_text", "read_bytes", "read_file",
        };
        private static readonly string[] OneConnectionClasses = { "cursor", "client", "protocol", "smtp", "ftp" };

        private static bool NamesAChannel(string text, bool queues)
        {
            // an upstream or downstream is a remote service, no stream read in order
            if (text.Contains("upstream", StringComparison.OrdinalIgnoreCase) || text.Contains("downstream", StringComparison.OrdinalIgnoreCase))
            {
                text = text.Replace("upstream", "", StringComparison.OrdinalIgnoreCase).Replace("downstream", "", StringComparison.OrdinalIgnoreCase);
            }
            return queues && text.Contains("queue", StringComparison.OrdinalIgnoreCase) || Channels.Any(c => text.Contains(c, StringComparison.OrdinalIgnoreCase));
        }

        /// <summary>
        /// <c>for hook in hooks: await hook(request)</c>: the items are the callbacks themselves (hooks, startup handlers,
        /// background tasks), or name them (<c>await implementations[policy](ctx)</c>), which run one after another by contract.
        /// </summary>
        private static bool CallsTheItem(SourceModel model, CallModel call, LoopModel loop)
        {
            // await implementations[policy](ctx): the item names which of the program's callbacks runs
            int open = call.Written.LastIndexOf('[');
            if (open > 0 && call.Written.EndsWith(']') && call.Written.Substring(open + 1, call.Written.Length - open - 2) is var key
                && SourceModel.IsPlainName(key)) return BoundByLoop(model, key, call, loop);
            if (call.Receiver != null) return false;
            if (SourceModel.IsPlainName(call.Written)) return BoundByLoop(model, call.Written, call, loop);
            // ensure_async(fn)(): the callee is a call that wraps the item.
            foreach (var inner in call.Function.Calls)
            {
                if (inner.StartByte == call.StartByte && inner.EndByte < call.EndByte)
                    return inner.Arguments.Any(a => a.Text is { } t && SourceModel.IsPlainName(t) && BoundByLoop(model, t, call, loop));
            }
            return false;
        }

        private static bool BoundByLoop(SourceModel model, string name, CallModel call, LoopModel loop) =>
            model.UsesOf(name, call.Function, loop.StartByte, loop.BodyStartByte).Any(u => u.Kind != UseKind.Read);

        /// <summary>
        /// <c>if (parallel) await Promise.all(children.map(c =&gt; add(c))); else for (const c of children) await add(c);</c>: the
        /// function also fans out the same callee over the same items outside the loop. Both cannot run on the same items
        /// unconditionally, so the one-at-a-time loop is the alternative chosen on purpose.
        /// </summary>
        private static bool AlternativeToFanOut(FileAudit audit, CallModel call, LoopModel loop)
        {
            if (loop.IterableText is not { } items || !SourceModel.IsPlainName(items)) return false;
            var model = audit.Model;
            var fn = loop.Function;
            bool Outside(CallModel c) => c.StartByte >= fn.StartByte && c.EndByte <= fn.EndByte && (c.EndByte <= loop.StartByte || c.StartByte >= loop.EndByte);
            if (!model.Calls.Exists(c => Outside(c) && (audit.Knowledge.IsFanOut(c) || audit.Knowledge.IsGather(c)))) return false;
            foreach (var same in model.Calls)
            {
                if (same.Written != call.Written || !Outside(same)) continue;
                // made per item of the same items: children.map(c => add(c)), gather(*(add(c) for c in children))
                if (model.Loops.Exists(m => m.Kind == LoopKind.Comprehension && m.IterableText == items && m != loop
                    && m.StartByte <= same.StartByte && same.StartByte < m.EndByte && m.StartByte >= fn.StartByte && m.EndByte <= fn.EndByte)) return true;
            }
            return false;
        }

        /// <summary>
        /// <c>await Promise.all(chunk.map(async (map) =&gt; { for (const page of map.pages) await render(page); }))</c>: the loop is
        /// the per-item work of a fan-out, which already runs the items side by side; its steps one at a time keep the total
        /// as bounded as the fan-out (eleventy's chunked rendering), and the fan-out is where concurrency is tuned.
        /// </summary>
        private static bool PerItemOfFanOut(FileAudit audit, LoopModel loop)
        {
            var fn = loop.Function;
            // the callback of items.map(…), one call per item — not any function written in the list (an async IIFE)
            if (fn.Kind != FunctionKind.Lambda || !audit.Model.Loops.Exists(l => l.Kind == LoopKind.Comprehension && l.Function == fn && l.IterableText != null)) return false;
            return audit.Model.Calls.Exists(c => c.StartByte < fn.StartByte && fn.EndByte <= c.EndByte && (audit.Knowledge.IsFanOut(c) || audit.Knowledge.IsGather(c)));
        }

        /// <summary>A break, return or raise in the loop body: later iterations depend on what earlier ones found.</summary>
        private static bool StopsEarly(SourceModel model, LoopModel loop)
        {
            foreach (var st in model.Statements)
            {
                if (st.Function == loop.Function && st.Kind is StatementKind.Break or StatementKind.Return or StatementKind.Raise && loop.BodyContains(st.StartByte)) return true;
            }
            return false;
        }

        /// <summary>
        /// The loop paces or limits itself on purpose (sleep, acquire, another ordered await, a step of a UI); a blocking sleep paces it
        /// too (a rate limit written badly: RP0002 reports the sleep, the one-at-a-time order is what it wants).
        /// </summary>
        private static bool Paced(FileAudit audit, LoopModel loop)
        {
            foreach (var aw in loop.Function.Awaits)
            {
                if (!loop.BodyContains(aw.StartByte) || aw.Call is not { } c) continue;
                // a click per option, then the next option looked up on the page the click changed: the loop drives a UI
                if (audit.Knowledge.IsUiStep(c)) return true;
                if (audit.Knowledge.IsOrderedAwait(c)
                    && (c.Method ?? c.Resolved ?? c.Written) is { } name && (name.Contains("sleep") || name.Contains("acquire") || name.Contains("wait"))) return true;
                // await delay(250), await sleepMs(50): a function of its own named for the pause (not stripe.subscriptions.pause(id),
                // nor delayOrder(o)), also an import so renamed (import { setTimeout as sleep } from 'node:timers/promises');
                // await loop.run_in_executor(None, _throttle_blocking, 0.05), asyncio.to_thread(time.sleep, 1): a pause handed to a thread
                if (c.Receiver == null && (NamedForPause(CallNames.Callee(c)) || NamedForPause(c.Written))
                    || HandOffs.Contains(CallNames.Callee(c)) && c.Arguments.Exists(a => a.Text is { } t && t.All(ch => char.IsLetterOrDigit(ch) || ch is '_' or '.')
                        && NamedForPause(t.Substring(t.LastIndexOf('.') + 1)))) return true;
            }
            foreach (var call in loop.Function.Calls)
            {
                if (loop.BodyContains(call.StartByte) && !call.IsAwaited && audit.Knowledge.Classify(call)?.RuleId == RuleIds.SyncSleep) return true;
            }
            return false;
        }

        /// <summary>
        /// The awaited expression reads a name that the loop body assigns only after the await: the value comes from the previous
        /// iteration (a pagination cursor, a running offset). Or (Python, JavaScript/TypeScript) the condition of an <c>if</c> in
        /// the loop body around the await reads what the branch then sets from the await's answer: zigpy asks each endpoint for
        /// the model only while <c>self.model is None</c>, and sets <c>self.model = model</c> from what it answered.
        /// </summary>
        private static bool CarriesOver(SourceModel model, AwaitModel aw, LoopModel loop)
        {
            var bound = BoundBy(model, aw);
            if (ReadsCarried(model, aw, loop, bound)) return true;
            if (bound.Count == 0) return false;
            var branches = model.Branches;
            // branches are recorded in source order: from the last one opening before the await back to the loop body's start
            int i = branches.Count - 1;
            while (i >= 0 && branches[i].StartByte > aw.StartByte) i--;
            for (; i >= 0 && branches[i].StartByte >= loop.BodyStartByte; i--)
            {
                var branch = branches[i];
                // the await in what runs while the condition holds (not in its else)
                if (branch.IsIf && branch.Function == aw.Function && branch.Contains(aw.StartByte) && aw.StartByte >= branch.ConditionEndByte
                    && (branch.AlternativeStartByte < 0 || aw.StartByte < branch.AlternativeStartByte) && SetsFromAnswer(model, aw, loop, branch, bound)) return true;
            }
            return false;
        }

        /// <summary>
        /// After the await, inside the branch, a name or attribute the condition reads (<c>self.model</c>, <c>this.leaderId</c>,
        /// <c>found</c>) is assigned a value that reads a name the await's statement bound.
        /// </summary>
        private static bool SetsFromAnswer(SourceModel model, AwaitModel aw, LoopModel loop, BranchModel branch, IReadOnlyList<string> answer)
        {
            string condition = model.Text.GetText(branch.ConditionStartByte, branch.ConditionEndByte);
            string after = model.Text.GetText(aw.EndByte, branch.AlternativeStartByte >= 0 ? branch.AlternativeStartByte : branch.EndByte);
            return AssignsFromAnswer(after, answer,
                target => Regex.IsMatch(condition, @"(?<![\w.])" + Regex.Escape(target) + @"(?![\w(])") && Outlives(model, aw.Function, loop, branch, target));
        }

        /// <summary>In <paramref name="text"/>, an assignment to a target <paramref name="accepts"/> of a value that reads a name of <paramref name="answer"/>.</summary>
        private static bool AssignsFromAnswer(string text, IReadOnlyList<string> answer, Func<string, bool> accepts)
        {
            foreach (Match assignment in Assignment.Matches(text))
            {
                if (!accepts(assignment.Groups["target"].Value)) continue;
                string value = assignment.Groups["value"].Value;
                foreach (string name in answer)
                {
                    if (Regex.IsMatch(value, @"(?<![\w.])" + Regex.Escape(name) + @"\b")) return true;
                }
            }
            return false;
        }

        /// <summary>
        /// What the target holds survives to the next pass: an attribute of the object, or a name bound before the loop that the
        /// body does not bind again before the branch (<c>let user = cache.get(id)</c> in the body is a new one each pass).
        /// </summary>
        private static bool Outlives(SourceModel model, FunctionModel fn, LoopModel loop, BranchModel branch, string target)
        {
            if (CallNames.IsOnSelf(target)) return true;
            if (fn.Lookup(target) is not { Binding: { } binding } || binding.FirstPosition >= loop.BodyStartByte) return false;
            return !model.UsesOf(target, fn, loop.BodyStartByte, branch.StartByte).Any(u => u.Kind == UseKind.Write);
        }

        /// <summary>
        /// <c>self.model = model</c>, <c>this.leaderId ??= info.id</c>, <c>found = hit</c>: a target and the rest of its line (not a
        /// keyword argument, <c>emit(user=user)</c>).
        /// </summary>
        private static readonly Regex Assignment = new(
            @"(?<![(,]\s*)(?<![\w.])(?<target>(?:(?:self|this)\.)?[A-Za-z_$][\w$]*)\s*(?:\?\?|\|\||&&|[-+*|&])?=(?![=>])(?<value>[^\n]*)", RegexOptions.CultureInvariant);

        /// <summary>The names the await's own statement binds (<c>model, maker = await ep.get_model_info()</c>).</summary>
        private static IReadOnlyList<string> BoundBy(SourceModel model, AwaitModel aw)
        {
            foreach (var st in model.Statements)
            {
                if (st.Await == aw) return st.BoundNames;
            }
            return Array.Empty<string>();
        }

        /// <summary>
        /// In the awaited expression, a read of a name the loop body assigns only after the await, or of one the await's own
        /// statement binds (<paramref name="bound"/>), or of a local the body makes before the await by a call that reads a name
        /// the body then sets from the await's answer (<c>const container = this.containerAt(position); const header = await
        /// container.getHeader(); position = header.end;</c>: the position comes from the previous pass; not a counter, <c>done += 1</c>).
        /// </summary>
        private static bool ReadsCarried(SourceModel model, AwaitModel aw, LoopModel loop, IReadOnlyList<string> bound)
        {
            var fn = aw.Function;
            // handler = await m(app, handler): the await's own statement feeds its result to the next iteration.
            foreach (var read in model.UsesIn(fn, aw.OperandStartByte, aw.OperandEndByte))
            {
                if (read.Kind != UseKind.Read) continue;
                string name = model.NameOf(read);
                // the object itself: setting one of its attributes is no new value of another
                if (name is "self" or "this") continue;
                if (bound.Contains(name)) return true;
                var written = WrittenInBody(model, loop, aw, name);
                if (written == Written.AfterOnly) return true;
                if (written != Written.BeforeOnly) continue;
                foreach (var made in fn.Calls)
                {
                    if (made.AssignedTo != name || !loop.BodyContains(made.StartByte) || made.EndByte > aw.StartByte) continue;
                    foreach (var input in model.UsesIn(fn, made.StartByte, made.EndByte))
                    {
                        if (input.Kind == UseKind.Read && model.NameOf(input) is not ("self" or "this") and var source
                            && WrittenInBody(model, loop, aw, source) == Written.AfterOnly
                            && AssignsFromAnswer(model.Text.GetText(aw.EndByte, loop.BodyEndByte), bound, target => target == source)) return true;
                    }
                }
            }
            return false;
        }

        private enum Written { Never, BeforeOnly, AfterOnly, Both }

        /// <summary>Where the loop body assigns <paramref name="name"/>, against the await: before it, after it, both or never.</summary>
        private static Written WrittenInBody(SourceModel model, LoopModel loop, AwaitModel aw, string name)
        {
            var fn = aw.Function;
            // for (const stop of stops) { const hit = await geocode(stop.address); stop.lat = hit.lat; }: the item is a new one
            // on every pass, so setting its fields carries nothing over (binding it again would)
            bool item = model.UsesOf(name, fn, loop.StartByte, loop.BodyStartByte).Any(u => u.Kind != UseKind.Read);
            bool writtenBefore = false, writtenAfter = false;
            foreach (var use in model.UsesOf(name, fn, loop.BodyStartByte, loop.BodyEndByte))
            {
                if (use.Kind == UseKind.Read || item && use.Kind == UseKind.Mutate) continue;
                if (use.Start < aw.StartByte) writtenBefore = true; else writtenAfter = true;
            }
            return (writtenBefore, writtenAfter) switch
            {
                (false, false) => Written.Never,
                (true, false) => Written.BeforeOnly,
                (false, true) => Written.AfterOnly,
                _ => Written.Both,
            };
        }
    }
}
