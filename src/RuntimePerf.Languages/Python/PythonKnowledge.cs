using RuntimePerf.Engine.Catalog;
using System;
using System.Linq;
using System.Text.RegularExpressions;
using RuntimePerf.Engine.Model;
using RuntimePerf.Languages.Common;

namespace RuntimePerf.Languages.Python
{
    /// <summary>Answers the rules' questions about Python calls from <see cref="PythonTables"/>.</summary>
    internal sealed class PythonKnowledge : ILanguageKnowledge
    {
        public static readonly PythonKnowledge Instance = new();

        public Language Language => Language.Python;

        public RuleAdvice Advice { get; } = new()
        {
            BlockingHelper = "Make {name} async (with a non-blocking call), or await asyncio.to_thread({call})",
            AwaitInLoop = "Run the per-item work concurrently with a bounded fan-out: an asyncio.Semaphore around asyncio.gather, or an asyncio.TaskGroup over batches",
            SequentialAwaits = "Run them concurrently: a, b = await asyncio.gather(f(), g()) (or an asyncio.TaskGroup)",
            FireAndForget = "Keep a reference (add it to a set and discard it in a done callback) or use asyncio.TaskGroup, and observe its result",
            UnstartedIssue = "Fire-and-forget: {call} in {where} creates the coroutine of async def {name} and drops it without await, so {name} never runs",
            UnstartedAdvice = "Await it; to run it in the background, asyncio.create_task(…) it and keep a reference",
            ClientPerRequest = "Create one client at startup (app lifespan / module level / dependency) and reuse it",
            ExpensiveObject = "Build it once before the loop (or at module level) and reuse it",
            UnboundedFanOut = "Bound the fan-out: acquire an asyncio.Semaphore inside the per-item coroutine, or process the items in fixed-size batches",
            UnboundedQueue = "Give the queue a maxsize so that put() applies backpressure",
            StringConcatInLoop = "Collect the parts in a list and \"\".join(parts) once after the loop (or write them to an io.StringIO)",
            QuadraticScan = "Keep a set (or a dict keyed by the looked-up value) alongside the list, or build one before the loop, and test membership against it",
            LockAroundIo = "Use an asyncio.Lock with async with, or release the thread lock before awaiting",
            OnlyKeys = "Iterate {collection} itself (or {collection}.keys()): the loop never uses the values",
            OnlyValues = "Iterate {collection}.values(): the loop never uses the keys",
            FirstOfComprehension = "next(<generator>) (drop the square brackets; next(…, None) where nothing may match): it stops at the first item",
        };

        public CallRow? Classify(CallModel call)
        {
            if (call.IsAwaited) return null; // an awaited call is an async API that happens to share a name
            if (call.Resolved is { } resolved)
            {
                if (resolved is "open" or "input" && call.Function.Shadows(resolved)) return null;
                if (PythonTables.Async.Function(resolved) is { } row) return row;
                if (resolved == PythonTables.JsonLoads && LoadsLargeInput(call))
                {
                    return new CallRow(RuleIds.CpuBoundInAsync, PythonTables.JsonLoads, PythonTables.JsonLoadsReplacement, Confidence.Medium);
                }
            }
            // Most calls are no table's method: skip working out the receiver's kind for them.
            if (call.Method is not { } method || !PythonTables.Async.HasMethod(method)) return null;
            string? kind = ReceiverKind(call);
            if (kind == "socket" && SetsSocketsNonBlocking(call.Function.File)) return null;
            return PythonTables.Async.Method(kind, method);
        }

        /// <summary>
        /// A module that calls <c>sock.setblocking(False)</c> drives its sockets itself: a recv or send there returns at once
        /// or raises BlockingIOError, and the loop waits for readiness (anyio's and trio's socket streams).
        /// </summary>
        private static bool SetsSocketsNonBlocking(SourceModel file)
        {
            foreach (var c in file.Calls)
            {
                if (c.Method == "setblocking" && c.Positional(0)?.Text is "False" or "0") return true;
            }
            return false;
        }

        /// <summary><c>json.loads</c> of a request body or file content (not of a small literal or an unknown value).</summary>
        private static bool LoadsLargeInput(CallModel call)
        {
            var arg = call.Positional(0);
            if (arg == null) return false;
            if (ContentCall(call.Function, arg.StartByte, arg.EndByte)) return true;
            if (arg.Shape == Shape.Name && arg.Text is { } name)
            {
                // body = await request.body(); json.loads(body)
                foreach (var other in call.Function.Calls)
                {
                    if (other.Method != null && PythonTables.ContentMethods.Contains(other.Method) && other.StartByte < call.StartByte
                        && AssignedTo(call.Function.File, call.Function, other.StartByte, name))
                    {
                        return true;
                    }
                }
            }
            return false;
        }

        /// <summary>A call of a content method (<c>.read()</c>, <c>.body()</c>) spans exactly [start, end) or is awaited there.</summary>
        private static bool ContentCall(FunctionModel function, int start, int end)
        {
            foreach (var c in function.Calls)
            {
                if (c.StartByte >= start && c.EndByte <= end && c.Method != null && PythonTables.ContentMethods.Contains(c.Method)
                    && (c.StartByte == start || end - c.EndByte <= 1 || c.IsAwaited))
                {
                    return true;
                }
            }
            return false;
        }

        /// <summary>The statement holding the expression at <paramref name="start"/> assigns <paramref name="name"/> (a write use just before it on its line).</summary>
        private static bool AssignedTo(SourceModel file, FunctionModel function, int start, string name)
        {
            int line = file.Text.GetPosition(start).Line;
            foreach (var use in file.UsesOf(name, function, Math.Max(0, start - 200), start))
            {
                if (use.Kind == UseKind.Write && file.Text.GetPosition(use.Start).Line == line) return true;
            }
            return false;
        }

        public string? ReceiverKind(CallModel call)
        {
            if (call.ReceiverCall is { } rc) return KindOfCall(rc);
            if (call.Receiver is not { } receiver) return null;
            if (call.ReceiverExpressionKind is { } expressionKind) return expressionKind;
            if (receiver.StartsWith("self.", StringComparison.Ordinal) && receiver.IndexOf('.', 5) < 0)
            {
                return call.Function.KindOfSelfAttribute(receiver);
            }
            if (PythonModelBuilder.IsDotted(receiver) && receiver.IndexOf('.') < 0) return call.Function.KindAt(receiver, call.StartByte);
            return null;
        }

        public string? KindOfCall(CallModel call)
        {
            if (call.Resolved is { } r && PythonTables.Constructors.TryGetValue(r, out var kind))
            {
                // `list`, `set`, `open`… only when not shadowed by a local or def of that name.
                if (r.IndexOf('.') >= 0 || !call.Function.Shadows(r)) return kind;
            }
            if (call.Method is { } m && PythonTables.MethodResultNames.Contains(m) && ReceiverKind(call) is { } rk
                && PythonTables.MethodResults.TryGetValue((rk, m), out var result)) return result;
            return null;
        }

        public bool IsTaskSpawn(CallModel call)
        {
            if (call.Resolved is { } r && PythonTables.TaskSpawns.Contains(r)) return true;
            // loop.create_task keeps no reference either; TaskGroup.create_task does. An event loop has no ensure_future:
            // loop.ensure_future(…) raises AttributeError and starts nothing (engineio's __del__).
            return call.Method == "create_task" && OnEventLoop(call);
        }

        /// <summary>A method of an asyncio event loop (<c>loop.create_server(…)</c>, <c>self._loop.create_task(…)</c>).</summary>
        private bool OnEventLoop(CallModel call) =>
            ReceiverKind(call) is { } kind ? kind == "loop" : call.Receiver is "loop" or "self.loop" or "self._loop" or "event_loop";

        public bool IsClientConstruction(CallModel call) => call.Resolved is { } r && PythonTables.Clients.Contains(r);

        public string? ExpensiveConstruction(CallModel call)
        {
            if (call.Resolved is not { } r) return null;
            if (PythonTables.RegexCompile.Contains(r))
            {
                var pattern = call.Positional(0);
                if (pattern == null) return null;
                if (pattern.Shape == Shape.String) return pattern.Text is { } t && !PythonShapes.IsFormatted(t) ? "regular expression" : null;
                // re.compile(pat) or re.compile(self.pat) in a loop that never changes it: the same pattern compiled (or looked up) per iteration
                if (call.Loop is not { } loop || pattern.Text is not { } name) return null;
                if (pattern.Shape == Shape.Name) return LoopBindings.Unchanged(call.Function.File, call.Function, loop, name) ? "regular expression" : null;
                return pattern.Shape == Shape.Member && name.StartsWith("self.", StringComparison.Ordinal) && CallNames.IsOnSelf(name)
                    && call.Function.EnclosingClass is { } cls && call.Function.File.ClassScopes.TryGetValue(cls, out var scope)
                    && !scope.BoundWithin(name, loop.StartByte, loop.EndByte) ? "regular expression" : null;
            }
            return PythonTables.Expensive.TryGetValue(r, out var what) ? what : null;
        }

        public bool IsMemoisingDecorator(DecoratorModel decorator) =>
            decorator.Resolved is { } r && PythonTables.CacheDecorators.Contains(r);

        /// <summary>
        /// <c>gather(*(f(x) for x in items))</c> — not over resources the object holds (<c>for s in self.sentinels</c>,
        /// <c>self._holders</c>): one operation per member it holds is bounded by it.
        /// </summary>
        public bool IsFanOut(CallModel call)
        {
            if (call.Resolved is not { } r || !PythonTables.FanOuts.Contains(r)) return false;
            foreach (var loop in call.Function.File.Loops)
            {
                if (loop.Kind == LoopKind.Comprehension && loop.StartByte > call.StartByte && loop.EndByte <= call.EndByte && OwnCollection(loop)) return false;
            }
            return true;
        }

        /// <summary>A coroutine runs only once awaited (or gathered); a task from <c>asyncio.create_task</c> at once.</summary>
        public bool RunsWhenMade(CallModel element) => element.Resolved is { } r && PythonTables.TaskSpawns.Contains(r);

        /// <summary>
        /// The loop walks resources the object holds (<c>self.sentinels</c>, <c>self._holders</c>, <c>self.connections</c>): as many as
        /// it opened. Not data kept on it (<c>self.plugins</c>, <c>self.urls</c>), which can be any size.
        /// </summary>
        private static bool OwnCollection(LoopModel loop)
        {
            if (loop.IterableText is not { } items || !CallNames.IsOnSelf(items) || items.StartsWith("this.", StringComparison.Ordinal)) return false;
            // the member's last word names what it holds (self._sentinels, self.open_connections; not self.observers or self.shareholders)
            string member = items.Substring(items.IndexOf('.') + 1).TrimStart('_');
            int start = Math.Max(member.LastIndexOf('_') + 1, 0);
            for (int i = member.Length - 1; i > start; i--)
            {
                if (char.IsUpper(member[i])) { start = i; break; }
            }
            string last = member.Substring(start);
            return PythonTables.HeldResources.Any(r => last.StartsWith(r, StringComparison.OrdinalIgnoreCase));
        }

        /// <summary>
        /// <c>tasks = [asyncio.create_task(fetch(n)) for n in range(2, last + 1)]</c> (or <c>[fetch(n) for n in …]</c>, a generator)
        /// then <c>gather(*tasks)</c>: a local comprehension, bound once in the function, over items not written in the code, that
        /// makes an awaitable per item by a call — what the inline <c>gather(*(fetch(n) for n in …))</c> does. Tasks start in the
        /// comprehension (reported there), coroutines at the gather.
        /// </summary>
        public ArgumentModel? FanOutItems(CallModel call)
        {
            // gather(*tasks), also with keywords (return_exceptions=True)
            var items = call.Arguments.Where(a => a.Keyword == null).ToList();
            if (items.Count != 1 || items[0] is not { Shape: Shape.Spread, InnerText: { } name } || !SourceModel.IsPlainName(name)) return null;
            if (call.Function.Lookup(name) is not { Binding: { Count: 1, IsConstant: false }, Owner: { } owner } || owner != call.Function) return null;
            var file = call.Function.File;
            foreach (var spawn in call.Function.Calls)
            {
                if (spawn.EndByte > call.StartByte
                    || spawn.Loop is not { Kind: LoopKind.Comprehension, ConstantRange: null } built || built.IterableShape == Shape.ListLiteral || OwnCollection(built)
                    // the element itself is the call ([fetch(u) for u in …]), not one in its filter or iterable ([t for t in all_tasks() if not t.done()])
                    || !file.Text.GetText(built.StartByte + 1, spawn.StartByte).All(char.IsWhiteSpace)
                    || !AssignedTo(file, call.Function, built.StartByte, name)) continue;
                return new ArgumentModel(file.Text, null, Shape.Comprehension, built.StartByte, built.EndByte, built.StartByte, built.EndByte);
            }
            return null;
        }

        public bool IsUnboundedQueue(CallModel call)
        {
            if (call.Resolved is not { } r || !PythonTables.Queues.Contains(r)) return false;
            // asyncio.Queue(*args, **kwargs) in a factory: the caller passes the bound through its own *args/**kwargs (engineio's
            // create_queue); a spread of a table of the module's (*QUEUE_ARGS) is no caller's
            if (call.Arguments.Exists(a => a.Shape is Shape.Spread or Shape.KeywordSpread && a.Text is { } t && TakesSpread(call.Function, t))) return false;
            var size = call.Keyword("maxsize") ?? call.Positional(0);
            if (size == null) return true;
            return size.Shape == Shape.Number && size.Text is { } t && long.TryParse(t.Replace("_", ""), out long v) && v <= 0;
        }

        /// <summary>The function's own parameter list declares <paramref name="spread"/> (<c>*args</c>, <c>**kwargs</c>).</summary>
        private static bool TakesSpread(FunctionModel fn, string spread)
        {
            if (fn.Kind == FunctionKind.Module) return false;
            var text = fn.File.Text;
            string header = text.GetText(fn.StartByte, Math.Min(fn.EndByte, fn.StartByte + 4000));
            int def = header.IndexOf("def ", StringComparison.Ordinal), open = def < 0 ? -1 : header.IndexOf('(', def), close = -1;
            // the parameter list ends at the parenthesis that closes the first (a default may call: name=_loop_name())
            for (int i = open, depth = 0; i >= 0 && i < header.Length && close < 0; i++)
            {
                if (header[i] is '(' or '[' or '{') depth++;
                else if (header[i] is ')' or ']' or '}' && --depth == 0) close = i;
            }
            return close > open && Regex.IsMatch(header.Substring(open, close - open), @"(?<![\w*])" + Regex.Escape(spread) + @"\b");
        }

        public bool SearchesByValue(CallModel call) => call.Method is "index" or "remove";

        public bool IsOrderedAwait(CallModel call)
        {
            if (call.Resolved is { } r && PythonTables.OrderedAwaitFunctions.Contains(r)) return true;
            string name = CallNames.Callee(call);
            return !CallNames.NamesAState(name) && CallNames.StartsWithAny(name, PythonTables.OrderedAwaitMethodPrefixes) || ReceiverKind(call) is { } k && IsLimiterKind(k);
        }

        /// <summary>
        /// <c>await cache.set(key, value)</c> in a loop: a write of one record that reads the iteration's own item, through a
        /// client rather than the object's own methods (<c>self.save(x)</c>), the event loop, or a session, connection or
        /// transaction, which runs one operation at a time; and any statement executed per item through a connection pool.
        /// </summary>
        public bool IsPerItemWrite(CallModel call, LoopModel loop)
        {
            // the event loop's create_server/create_connection set up the process, they write no record; nor does a module's
            // function (asyncio.create_subprocess_exec(*cmd)): only a client's method writes the item
            if (call.Method == null || call.Receiver is not { } receiver || receiver is "self" or "cls" || OnEventLoop(call)
                || SourceModel.IsPlainName(receiver) && call.Function.ImportTarget(receiver) == receiver && !call.Function.Shadows(receiver)) return false;
            // db_session.delete(row), self._conn.update(…): any word of the holder's name
            bool pool = false;
            foreach (string word in receiver.Substring(receiver.LastIndexOf('.') + 1).Split('_'))
            {
                string lower = word.ToLowerInvariant();
                if (PythonTables.SingleOperationHolders.Contains(lower)) return false;
                pool |= lower == "pool";
            }
            // a pool runs a statement per item on its own connection: await pool.execute(f"REFRESH … {view}"),
            // await pool.execute(INSERT, item.id) — not a list of statements walked one by one (for stmt in SCHEMA:
            // await pool.execute(stmt)), which run in order
            string name = CallNames.Callee(call);
            bool perItemStatement = pool && name == "execute" && call.Positional(0) is { } statement
                && !(statement.Shape == Shape.Name && LoopBindings.ReadsIterationValue(call.Function, statement.StartByte, statement.EndByte, loop));
            return (CallNames.StartsWithAny(name, PythonTables.RecordWritePrefixes) || perItemStatement) && LoopBindings.ReadsIterationValue(call, loop);
        }

        public bool KeepsCoroutine(DecoratorModel decorator) => PythonTables.CoroutineKeepingDecorators.Contains(decorator.Resolved ?? decorator.Text);

        public bool HoldsWrittenItems(FunctionModel owner, string name)
        {
            if (owner.Kind == FunctionKind.Module || owner.Locals.Get(name) is not { Count: 1 } binding) return false;
            var model = owner.File;
            // [first, *rest] is as long as rest
            return model.Assignments.Exists(a => a.Function == owner && a.Names.Count == 1 && a.Names[0] == name && a.ValueShape == Shape.ListLiteral
                    && a.StartByte <= binding.FirstPosition && binding.FirstPosition < a.EndByte
                    && !PythonTables.ListSplat().IsMatch(model.Text.GetText(a.ValueStartByte, a.ValueEndByte)))
                && PythonModelBuilder.NeverChanged(model, owner, name, binding);
        }

        public string? MaterializedOnlyToConsume(CallModel call)
        {
            // list(x)[0] copies every item of x to read the first (ruff RUF015)
            if (call.ResultUse == ResultUse.FirstItem)
            {
                return call.Resolved == "list" && call.Arguments.Count == 1 && call.Arguments[0] is { Keyword: null, IsSpread: false } source && !call.Function.Shadows("list")
                    && !HoldsOneItem(call, source) ? "next(iter(…)), which reads only the first item (next(…, None) where it may be empty)" : null;
            }
            if (call.Resolved is not { } r || !PythonTables.MaterializingConsumers.TryGetValue(r, out var better)) return null;
            if (call.Arguments.Count == 0 || call.Arguments[0] is not { Keyword: null, Shape: Shape.Comprehension } built) return null;
            // min([…], default=0), sum([…], start): the comprehension is still the one iterable (min([…], other) compares two values).
            for (int i = 1; i < call.Arguments.Count; i++)
            {
                var other = call.Arguments[i];
                if (other.IsSpread || (other.Keyword == null && !(r == "sum" && i == 1))) return null;
            }
            var text = call.Function.File.Text.Utf8;
            // A set comprehension dedupes: only where duplicates change nothing (any, all, min, max).
            if (text[built.ValueStartByte] != (byte)'[' && !PythonTables.DedupeAgnosticConsumers.Contains(r)) return null;
            // An async comprehension (`async for`, or one that awaits) has no plain generator form to give these builtins.
            if (Awaits(call.Function, built.StartByte, built.EndByte) || text.Slice(built.StartByte, built.EndByte - built.StartByte).IndexOf("async "u8) >= 0) return null;
            return call.Function.Shadows(r) ? null : better;
        }

        /// <summary>
        /// One item to copy: the copy sits in the body of <c>if len(kw) == 1:</c>, or follows <c>if len(eids) &gt; 1:</c> (or
        /// <c>!= 1</c>) whose body ends in a raise or return (a warning logged before it aside) (whoosh's one-keyword path, pysaml2's check of its endpoints), or sits
        /// in the <c>else:</c> of such a test, or follows <c>assert len(diff) == 1</c>.
        /// </summary>
        private static bool HoldsOneItem(CallModel call, ArgumentModel source)
        {
            if (source.Text is not { } copied) return false;
            string root = CopiedRoot(copied);
            if (!root.Split('.').All(SourceModel.IsPlainName)) return false;
            // the test must come after the binding in effect at the copy: rows = db.fetch_all(…) (also rows, cursor = …, with … as
            // rows) after it is another collection, of any length; so only the lines from that binding's on are read
            var file = call.Function.File;
            int boundAt = SourceModel.IsPlainName(root) ? call.Function.Lookup(root).Owner?.Locals.LastSiteBefore(root, call.StartByte) ?? -1 : -1;
            int from = boundAt < 0 ? call.Function.StartByte : Math.Max(call.Function.StartByte, file.Text.Utf8.Slice(0, boundAt).LastIndexOf((byte)'\n') + 1);
            // the lines up to the statement the copy is in: in a call written over several lines (f(\n  x=list(s)[0])) the copy
            // stands at the statement's depth
            int statement = Math.Max(from, call.StatementStartByte);
            var lines = file.Text.GetText(from, statement).Split('\n');
            int copyIndent = Indent(lines[^1]);
            // between the test and the copy, the collection bound again or changed (self.labels = fresh(); kw.update(extra))
            var changes = new Regex(@"(?<![\w.])" + Regex.Escape(root) + @"(?:\s*=(?!=)|\[[^\]]*\]\s*=(?!=)|\.(?:update|append|extend|add|insert|pop|popitem|clear|remove|setdefault|discard)\()",
                RegexOptions.CultureInvariant);
            if (changes.IsMatch(lines[^1]) || changes.IsMatch(file.Text.GetText(statement, call.StartByte))) return false;
            // else: index = list(resp.keys())[0], on the else's own line
            if (IsElse(lines[^1])) return ElseOfMoreThanOne(lines, lines.Length - 1, copyIndent, copied);
            for (int i = lines.Length - 2; i >= 0; i--)
            {
                if (changes.IsMatch(lines[i])) return false;
                int indent = Indent(lines[i]);
                if (lines[i].Trim().Length == 0 || indent > copyIndent) continue;
                var m = PythonTables.LengthTestedAgainstOne().Match(lines[i]);
                if (m.Success && !Tests(m, copied)) m = Match.Empty;
                if (m.Success && m.Groups["op"].Value == "==" && indent < copyIndent) return true;
                // assert len(diff) == 1, then the copy at the same depth (patsy's _Subterm.absorb)
                if (indent == copyIndent && PythonTables.LengthAssertedOne().Match(Statement(lines, i, lines.Length - 1)) is { Success: true } asserted && Tests(asserted, copied)) return true;
                // if len(eids) > 1: raise …, then the copy at the same depth
                if (m.Success && m.Groups["op"].Value != "==" && indent == copyIndent)
                    return Leaves(m.Groups["same"].Success ? m.Groups["same"].Value : LastOfBody(lines, i, lines.Length - 1));
                // try: around the copy changes nothing; another block's header that is not the test: the copy is not under it
                if (indent < copyIndent && lines[i].Trim() == "try:") { copyIndent = indent; continue; }
                // if len(resp) > 1: … else: the copy — the else holds one item at most (curator's get_write_index)
                if (indent < copyIndent && IsElse(lines[i])) return ElseOfMoreThanOne(lines, i, indent, copied);
                if (indent < copyIndent) return false;
            }
            return false;
        }

        private static bool Leaves(string statement) =>
            statement.StartsWith("raise", StringComparison.Ordinal) || statement.StartsWith("return", StringComparison.Ordinal);

        /// <summary>
        /// The last statement of the block under the header at line <paramref name="header"/>, before line <paramref name="end"/>:
        /// the last line at the depth of the block's first (a log line, then <c>return</c>, still leaves); a line that only
        /// closes brackets ends a statement begun above it; blank and comment lines aside.
        /// </summary>
        private static string LastOfBody(string[] lines, int header, int end)
        {
            int depth = -1;
            string last = "";
            for (int i = header + 1; i < end; i++)
            {
                string line = lines[i].Trim();
                if (line.Length == 0 || line[0] == '#') continue;
                int indent = Indent(lines[i]);
                if (depth < 0) depth = indent;
                if (indent <= Indent(lines[header])) break;
                if (indent == depth && line[0] is not (')' or ']' or '}')) last = line;
            }
            return last;
        }

        /// <summary>
        /// The collection a copy reads: itself (<c>kw</c>, <c>self.space</c>) or the one it views (<c>kw.items()</c>); not something
        /// it holds (<c>page.items_on_page</c>, left whole and then not a plain dotted name's view).
        /// </summary>
        private static string CopiedRoot(string copied) =>
            copied.EndsWith(".keys()", StringComparison.Ordinal) || copied.EndsWith(".values()", StringComparison.Ordinal)
            || copied.EndsWith(".items()", StringComparison.Ordinal) ? copied.Substring(0, copied.LastIndexOf('.')) : copied;

        /// <summary>
        /// The assert starting at line <paramref name="at"/> on one line: <c>assert (</c> alone on its line joined with the few
        /// continuation lines up to its closing parenthesis (<c>assert (\n    len(downrev) == 1\n), "ambiguous"</c>), before line
        /// <paramref name="end"/>; any other line as it is.
        /// </summary>
        private static string Statement(string[] lines, int at, int end)
        {
            if (!PythonTables.OpenAssert().IsMatch(lines[at])) return lines[at];
            var joined = new System.Text.StringBuilder(lines[at]);
            for (int i = at + 1; i < end && i <= at + MaxAssertLines; i++)
            {
                joined.Append(' ').Append(lines[i].Trim());
                if (lines[i].TrimStart().StartsWith(')')) return joined.ToString();
            }
            return lines[at];
        }

        /// <summary>An assert in parentheses spans a few lines; a longer one is not a length test.</summary>
        private const int MaxAssertLines = 4;

        /// <summary>
        /// The length test is of the collection copied (<paramref name="copied"/>, <c>kw</c> or <c>kw.items()</c>): of the collection
        /// itself, or of the same view of it.
        /// </summary>
        private static bool Tests(Match test, string copied) =>
            test.Groups["name"].Value == CopiedRoot(copied) && (!test.Groups["view"].Success || copied.EndsWith(test.Groups["view"].Value, StringComparison.Ordinal));

        /// <summary>
        /// The <c>else:</c> at <paramref name="at"/> ends a chain one of whose tests is <c>if len(root) &gt; 1:</c> (or <c>!= 1</c>),
        /// <c>elif</c>s and comments between them aside.
        /// </summary>
        private static bool ElseOfMoreThanOne(string[] lines, int at, int indent, string copied)
        {
            for (int i = at - 1; i >= 0; i--)
            {
                string line = lines[i].Trim();
                if (line.Length == 0 || line[0] == '#' || Indent(lines[i]) > indent) continue;
                if (Indent(lines[i]) < indent) return false;
                var m = PythonTables.LengthTestedAgainstOne().Match(lines[i]);
                if (m.Success && Tests(m, copied)) return m.Groups["op"].Value != "==";
                // another elif of the chain: its if may be the test; an if, a for or anything else ends the chain here
                if (!line.StartsWith("elif ", StringComparison.Ordinal)) return false;
            }
            return false;
        }

        /// <summary><c>else:</c>, also with a comment or a statement after the colon (a <c>for</c>'s else leads back to its <c>for</c>, no test).</summary>
        private static bool IsElse(string line)
        {
            string trimmed = line.TrimStart();
            return trimmed.StartsWith("else:", StringComparison.Ordinal);
        }

        private static int Indent(string line)
        {
            int n = 0;
            while (n < line.Length && line[n] is ' ' or '\t') n++;
            return n;
        }

        private static bool Awaits(FunctionModel function, int start, int end)
        {
            foreach (var aw in function.Awaits)
            {
                if (aw.StartByte >= start && aw.StartByte < end) return true;
            }
            return false;
        }

        public bool IsLimiterKind(string? kind) => kind == "limiter";

        public bool IsThreadLockKind(string? kind) => kind == "threading.Lock";

        public bool IsStreamWriterKind(string? kind) => kind == "StreamWriter";

        public bool IsMutatingMethod(string method) => PythonTables.MutatingMethods.Contains(method);
    }
}
