using RuntimePerf.Engine.Catalog;
using System;
using System.Collections.Generic;

namespace RuntimePerf.Languages.Common
{
    /// <summary>
    /// A function as the program-wide pass sees it once its file's model is gone: its name, whether it is async,
    /// the blocking calls it makes itself and the helpers it calls.
    /// </summary>
    public sealed class HelperFunction
    {
        internal HelperFunction(string name, bool isAsync, bool isHelper) => (Name, IsAsync, IsHelper) = (name, isAsync, isHelper);

        public string Name { get; }
        public bool IsAsync { get; }
        /// <summary>A sync, named function that is not memoised (a cached helper blocks once, not per call).</summary>
        internal bool IsHelper { get; }
        /// <summary>Module-level functions: the dotted names other files can import it by (<c>app.api.users.load</c>, <c>api.users.load</c>, …).</summary>
        internal string[] DottedNames { get; set; } = Array.Empty<string>();
        /// <summary>Its own first blocking call per rule ("load_config() → open()"), in call order; RP0011: the client it builds on every call.</summary>
        internal List<(string RuleId, string Chain)> DirectChains { get; } = new();

        internal string? DirectChain(string ruleId)
        {
            foreach (var (rule, chain) in DirectChains)
            {
                if (rule == ruleId) return chain;
            }
            return null;
        }
        internal List<HelperTarget> Callees { get; } = new();
    }

    /// <summary>The function a call invokes: one in the same file, or one imported by dotted name (settled by the program-wide pass).</summary>
    public readonly record struct HelperTarget(HelperFunction? Local, string? Imported);

    /// <summary>
    /// The functions of one file, for resolving its calls to helpers (same file, same class, or imported from another
    /// audited file). Built while the file's model is alive; afterwards only the <see cref="HelperFunction"/>s are kept.
    /// </summary>
    public sealed class FileHelpers
    {
        /// <summary>Rules whose chains run through any number of sync helpers (a helper that calls a blocking helper blocks).</summary>
        internal static readonly string[] BlockingRules = { RuleIds.BlockingIo, RuleIds.SyncSleep };

        private readonly Dictionary<FunctionModel, HelperFunction> _byModel = new();
        private readonly Dictionary<string, HelperFunction?> _topLevel = new(StringComparer.Ordinal);
        private readonly Dictionary<(string Class, string Name), HelperFunction?> _methods = new();
        private readonly Dictionary<(FunctionModel Parent, string Name), HelperFunction?> _nested = new();

        public List<HelperFunction> Functions { get; } = new();

        public FileHelpers(SourceModel model, ILanguageKnowledge knowledge)
        {
            string[]? moduleSuffixes = null; // "app.api.users", "api.users", "users": computed once per file
            string separator = PathSeparator(model.ModuleName);
            foreach (var fn in model.Functions)
            {
                if (fn.Kind != FunctionKind.Function) continue;
                var helper = new HelperFunction(fn.Name, fn.IsAsync, IsHelper(fn, knowledge));
                _byModel[fn] = helper;
                Functions.Add(helper);
                if (fn.Parent == null && fn.ClassName == null)
                {
                    Add(_topLevel, fn.Name, helper);
                    moduleSuffixes ??= ModuleSuffixes(model.ModuleName, separator);
                    // a module's default export is also found by the module's own name (import load from './config')
                    var dotted = new string[fn.IsModuleDefault ? 2 * moduleSuffixes.Length : moduleSuffixes.Length];
                    for (int i = 0; i < moduleSuffixes.Length; i++) dotted[i] = moduleSuffixes[i] + separator + fn.Name;
                    if (fn.IsModuleDefault) moduleSuffixes.CopyTo(dotted, moduleSuffixes.Length);
                    helper.DottedNames = dotted;
                }
                else if (fn.ClassName != null)
                {
                    Add(_methods, (fn.ClassName, fn.Name), helper);
                }
                else if (fn.Parent != null)
                {
                    Add(_nested, (fn.Parent, fn.Name), helper);
                }
            }
            foreach (var fn in model.Functions)
            {
                // A callback run inline (a promise executor, items.forEach(…)) makes its calls on behalf of the function it is written in.
                var owner = fn;
                while (owner.RunsInline && owner.Parent != null) owner = owner.Parent;
                if (_byModel.TryGetValue(owner, out var helper) && helper.IsHelper) RecordCalls(fn, helper, knowledge);
            }
        }

        private void RecordCalls(FunctionModel fn, HelperFunction helper, ILanguageKnowledge knowledge)
        {
            bool? caches = null;
            foreach (var call in fn.Calls)
            {
                if (call.IsOffloaded || call.IsAwaited) continue;
                // A factory that builds a new client on every call (RP0011 where a handler calls it); one chain, not followed further up.
                if (knowledge.IsClientConstruction(call) && !call.IsConditional && HandsOut(fn, call) && !(caches ??= KeepsWhatItBuilds(fn)))
                {
                    if (helper.DirectChain(RuleIds.ClientPerRequest) == null) helper.DirectChains.Add((RuleIds.ClientPerRequest, helper.Name + "() → " + call.Written + "()"));
                    continue;
                }
                // A helper that only looks up metadata (a capped, brief call) is not followed.
                if (knowledge.Classify(call) is { } row && Array.IndexOf(BlockingRules, row.RuleId) >= 0 && row.MaxSeverity == null)
                {
                    if (helper.DirectChain(row.RuleId) == null) helper.DirectChains.Add((row.RuleId, helper.Name + "() → " + call.Written + "()"));
                }
                else if (Target(call) is { } target && target.Local is not { IsAsync: true })
                {
                    helper.Callees.Add(target);
                }
            }
        }

        /// <summary>The new object leaves the function: <c>return new Redis(url)</c>, or kept in a local of the function (<c>const c = new Redis(url)</c>).</summary>
        private static bool HandsOut(FunctionModel fn, CallModel call)
        {
            if (call.AssignedTo is { } name) return SourceModel.IsPlainName(name) && fn.Lookup(name).Owner == fn;
            var text = fn.File.Text.Utf8;
            return SourceModel.AfterReturn(text, call.StartByte) || IsTail(fn, call, text);
        }

        /// <summary>
        /// The call's value is what the body ends with: Rust's tail expression (<c>Client::builder()….build().unwrap()</c>
        /// before the closing brace, also through <c>?</c> or <c>.expect(…)</c>), an arrow's expression body.
        /// </summary>
        private static bool IsTail(FunctionModel fn, CallModel call, ReadOnlySpan<byte> text)
        {
            int i = call.EndByte, end = Math.Min(fn.EndByte, text.Length);
            while (i < end)
            {
                byte c = text[i];
                if (c is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or (byte)'?') { i++; continue; }
                var rest = text.Slice(i);
                if (rest.StartsWith(".unwrap()"u8)) { i += 9; continue; }
                if (!rest.StartsWith(".expect("u8)) break;
                int close = rest.IndexOf((byte)')');
                if (close < 0) return false;
                i += close + 1;
            }
            return i == end || i == end - 1 && text[i] == (byte)'}';
        }

        /// <summary>
        /// A cache: the function writes a name of an enclosing scope that it also reads (<c>if (!shared) shared = new Redis()</c>,
        /// <c>client ??= …</c>). A module variable written and never read there (a singleton declared but never consulted) is not one.
        /// </summary>
        private static bool KeepsWhatItBuilds(FunctionModel fn)
        {
            var model = fn.File;
            var written = new HashSet<string>(StringComparer.Ordinal);
            var read = new HashSet<string>(StringComparer.Ordinal);
            foreach (var use in model.UsesIn(fn, fn.StartByte, fn.EndByte))
            {
                string name = model.NameOf(use);
                if (fn.Lookup(name).Owner == fn) continue;
                (use.Kind == UseKind.Read ? read : written).Add(name);
            }
            return written.Overlaps(read);
        }

        /// <summary>How the language joins module paths: <c>::</c> in Rust (<c>crate::api::users</c>), else a dot.</summary>
        private static string PathSeparator(string path) => path.Contains("::", StringComparison.Ordinal) ? "::" : ".";

        private static string[] ModuleSuffixes(string moduleName, string separator)
        {
            string[] parts = moduleName.Split(separator);
            var suffixes = new string[parts.Length];
            for (int i = 0; i < parts.Length; i++) suffixes[i] = string.Join(separator, parts, i, parts.Length - i);
            return suffixes;
        }

        /// <summary>One entry per key; a key defined twice is ambiguous (null), so it resolves to nothing.</summary>
        internal static void Add<TKey>(Dictionary<TKey, HelperFunction?> map, TKey key, HelperFunction fn) where TKey : notnull
        {
            map[key] = map.ContainsKey(key) ? null : fn;
        }

        /// <summary>The function a call invokes, when it can be told: a plain name, <c>self.method</c>/<c>this.method</c>, or an imported function.</summary>
        public HelperTarget? Target(CallModel call)
        {
            string written = call.Written;
            bool path = written.Contains("::", StringComparison.Ordinal); // storage::archive(): a module path, resolved as written
            if (written.IndexOf('.') < 0 && !path && call.Function.ImportTarget(written) == null)
            {
                // A def nested in the calling function (or an enclosing one) wins over a module-level one.
                for (var f = call.Function; f != null; f = f.Parent)
                {
                    if (_nested.TryGetValue((f, written), out var nested)) return Local(nested);
                    if (f.Locals.Contains(written)) return null; // a variable, not the module's function
                }
                return _topLevel.TryGetValue(written, out var top) ? Local(top) : null;
            }
            if (CallNames.IsOnSelf(written))
            {
                // self.save(…) / this.save(…): the method is the callee's last segment
                return call.Function.EnclosingClass is { } cls && call.Method != null && _methods.TryGetValue((cls, call.Method), out var m) ? Local(m) : null;
            }
            if (call.Resolved is { } resolved && (resolved != written || path)) return new HelperTarget(null, resolved.TrimStart('.'));
            return null;
        }

        private static HelperTarget? Local(HelperFunction? fn) => fn == null ? null : new HelperTarget(fn, null);

        private static bool IsHelper(FunctionModel fn, ILanguageKnowledge knowledge)
        {
            // async code (an async function, a per-event callback, a JavaScript function returning a promise) reports its own calls
            if (fn.IsAsyncCode) return false;
            foreach (var d in fn.Decorators)
            {
                if (knowledge.IsMemoisingDecorator(d)) return false;
            }
            return true;
        }
    }

    /// <summary>
    /// The program-wide pass over all files' <see cref="HelperFunction"/>s: imported functions by dotted name, and the
    /// sync helpers that block (computed once, iteratively, for all files).
    /// </summary>
    public sealed class ProgramIndex
    {
        /// <summary>Module-level functions by dotted name (and by shorter suffixes, for source roots like src/); null when ambiguous.</summary>
        private readonly Dictionary<string, HelperFunction?> _byDottedName = new(StringComparer.Ordinal);
        private readonly Dictionary<(HelperFunction, string), string> _blockingChains = new();

        /// <param name="files">Each file's <see cref="FileHelpers.Functions"/>, in a stable order.</param>
        public ProgramIndex(IEnumerable<IReadOnlyList<HelperFunction>> files)
        {
            var all = new List<HelperFunction>();
            foreach (var functions in files)
            {
                foreach (var fn in functions)
                {
                    all.Add(fn);
                    foreach (string dotted in fn.DottedNames) FileHelpers.Add(_byDottedName, dotted, fn);
                }
            }
            ComputeBlockingHelpers(all);
        }

        /// <summary>The function a target names, if it is known and unambiguous.</summary>
        public HelperFunction? Resolve(HelperTarget target) =>
            target.Local ?? (target.Imported != null && _byDottedName.TryGetValue(target.Imported, out var fn) ? fn : null);

        /// <summary>
        /// "load_config() → open()" when <paramref name="function"/> is a sync helper that blocks for <paramref name="ruleId"/>;
        /// for RP0011, "redis_client() → Redis()" when it builds a new client on every call.
        /// </summary>
        public string? BlockingChain(HelperFunction function, string ruleId) =>
            _blockingChains.TryGetValue((function, ruleId), out var chain) ? chain : null;

        /// <summary>
        /// Worklist over the call graph: a sync function blocks if it makes a blocking call itself or calls a sync
        /// function that blocks. No recursion; each (function, rule) is settled once.
        /// </summary>
        private void ComputeBlockingHelpers(List<HelperFunction> functions)
        {
            var work = new Queue<(HelperFunction, string)>();
            var callers = new Dictionary<HelperFunction, List<HelperFunction>>();
            foreach (var fn in functions)
            {
                foreach (var (ruleId, chain) in fn.DirectChains)
                {
                    _blockingChains.Add((fn, ruleId), chain);
                    // a caller of a client factory may keep what it gets (a cache of its own): only blocking runs up the chain
                    if (Array.IndexOf(FileHelpers.BlockingRules, ruleId) >= 0) work.Enqueue((fn, ruleId));
                }
                foreach (var callee in fn.Callees)
                {
                    if (Resolve(callee) is not { IsAsync: false } target) continue;
                    if (!callers.TryGetValue(target, out var list)) callers[target] = list = new List<HelperFunction>();
                    list.Add(fn);
                }
            }
            while (work.Count > 0)
            {
                var (fn, rule) = work.Dequeue();
                if (!callers.TryGetValue(fn, out var list)) continue;
                string chain = _blockingChains[(fn, rule)];
                foreach (var caller in list)
                {
                    if (_blockingChains.TryAdd((caller, rule), caller.Name + "() → " + chain)) work.Enqueue((caller, rule));
                }
            }
        }
    }
}
