using RuntimePerf.Engine.Catalog;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using RuntimePerf.Engine.Model;
using RuntimePerf.Languages.Common;

namespace RuntimePerf.Languages.Rules
{
    /// <summary>
    /// RP0008: two or more consecutive statements <c>a = await f()</c>, <c>b = await g()</c> in one block where no later one
    /// reads what an earlier one bound. Only awaits whose result is kept are considered (a bare <c>await save(x)</c>
    /// is a side effect whose order is usually the point), and not ordered awaits (sleep, acquire, commit, send…).
    /// Also two or more awaits written inside the list a gather is given (<c>Promise.all([await a(), await b()])</c>): each
    /// finishes before the next starts, and the gather gets values, not work to run together; or one such await followed by
    /// a call in a later element (<c>Promise.all([(await a()).items, b()])</c>): <c>b()</c> starts only once <c>a()</c> is done.
    /// </summary>
    public sealed partial class SequentialAwaits : IRule
    {
        public string RuleId => RuleIds.SequentialAwaits;

        public void Check(FileAudit audit)
        {
            var model = audit.Model;
            var blocks = model.Statements
                .Where(s => s.Kind == StatementKind.Await && s.Function.IsAsyncPath && s.Await is { Loop: null })
                .GroupBy(s => (s.Function, s.BlockStart));
            foreach (var block in blocks)
            {
                var run = new List<StatementModel>();
                foreach (var st in block.OrderBy(s => s.IndexInBlock))
                {
                    bool eligible = Eligible(audit, st);
                    if (run.Count > 0 && (!eligible || st.IndexInBlock != run[^1].IndexInBlock + 1 || DependsOnRun(model, st, run, audit.Knowledge)))
                    {
                        Flush(audit, run);
                    }
                    if (eligible) run.Add(st);
                }
                Flush(audit, run);
            }
            foreach (var gather in model.Awaits.Where(a => a.ElementOf != null && a.Call != null && a.Function.IsAsyncPath).GroupBy(a => a.ElementOf!))
            {
                var awaited = gather.Where(a => !audit.Knowledge.IsOrderedAwait(a.Call!)).OrderBy(a => a.StartByte).ToList();
                if (awaited.Count == 0 || !audit.Knowledge.IsGather(gather.Key)) continue;
                var fn = gather.Key.Function;
                var later = awaited.Count == 1 ? LaterCall(gather.Key, awaited[0]) : null;
                if (awaited.Count == 1 && later == null) continue;
                string what = later == null
                    ? " are awaited one after another inside the list given to " + gather.Key.Written + ", which then has nothing left to run together"
                    : " is awaited inside the list given to " + gather.Key.Written + ", so " + later.Written + "() after it starts only once it is done";
                // at the first await: where the list is written over several lines, that is the line to change
                audit.Report(RuleIds.SequentialAwaits, fn, awaited[0].StartByte, awaited[0].EndByte,
                    "Sequential awaits of independent work: " + string.Join(", ", awaited.Select(a => a.Call!.Written + "()")) + " in " + fn.Describe() + what,
                    audit.Knowledge.Advice.SequentialAwaits,
                    Confidence.Medium, Severity.Medium);
            }
            // { a: await f(), b: await g() }: no property can read another's value, so only the receivers can tie them
            foreach (var literal in model.Awaits.Where(a => a.PropertyOf >= 0 && a.Loop == null && a.Call is { Written: not "…" } && a.Function.IsAsyncPath)
                         .GroupBy(a => a.PropertyOf))
            {
                var awaited = literal.Where(a => !audit.Knowledge.IsOrderedAwait(a.Call!)).OrderBy(a => a.StartByte).ToList();
                if (awaited.Count < 2 || awaited.Count != literal.Count() || SharesReceiver(awaited, audit.Knowledge)) continue;
                var first = awaited[0];
                audit.Report(RuleIds.SequentialAwaits, first.Function, first.StartByte, first.EndByte,
                    "Sequential awaits of independent work: " + string.Join(", ", awaited.Select(a => a.Call!.Written + "()")) + " in " + first.Function.Describe()
                    + " are awaited one after another as the properties of one object, although none uses another's result",
                    audit.Knowledge.Advice.SequentialAwaits,
                    Confidence.Medium, Severity.Medium);
            }
        }

        /// <summary>A call written after <paramref name="awaited"/> in the gather's list, in the same function: work that waits for it to start.</summary>
        private static CallModel? LaterCall(CallModel gather, AwaitModel awaited)
        {
            foreach (var c in gather.Function.Calls)
            {
                if (c.StartByte > awaited.EndByte && c.EndByte < gather.EndByte && c.Written != "…") return c;
            }
            return null;
        }

        /// <summary>Two of the awaits are on the same one-at-a-time object (one connection, one session), or repeat the same call.</summary>
        private static bool SharesReceiver(List<AwaitModel> awaited, ILanguageKnowledge knowledge)
        {
            var seen = new HashSet<string>(System.StringComparer.Ordinal);
            var texts = new HashSet<string>(System.StringComparer.Ordinal);
            foreach (var a in awaited)
            {
                var call = a.Call!;
                if (!texts.Add(call.Function.File.Text.GetText(a.OperandStartByte, a.OperandEndByte))) return true;
                if (call.Receiver != null && !seen.Add(call.Receiver) && awaited.Exists(e => e != a && SameObjectDependency(call, e.Call!, knowledge))) return true;
            }
            return false;
        }

        /// <summary>
        /// Both calls are on one object (not an imported module: <c>fs.readFile</c> twice is independent), and either it is the
        /// function's own object (<see cref="ILanguageKnowledge.IsOwnObject"/>) and one of the two methods calls the other
        /// (<see cref="OneCallsTheOther"/>), it serves one operation at a time (<see cref="OneAtATime"/>), or the earlier call may
        /// change it (<c>likeComment</c>, then <c>getComment</c>: the second may read that change). Two reads of a client or
        /// service run side by side (<c>api.getUser()</c> then <c>api.getPosts()</c>) — except where a method may borrow its
        /// receiver mutably (Rust).
        /// </summary>
        private static bool SameObjectDependency(CallModel call, CallModel earlier, ILanguageKnowledge knowledge) =>
            call.Receiver is { } receiver && receiver == earlier.Receiver && call.Function.ImportTarget(receiver) == null
            && (knowledge.IsOwnObject(receiver) && OneCallsTheOther(call, earlier) || knowledge.MayBorrowMutably(call, receiver) || OneAtATime(receiver) || !Reads(earlier));

        /// <summary>
        /// Two methods of the caller's class, one of which calls the other on the same object, directly or through up to
        /// <see cref="MaxOwnCallHops"/> more of its methods: <c>this.getInitialGlobalData()</c> then <c>this.getAllGlobalData()</c>,
        /// which awaits the memoised load the first one started (eleventy); so two plain calls (no receiver) when the file's
        /// function named by one calls the other (<c>await getClient(config)</c> then <c>await getRemoteJWKSet(config)</c>, which
        /// awaits <c>getClient(config)</c> itself). Two that reach neither (a client's <c>self.read(…)</c> and <c>self.search(…)</c>,
        /// each its own request) run side by side.
        /// </summary>
        private static bool OneCallsTheOther(CallModel call, CallModel earlier)
        {
            bool onObject = call.Receiver != null;
            string? later = onObject ? call.Method : call.Written, first = onObject ? earlier.Method : earlier.Written;
            string? cls = onObject ? call.Function.EnclosingClass : null;
            if (later == null || first == null || later == first || onObject && cls == null || !SourceModel.IsPlainName(later) || !SourceModel.IsPlainName(first)) return false;
            var functions = CallsByName(call.Function.File, cls);
            return Reaches(functions, later, first, call.Receiver) || Reaches(functions, first, later, call.Receiver);
        }

        /// <summary>Per file, the calls of each method of a class (or, for no class, of each function), built once.</summary>
        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SourceModel, Dictionary<string, Dictionary<string, List<CallModel>>>> CallsByOwner = new();

        /// <summary>
        /// Each method's (or plain function's) calls by its name, with those of the closures written in it (a memo:
        /// <c>this._all ??= (async () =&gt; …)()</c>).
        /// </summary>
        private static Dictionary<string, List<CallModel>> CallsByName(SourceModel file, string? cls)
        {
            var byClass = CallsByOwner.GetValue(file, _ => new Dictionary<string, Dictionary<string, List<CallModel>>>(System.StringComparer.Ordinal));
            lock (byClass)
            {
                if (byClass.TryGetValue(cls ?? "", out var cached)) return cached;
                var functions = new Dictionary<string, List<CallModel>>(System.StringComparer.Ordinal);
                foreach (var fn in file.Functions)
                {
                    var owner = fn;
                    while (owner.ClassName == null && owner.Parent is { Kind: not FunctionKind.Module } parent) owner = parent;
                    if (owner.Kind == FunctionKind.Module || owner.ClassName != cls) continue;
                    if (!functions.TryGetValue(owner.Name, out var calls)) functions[owner.Name] = calls = new List<CallModel>();
                    calls.AddRange(fn.Calls);
                }
                return byClass[cls ?? ""] = functions;
            }
        }

        /// <summary>
        /// The objects read at a position (<see cref="ReadsAtPosition"/>) of the caller's own object a call works on: its receiver
        /// (<c>this.tokenizer</c>), or, for a method of the caller's
        /// class on <c>this</c>/<c>self</c> (or a function of the file), the receivers its body calls on. music-metadata reads an
        /// element's id, then its size, with <c>this.readVintData(…)</c> twice, each reading <c>this.tokenizer</c> where the last
        /// stopped; or <c>this.tokenizer.readToken(…)</c> then <c>this.readVariableSizeField()</c>, which reads on from it.
        /// </summary>
        private static HashSet<string> SerialObjects(CallModel call)
        {
            var objects = new HashSet<string>(System.StringComparer.Ordinal);
            if (call.Receiver is { } receiver && CallNames.IsOnSelf(receiver) && ReadsAtPosition(receiver)) objects.Add(receiver);
            bool own = call.Receiver != null && CallNames.IsOnSelf(call.Written);
            string? name = own ? call.Method : call.Receiver == null ? call.Written : null;
            string? cls = own ? call.Function.EnclosingClass : null;
            if (name == null || own && cls == null || !SourceModel.IsPlainName(name)) return objects;
            if (CallsByName(call.Function.File, cls).TryGetValue(name, out var calls))
            {
                foreach (var c in calls)
                {
                    if (c.Receiver is { } used && CallNames.IsOnSelf(used) && ReadsAtPosition(used)) objects.Add(used);
                }
            }
            return objects;
        }

        /// <summary>
        /// An object read at a position each read moves on (a tokenizer, a stream, a socket, a cursor): two reads of it are in
        /// order whoever makes them. Not a session, database or channel, which serve independent requests side by side.
        /// </summary>
        private static bool ReadsAtPosition(string receiver) => CallNames.HasWordIn(receiver, PositionedReaders);

        private static readonly HashSet<string> PositionedReaders = new(System.StringComparer.Ordinal)
        {
            "tokenizer", "lexer", "scanner", "reader", "stream", "socket", "sock", "cursor", "pipe", "serial",
        };

        private const int MaxOwnCallHops = 3;

        /// <summary>
        /// The method <paramref name="from"/> calls <paramref name="to"/> on <paramref name="receiver"/>, through its own methods; or,
        /// with no receiver, the function <paramref name="from"/> calls <paramref name="to"/> by name, through the file's functions.
        /// </summary>
        private static bool Reaches(Dictionary<string, List<CallModel>> methods, string from, string to, string? receiver)
        {
            var seen = new HashSet<string>(System.StringComparer.Ordinal) { from };
            var frontier = new List<string> { from };
            for (int hop = 0; hop <= MaxOwnCallHops && frontier.Count > 0; hop++)
            {
                var next = new List<string>();
                foreach (string name in frontier)
                {
                    if (!methods.TryGetValue(name, out var calls)) continue;
                    foreach (var c in calls)
                    {
                        if (c.Receiver != receiver || (receiver == null ? c.Written : c.Method) is not { } callee) continue;
                        if (callee == to) return true;
                        if (seen.Add(callee)) next.Add(callee);
                    }
                }
                frontier = next;
            }
            return false;
        }

        /// <summary>
        /// The receiver serves one operation at a time, so two awaits on it cannot overlap: named for a connection, transaction,
        /// session, cursor, socket, stream, page… (<c>conn</c>, <c>trx</c>, <c>this.db</c>, <c>dbSession</c>; an SQLAlchemy session even
        /// raises on concurrent use).
        /// </summary>
        private static bool OneAtATime(string receiver) => CallNames.HasWordIn(receiver, OneAtATimeWords);

        /// <summary>
        /// A call named for a read (<c>getPosts</c>, <c>find_user</c>, <c>countDocuments</c>), or a getter named for what it returns
        /// (<c>store.profile(id)</c>, <c>api.invoices(id)</c>, <c>member_tags</c>: one or two words, the first not an action word, the
        /// last not a piece of a stream): it changes nothing a later call could see. Not one that also writes
        /// (<c>get_or_create_user</c>, <c>findOneAndUpdate</c>, <c>checkAndSet</c>).
        /// </summary>
        private static bool Reads(CallModel call)
        {
            string name = (call.Method ?? call.Written).TrimStart('_', '#');
            var words = CallNames.Words(name);
            if (words.Count == 0) return false;
            string first = words[0].Value.ToLowerInvariant();
            bool readVerb = System.Array.IndexOf(ReadPrefixes, first) >= 0;
            if (!readVerb && (words.Count > 2 || !char.IsLetter(first[0]) || Acts(first) || StreamPieces.Contains(words[words.Count - 1].Value.ToLowerInvariant()))) return false;
            // the first word is a read verb or no action (Acts covers the write words)
            for (int i = 1; i < words.Count; i++)
            {
                if (WriteWords.Contains(words[i].Value.ToLowerInvariant())) return false;
            }
            return true;
        }

        /// <summary>An action word, also with the a- of an async twin (Django's <c>acreate</c>, <c>aupdate</c>).</summary>
        private static bool Acts(string word) =>
            ActionVerbs.Contains(word) || WriteWords.Contains(word)
            || word.Length > 3 && word[0] == 'a' && (ActionVerbs.Contains(word.Substring(1)) || WriteWords.Contains(word.Substring(1)));

        /// <summary>Verbs a method is named for when it does something rather than return something (beside <see cref="WriteWords"/>).</summary>
        private static readonly HashSet<string> ActionVerbs = new(System.StringComparer.Ordinal)
        {
            "send", "post", "publish", "emit", "notify", "dispatch", "submit", "commit", "flush", "close", "open", "connect",
            "disconnect", "login", "logout", "sign", "register", "unregister", "subscribe", "unsubscribe", "start", "stop", "run",
            "execute", "exec", "do", "process", "handle", "apply", "approve", "reject", "cancel", "refresh", "sync", "reset", "clear",
            "init", "initialize", "setup", "prepare", "lock", "unlock", "acquire", "release", "wait", "ping", "call", "invoke", "trigger",
            "enqueue", "dequeue", "push", "pull", "upload", "move", "copy", "rename", "archive", "restore", "renew", "revoke", "grant",
            "assign", "transfer", "charge", "refund", "pay", "capture", "checkout", "book", "reserve", "confirm", "verify", "validate",
            "authenticate", "authorize", "join", "leave", "follow", "unfollow", "like", "unlike", "vote", "ban", "kick", "mute", "invite",
            "accept", "decline", "deploy", "build", "install", "migrate", "seed", "drop", "truncate", "purge", "evict", "expire", "touch",
            "ack", "nack", "reply", "respond", "forward", "redirect", "retry", "schedule", "enable", "disable", "activate", "deactivate",
            "suspend", "resume", "pause", "kill", "spawn", "fork", "attach", "detach", "bind", "unbind", "mount", "unmount", "link",
            "unlink", "tag", "order", "import", "export", "generate", "render", "track", "log", "record", "report", "sleep", "next",
            "step", "advance", "shutdown", "restart", "reload", "rollback", "merge", "split", "sort", "new", "with", "to", "into", "as",
            "and", "or", "on", "try", "ensure", "invalidate", "bump", "lease", "extend", "heartbeat", "poll", "drain",
            "compile", "parse", "transform", "encode", "decode", "encrypt", "decrypt", "hash", "compress", "decompress", "evaluate", "eval",
            "analyze", "format", "serialize", "deserialize", "convert", "translate", "normalize", "sanitize", "optimize", "minify",
            "bundle", "listen", "serve", "watch", "observe", "dispose", "destroy", "cleanup", "teardown", "finalize", "complete",
            "finish", "end", "abort", "fail", "handshake", "negotiate", "upgrade", "reconnect", "signin", "signup", "signout",
            "inject", "visit", "navigate", "goto", "click", "press", "fill", "hover", "scroll", "type", "tap", "focus", "blur", "drag",
            "request", "patch", "mutate", "graphql", "make", "perform", "void", "populate", "index", "bulk", "persist", "incr", "incrby",
            "decr", "decrby", "hset", "hmset", "hdel", "hincrby", "lpush", "rpush", "lpop", "rpop", "sadd", "srem", "zadd", "zrem",
            "del", "getdel", "setex", "mset", "xadd", "pexpire", "recv", "receive", "readline", "readexactly", "readuntil",
            "fetchone", "fetchall", "fetchmany",
        };

        /// <summary>What one body or stream yields piece by piece: <c>request.json()</c> then <c>request.form()</c> read one stream.</summary>
        private static readonly HashSet<string> StreamPieces = new(System.StringComparer.Ordinal)
        {
            "json", "text", "body", "form", "bytes", "content", "blob", "chunk", "line", "message", "frame", "packet", "output",
        };

        private static readonly HashSet<string> WriteWords = new(System.StringComparer.Ordinal)
        {
            "create", "update", "upsert", "insert", "delete", "remove", "set", "replace", "modify", "save", "put", "add", "increment",
            "decrement", "mark", "store", "write", "claim", "take", "pop", "consume",
        };

        private static readonly string[] ReadPrefixes =
        {
            "get", "fetch", "find", "load", "list", "count", "read", "query", "select", "search", "lookup", "resolve", "retrieve",
            "compute", "calculate", "check", "is", "has", "describe", "stat", "exists", "collect", "gather", "scan", "download",
        };


        private static readonly HashSet<string> OneAtATimeWords = new(System.StringComparer.Ordinal)
        {
            "conn", "connection", "tx", "trx", "txn", "transaction", "session", "db", "database", "cursor", "socket", "ws", "stream",
            "channel", "reader", "writer", "transport", "page", "browser", "frame", "lock", "mutex", "queue", "manager", "em", "runner", "cur",
            "sock", "websocket",
            // a tokenizer (strtok3, file-type) reads its source at a position each read moves on
            "tokenizer", "lexer", "scanner",
            "protocol", "smtp", "ftp", "sftp", "ssh", "imap", "pipe", "port", "serial", "device", "handle", "file", "fh", "shell", "repl",
        };

        private static bool Eligible(FileAudit audit, StatementModel st) =>
            st.BoundNames.Count > 0 && st.Await?.Call is { } call && call.Written != "…" && !audit.Knowledge.IsOrderedAwait(call) && !IsGuard(call);

        /// <summary>
        /// <c>validateDpop(ctx)</c>, <c>dpopValidate(…)</c>, <c>check_permissions(user)</c>: a guard that throws when the request is
        /// bad. What follows it runs only once it passed, by design: both at once would do the work for requests it turns away.
        /// </summary>
        private static bool IsGuard(CallModel call) => CallNames.HasWordIn(CallNames.Callee(call), GuardWords);

        private static readonly HashSet<string> GuardWords = new(System.StringComparer.Ordinal)
        {
            "validate", "verify", "check", "assert", "authorize", "authenticate", "ensure", "require",
        };

        /// <summary>
        /// The statement reads a name an earlier one bound, or awaits on the same one-at-a-time object (one connection, one session). Where
        /// the front end records every read, a name seen only in a string's text (<c>`?account=${id}`</c>) is not a read.
        /// </summary>
        private static bool DependsOnRun(SourceModel model, StatementModel st, List<StatementModel> run, ILanguageKnowledge knowledge)
        {
            string text = model.Text.GetText(st.StartByte, st.EndByte);
            var call = st.Await!.Call!;
            var serial = SerialObjects(call);
            foreach (var earlier in run)
            {
                foreach (string name in earlier.BoundNames)
                {
                    if (Regex.IsMatch(text, @"(?<![\w.])" + Regex.Escape(name) + @"\b")
                        && (!knowledge.RecordsEveryRead || model.IsReadIn(name, st.StartByte, st.EndByte))) return true;
                }
                var other = earlier.Await!.Call!;
                if (SameObjectDependency(call, other, knowledge) || call.Receiver == null && other.Receiver == null && OneCallsTheOther(call, other)
                    || serial.Count > 0 && serial.Overlaps(SerialObjects(other))
                    || knowledge.MutablyBorrowed(call).Intersect(knowledge.MutablyBorrowed(other)).Any()) return true;
                // The same call twice (self._readline() then self._readline()) reads on where the first one stopped.
                if (AwaitedText(model, st) == AwaitedText(model, earlier)) return true;
            }
            return false;
        }

        private static string AwaitedText(SourceModel model, StatementModel st) =>
            model.Text.GetText(st.Await!.OperandStartByte, st.Await.OperandEndByte);

        private static void Flush(FileAudit audit, List<StatementModel> run)
        {
            if (run.Count >= 2)
            {
                var first = run[0];
                var fn = first.Function;
                string calls = string.Join(", ", run.Select(s => s.Await!.Call!.Written + "()"));
                audit.Report(RuleIds.SequentialAwaits, fn, first.StartByte, first.EndByte,
                    "Sequential awaits of independent work: " + calls + " in " + fn.Describe()
                    + " are awaited one after another although none uses another's result",
                    audit.Knowledge.Advice.SequentialAwaits,
                    Confidence.Medium, Severity.Medium);
            }
            run.Clear();
        }
    }
}
