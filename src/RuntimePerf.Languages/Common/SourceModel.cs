using System;
using System.Collections.Generic;
using RuntimePerf.Engine.Model;
using RuntimePerf.TreeSitter;
using Language = RuntimePerf.Engine.Model.Language;

namespace RuntimePerf.Languages.Common
{
    /// <summary>
    /// Language-neutral facts about one source file, built in one walk of its tree-sitter tree. Rules read only
    /// this (never the tree, which is disposed once the model is built). Positions are UTF-8 byte offsets into
    /// <see cref="Text"/>; <see cref="SpanOf"/> turns them into report spans.
    /// </summary>
    public sealed class SourceModel
    {
        public SourceModel(string path, Language language, SourceText text)
        {
            Path = path;
            Language = language;
            Text = text;
            Module = new FunctionModel(this, FunctionKind.Module, "", "", null, null, 0, text.Length);
            Functions.Add(Module);
            // Sized from the text (about one name per 40 bytes, one call per 135 in real code, measured on aiohttp and
            // tornado), with some headroom: rarely a regrowth copy, little unused capacity.
            Uses = new List<NameUse>(text.Length / 36 + 16);
            Calls = new List<CallModel>(text.Length / 128 + 16);
        }

        /// <summary>Repository-relative path.</summary>
        public string Path { get; }
        public Language Language { get; }
        public SourceText Text { get; }
        /// <summary>Dotted module name derived from the path (<c>app/api/users.py</c> → <c>app.api.users</c>).</summary>
        public string ModuleName { get; set; } = "";
        /// <summary>Module top level (startup code): never async code.</summary>
        public FunctionModel Module { get; }
        /// <summary>Every function, lambda and the module, in source order (the module first).</summary>
        public List<FunctionModel> Functions { get; } = new();
        public List<CallModel> Calls { get; }
        public List<LoopModel> Loops { get; } = new();
        public List<AwaitModel> Awaits { get; } = new();
        public List<StatementModel> Statements { get; } = new();
        public List<WithModel> Withs { get; } = new();
        public List<UpdateModel> Updates { get; } = new();
        public List<MembershipModel> Memberships { get; } = new();
        /// <summary>Assignments and declarations with a value or a declared type (filled by front ends that need them: Go).</summary>
        public List<AssignmentModel> Assignments { get; } = new();
        /// <summary>Conditional statements (<c>if</c>, <c>switch</c>, <c>select</c>), filled by front ends that need them (Go).</summary>
        public List<BranchModel> Branches { get; } = new();
        /// <summary>Expression statements that are only a name (<c>task;</c>, <c>this.pending;</c>): the value is dropped (JavaScript).</summary>
        public List<DroppedValueModel> DroppedValues { get; } = new();
        /// <summary>Every identifier occurrence (reads and writes), in source order.</summary>
        public List<NameUse> Uses { get; }
        /// <summary>Start bytes of reads that take the name's first item alone: <c>const [x] = name</c> (filled by JavaScript).</summary>
        public HashSet<int> FirstItemReads { get; } = new();
        /// <summary>Value kinds of <c>self.x</c> attributes per class (qualified class name → attribute → kind).</summary>
        public Dictionary<string, Scope> ClassScopes { get; } = new(StringComparer.Ordinal);
        /// <summary>Local name → what it refers to (imports and aliases), e.g. <c>sp</c> → <c>subprocess</c>.</summary>
        public Dictionary<string, string> Imports { get; } = new(StringComparer.Ordinal);
        /// <summary>The project's own modules this file imports (by relative path), by the dotted names <see cref="Imports"/> resolves to.</summary>
        public HashSet<string> ProjectModules { get; } = new(StringComparer.Ordinal);
        public bool HasAsyncCode { get; set; }
        /// <summary>The file is a one-off script (under a scripts/ folder): async rules do not apply.</summary>
        public bool IsScript { get; set; }
        /// <summary>
        /// The file is the script of a worker thread (it talks to its parent through <c>worker_threads</c>' <c>parentPort</c> or
        /// <c>workerData</c>): it is where blocking and CPU-bound work is sent, so the rules against it on the event loop do not apply.
        /// </summary>
        public bool IsWorkerThread { get; set; }
        /// <summary>The language version the project declares (Go's <c>go</c> directive), null when it declares none.</summary>
        public string? LanguageVersion { get; set; }
        /// <summary>The packages the project's manifest declares (Cargo.toml's dependencies), null when none was found.</summary>
        public IReadOnlySet<string>? Dependencies { get; set; }

        public SourceSpan SpanOf(int startByte, int endByte)
        {
            var start = Text.GetPosition(startByte);
            var end = Text.GetPosition(endByte);
            return new SourceSpan(start.Line, start.Column, end.Line, end.Column);
        }

        /// <summary>The text of the line holding <paramref name="byteOffset"/>, without its line break.</summary>
        public string LineTextAt(int byteOffset) => Text.Line(Text.GetPosition(byteOffset).Line);

        /// <summary>
        /// The call recorded for the node spanning [start, end): calls are recorded in walk order, so by start (a call and
        /// the call it is made on, <c>Path(p).open()</c>, share a start: the span tells them apart).
        /// </summary>
        public CallModel? CallAt(int start, int end)
        {
            int lo = 0, hi = Calls.Count;
            while (lo < hi)
            {
                int mid = (lo + hi) >> 1;
                if (Calls[mid].StartByte < start) lo = mid + 1; else hi = mid;
            }
            for (int i = lo; i < Calls.Count && Calls[i].StartByte == start; i++)
            {
                if (Calls[i].EndByte == end) return Calls[i];
            }
            return null;
        }

        /// <summary>Records an await at [start, end) of the operand at [operandStart, operandEnd), in the file and in its function.</summary>
        public AwaitModel AddAwait(FunctionModel function, LoopModel? loop, int start, int end, int operandStart, int operandEnd)
        {
            var aw = new AwaitModel
            {
                StartByte = start,
                EndByte = end,
                Function = function,
                Loop = loop,
                OperandStartByte = operandStart,
                OperandEndByte = operandEnd,
            };
            Awaits.Add(aw);
            function.Awaits.Add(aw);
            return aw;
        }

        /// <summary>The statement [start, end) that <paramref name="aw"/> makes up, at <paramref name="index"/> in the block starting at <paramref name="blockStart"/>.</summary>
        public void AddAwaitStatement(AwaitModel aw, int start, int end, int blockStart, int index, IReadOnlyList<string> boundNames) =>
            Statements.Add(new StatementModel
            {
                Kind = StatementKind.Await,
                StartByte = start,
                EndByte = end,
                Function = aw.Function,
                BlockStart = blockStart,
                IndexInBlock = index,
                BoundNames = boundNames,
                Await = aw,
            });

        private readonly Dictionary<string, List<FunctionModel>> _defsByName = new(StringComparer.Ordinal);
        private int _defsIndexed;

        /// <summary>
        /// The named functions and methods (not lambdas) called <paramref name="name"/>, in source order. While the model is being
        /// built, only the defs recorded so far count.
        /// </summary>
        public IReadOnlyList<FunctionModel> FunctionsNamed(string name)
        {
            for (; _defsIndexed < Functions.Count; _defsIndexed++)
            {
                var f = Functions[_defsIndexed];
                if (f.Kind != FunctionKind.Function) continue;
                if (!_defsByName.TryGetValue(f.Name, out var list)) _defsByName[f.Name] = list = new List<FunctionModel>();
                list.Add(f);
            }
            return _defsByName.TryGetValue(name, out var defs) ? defs : Array.Empty<FunctionModel>();
        }

        /// <summary>
        /// A def named <paramref name="name"/> that code in <paramref name="from"/> can call by that name: one at module
        /// level, in <paramref name="from"/> or in a function enclosing it (a method named <c>open</c> shadows nothing).
        /// </summary>
        public bool DefinesFunctionVisibleFrom(string name, FunctionModel from)
        {
            foreach (var def in FunctionsNamed(name))
            {
                if (def.ClassName == null && def.Namespace == from.Namespace && (def.Parent == null || from.IsWithin(def.Parent))) return true;
            }
            return false;
        }

        /// <summary>The identifier at a use, compared without allocating.</summary>
        public bool NameIs(in NameUse use, string name)
        {
            var span = Text.Utf8.Slice(use.Start, use.Length);
            if (span.Length != name.Length) return false;
            for (int i = 0; i < span.Length; i++)
            {
                if (span[i] != name[i]) return false;
            }
            return true;
        }

        public string NameOf(in NameUse use) => Text.GetText(use.Start, use.Start + use.Length);

        /// <summary>A single identifier (<c>items</c>), not an attribute, call or subscript.</summary>
        /// <summary>What starts at <paramref name="position"/> is the value of a <c>return</c> (<c>return new Redis(url)</c>, <c>return func() {…}</c>).</summary>
        public static bool AfterReturn(ReadOnlySpan<byte> utf8, int position)
        {
            int i = position - 1;
            while (i >= 0 && utf8[i] is (byte)' ' or (byte)'\t') i--;
            return i >= 5 && utf8.Slice(i - 5, 6).SequenceEqual("return"u8) && (i < 6 || !char.IsAsciiLetterOrDigit((char)utf8[i - 6]));
        }

        public static bool IsPlainName(string text)
        {
            if (text.Length == 0 || char.IsDigit(text[0])) return false;
            foreach (char ch in text)
            {
                if (!(char.IsLetterOrDigit(ch) || ch == '_')) return false;
            }
            return true;
        }

        /// <summary>Uses of <paramref name="name"/> inside [start, end) that belong to <paramref name="function"/>.</summary>
        public IEnumerable<NameUse> UsesOf(string name, FunctionModel function, int start, int end)
        {
            int i = FirstUseAt(start);
            for (; i < Uses.Count && Uses[i].Start < end; i++)
            {
                var use = Uses[i];
                if (use.Function == function.Index && NameIs(use, name)) yield return use;
            }
        }

        /// <summary>Whether <paramref name="name"/> is read or mutated anywhere in [start, end), functions nested there included.</summary>
        public bool IsReadIn(string name, int start, int end)
        {
            for (int i = FirstUseAt(start); i < Uses.Count && Uses[i].Start < end; i++)
            {
                if (Uses[i].Kind != UseKind.Write && NameIs(Uses[i], name)) return true;
            }
            return false;
        }

        /// <summary>All uses inside [start, end) that belong to <paramref name="function"/>.</summary>
        public IEnumerable<NameUse> UsesIn(FunctionModel function, int start, int end)
        {
            for (int i = FirstUseAt(start); i < Uses.Count && Uses[i].Start < end; i++)
            {
                if (Uses[i].Function == function.Index) yield return Uses[i];
            }
        }

        /// <summary>All uses inside [start, end), whatever function they belong to.</summary>
        public IEnumerable<NameUse> UsesIn(int start, int end)
        {
            for (int i = FirstUseAt(start); i < Uses.Count && Uses[i].Start < end; i++) yield return Uses[i];
        }

        /// <summary>The index in <see cref="Uses"/> of the first use at or after <paramref name="start"/>.</summary>
        public int FirstUseAt(int start)
        {
            int lo = 0, hi = Uses.Count;
            while (lo < hi)
            {
                int mid = (lo + hi) >> 1;
                if (Uses[mid].Start < start) lo = mid + 1; else hi = mid;
            }
            return lo;
        }
    }

    public enum FunctionKind { Module, Function, Lambda }

    /// <summary>
    /// Value kinds of names in one scope: a name keeps a kind only while every binding agrees (<see cref="KindOf"/>);
    /// <see cref="KindAt"/> follows the bindings in source order instead, so that a rebinding ends the kind from there on.
    /// </summary>
    public sealed class Scope
    {
        private readonly Dictionary<string, Binding> _bindings = new(StringComparer.Ordinal);
        /// <summary>Every binding of a name bound more than once, in source order (most names are bound once: no list).</summary>
        private Dictionary<string, List<(int From, string? Kind)>>? _rebound;

        public IReadOnlyDictionary<string, Binding> Bindings => _bindings;

        /// <summary>
        /// Records a binding; <paramref name="kind"/> null means "not known", which makes the name unknown.
        /// <paramref name="from"/> is where the binding takes effect (after its value: <c>f = f.read()</c> reads the old f); by default, <paramref name="position"/>.
        /// </summary>
        public void Bind(string name, string? kind, int position, bool isConstant = false, int from = -1, bool unassigned = false)
        {
            if (from < 0) from = position;
            if (_bindings.TryGetValue(name, out var existing))
            {
                bool first = existing.Unassigned && existing.Count == 1;
                _bindings[name] = existing with { Kind = existing.Kind == kind || first ? kind : null, Count = existing.Count + 1,
                    IsConstant = (first || existing.IsConstant) && isConstant, Unassigned = false };
                _rebound ??= new Dictionary<string, List<(int, string?)>>(StringComparer.Ordinal);
                if (!_rebound.TryGetValue(name, out var sites)) _rebound[name] = sites = new List<(int, string?)> { (existing.From, existing.FirstKind) };
                // Bindings arrive in walk order, which is source order but for a value recorded after a nested one.
                int at = sites.Count;
                while (at > 0 && sites[at - 1].From > from) at--;
                sites.Insert(at, (from, kind));
            }
            else
            {
                _bindings[name] = new Binding(name, kind, position, 1, isConstant) { From = from, FirstKind = kind, Unassigned = unassigned };
            }
        }

        /// <summary>Overrides what is known about a name (a framework tells the kind of a parameter).</summary>
        public void Set(string name, string kind, int position)
        {
            _bindings[name] = new Binding(name, kind, position, 1, false) { From = position, FirstKind = kind };
            _rebound?.Remove(name);
        }

        /// <summary>The name's value changes in place after all (<c>list.push(x)</c>): no longer a constant.</summary>
        public void Unfix(string name)
        {
            if (_bindings.TryGetValue(name, out var b) && b.IsConstant) _bindings[name] = b with { IsConstant = false };
        }

        public bool Contains(string name) => _bindings.ContainsKey(name);

        public string? KindOf(string name) => _bindings.TryGetValue(name, out var b) ? b.Kind : null;

        /// <summary>
        /// The kind of the binding in effect at <paramref name="position"/>: the last one before it in source order (the first
        /// one when none is before it, as for a module global read by a function defined above it).
        /// </summary>
        public string? KindAt(string name, int position)
        {
            if (SiteAt(name, position) is { } site) return site.Kind;
            // before its first binding: that binding's kind
            if (!_bindings.TryGetValue(name, out var b)) return null;
            return _rebound != null && _rebound.TryGetValue(name, out var sites) ? sites[0].Kind : b.FirstKind;
        }

        /// <summary>Where the binding of <paramref name="name"/> in effect at <paramref name="position"/> took effect; null when none is.</summary>
        public int? LastSiteBefore(string name, int position) => SiteAt(name, position)?.From;

        /// <summary>The binding of <paramref name="name"/> in effect at <paramref name="position"/> (the last one before it), or null.</summary>
        private (int From, string? Kind)? SiteAt(string name, int position)
        {
            if (!_bindings.TryGetValue(name, out var b)) return null;
            if (_rebound == null || !_rebound.TryGetValue(name, out var sites)) return b.From < position ? (b.From, b.FirstKind) : null;
            (int From, string? Kind)? site = null;
            foreach (var s in sites)
            {
                if (s.From >= position) break;
                site = s;
            }
            return site;
        }

        public Binding? Get(string name) => _bindings.TryGetValue(name, out var b) ? b : null;

        /// <summary>Whether <paramref name="name"/> is bound (assigned) somewhere in [<paramref name="start"/>, <paramref name="end"/>).</summary>
        public bool BoundWithin(string name, int start, int end)
        {
            if (!_bindings.TryGetValue(name, out var b)) return false;
            if (_rebound == null || !_rebound.TryGetValue(name, out var sites)) return b.From >= start && b.From < end;
            foreach (var (from, _) in sites)
            {
                if (from >= start && from < end) return true;
            }
            return false;
        }
    }

    /// <summary>
    /// A name bound in a scope: the kind all its bindings agree on, and where it was first bound. <see cref="IsConstant"/>: every
    /// binding is a constant (a literal of constants: <c>chunks = [b"bKGD", b"hIST"]</c> in each branch that sets it).
    /// </summary>
    public sealed record Binding(string Name, string? Kind, int FirstPosition, int Count, bool IsConstant)
    {
        /// <summary>Where the first binding takes effect, and its own kind.</summary>
        internal int From { get; init; }
        internal string? FirstKind { get; init; }
        /// <summary>Declared without a value (<c>let handler;</c>): its first assignment gives the name its kind.</summary>
        internal bool Unassigned { get; init; }
    }

    public sealed class FunctionModel
    {
        public FunctionModel(SourceModel file, FunctionKind kind, string name, string qualifiedName, FunctionModel? parent, string? className,
            int startByte, int endByte)
        {
            File = file;
            Kind = kind;
            Name = name;
            QualifiedName = qualifiedName;
            Parent = parent;
            ClassName = className;
            StartByte = startByte;
            EndByte = endByte;
            Index = file.Functions.Count;
        }

        public SourceModel File { get; }
        public int Index { get; }
        public FunctionKind Kind { get; }
        public string Name { get; }
        /// <summary>Enclosing classes and functions joined with dots: <c>JobWorker.process_job</c>.</summary>
        public string QualifiedName { get; }
        public FunctionModel? Parent { get; }
        /// <summary>Qualified name of the class this is a method of (directly), else null.</summary>
        public string? ClassName { get; }
        public IReadOnlyList<string> ClassBases { get; set; } = Array.Empty<string>();
        public bool IsAsync { get; set; }
        /// <summary>
        /// Not async, yet every return gives an awaitable (<c>return new Promise(…)</c>, <c>(u) =&gt; fetch(u)</c>). In JavaScript
        /// such a function is also event-driven: its callers await it, so its body runs as async code does.
        /// </summary>
        public bool ReturnsAwaitable { get; set; }
        /// <summary>
        /// The async work all sits in tries whose catch throws nothing: whatever it raises is caught inside, but for the calls of
        /// <see cref="OpenWaits"/> (JavaScript).
        /// </summary>
        public bool CatchesAll { get; set; }
        /// <summary>
        /// With <see cref="CatchesAll"/>: the calls (by span) whose promise may still reach the function's own — awaited outside a
        /// try that catches, or returned — for the language's knowledge to judge (one that can only resolve is harmless).
        /// </summary>
        public IReadOnlyList<(int Start, int End)> OpenWaits { get; set; } = Array.Empty<(int, int)>();
        /// <summary>
        /// Its text is taken as data and run elsewhere (JavaScript: <c>(function () { … }).toString()</c> made into a worker's
        /// Blob), as is every function inside it: nothing in it is reported.
        /// </summary>
        public bool IsSourceText { get; init; }
        public int StartByte { get; }
        public int EndByte { get; }
        /// <summary>Where the <c>def</c> line starts (the first decorator for a decorated function).</summary>
        public int HeaderStartByte { get; set; }
        public List<DecoratorModel> Decorators { get; } = new();
        public List<ParameterModel> Parameters { get; } = new();
        public Scope Locals { get; } = new();
        /// <summary>Names imported inside this function (local name → what it refers to); null when it imports nothing.</summary>
        public Dictionary<string, string>? LocalImports { get; set; }
        /// <summary>
        /// The inline module the function is declared in (Rust <c>mod m { … }</c>), as a path; null at the file's top level.
        /// Functions, closures and async blocks nested in it have it too. A bare name calls only the functions of the same one.
        /// </summary>
        public string? Namespace { get; init; }
        /// <summary>Names declared <c>global</c>/<c>nonlocal</c>: bindings go to the outer scope.</summary>
        public HashSet<string> NonLocals { get; } = new(StringComparer.Ordinal);
        public List<CallModel> Calls { get; } = new();
        public List<AwaitModel> Awaits { get; } = new();
        /// <summary>Where the function yields (a generator): a loop that yields hands its items out one at a time on purpose.</summary>
        public List<int> Yields { get; } = new();

        /// <summary>Set by the language's handler recognition: why this function serves requests (null: it does not).</summary>
        public string? HandlerReason { get; set; }
        public bool IsHandler => HandlerReason != null;
        /// <summary>Passed to <c>asyncio.run</c> and the like from startup code, or a CLI command: a program's entry point.</summary>
        public bool IsEntryPoint { get; set; }

        /// <summary>
        /// Runs on the event loop once per event although not declared async: a JavaScript request callback, promise
        /// callback, listener or timer (a blocking call there stalls the loop as in an async function).
        /// </summary>
        public bool IsEventDriven { get; set; }

        /// <summary>
        /// A callback that the call it is passed to runs before returning (a JavaScript <c>items.map(…)</c> callback, a
        /// promise executor): its calls are made by the enclosing function, whatever that function's kind.
        /// </summary>
        public bool RunsInline { get; set; }

        /// <summary>Importing the module itself gives this function (a JavaScript <c>export default function</c>).</summary>
        public bool IsModuleDefault { get; set; }

        /// <summary>
        /// Start-up or shut-down code of a program or an object, known by its name (JavaScript <c>initialize</c>,
        /// <c>loadPlugins</c>, <c>stop</c>, <c>[Symbol.asyncDispose]</c>) and callbacks it runs inline: it runs once, not per request.
        /// Never a request handler, whatever its name.
        /// </summary>
        public bool RunsOnce { get => _runsOnce && !IsHandler; set => _runsOnce = value; }
        private bool _runsOnce;

        /// <summary>A Rust method taking <c>&amp;self</c> (or <c>&amp;'a self</c>): a shared borrow of its receiver.</summary>
        public bool TakesSelfShared { get; set; }

        /// <summary>Async code proper: an async function body or an event-driven callback (a nested sync def or lambda is not).</summary>
        public bool IsAsyncCode => IsAsync || IsEventDriven;

        /// <summary>Where the async rules apply: async code that is not startup, shut-down, CLI or script code.</summary>
        public bool IsAsyncPath => IsAsyncCode && !IsEntryPoint && !RunsOnce && !File.IsScript;

        public CodeContext Context => IsHandler ? CodeContext.RequestHandler : IsAsyncCode ? CodeContext.Background : CodeContext.Sync;

        /// <summary>"request handler get_user", "async function process_job", "callback of emitter.on('data')", "function load".</summary>
        public string Describe()
        {
            // a JavaScript function returning a promise, event-driven because its callers await it (not a callback run in place)
            bool awaitable = IsEventDriven && ReturnsAwaitable && !IsAsync && !IsHandler && !RunsInline;
            return (IsHandler ? "request handler " : IsAsync ? "async function " : IsEventDriven && !awaitable ? "callback " : Kind == FunctionKind.Module ? "module " : "function ")
                + (Kind == FunctionKind.Module ? "top level" : QualifiedName) + (awaitable ? " (returns an awaitable)" : "");
        }

        /// <summary>The kind of a name as seen from this function: locals, then enclosing functions, then the module.</summary>
        public string? KindOf(string name) => Lookup(name).Binding?.Kind;

        /// <summary>
        /// The kind of a name at <paramref name="position"/> in this function, following rebindings in source order (a name
        /// bound in an enclosing function or the module is seen as it was where this function is defined).
        /// </summary>
        public string? KindAt(string name, int position)
        {
            var (_, owner) = Lookup(name);
            if (owner == null) return null;
            // The innermost function under the owner that holds this one: the owner's bindings before it are in effect.
            var at = this;
            while (at != owner && at.Parent != owner && at.Parent != null) at = at.Parent;
            return owner.Locals.KindAt(name, at == owner ? position : at.StartByte);
        }

        /// <summary>The kind of <c>self.x</c> as seen from this method (or a function nested in it), or null when unknown.</summary>
        public string? KindOfSelfAttribute(string attribute) =>
            EnclosingClass is { } cls && File.ClassScopes.TryGetValue(cls, out var scope) ? scope.KindOf(attribute) : null;

        /// <summary>The class whose method this is, or whose method it is nested in (a lambda, a comprehension); null outside classes.</summary>
        public string? EnclosingClass
        {
            get
            {
                for (var f = this; f != null; f = f.Parent)
                {
                    if (f.ClassName != null) return f.ClassName;
                }
                return null;
            }
        }

        /// <summary>
        /// What an imported name refers to from here: this function's and its enclosing functions' imports, then the
        /// module's (not inside an inline module: the file's imports do not reach it).
        /// </summary>
        public string? ImportTarget(string name)
        {
            for (var f = this; f != null; f = f.Parent)
            {
                if (f.LocalImports != null && f.LocalImports.TryGetValue(name, out var local)) return local;
            }
            return Namespace == null && File.Imports.TryGetValue(name, out var target) ? target : null;
        }

        /// <summary>A variable, parameter or def named <paramref name="name"/> is visible here, hiding the builtin of that name.</summary>
        public bool Shadows(string name) => Lookup(name).Binding != null || File.DefinesFunctionVisibleFrom(name, this);

        /// <summary>The binding a name refers to from this function, and the function that binds it.</summary>
        public (Binding? Binding, FunctionModel? Owner) Lookup(string name)
        {
            for (var f = this; f != null; f = f.Parent)
            {
                if (f.Locals.Contains(name) && !f.NonLocals.Contains(name)) return (f.Locals.Get(name), f);
            }
            var module = File.Module;
            return module.Locals.Contains(name) ? (module.Locals.Get(name), module) : (null, null);
        }

        /// <summary>
        /// The declared type of a parameter (of this function or one it is nested in) that the name still refers to, never
        /// rebound; null for a local, an undeclared parameter, or a name bound more than once.
        /// </summary>
        /// <summary>This function is <paramref name="scope"/> or nested in it.</summary>
        public bool IsWithin(FunctionModel scope)
        {
            for (var f = this; f != null; f = f.Parent)
            {
                if (f == scope) return true;
            }
            return false;
        }

        public string? DeclaredParameterType(string name)
        {
            var (binding, owner) = Lookup(name);
            if (binding is not { Count: 1 } || owner == null) return null;
            foreach (var p in owner.Parameters)
            {
                if (p.Name == name) return p.Annotation;
            }
            return null;
        }

        public override string ToString() => QualifiedName;
    }

    public sealed record DecoratorModel(string Text, string? Resolved, bool IsCall, string? Receiver, string? Method, int StartByte, int EndByte);

    public sealed record ParameterModel(string Name, string? Annotation, string? ResolvedAnnotation);

    /// <summary>
    /// One argument of a call. Its texts are read from the source on first use (most arguments are never read by
    /// a rule): <see cref="Text"/> is the value as written (for <c>k=v</c>, <c>v</c>), null when longer than
    /// <see cref="MaxText"/>; <see cref="InnerText"/> is what a <c>*</c>/<c>**</c> splat spreads.
    /// </summary>
    public sealed class ArgumentModel
    {
        /// <summary>Longer texts are not read (a 10,000-long argument must not be copied per call).</summary>
        public const int MaxText = 240;

        private readonly SourceText _source;
        private int _textStart, _textEnd, _innerStart, _innerEnd;
        private string? _text, _innerText;

        public ArgumentModel(SourceText source, string? keyword, Shape shape, int startByte, int endByte, int textStart, int textEnd)
        {
            _source = source;
            Keyword = keyword;
            Shape = shape;
            StartByte = startByte;
            EndByte = endByte;
            _textStart = textStart;
            _textEnd = textEnd;
            _innerEnd = -1;
        }

        public string? Keyword { get; private set; }
        /// <summary>What the argument is (of the value, for a keyword argument).</summary>
        public Shape Shape { get; private set; }
        public int StartByte { get; }
        public int EndByte { get; }
        /// <summary>Where the value starts: after a keyword's <c>name=</c>, inside parentheses around it.</summary>
        public int ValueStartByte => _textStart;
        /// <summary>For a spread (<c>*xs</c>, <c>...xs</c>): what it spreads.</summary>
        public Shape InnerShape { get; private set; }

        /// <summary>Spreads a sequence or a mapping into the arguments: not a positional argument of its own.</summary>
        public bool IsSpread => Shape is Shape.Spread or Shape.KeywordSpread;

        internal bool HasInner => _innerEnd >= 0;

        // A front end that meets an argument's parts one by one (a tree walk) completes it as it goes.
        internal void SetKeyword(string name) => Keyword = name;

        internal void SetValue(Shape shape, int start, int end)
        {
            Shape = shape;
            (_textStart, _textEnd, _text) = (start, end, null);
        }

        internal void SetInner(Shape shape, int start, int end)
        {
            InnerShape = shape;
            (_innerStart, _innerEnd, _innerText) = (start, end, null);
        }

        public string? Text => _text ??= Read(_textStart, _textEnd);

        public string? InnerText => _innerText ??= Read(_innerStart, _innerEnd);

        private string? Read(int start, int end) => end >= start && end - start <= MaxText ? _source.GetText(start, end) : null;
    }

    public sealed class CallModel
    {
        public int StartByte { get; init; }
        public int EndByte { get; init; }
        public required FunctionModel Function { get; init; }
        /// <summary>The callee as written (<c>sp.run</c>, <c>input_path.read_bytes</c>); "…" when long or complex.</summary>
        public required string Written { get; init; }
        /// <summary>The callee resolved through imports (<c>subprocess.run</c>), or null when it is not a dotted name.</summary>
        public string? Resolved { get; init; }
        /// <summary>Last segment of an attribute callee (<c>read_bytes</c>), else null.</summary>
        public string? Method { get; init; }
        /// <summary>Text of the receiver of an attribute callee (<c>input_path</c>, <c>self.session</c>).</summary>
        public string? Receiver { get; init; }
        /// <summary>The receiver is itself a call (<c>Path(p).read_text()</c>).</summary>
        public CallModel? ReceiverCall { get; set; }
        /// <summary>The kind of a receiver that is an expression rather than a name or a call (<c>(base / "x").touch()</c>, <c>[...rows].sort()</c>), when known.</summary>
        public string? ReceiverExpressionKind { get; set; }
        /// <summary>The call this one is an argument of.</summary>
        public CallModel? ArgumentOf { get; set; }
        public List<ArgumentModel> Arguments { get; } = new();
        /// <summary>Innermost loop whose body holds the call, in the same function.</summary>
        public LoopModel? Loop { get; init; }
        public bool IsAwaited { get; set; }
        /// <summary>The call is a whole expression statement: its result is dropped.</summary>
        public bool IsStatement { get; init; }
        /// <summary>
        /// Its result is dropped all the same: it is an element of a comprehension, or a branch of a conditional expression,
        /// that is itself a whole expression statement (<c>[spawn(x) for x in xs]</c>).
        /// </summary>
        public bool InDroppedExpression { get; init; }
        /// <summary>What reads its result, when that is one small fact of it (<c>xs.filter(f).length > 0</c> tests it for emptiness).</summary>
        public ResultUse ResultUse { get; init; }
        /// <summary>
        /// The plain local name its result is assigned to (<c>task = spawn(…)</c>), else null; JavaScript also records a member
        /// target (<c>ctx.body = await readFile(p)</c>).
        /// </summary>
        public string? AssignedTo { get; set; }
        /// <summary>Inside the arguments of an offload sink (run on a worker thread, or a file handed to an async file wrapper).</summary>
        public bool IsOffloaded { get; init; }
        public bool IsOffloadSink { get; init; }
        /// <summary>Within an <c>if __name__ == "__main__":</c> block.</summary>
        public bool InMainGuard { get; init; }
        /// <summary>Where the statement that holds the call starts (Python; -1 elsewhere): a call written over several lines stands at its depth.</summary>
        public int StatementStartByte { get; init; } = -1;
        /// <summary>Runs when the enclosing function returns (Go's <c>defer</c>).</summary>
        public bool IsDeferred { get; init; }
        /// <summary>Runs concurrently, on its own thread or goroutine (Go's <c>go</c> statement).</summary>
        public bool IsSpawned { get; init; }
        /// <summary>A struct or collection literal (<c>http.Server{Addr: a}</c>), modelled as a call of its type with its fields as keywords.</summary>
        public bool IsLiteral { get; init; }
        /// <summary>Inside a branch or closure within its innermost loop (or function): it may not run on every pass.</summary>
        public bool IsConditional { get; init; }
        /// <summary>Inside a closure that the model does not treat as a function of its own: it may run later, or many times.</summary>
        public bool InClosure { get; init; }

        /// <summary>The written callee with the resolved name when an alias hides it: <c>nap() (time.sleep)</c>.</summary>
        public string Display
        {
            get
            {
                string written = Written + (IsLiteral ? "{…}" : "()");
                if (Resolved == null || Resolved == Written || Resolved.EndsWith("." + Written, StringComparison.Ordinal)) return written;
                return written + " (" + Resolved + ")";
            }
        }

        public ArgumentModel? Positional(int index)
        {
            int i = 0;
            foreach (var a in Arguments)
            {
                if (a.Keyword != null || a.IsSpread) continue;
                if (i++ == index) return a;
            }
            return null;
        }

        public ArgumentModel? Keyword(string name)
        {
            foreach (var a in Arguments)
            {
                if (a.Keyword == name) return a;
            }
            return null;
        }

        public override string ToString() => Written + "() @" + StartByte;
    }

    /// <summary>
    /// How a call's result is read when only one fact of it is: its length, whether it is empty, one end of it
    /// (FirstItem/LastItem: <c>xs.filter(f)[0]</c>, <c>.pop()</c>), or only copied whole into a new list (<c>[...xs.slice(1)]</c>).
    /// </summary>
    public enum ResultUse : byte { Other, Length, EmptinessTest, FirstItem, Copied, LastItem }

    public enum LoopKind { For, AsyncFor, While, Comprehension }

    public sealed class LoopModel
    {
        public required LoopKind Kind { get; init; }
        public int StartByte { get; init; }
        public int EndByte { get; init; }
        public int BodyStartByte { get; init; }
        public int BodyEndByte { get; init; }
        public required FunctionModel Function { get; init; }
        public LoopModel? Parent { get; init; }
        /// <summary>What a for loop iterates, as written (null for while loops).</summary>
        public string? IterableText { get; init; }
        public Shape IterableShape { get; init; }
        public int IterableStartByte { get; init; }
        public int IterableEndByte { get; init; }
        /// <summary>For <c>range(N)</c> with a constant N: N.</summary>
        public long? ConstantRange { get; set; }
        /// <summary>
        /// The loop walks a fixed table written in the code (or, in JavaScript, counts over its indices): a literal of constants, a name bound to one, or its
        /// <c>Object.keys</c>/<c>values</c>/<c>entries</c> (also of an imported table named in capitals): as many items as the code wrote.
        /// </summary>
        public bool OverConstants { get; set; }
        /// <summary>Over a constant slice of data (<c>items[:20]</c>): at most that many items (a bound, not a count of retries or pages).</summary>
        public long? AtMost { get; set; }
        /// <summary>
        /// A counted loop (<c>for i := 0; i &lt; n; i++</c>, or counting down from n): its counter and the expression that
        /// sets its number of iterations before it starts; null otherwise.
        /// </summary>
        public (string Counter, string Bound)? Counted { get; init; }
        /// <summary>
        /// The loop walks key-value pairs (<c>d.items()</c>, <c>Object.entries(o)</c>) and never uses one part of them: that
        /// part (null when it uses both, or does not walk pairs).
        /// </summary>
        public PairPart? UnusedPart { get; set; }
        /// <summary>
        /// The body does nothing but wait for a test: it is empty, or only leaves once a test holds (<c>{ if (…) break; }</c>).
        /// With a clock in that test, a busy-wait.
        /// </summary>
        public bool OnlyWaits { get; init; }
        /// <summary>
        /// Where the body's one statement starts when it has exactly one (comments aside) and the loop no <c>else</c>; -1
        /// otherwise. Set by the Python front end, whose loops a comprehension can replace.
        /// </summary>
        public int OnlyStatementStart { get; init; } = -1;
        /// <summary>Start of the block that holds the loop statement (Python); -1 otherwise.</summary>
        public int BlockStart { get; init; } = -1;
        /// <summary>How a comprehension's value is read when only one fact of it is (<c>[x for x in xs if p(x)][0]</c>: its first item).</summary>
        public ResultUse ResultUse { get; init; }

        public bool BodyContains(int position) => position >= BodyStartByte && position < BodyEndByte;

        /// <summary>
        /// Over batches of the data — <c>for (const chunk of chunks)</c>, <c>_.chunk(rows, 500)</c>, <c>batched(rows, 100)</c>,
        /// <c>rows.chunks(100)</c>, a counted loop striding by a named size or one of 10 or more (<c>i += batchSize</c>,
        /// <c>range(0, n, size)</c>, <c>range(0, n, 1000)</c>) or counting the batches (<c>i &lt; chunks.length</c>,
        /// <c>range(len(batches))</c>): each
        /// iteration handles one batch, one batch at a time on purpose. Not over one batch's
        /// items (<c>for (const m of batch)</c>, <c>batch.messages</c>): the last name says which.
        /// </summary>
        public bool OverBatches
        {
            get
            {
                // for (let i = 0; i < rows.length; i += batchSize): a counted loop that strides by a named size takes a batch a turn
                if (IterableText is not { } items)
                    return Kind == LoopKind.For && Function.File.Text.GetText(StartByte, BodyStartByte) is var header
                        && (NamedStride.IsMatch(header) || BatchCount.IsMatch(header));
                // for i in range(0, len(rows), batch_size); for i in range(len(chunks))
                if (NamedRangeStep.IsMatch(items) || BatchRange.IsMatch(items)) return true;
                int open = items.IndexOf('(');
                if (open >= 0) items = items.Substring(0, open);
                string last = items.Substring(items.LastIndexOfAny(NameSeparators) + 1).ToLowerInvariant();
                return open >= 0 ? last.Contains("chunk") || last.Contains("batch")
                    : last.EndsWith("chunks", StringComparison.Ordinal) || last.EndsWith("batches", StringComparison.Ordinal) || last is "chunked" or "batched";
            }
        }

        private static readonly char[] NameSeparators = { '.', ':' };

        private static readonly System.Text.RegularExpressions.Regex NamedStride = new(@"\+=\s*(?:(?:this\.)?[A-Za-z_$][\w$.]*|[1-9]\d+)\s*\)", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

        // for (let i = 0; i < chunks.length; i++): one batch a turn, by index
        private static readonly System.Text.RegularExpressions.Regex BatchCount = new(@"<=?\s*(?:[A-Za-z_$][\w$]*\.)*[A-Za-z_$]*(?:[cC]hunks|[bB]atches)\.length\b", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

        private static readonly System.Text.RegularExpressions.Regex BatchRange = new(@"^range\(len\((?:[A-Za-z_][\w]*\.)*[A-Za-z_]*(?:[cC]hunks|[bB]atches)\)\)$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

        private static readonly System.Text.RegularExpressions.Regex NamedRangeStep = new(@"^range\([^,()]+,[^,]+,\s*(?:(?:self\.)?[A-Za-z_][\w.]*|[1-9]\d+)\s*\)$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

        /// <summary>
        /// Among the loops open in a walk (outermost first), the innermost of <paramref name="function"/> whose body holds
        /// <paramref name="position"/>; null when a loop of an enclosing function comes first.
        /// </summary>
        public static LoopModel? Innermost(List<LoopModel> open, FunctionModel function, int position)
        {
            for (int i = open.Count - 1; i >= 0; i--)
            {
                var loop = open[i];
                if (loop.Function != function) return null;
                if (loop.BodyContains(position)) return loop;
            }
            return null;
        }
    }

    public enum PairPart { Key, Value }

    /// <summary>A value named and dropped by a statement of its own (<c>pending;</c>).</summary>
    public sealed class DroppedValueModel
    {
        public required string Name { get; init; }
        public int StartByte { get; init; }
        public int EndByte { get; init; }
        public required FunctionModel Function { get; init; }
    }

    public sealed class AwaitModel
    {
        public int StartByte { get; init; }
        public int EndByte { get; init; }
        public required FunctionModel Function { get; init; }
        public LoopModel? Loop { get; init; }
        /// <summary>The awaited call (<c>await f(x)</c>), null when a plain value is awaited (<c>await task</c>).</summary>
        public CallModel? Call { get; set; }
        /// <summary>The call whose list argument holds this await as an element (<c>Promise.all([await a(), await b()])</c>).</summary>
        public CallModel? ElementOf { get; set; }
        /// <summary>Start of the object literal this await is a property value of (<c>{ a: await f(), b: await g() }</c>), else -1.</summary>
        public int PropertyOf { get; set; } = -1;
        public int OperandStartByte { get; init; }
        public int OperandEndByte { get; init; }
    }

    /// <summary>
    /// <see cref="Propagate"/>: Rust's <c>?</c>, which hands the callee's error up the way an exception would leave a
    /// Python or JavaScript call — a way out, but not a decision the code takes on a result.
    /// </summary>
    public enum StatementKind { Await, Break, Continue, Return, Raise, Delete, Propagate }

    /// <summary>A statement of interest, with its position among the statements of its block.</summary>
    public sealed class StatementModel
    {
        public required StatementKind Kind { get; init; }
        public int StartByte { get; init; }
        public int EndByte { get; init; }
        public required FunctionModel Function { get; init; }
        /// <summary>Start of the block holding the statement, and the statement's index in it.</summary>
        public int BlockStart { get; init; }
        public int IndexInBlock { get; init; }
        /// <summary>
        /// For a <c>return</c> or <c>throw</c> inside a <c>catch</c> (JavaScript, the innermost one of its function): where the block
        /// of that catch's <c>try</c> ends; -1 otherwise.
        /// </summary>
        public int CaughtTryEnd { get; init; } = -1;
        /// <summary>Names the statement assigns (<c>user, orders = await …</c>).</summary>
        public IReadOnlyList<string> BoundNames { get; init; } = Array.Empty<string>();
        public AwaitModel? Await { get; init; }
        /// <summary>For a <c>del</c> statement: the text of what is deleted.</summary>
        public string? Text { get; init; }
    }

    public sealed record WithItem(string Text, CallModel? Call, string? Name, string? Alias);

    public sealed class WithModel
    {
        public bool IsAsync { get; init; }
        public int StartByte { get; init; }
        public int EndByte { get; init; }
        public int BodyStartByte { get; init; }
        public required FunctionModel Function { get; init; }
        public List<WithItem> Items { get; } = new();
    }

    /// <summary>
    /// <c>s += x</c>; <c>s = s + x</c> (also a format of s itself: Operator <c>format!</c>, <c>fmt.Sprintf</c>); SelfCopy: a new collection holding all of the name's items plus more — <c>x = [...x, y]</c>,
    /// or a callback returning <c>{ ...acc, [k]: v }</c> for its first parameter (Operator "return").
    /// </summary>
    public enum UpdateKind { Augmented, SelfConcat, SelfCopy }

    /// <summary><c>s += x</c>, <c>s = s + x</c> or <c>x = [...x, y]</c> on a plain name.</summary>
    public sealed class UpdateModel
    {
        public required string Name { get; init; }
        public required string Operator { get; init; }
        public UpdateKind Kind { get; init; }
        public int StartByte { get; init; }
        public int EndByte { get; init; }
        public required FunctionModel Function { get; init; }
        public LoopModel? Loop { get; init; }
    }

    /// <summary><c>x in items</c> / <c>x not in items</c>.</summary>
    public sealed class MembershipModel
    {
        public int StartByte { get; init; }
        public int EndByte { get; init; }
        public required FunctionModel Function { get; init; }
        public LoopModel? Loop { get; init; }
        public string? ContainerName { get; init; }
        public required string Text { get; init; }
        /// <summary>
        /// The search compares each element with a callback (<c>users.find((u) =&gt; u.id === id)</c>): only an array has such a
        /// method, so the container needs no known kind.
        /// </summary>
        public bool ElementTest { get; init; }
    }

    /// <summary>
    /// <c>a, b := f(x)</c>, <c>a = v</c> or <c>var a T</c>: the names bound ("" for a target that is not a plain name), and the
    /// value (its call when it is one; in Go a struct or collection literal counts as a call of its type). Go records every
    /// assignment, Python those of one plain name.
    /// </summary>
    public sealed class AssignmentModel
    {
        public required IReadOnlyList<string> Names { get; init; }
        /// <summary>Declares the names (<c>:=</c>, <c>var</c>) rather than assigning existing ones.</summary>
        public bool Declares { get; init; }
        public int StartByte { get; init; }
        public int EndByte { get; init; }
        public required FunctionModel Function { get; init; }
        public LoopModel? Loop { get; init; }
        /// <summary>The value's shape (<see cref="Shape.Other"/> when there is none: <c>var a T</c>).</summary>
        public Shape ValueShape { get; init; }
        public int ValueStartByte { get; init; }
        public int ValueEndByte { get; init; }
        public CallModel? ValueCall { get; set; }
        /// <summary>The declared type as written (<c>[]string</c>), when there is one.</summary>
        public string? DeclaredType { get; init; }
        /// <summary>Start of the block that holds the assignment as a statement of its own (Python); -1 otherwise.</summary>
        public int BlockStart { get; init; } = -1;
    }

    /// <summary>
    /// A conditional statement: its whole span and its condition's (empty when it has none, as a <c>select</c>). Go records
    /// every <c>if</c> and <c>switch</c>; Rust its <c>match</c>, <c>if let</c> and <c>while let</c>, up to the end of the block
    /// their scrutinee's temporaries live through; Python and JavaScript/TypeScript their <c>if</c> statements (with where the
    /// <c>else</c> starts).
    /// </summary>
    public sealed class BranchModel
    {
        public int StartByte { get; init; }
        public int EndByte { get; init; }
        public int ConditionStartByte { get; init; }
        public int ConditionEndByte { get; init; }
        public required FunctionModel Function { get; init; }
        /// <summary>Where the part that runs when no condition holds starts (an <c>else</c>, a <c>default</c> case); -1 when there is none.</summary>
        public int AlternativeStartByte { get; init; } = -1;
        /// <summary>A Go <c>select</c> without <c>default</c>: it blocks until one of its cases runs, so control never passes it by.</summary>
        public bool WaitsForACase { get; init; }

        public bool Contains(int position) => position >= StartByte && position < EndByte;

        /// <summary>An <c>if</c> or <c>elif</c> of Python or JavaScript/TypeScript, whose condition RP0009 reads.</summary>
        public bool IsIf { get; init; }

        public static BranchModel If(int start, int end, SyntaxNode condition, SyntaxNode? alternative, FunctionModel function) =>
            new()
            {
                StartByte = start, EndByte = end, ConditionStartByte = condition.StartByte, ConditionEndByte = condition.EndByte,
                AlternativeStartByte = alternative?.StartByte ?? -1, Function = function, IsIf = true,
            };
    }

    public enum UseKind : byte { Read, Write, Mutate }

    /// <summary>
    /// What an expression is, in words every language shares: front ends map their grammar's node types to these, so
    /// that rules never compare node names.
    /// </summary>
    public enum Shape : byte
    {
        Other,
        /// <summary>A plain identifier.</summary>
        Name,
        /// <summary><c>a.b</c>.</summary>
        Member,
        Call,
        /// <summary><c>a[i]</c>, <c>a[:]</c>.</summary>
        Subscript,
        String,
        /// <summary>A string with interpolations (f-string, template literal): not a constant.</summary>
        InterpolatedString,
        Number,
        ListLiteral,
        /// <summary>A list (or set/dict) comprehension: builds the whole collection.</summary>
        Comprehension,
        /// <summary>A lazy generator expression.</summary>
        Generator,
        Function,
        /// <summary><c>*xs</c> / <c>...xs</c>.</summary>
        Spread,
        /// <summary><c>**kw</c>.</summary>
        KeywordSpread,
    }

    /// <summary>Value kinds every language's model gives to literals, read by shared rules.</summary>
    public static class ValueKinds
    {
        public const string String = "str";
        public const string List = "list";
    }

    /// <summary>One identifier occurrence; the name is read from the source on demand (no string per identifier).</summary>
    public readonly record struct NameUse(int Start, int Length, UseKind Kind, int Function);
}
