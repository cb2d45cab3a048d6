using System;
using System.Collections.Generic;
using RuntimePerf.Languages.Common;
using RuntimePerf.TreeSitter;
using Language = RuntimePerf.Engine.Model.Language;

namespace RuntimePerf.Languages.JavaScript
{
    /// <summary>
    /// Builds the <see cref="SourceModel"/> of a JavaScript, TypeScript or TSX file in one iterative walk of its tree
    /// (no recursion: deeply nested JSX or callbacks must not overflow the stack). The three grammars share node type
    /// names but not symbol or field ids, so each gets its own look-up tables.
    /// </summary>
    internal sealed partial class JavaScriptModelBuilder
    {
        /// <summary>Longer callee/argument texts are not read (a 10,000-long call chain must stay linear).</summary>
        private const int MaxText = ArgumentModel.MaxText;

        private readonly SourceModel _model;
        private readonly GrammarInfo _g;
        private readonly FrameStack _frames = new();
        private readonly List<FunctionModel> _functions = new();
        private readonly List<int> _functionDepths = new();
        private readonly List<ClassFrame> _classes = new();
        private readonly List<LoopModel> _loops = new();
        /// <summary>Function literals called where they stand (<c>(() =&gt; { … })()</c>): their body runs in the enclosing loop.</summary>
        private readonly HashSet<FunctionModel> _runInPlace = new();
        private readonly List<OpenCall> _openCalls = new();
        private readonly List<DecoratorModel> _pendingDecorators = new();
        /// <summary>Classes of this file that extend <c>Promise</c> (TypeScript types naming them are promises).</summary>
        private readonly HashSet<string> _promiseClasses = new(StringComparer.Ordinal);
        /// <summary>Class fields with a TypeScript type (<c>Class|this.x</c>): assignments do not change what they hold.</summary>
        private readonly HashSet<string> _typedFields = new(StringComparer.Ordinal);
        /// <summary>Per open function: how many of its returns give a promise so far, or -1 once one gives anything else.</summary>
        private readonly List<int> _promiseReturns = new();
        /// <summary>Start bytes of functions without <c>async</c> whose every return gives a promise (<c>return new Promise(…)</c>).</summary>
        private readonly HashSet<int> _promiseReturners = new();
        /// <summary>Where <c>const FIRST = 0</c> names are declared: <c>xs.filter(f)[FIRST]</c> takes the first item.</summary>
        private readonly HashSet<int> _zeroConstants = new();
        /// <summary>Locals bound to a callback's first parameter (<c>const result = acc</c>), and locals holding a copy of it, by function.</summary>
        private HashSet<(int, string)>? _accumulatorAliases;
        private Dictionary<(int, string), UpdateModel>? _accumulatorCopies;
        private AwaitModel? _pendingAwait;

        /// <summary>What the framework marking reads besides the model: functions passed to calls, and what the module exports.</summary>
        private readonly JavaScriptFacts _facts = new();

        private struct Frame
        {
            public SyntaxNode Node;
            public NodeKind Kind;
            public ushort Field;
            public int Start;
            public int End;
            public int StatementCount;
            public int StatementIndex;
        }

        /// <summary>The walk's ancestor stack, read in place (a List of structs would copy a frame on every look).</summary>
        private sealed class FrameStack
        {
            private Frame[] _items = new Frame[64];

            public int Count { get; private set; }

            public ref Frame this[int index] => ref _items[index];

            public void Add(in Frame frame)
            {
                if (Count == _items.Length) Array.Resize(ref _items, Count * 2);
                _items[Count++] = frame;
            }

            public Frame Pop() => _items[--Count];
        }

        private readonly record struct ClassFrame(string QualifiedName, int Depth);

        private readonly record struct OpenCall(CallModel Call, int ArgumentsStart, int Depth);

        /// <summary>
        /// The node types the walk acts on. Each member is its type's name in PascalCase (<c>ArrowFunction</c> is
        /// <c>arrow_function</c>); <c>Function</c> is the older grammars' name of <c>function_expression</c>.
        /// </summary>
        private enum NodeKind : byte
        {
            Other,
            AbstractClassDeclaration,
            Arguments,
            Array,
            ArrayPattern,
            ArrowFunction,
            AsExpression,
            AssignmentExpression,
            AssignmentPattern,
            AugmentedAssignmentExpression,
            AwaitExpression,
            BinaryExpression,
            BreakStatement,
            CallExpression,
            Class,
            ClassBody,
            ClassDeclaration,
            Comment,
            ContinueStatement,
            Decorator,
            DoStatement,
            EmptyStatement,
            ExportStatement,
            ExpressionStatement,
            FieldDefinition,
            ForInStatement,
            ForStatement,
            FormalParameters,
            Function,
            FunctionDeclaration,
            FunctionExpression,
            FunctionSignature,
            GeneratorFunction,
            GeneratorFunctionDeclaration,
            Identifier,
            IfStatement,
            ImportStatement,
            LexicalDeclaration,
            MemberExpression,
            MethodDefinition,
            NewExpression,
            NonNullExpression,
            Object,
            ObjectPattern,
            OptionalParameter,
            Pair,
            PairPattern,
            ParenthesizedExpression,
            Program,
            PublicFieldDefinition,
            RequiredParameter,
            RestPattern,
            ReturnStatement,
            SatisfiesExpression,
            SequenceExpression,
            ShorthandPropertyIdentifier,
            ShorthandPropertyIdentifierPattern,
            SpreadElement,
            StatementBlock,
            SubscriptExpression,
            SwitchCase,
            SwitchDefault,
            TernaryExpression,
            ThrowStatement,
            TypeAssertion,
            UnaryExpression,
            UpdateExpression,
            VariableDeclaration,
            VariableDeclarator,
            WhileStatement,
            YieldExpression,
        }

        /// <summary>Symbol → kind and field ids of one grammar, looked up once.</summary>
        private sealed class GrammarInfo
        {
            public GrammarInfo(TreeSitter.Language language)
            {
                Language = language;
                Kinds = NodeKinds.BySymbol<NodeKind>(language);
                Alias = language.FieldId("alias");
                Arguments = language.FieldId("arguments");
                Body = language.FieldId("body");
                Condition = language.FieldId("condition");
                Consequence = language.FieldId("consequence");
                Alternative = language.FieldId("alternative");
                Constructor = language.FieldId("constructor");
                Function = language.FieldId("function");
                Handler = language.FieldId("handler");
                Finalizer = language.FieldId("finalizer");
                Index = language.FieldId("index");
                Key = language.FieldId("key");
                Left = language.FieldId("left");
                Name = language.FieldId("name");
                Object = language.FieldId("object");
                Operator = language.FieldId("operator");
                Parameter = language.FieldId("parameter");
                Parameters = language.FieldId("parameters");
                Pattern = language.FieldId("pattern");
                Property = language.FieldId("property");
                ReturnType = language.FieldId("return_type");
                Right = language.FieldId("right");
                Source = language.FieldId("source");
                Type = language.FieldId("type");
                TypeArguments = language.FieldId("type_arguments");
                Value = language.FieldId("value");
            }

            public TreeSitter.Language Language { get; }
            public NodeKind[] Kinds { get; }
            public ushort Alias, Alternative, Arguments, Body, Condition, Consequence, Constructor, Finalizer, Function, Handler, Index, Key, Left, Name, Object, Operator, Parameter,
                Parameters, Pattern, Property, ReturnType, Right, Source, Type, TypeArguments, Value;

            public NodeKind KindOf(ushort symbol) => symbol < Kinds.Length ? Kinds[symbol] : NodeKind.Other;
        }

        private static readonly Lazy<GrammarInfo> JavaScriptGrammar = new(() => new GrammarInfo(TreeSitter.Languages.JavaScript));
        private static readonly Lazy<GrammarInfo> TypeScriptGrammar = new(() => new GrammarInfo(TreeSitter.Languages.TypeScript));
        private static readonly Lazy<GrammarInfo> TsxGrammar = new(() => new GrammarInfo(TreeSitter.Languages.Tsx));

        private static GrammarInfo InfoFor(TreeSitter.Language language) =>
            language == TreeSitter.Languages.TypeScript ? TypeScriptGrammar.Value
            : language == TreeSitter.Languages.Tsx ? TsxGrammar.Value
            : JavaScriptGrammar.Value;

        private JavaScriptModelBuilder(SourceModel model, GrammarInfo grammar) => (_model, _g) = (model, grammar);

        public static SourceModel Build(SyntaxTree tree, string relativePath, Language language)
        {
            var model = new SourceModel(relativePath, language, tree.Text)
            {
                ModuleName = ModuleNameOf(relativePath),
                IsScript = IsScript(relativePath, tree.Text),
            };
            var builder = new JavaScriptModelBuilder(model, InfoFor(tree.Language));
            builder.Walk(tree.Root);
            KeepOnlyFixedTables(model);
            DropStringSearches(model);
            model.IsWorkerThread = IsWorkerScript(model);
            JavaScriptFrameworks.Mark(model, builder._facts);
            // a server file may show a spinner while it starts: its handlers keep it server code
            if (!model.IsScript && ImportsAny(model, JavaScriptTables.TerminalUiModules) && !model.Functions.Exists(f => f.IsHandler)) model.IsScript = true;
            // a file that loads a test runner or a benchmark harness, or calls a runner's globals as a spec does, is test code wherever it
            // sits (arquero's perf/*-perf.js, run by tape; a mocha spec named client-unit.js)
            if (!model.IsScript && (ImportsAny(model, JavaScriptTables.TestHarnessModules) || CallsSpecGlobals(model))) model.IsScript = true;
            return model;
        }

        /// <summary>
        /// <c>describe('client', () =&gt; { it('connects', …); })</c>: the top level calls the suite global of a BDD runner (mocha,
        /// jasmine, jest set it before they load a spec) and a function of the file calls its case global, each with a title and
        /// a function, and the file neither binds nor imports either name — a spec run by the runner, imported or not. A module
        /// with a describe of its own (a documenter's sections) is not one.
        /// </summary>
        private static bool CallsSpecGlobals(SourceModel model)
        {
            bool suite = false, spec = false;
            foreach (var c in model.Calls)
            {
                if (c.Written is not (JavaScriptTables.SuiteGlobal or JavaScriptTables.CaseGlobal) || c.Positional(0) is not { Shape: Shape.String }
                    || c.Positional(1) is not { Shape: Shape.Function } || c.Function.Shadows(c.Written) || c.Function.ImportTarget(c.Written) != null) continue;
                if (c.Written == JavaScriptTables.SuiteGlobal) suite |= c.Function == model.Module;
                else spec |= c.Function != model.Module;
            }
            return suite && spec;
        }

        /// <summary>
        /// A name bound to a fixed table that the file changes in place is no constant; a loop marked as walking a fixed table
        /// (<see cref="LoopModel.OverConstants"/>) whose table, by the end of the file, is bound again or changed in place
        /// (<c>pending.push(…)</c>: a worklist that starts as a literal) walks data after all.
        /// </summary>
        private static void KeepOnlyFixedTables(SourceModel model)
        {
            // var files = [ctXML, relsFile]; files.push(name): a list that starts as a literal and grows is no fixed table
            var changed = new HashSet<(FunctionModel Owner, string Name)>();
            foreach (var call in model.Calls)
            {
                if (call.Method is not { } m || !JavaScriptTables.MutatingMethods.Contains(m) || call.Receiver is not { } list || !SourceModel.IsPlainName(list)
                    || call.Function.Lookup(list) is not { Binding: { } bound, Owner: { } owner }) continue;
                changed.Add((owner, list));
                if (bound.IsConstant) owner.Locals.Unfix(list);
            }
            foreach (var loop in model.Loops)
            {
                if (!loop.OverConstants || loop.IterableText is not { } text) continue;
                var listed = JavaScriptTables.ObjectListing().Match(text);
                string name = listed.Success ? listed.Groups["table"].Value : text;
                if (!SourceModel.IsPlainName(name) || loop.Function.Lookup(name) is not { Binding: { } binding, Owner: { } owner }) continue;
                loop.OverConstants = binding.Count == 1 && !changed.Contains((owner, name));
            }
        }

        /// <summary>
        /// <c>inner.indexOf('-->', pos)</c> where the same binding also answers <c>inner.startsWith(…)</c>: a string (a scanner over
        /// text, often a <c>slice</c> of one), not the array its <c>indexOf</c>/<c>includes</c> could be; no list is scanned.
        /// </summary>
        private static void DropStringSearches(SourceModel model)
        {
            if (model.Memberships.Count == 0) return;
            Dictionary<string, List<CallModel>>? textCalls = null;
            foreach (var c in model.Calls)
            {
                if (c.Receiver is not { } receiver || c.Method is not { } method || !JavaScriptTables.StringOnlyMethods.Contains(method)) continue;
                textCalls ??= new Dictionary<string, List<CallModel>>(StringComparer.Ordinal);
                if (!textCalls.TryGetValue(receiver, out var calls)) textCalls[receiver] = calls = new List<CallModel>();
                calls.Add(c);
            }
            if (textCalls == null) return;
            model.Memberships.RemoveAll(m => m.ContainerName is { } name && textCalls.TryGetValue(name, out var calls)
                && m.Function.Lookup(name).Binding is { } binding && calls.Exists(c => c.Function.Lookup(name).Binding == binding));
        }

        /// <summary>Imports one of <paramref name="modules"/> (or a name of one: <c>inquirer.prompt</c>).</summary>
        private static bool ImportsAny(SourceModel model, string[] modules)
        {
            foreach (string target in model.Imports.Values)
            {
                foreach (string module in modules)
                {
                    if (target.StartsWith(module, StringComparison.Ordinal) && (target.Length == module.Length || target[module.Length] == '.')) return true;
                }
            }
            return false;
        }

        /// <summary>
        /// Imports <c>parentPort</c> or <c>workerData</c> from <c>worker_threads</c>, and neither <c>isMainThread</c> nor <c>Worker</c>
        /// (a file that starts workers, or runs as one and as the main thread, has a main-thread half).
        /// </summary>
        private static bool IsWorkerScript(SourceModel model)
        {
            bool worker = false;
            foreach (string target in model.Imports.Values)
            {
                if (target is JavaScriptTables.WorkerThreads + "isMainThread" or JavaScriptTables.WorkerThreads + "Worker") return false;
                worker |= target is JavaScriptTables.WorkerThreads + "parentPort" or JavaScriptTables.WorkerThreads + "workerData";
            }
            return worker;
        }

        private FunctionModel Current => _functions.Count == 0 ? _model.Module : _functions[^1];

        private void Walk(SyntaxNode root)
        {
            var grammar = _g.Language;
            using var walker = new TreeWalker(root);
            while (walker.MoveNext())
            {
                if (walker.Step == WalkStep.Enter)
                {
                    var node = walker.Node;
                    ushort symbol = node.Symbol;
                    if (!grammar.IsNamedSymbol(symbol))
                    {
                        // Anonymous tokens carry nothing we need; they still get a frame to keep Enter/Leave balanced.
                        _frames.Add(new Frame { Start = 0, End = 0 });
                        walker.SkipChildren();
                        continue;
                    }
                    var kind = _g.KindOf(symbol);
                    int start = node.StartByte, end = node.EndByte;
                    var frame = new Frame { Node = node, Kind = kind, Field = walker.FieldId, Start = start, End = end, StatementIndex = -1 };
                    if (_frames.Count > 0 && _frames[^1].Kind is NodeKind.StatementBlock or NodeKind.Program or NodeKind.SwitchCase or NodeKind.SwitchDefault
                        && kind != NodeKind.Comment)
                    {
                        ref var parent = ref _frames[_frames.Count - 1];
                        frame.StatementIndex = parent.StatementCount++;
                    }
                    _frames.Add(frame);
                    if (_openCalls.Count > 0) CollectArgument(node, kind, start, end);
                    if (Enter(node, kind, start, end)) walker.SkipChildren();
                }
                else
                {
                    var frame = _frames.Pop();
                    if (frame.Kind != NodeKind.Other) Leave(frame.Node, frame.Kind);
                }
            }
        }

        private NodeKind ParentKind(int up = 1) => _frames.Count - 1 - up >= 0 ? _frames[_frames.Count - 1 - up].Kind : NodeKind.Other;

        /// <returns>true to skip the node's children.</returns>
        private bool Enter(SyntaxNode node, NodeKind kind, int start, int end)
        {
            switch (kind)
            {
                case NodeKind.Identifier:
                case NodeKind.ShorthandPropertyIdentifier:
                    RecordIdentifier(start, end);
                    if (ParentKind() == NodeKind.ExpressionStatement) AddDroppedValue(node, start, end);
                    else RecordNamedOption(node, kind);
                    return false;
                case NodeKind.MemberExpression:
                    // this.pending; store.pending; — a field dropped by a statement of its own
                    if (ParentKind() == NodeKind.ExpressionStatement && end - start <= MaxText && IsDotted(node.Text)
                        && node.Text.IndexOf('.') is > 0 and var dot && node.Text.IndexOf('.', dot + 1) < 0)
                    {
                        AddDroppedValue(node, start, end);
                    }
                    return false;
                case NodeKind.FunctionSignature:
                    // declare function load(): Promise<T>; — an overload or ambient declaration: a callee's return type, no body
                    if (node.ChildByFieldId(_g.Name) is { } signatureName)
                    {
                        Current.Locals.Bind(signatureName.Text, ReturnsPromise(node) ? JavaScriptTables.AsyncFunctionKind : JavaScriptTables.FunctionKindName, start);
                    }
                    return true;
                case NodeKind.CallExpression:
                    // TypeScript's grammar reads `await f<T>(x)` as a call of `await f` (tree-sitter-typescript #282): the call
                    // is then the await's operand, as it is everywhere else
                    var awaitedCallee = AwaitedCallee(node);
                    if (awaitedCallee is { } awaited) EnterAwait(start, end, awaited.StartByte, end);
                    EnterCall(node, start, end, isNew: false, awaitedCallee);
                    return false;
                case NodeKind.NewExpression:
                    EnterCall(node, start, end, isNew: true);
                    return false;
                case NodeKind.YieldExpression:
                    Current.Yields.Add(start);
                    return false;
                case NodeKind.AwaitExpression:
                    // (the `await f` of `await f<T>(x)` was entered with its call)
                    if (ParentKind() != NodeKind.CallExpression || _frames[^1].Field != _g.Function || AwaitedCallee(_frames[^2].Node) == null)
                    {
                        var operand = node.NamedChild(0);
                        EnterAwait(start, end, operand?.StartByte ?? end, operand?.EndByte ?? end);
                    }
                    return false;
                case NodeKind.FunctionDeclaration:
                case NodeKind.GeneratorFunctionDeclaration:
                case NodeKind.FunctionExpression:
                case NodeKind.Function:
                case NodeKind.GeneratorFunction:
                case NodeKind.ArrowFunction:
                case NodeKind.MethodDefinition:
                    EnterFunction(node, kind, start, end);
                    return false;
                case NodeKind.ClassDeclaration:
                case NodeKind.AbstractClassDeclaration:
                case NodeKind.Class:
                    EnterClass(node);
                    return false;
                case NodeKind.Decorator:
                    // TypeScript puts a method's decorators before it in the class body; JavaScript inside it.
                    if (ParentKind() == NodeKind.ClassBody) _pendingDecorators.Add(Decorator(node));
                    return true;
                case NodeKind.ForStatement:
                case NodeKind.ForInStatement:
                case NodeKind.WhileStatement:
                case NodeKind.DoStatement:
                    EnterLoop(node, kind, start, end);
                    return false;
                case NodeKind.ImportStatement:
                    RecordImport(node);
                    return true;
                case NodeKind.VariableDeclarator:
                    EnterDeclarator(node);
                    return false;
                case NodeKind.IfStatement:
                    if (node.ChildByFieldId(_g.Condition) is { } condition) _model.Branches.Add(BranchModel.If(start, end, condition, node.ChildByFieldId(_g.Alternative), Current));
                    return false;
                case NodeKind.BreakStatement:
                    AddStatement(StatementKind.Break, start, end);
                    return false;
                case NodeKind.ContinueStatement:
                    AddStatement(StatementKind.Continue, start, end);
                    return false;
                case NodeKind.ReturnStatement:
                    AddStatement(StatementKind.Return, start, end);
                    return false;
                case NodeKind.ThrowStatement:
                    AddStatement(StatementKind.Raise, start, end);
                    return false;
                case NodeKind.AugmentedAssignmentExpression:
                    EnterAugmented(node, start, end);
                    return false;
                case NodeKind.SpreadElement:
                    EnterSpread(node);
                    return false;
                case NodeKind.Comment:
                    return true;
                default:
                    return false;
            }
        }

        private void Leave(SyntaxNode node, NodeKind kind)
        {
            switch (kind)
            {
                case NodeKind.FunctionDeclaration:
                case NodeKind.GeneratorFunctionDeclaration:
                case NodeKind.FunctionExpression:
                case NodeKind.Function:
                case NodeKind.GeneratorFunction:
                case NodeKind.ArrowFunction:
                case NodeKind.MethodDefinition:
                    LeaveFunction(node, kind);
                    break;
                case NodeKind.ReturnStatement:
                    LeaveReturn(node);
                    break;
                case NodeKind.ClassDeclaration:
                case NodeKind.AbstractClassDeclaration:
                case NodeKind.Class:
                    _classes.RemoveAt(_classes.Count - 1);
                    _pendingDecorators.Clear();
                    break;
                case NodeKind.ForInStatement:
                    // known once the iterable's calls are recorded
                    _loops[^1].OverConstants = node.ChildByFieldId(_g.Right) is { } walked && IsConstantIterable(walked);
                    _loops.RemoveAt(_loops.Count - 1);
                    break;
                case NodeKind.ForStatement:
                    // for (let i = 0; i < preferred.length; i++): counted over a fixed table (node-firebird's wire plugins)
                    _loops[^1].OverConstants = CountedOver(node) is { } table && IsConstantIterable(table);
                    _loops.RemoveAt(_loops.Count - 1);
                    break;
                case NodeKind.WhileStatement:
                case NodeKind.DoStatement:
                    _loops.RemoveAt(_loops.Count - 1);
                    break;
                case NodeKind.CallExpression:
                case NodeKind.NewExpression:
                    LeaveCall();
                    break;
                case NodeKind.VariableDeclarator:
                    LeaveDeclarator(node);
                    break;
                case NodeKind.AssignmentExpression:
                    LeaveAssignment(node);
                    break;
                case NodeKind.FieldDefinition:
                case NodeKind.PublicFieldDefinition:
                    LeaveField(node);
                    break;
            }
        }

        // ---- helpers ----

        private void AddDroppedValue(SyntaxNode node, int start, int end) =>
            _model.DroppedValues.Add(new DroppedValueModel { Name = node.Text, StartByte = start, EndByte = end, Function = Current });

        private static string? Short(SyntaxNode node) => node.EndByte - node.StartByte <= MaxText ? node.Text : null;

        internal static readonly CodeSyntax Syntax = new("'\"`", SlashComments: true, HashComments: false, LineContinuation: false, OptionalChaining: true);

        /// <summary>A dotted name of identifiers (<c>fs.promises.readFile</c>, <c>$http.get</c>).</summary>
        internal static bool IsDotted(string? text)
        {
            if (string.IsNullOrEmpty(text)) return false;
            foreach (char ch in text)
            {
                if (!(char.IsLetterOrDigit(ch) || ch is '_' or '$' or '.')) return false;
            }
            return !char.IsDigit(text[0]) && text[0] != '.' && text[^1] != '.' && !text.Contains("..", StringComparison.Ordinal);
        }

        /// <summary><c>src/lib/config.ts</c> → <c>src.lib.config</c>; an <c>index</c> file is its folder's module.</summary>
        internal static string ModuleNameOf(string relativePath)
        {
            string p = relativePath.Replace('\\', '/');
            int slash = p.LastIndexOf('/');
            int dot = p.LastIndexOf('.');
            if (dot > slash + 1) p = p.Substring(0, dot);
            if (p.EndsWith("/index", StringComparison.Ordinal)) p = p.Substring(0, p.Length - "/index".Length);
            return p.Replace('/', '.');
        }

        /// <summary>
        /// One-off scripts: a file under <c>bin/</c>, <c>cli/</c>, <c>tools/</c>, <c>migrations/</c>…, a config file of no build tool
        /// (build tooling, <see cref="IsBuildTool"/>, is skipped before it is read), or a file starting with a shebang (a CLI); also a file
        /// using terminal prompts or spinners with no request handler, loading a test runner or benchmark harness, or calling a
        /// runner's spec globals (<see cref="JavaScriptTables.TerminalUiModules"/>, <see cref="JavaScriptTables.TestHarnessModules"/>,
        /// <see cref="CallsSpecGlobals"/>: known once the file is read).
        /// </summary>
        private static bool IsScript(string relativePath, SourceText text)
        {
            string[] parts = relativePath.Replace('\\', '/').Split('/');
            for (int i = 0; i < parts.Length - 1; i++)
            {
                if (JavaScriptTables.ScriptFolders.Contains(parts[i])) return true;
            }
            if (parts[^1].Contains(".config.", StringComparison.OrdinalIgnoreCase)) return true;
            return text.Length > 2 && text.Utf8[0] == (byte)'#' && text.Utf8[1] == (byte)'!';
        }

        /// <summary>
        /// Build tooling (<see cref="ProjectPaths.IsBuildToolFolder"/>: <c>scripts/</c> at any depth), or a build tool's own
        /// configuration (<c>webpack.config.js</c>, <c>rollup-unoptimized.config.js</c>, <c>gulpfile.js</c>, <c>.eslintrc.js</c>);
        /// not any <c>*.config.*</c> (NestJS's <c>database.config.ts</c> runs in the app).
        /// </summary>
        internal static bool IsBuildTool(string relativePath)
        {
            string[] parts = relativePath.Replace('\\', '/').Split('/');
            if (ProjectPaths.IsBuildToolFolder(parts, nestedScripts: true)) return true;
            string name = parts[^1].ToLowerInvariant();
            if (name.StartsWith("gulpfile.", StringComparison.Ordinal) || name.StartsWith("gruntfile.", StringComparison.Ordinal)
                || name.StartsWith(".eslintrc", StringComparison.Ordinal)) return true;
            int config = name.IndexOf(".config.", StringComparison.Ordinal);
            return config > 0 && JavaScriptTables.BuildTools.Contains(CallNames.FirstWord(name.Substring(0, config)));
        }
    }
}
