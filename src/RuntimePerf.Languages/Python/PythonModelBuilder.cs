using System;
using System.Collections.Generic;
using RuntimePerf.Engine.Model;
using RuntimePerf.Languages.Common;
using RuntimePerf.TreeSitter;
using Language = RuntimePerf.Engine.Model.Language;

namespace RuntimePerf.Languages.Python
{
    /// <summary>
    /// Builds the <see cref="SourceModel"/> of a Python file in one iterative walk of its tree (no recursion: a
    /// 10,000-deep file must not overflow the stack). Node texts are only read for short nodes (callees,
    /// arguments, decorators), never for whole bodies.
    /// </summary>
    internal sealed class PythonModelBuilder
    {
        /// <summary>Longer callee/argument texts are not read (a 10,000-long call chain must stay linear).</summary>
        private const int MaxText = ArgumentModel.MaxText;

        private readonly SourceModel _model;
        private readonly FrameStack _frames = new();
        private readonly List<FunctionModel> _functions = new();
        private readonly List<ClassFrame> _classes = new();
        private readonly List<LoopModel> _loops = new();
        private readonly List<OpenCall> _openCalls = new();
        private AwaitModel? _pendingAwait;
        private int _mainGuardEnd = -1;

        private struct Frame
        {
            public SyntaxNode Node;
            public NodeKind Kind;
            public string Type;
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

        private readonly record struct ClassFrame(string QualifiedName, int Depth, List<string> Bases);

        private readonly record struct OpenCall(CallModel Call, int ArgumentsStart, int Depth);

        /// <summary>Field ids of the Python grammar, looked up once (a look-up by name hashes the name on every call).</summary>
        private static class Field
        {
            public static readonly ushort Alias = TreeSitter.Languages.Python.FieldId("alias");
            public static readonly ushort Arguments = TreeSitter.Languages.Python.FieldId("arguments");
            public static readonly ushort Attribute = TreeSitter.Languages.Python.FieldId("attribute");
            public static readonly ushort Body = TreeSitter.Languages.Python.FieldId("body");
            public static readonly ushort Condition = TreeSitter.Languages.Python.FieldId("condition");
            public static readonly ushort Function = TreeSitter.Languages.Python.FieldId("function");
            public static readonly ushort Left = TreeSitter.Languages.Python.FieldId("left");
            public static readonly ushort ModuleName = TreeSitter.Languages.Python.FieldId("module_name");
            public static readonly ushort Name = TreeSitter.Languages.Python.FieldId("name");
            public static readonly ushort Object = TreeSitter.Languages.Python.FieldId("object");
            public static readonly ushort Operator = TreeSitter.Languages.Python.FieldId("operator");
            public static readonly ushort Parameters = TreeSitter.Languages.Python.FieldId("parameters");
            public static readonly ushort Right = TreeSitter.Languages.Python.FieldId("right");
            public static readonly ushort Superclasses = TreeSitter.Languages.Python.FieldId("superclasses");
            public static readonly ushort Type = TreeSitter.Languages.Python.FieldId("type");
            public static readonly ushort Value = TreeSitter.Languages.Python.FieldId("value");
        }

        /// <summary>
        /// The node types the walk acts on, by grammar symbol: compared as small numbers, not strings, on every node.
        /// Each member is its type's name in PascalCase (<c>FunctionDefinition</c> is <c>function_definition</c>).
        /// </summary>
        private enum NodeKind : byte
        {
            Other,
            ArgumentList,
            AsPatternTarget,
            Assignment,
            Attribute,
            AugmentedAssignment,
            Await,
            Block,
            BreakStatement,
            Call,
            ClassDefinition,
            Comment,
            ComparisonOperator,
            ContinueStatement,
            DecoratedDefinition,
            DefaultParameter,
            DeleteStatement,
            DictionaryComprehension,
            DictionarySplat,
            DictionarySplatPattern,
            ExpressionList,
            ExpressionStatement,
            ForInClause,
            ForStatement,
            FunctionDefinition,
            FutureImportStatement,
            GeneratorExpression,
            GlobalStatement,
            Identifier,
            IfStatement,
            ImportFromStatement,
            ImportStatement,
            KeywordArgument,
            Lambda,
            LambdaParameters,
            ListComprehension,
            ListPattern,
            ListSplat,
            ListSplatPattern,
            Module,
            NamedExpression,
            NonlocalStatement,
            Parameters,
            ParenthesizedExpression,
            PatternList,
            RaiseStatement,
            ReturnStatement,
            SetComprehension,
            Subscript,
            TuplePattern,
            TypedDefaultParameter,
            TypedParameter,
            WhileStatement,
            WithStatement,
        }

        private static readonly NodeKind[] KindBySymbol = BuildKinds();

        private static NodeKind[] BuildKinds()
        {
            var language = Grammar;
            var byName = new Dictionary<string, NodeKind>(StringComparer.Ordinal);
            foreach (NodeKind k in Enum.GetValues<NodeKind>())
            {
                if (k != NodeKind.Other) byName[SnakeCase(k.ToString())] = k;
            }
            var kinds = new NodeKind[language.SymbolCount];
            for (int symbol = 0; symbol < kinds.Length; symbol++)
            {
                if (language.IsNamedSymbol((ushort)symbol) && byName.TryGetValue(language.SymbolName((ushort)symbol), out var kind)) kinds[symbol] = kind;
            }
            return kinds;
        }

        private static string SnakeCase(string pascal)
        {
            var sb = new System.Text.StringBuilder();
            foreach (char ch in pascal)
            {
                if (char.IsUpper(ch) && sb.Length > 0) sb.Append('_');
                sb.Append(char.ToLowerInvariant(ch));
            }
            return sb.ToString();
        }

        private PythonModelBuilder(SourceModel model) => _model = model;

        public static SourceModel Build(SyntaxTree tree, string relativePath)
        {
            var model = new SourceModel(relativePath, Language.Python, tree.Text)
            {
                ModuleName = ModuleNameOf(relativePath),
                IsScript = IsScriptPath(relativePath),
            };
            var builder = new PythonModelBuilder(model);
            builder.Walk(tree.Root);
            PythonFrameworks.Mark(model);
            return model;
        }

        private FunctionModel Current => _functions.Count == 0 ? _model.Module : _functions[^1];

        private void Walk(SyntaxNode root)
        {
            using var walker = new TreeWalker(root);
            while (walker.MoveNext())
            {
                if (walker.Step == WalkStep.Enter)
                {
                    var node = walker.Node;
                    ushort symbol = node.Symbol;
                    if (!Grammar.IsNamedSymbol(symbol))
                    {
                        // Anonymous tokens carry nothing we need; they still get a frame to keep Enter/Leave balanced.
                        _frames.Add(new Frame { Type = "", Start = 0, End = 0 });
                        walker.SkipChildren();
                        continue;
                    }
                    string type = Grammar.SymbolName(symbol);
                    var kind = symbol < KindBySymbol.Length ? KindBySymbol[symbol] : NodeKind.Other;
                    int start = node.StartByte, end = node.EndByte;
                    var frame = new Frame { Node = node, Kind = kind, Type = type, Field = walker.FieldId, Start = start, End = end, StatementIndex = -1 };
                    if (_frames.Count > 0 && _frames[^1].Kind is NodeKind.Block or NodeKind.Module && kind != NodeKind.Comment)
                    {
                        var parent = _frames[^1];
                        frame.StatementIndex = parent.StatementCount++;
                        _frames[^1] = parent;
                    }
                    _frames.Add(frame);
                    if (_openCalls.Count > 0) CollectArgument(kind, type, start, end);
                    if (Enter(node, kind, type, start, end)) walker.SkipChildren();
                }
                else
                {
                    var frame = _frames.Pop();
                    if (frame.Kind != NodeKind.Other) Leave(frame.Node, frame.Kind, frame.End);
                }
            }
        }

        private static TreeSitter.Language Grammar => TreeSitter.Languages.Python;

        private string ParentType(int up = 1) => _frames.Count - 1 - up >= 0 ? _frames[_frames.Count - 1 - up].Type : "";

        private NodeKind ParentKind(int up = 1) => _frames.Count - 1 - up >= 0 ? _frames[_frames.Count - 1 - up].Kind : NodeKind.Other;

        /// <returns>true to skip the node's children.</returns>
        private bool Enter(SyntaxNode node, NodeKind kind, string type, int start, int end)
        {
            switch (kind)
            {
                case NodeKind.Identifier:
                    RecordIdentifier(start, end);
                    return false;
                case NodeKind.Call:
                    EnterCall(node, start, end);
                    return false;
                case NodeKind.Await:
                    EnterAwait(node, start, end);
                    return false;
                case NodeKind.FunctionDefinition:
                    EnterFunction(node, start, end);
                    return false;
                case NodeKind.Lambda:
                    EnterLambda(start, end);
                    return false;
                case NodeKind.ClassDefinition:
                    EnterClass(node);
                    return false;
                case NodeKind.ForStatement:
                case NodeKind.WhileStatement:
                    EnterLoop(node, type, start, end);
                    return false;
                case NodeKind.ListComprehension:
                case NodeKind.SetComprehension:
                case NodeKind.DictionaryComprehension:
                case NodeKind.GeneratorExpression:
                    EnterComprehension(node, start, end);
                    return false;
                case NodeKind.WithStatement:
                    EnterWith(node, start, end);
                    return false;
                case NodeKind.ComparisonOperator:
                    EnterComparison(node, start, end);
                    return false;
                case NodeKind.ImportStatement:
                case NodeKind.ImportFromStatement:
                    RecordImport(node, type);
                    return true;
                case NodeKind.FutureImportStatement:
                    return true;
                case NodeKind.GlobalStatement:
                case NodeKind.NonlocalStatement:
                    foreach (var n in node.NamedChildren)
                    {
                        if (n.Type == "identifier") Current.NonLocals.Add(n.Text);
                    }
                    return true;
                case NodeKind.BreakStatement:
                    AddStatement(StatementKind.Break, start, end);
                    return false;
                case NodeKind.ContinueStatement:
                    AddStatement(StatementKind.Continue, start, end);
                    return false;
                case NodeKind.ReturnStatement:
                    AddStatement(StatementKind.Return, start, end);
                    return false;
                case NodeKind.RaiseStatement:
                    AddStatement(StatementKind.Raise, start, end);
                    return false;
                case NodeKind.DeleteStatement:
                    AddStatement(StatementKind.Delete, start, end, text: end - start <= MaxText ? node.Text : null);
                    return false;
                case NodeKind.IfStatement:
                    if (Current.Kind == FunctionKind.Module && IsMainGuard(node)) _mainGuardEnd = end;
                    return false;
                case NodeKind.AugmentedAssignment:
                    EnterAugmented(node, start, end);
                    return false;
                default:
                    return false;
            }
        }

        private void Leave(SyntaxNode node, NodeKind kind, int end)
        {
            switch (kind)
            {
                case NodeKind.FunctionDefinition:
                case NodeKind.Lambda:
                    _functions.RemoveAt(_functions.Count - 1);
                    _functionDepths.RemoveAt(_functionDepths.Count - 1);
                    break;
                case NodeKind.ClassDefinition:
                    _classes.RemoveAt(_classes.Count - 1);
                    break;
                case NodeKind.ForStatement:
                case NodeKind.WhileStatement:
                case NodeKind.ListComprehension:
                case NodeKind.SetComprehension:
                case NodeKind.DictionaryComprehension:
                case NodeKind.GeneratorExpression:
                    _loops.RemoveAt(_loops.Count - 1);
                    break;
                case NodeKind.Call:
                    LeaveCall(node);
                    break;
                case NodeKind.Assignment:
                    LeaveAssignment(node);
                    break;
                case NodeKind.WithStatement:
                    LeaveWith(node);
                    break;
            }
        }

        // ---- names ----

        private void RecordIdentifier(int start, int end)
        {
            var parent = ParentKind();
            ushort field = _frames[^1].Field;
            switch (parent)
            {
                case NodeKind.Attribute when field == Field.Attribute:
                case NodeKind.KeywordArgument when field == Field.Name:
                case NodeKind.FunctionDefinition when field == Field.Name:
                case NodeKind.ClassDefinition when field == Field.Name:
                case NodeKind.Parameters:
                case NodeKind.LambdaParameters:
                case NodeKind.TypedParameter:
                case NodeKind.ListSplatPattern:
                case NodeKind.DictionarySplatPattern:
                case NodeKind.DefaultParameter when field == Field.Name:
                case NodeKind.TypedDefaultParameter when field == Field.Name:
                    return;
            }
            var kind = UseKind.Read;
            // Climb through patterns to see whether this name is an assignment target.
            int i = _frames.Count - 1;
            while (i > 0 && _frames[i - 1].Kind is NodeKind.PatternList or NodeKind.TuplePattern or NodeKind.ListPattern or NodeKind.ParenthesizedExpression
                       or NodeKind.ExpressionList)
            {
                i--;
            }
            if (i > 0)
            {
                var holder = _frames[i - 1].Kind;
                ushort holderField = _frames[i].Field;
                if (holderField == Field.Left && holder is NodeKind.Assignment or NodeKind.ForStatement or NodeKind.ForInClause) kind = UseKind.Write;
                else if (holder == NodeKind.AsPatternTarget || (holder == NodeKind.NamedExpression && holderField == Field.Name)) kind = UseKind.Write;
                else if (holderField == Field.Left && holder == NodeKind.AugmentedAssignment)
                {
                    _model.Uses.Add(new NameUse(start, end - start, UseKind.Read, Current.Index));
                    kind = UseKind.Write;
                }
                else if ((holder == NodeKind.Subscript && holderField == Field.Value || holder == NodeKind.Attribute && holderField == Field.Object) && IsTarget(i - 1))
                {
                    kind = UseKind.Mutate;
                }
            }
            _model.Uses.Add(new NameUse(start, end - start, kind, Current.Index));
        }

        /// <summary>The frame at <paramref name="index"/> is assigned to or deleted.</summary>
        private bool IsTarget(int index)
        {
            if (index < 1) return false;
            var holder = _frames[index - 1].Kind;
            ushort field = _frames[index].Field;
            return (field == Field.Left && holder is NodeKind.Assignment or NodeKind.AugmentedAssignment) || holder == NodeKind.DeleteStatement;
        }

        // ---- imports ----

        private void RecordImport(SyntaxNode node, string type)
        {
            // An import inside a def binds names in that function only (`from trio import Path` in one coroutine).
            var imports = Current.Kind == FunctionKind.Module ? _model.Imports : Current.LocalImports ??= new Dictionary<string, string>(StringComparer.Ordinal);
            if (type == "import_statement")
            {
                foreach (var child in node.NamedChildren)
                {
                    if (child.Type == "dotted_name")
                    {
                        string name = child.Text;
                        int dot = name.IndexOf('.');
                        string first = dot < 0 ? name : name.Substring(0, dot);
                        imports[first] = first;
                    }
                    else if (child.Type == "aliased_import")
                    {
                        var alias = child.ChildByFieldId(Field.Alias);
                        var name = child.ChildByFieldId(Field.Name);
                        if (alias is { } a && name is { } n) imports[a.Text] = n.Text;
                    }
                }
                return;
            }
            var moduleNode = node.ChildByFieldId(Field.ModuleName);
            if (moduleNode is not { } m) return;
            string module = m.Type == "relative_import" ? ResolveRelative(m.Text) : m.Text;
            foreach (var child in node.NamedChildren)
            {
                if (child.StartByte == m.StartByte) continue;
                if (child.Type == "dotted_name")
                {
                    string name = child.Text;
                    imports[name] = module.Length == 0 ? name : module + "." + name;
                }
                else if (child.Type == "aliased_import")
                {
                    var alias = child.ChildByFieldId(Field.Alias);
                    var name = child.ChildByFieldId(Field.Name);
                    if (alias is { } a && name is { } n) imports[a.Text] = module.Length == 0 ? n.Text : module + "." + n.Text;
                }
            }
        }

        private string ResolveRelative(string text)
        {
            int level = 0;
            while (level < text.Length && text[level] == '.') level++;
            string rest = text.Substring(level);
            var parts = new List<string>(_model.ModuleName.Split('.', StringSplitOptions.RemoveEmptyEntries));
            bool isPackage = _model.Path.EndsWith("__init__.py", StringComparison.Ordinal);
            int drop = isPackage ? level - 1 : level;
            for (int i = 0; i < drop && parts.Count > 0; i++) parts.RemoveAt(parts.Count - 1);
            if (rest.Length > 0) parts.Add(rest);
            return string.Join(".", parts);
        }

        /// <summary>
        /// A dotted name resolved through the imports visible here (the current function's and its enclosing
        /// functions' own imports, then the module's): <c>sp.run</c> → <c>subprocess.run</c>.
        /// </summary>
        private string Resolve(string dotted)
        {
            int dot = dotted.IndexOf('.');
            string first = dot < 0 ? dotted : dotted.Substring(0, dot);
            if (Current.ImportTarget(first) is not { } target) return dotted;
            return dot < 0 ? target : target + dotted.Substring(dot);
        }

        /// <summary>
        /// The value kind an annotation declares, seen through <c>Optional[T]</c>, <c>T | None</c>,
        /// <c>Union[T, None]</c> and string forward references; null when it names no known kind.
        /// </summary>
        private string? AnnotationKind(string? written, out string? resolved)
        {
            resolved = null;
            if (written == null || NonOptional(written) is not { } type) return null;
            resolved = Resolve(type);
            if (PythonTables.Annotations.TryGetValue(resolved, out var kind)) return kind;
            return PythonTables.Annotations.TryGetValue(type, out kind) ? kind : null;
        }

        /// <summary>The one non-None member of an optional annotation, or the annotation itself; null when not a dotted name.</summary>
        private string? NonOptional(string annotation)
        {
            if (IsDotted(annotation)) return annotation; // the common case: a plain type name
            string t = annotation.Trim();
            if (t.Length > 1 && (t[0] is '"' or '\'') && t[^1] == t[0]) t = t.Substring(1, t.Length - 2).Trim();
            int bracket = t.IndexOf('[');
            if (bracket > 0 && t[^1] == ']' && PythonTables.OptionalWrappers.Contains(Resolve(t.Substring(0, bracket).Trim())))
            {
                t = t.Substring(bracket + 1, t.Length - bracket - 2);
            }
            string? only = null;
            foreach (string part in t.Split(t.IndexOf('|') >= 0 ? '|' : ','))
            {
                string p = part.Trim();
                if (p == "None") continue;
                if (only != null) return null; // a real union: no single kind
                only = p;
            }
            return IsDotted(only) ? only : null;
        }

        // ---- functions and classes ----

        private string Qualify(string name)
        {
            var f = Current;
            string? cls = _classes.Count > 0 ? _classes[^1].QualifiedName : null;
            // The innermost of class and function wins: compare their depth in the frame stack.
            if (cls != null && (f.Kind == FunctionKind.Module || _classes[^1].Depth > FunctionDepth)) return cls + "." + name;
            return f.Kind == FunctionKind.Module ? name : f.QualifiedName + "." + name;
        }

        private readonly List<int> _functionDepths = new();
        private int FunctionDepth => _functionDepths.Count == 0 ? -1 : _functionDepths[^1];

        private void EnterFunction(SyntaxNode node, int start, int end)
        {
            string name = node.ChildByFieldId(Field.Name) is { } n ? n.Text : "<function>";
            int own = _frames.Count - 1;
            bool directMethod = _classes.Count > 0 && _classes[^1].Depth > FunctionDepth
                && (_classes[^1].Depth == own - 2 || (_classes[^1].Depth == own - 3 && _frames[own - 1].Type == "decorated_definition"));
            string? className = directMethod ? _classes[^1].QualifiedName : null;
            var fn = new FunctionModel(_model, FunctionKind.Function, name, Qualify(name), Current.Kind == FunctionKind.Module ? null : Current,
                className, start, end)
            {
                IsAsync = StartsWithAsync(start),
                ClassBases = directMethod ? _classes[^1].Bases : Array.Empty<string>(),
                HeaderStartByte = start,
            };
            // The parent is the frame below this node's own (tree-sitter's Parent walks down from the root).
            if (_frames[^2].Type == "decorated_definition" && _frames[^2].Node is var p)
            {
                fn.HeaderStartByte = p.StartByte;
                foreach (var d in p.NamedChildren)
                {
                    if (d.Type == "decorator" && d.NamedChild(0) is { } expr) fn.Decorators.Add(Decorator(expr, d));
                }
            }
            if (node.ChildByFieldId(Field.Parameters) is { } ps) ReadParameters(fn, ps);
            if (fn.IsAsync) _model.HasAsyncCode = true;
            _model.Functions.Add(fn);
            _functions.Add(fn);
            _functionDepths.Add(_frames.Count - 1);
        }

        private void EnterLambda(int start, int end)
        {
            var fn = new FunctionModel(_model, FunctionKind.Lambda, "<lambda>", Qualify("<lambda>"), Current, null, start, end) { HeaderStartByte = start };
            _model.Functions.Add(fn);
            _functions.Add(fn);
            _functionDepths.Add(_frames.Count - 1);
        }

        private void EnterClass(SyntaxNode node)
        {
            string name = node.ChildByFieldId(Field.Name) is { } n ? n.Text : "<class>";
            var bases = new List<string>();
            if (node.ChildByFieldId(Field.Superclasses) is { } sc)
            {
                foreach (var b in sc.NamedChildren)
                {
                    if (b.Type is "identifier" or "attribute" && b.EndByte - b.StartByte <= MaxText) bases.Add(Resolve(b.Text));
                }
            }
            string qualified = Qualify(name);
            _classes.Add(new ClassFrame(qualified, _frames.Count - 1, bases));
            if (!_model.ClassScopes.ContainsKey(qualified)) _model.ClassScopes[qualified] = new Scope();
        }

        private DecoratorModel Decorator(SyntaxNode expr, SyntaxNode decorator)
        {
            bool isCall = expr.Type == "call";
            var target = isCall ? expr.ChildByFieldId(Field.Function) ?? expr : expr;
            string text = target.EndByte - target.StartByte <= MaxText ? target.Text : "…";
            string? resolved = IsDotted(text) ? Resolve(text) : null;
            string? receiver = null, method = null;
            if (target.Type == "attribute")
            {
                method = target.ChildByFieldId(Field.Attribute)?.Text;
                var obj = target.ChildByFieldId(Field.Object);
                if (obj is { } o && o.EndByte - o.StartByte <= MaxText) receiver = o.Text;
            }
            return new DecoratorModel(text, resolved, isCall, receiver, method, decorator.StartByte, decorator.EndByte);
        }

        private void ReadParameters(FunctionModel fn, SyntaxNode parameters)
        {
            foreach (var p in parameters.NamedChildren)
            {
                string? name = null;
                SyntaxNode? annotation = null;
                switch (p.Type)
                {
                    case "identifier":
                        name = p.Text;
                        break;
                    case "typed_parameter":
                        name = p.NamedChild(0) is { } id && id.Type == "identifier" ? id.Text : null;
                        annotation = p.ChildByFieldId(Field.Type);
                        break;
                    case "default_parameter":
                    case "typed_default_parameter":
                        name = p.ChildByFieldId(Field.Name) is { } nn && nn.Type == "identifier" ? nn.Text : null;
                        annotation = p.ChildByFieldId(Field.Type);
                        break;
                }
                if (name == null) continue;
                string? written = annotation is { } a && a.EndByte - a.StartByte <= MaxText ? a.Text : null;
                string? kind = AnnotationKind(written, out string? resolved);
                fn.Parameters.Add(new ParameterModel(name, written, resolved));
                fn.Locals.Bind(name, kind, p.StartByte);
            }
        }

        // ---- calls and awaits ----

        private void EnterCall(SyntaxNode node, int start, int end)
        {
            var function = node.ChildByFieldId(Field.Function);
            string written = "…";
            string? resolved = null, method = null, receiver = null;
            if (function is { } fnode)
            {
                if (fnode.EndByte - fnode.StartByte <= MaxText) written = fnode.Text;
                bool dotted = IsDotted(written);
                if (dotted) resolved = Resolve(written);
                int lastDot = dotted ? written.LastIndexOf('.') : -1;
                if (lastDot > 0)
                {
                    // a.b.c(): receiver and method straight from the dotted text, without reading the child nodes
                    receiver = written.Substring(0, lastDot);
                    method = written.Substring(lastDot + 1);
                }
                else if (fnode.Type == "attribute")
                {
                    method = fnode.ChildByFieldId(Field.Attribute)?.Text;
                    if (fnode.ChildByFieldId(Field.Object) is { } o && o.EndByte - o.StartByte <= MaxText) receiver = o.Text;
                }
                if (written == "…" && method != null) written = "…." + method;
            }
            var args = node.ChildByFieldId(Field.Arguments);
            bool offloaded = false;
            foreach (var open in _openCalls)
            {
                if (open.Call.IsOffloadSink && start >= open.ArgumentsStart) { offloaded = true; break; }
            }
            var parentKind = ParentKind();
            var call = new CallModel
            {
                StartByte = start,
                EndByte = end,
                Function = Current,
                Written = written,
                Resolved = resolved,
                Method = method,
                Receiver = receiver,
                Loop = InnermostLoop(start),
                IsStatement = parentKind == NodeKind.ExpressionStatement,
                IsAwaited = parentKind == NodeKind.Await,
                IsOffloaded = offloaded,
                IsOffloadSink = IsOffloadSink(resolved, method, receiver),
                InMainGuard = start < _mainGuardEnd,
            };
            // f(x for x in xs): the generator is the one argument (other arguments are collected by the walk).
            if (args is { } a && a.Type == "generator_expression")
            {
                call.Arguments.Add(new ArgumentModel(_model.Text, null, Shape.Generator, a.StartByte, a.EndByte, a.StartByte, a.EndByte));
            }
            // f(x).g(): this call is the receiver of the enclosing call.
            if (parentKind == NodeKind.Attribute && _frames[^1].Field == Field.Object && ParentKind(2) == NodeKind.Call && _frames[^2].Field == Field.Function
                && _openCalls.Count > 0)
            {
                _openCalls[^1].Call.ReceiverCall = call;
            }
            if (_openCalls.Count > 0 && (parentKind == NodeKind.ArgumentList || (parentKind == NodeKind.KeywordArgument && ParentKind(2) == NodeKind.ArgumentList)
                || parentKind == NodeKind.ListSplat))
            {
                call.ArgumentOf = _openCalls[^1].Call;
            }
            if (call.IsAwaited && _pendingAwait != null && _pendingAwait.OperandStartByte == start) _pendingAwait.Call = call;
            _model.Calls.Add(call);
            Current.Calls.Add(call);
            _openCalls.Add(new OpenCall(call, args?.StartByte ?? end, _frames.Count - 1));
        }

        /// <summary>
        /// A method called on an expression that is neither a name nor a call (<c>(folder / "x").touch()</c>,
        /// <c>Path(p).parent.exists()</c>): the receiver's kind, now that the calls inside it are recorded.
        /// </summary>
        private void LeaveCall(SyntaxNode node)
        {
            var call = _openCalls[^1].Call;
            _openCalls.RemoveAt(_openCalls.Count - 1);
            // Only short receivers (their text was read): KindOf recurses into the expression.
            if (call.Method == null || call.ReceiverCall != null || call.Receiver == null || IsDotted(call.Receiver)) return;
            if (node.ChildByFieldId(Field.Function)?.ChildByFieldId(Field.Object) is { } receiver) call.ReceiverExpressionKind = KindOf(receiver);
        }

        /// <summary>
        /// The call recorded for the node spanning [start, end): calls are recorded in walk order, so by start
        /// (a call and the call it is made on, <c>Path(p).open()</c>, share a start: the span tells them apart).
        /// </summary>
        private CallModel? CallAt(int start, int end)
        {
            var calls = _model.Calls;
            int lo = 0, hi = calls.Count;
            while (lo < hi)
            {
                int mid = (lo + hi) >> 1;
                if (calls[mid].StartByte < start) lo = mid + 1; else hi = mid;
            }
            for (int i = lo; i < calls.Count && calls[i].StartByte == start; i++)
            {
                if (calls[i].EndByte == end) return calls[i];
            }
            return null;
        }

        private static bool IsOffloadSink(string? resolved, string? method, string? receiver)
        {
            if (resolved != null && (PythonTables.OffloadFunctions.Contains(resolved) || PythonTables.AsyncFileWrappers.Contains(resolved))) return true;
            if (method == null) return false;
            if (PythonTables.OffloadMethods.Contains(method)) return true;
            return method == PythonTables.ExecutorMap && receiver != null
                && (receiver.Contains("executor", StringComparison.OrdinalIgnoreCase) || receiver.Contains("pool", StringComparison.OrdinalIgnoreCase));
        }

        /// <summary>
        /// Arguments are recorded as the walk meets them (no second pass over each argument list): a named node
        /// right under the innermost open call's argument list is an argument; a keyword argument's name and value,
        /// and what a splat spreads, are filled in one level further down.
        /// </summary>
        private void CollectArgument(NodeKind kind, string type, int start, int end)
        {
            var open = _openCalls[^1];
            int list = open.Depth + 1, depth = _frames.Count - 1;
            if (depth != list + 1 && depth != list + 2) return;
            if (_frames[list].Kind != NodeKind.ArgumentList || _frames[list].Field != Field.Arguments || kind == NodeKind.Comment) return;
            var arguments = open.Call.Arguments;
            if (depth == list + 1)
            {
                arguments.Add(kind == NodeKind.KeywordArgument
                    ? new ArgumentModel(_model.Text, null, Shape.Other, start, end, 0, -1)
                    : new ArgumentModel(_model.Text, null, PythonShapes.Of(type), start, end, start, end));
                return;
            }
            if (arguments.Count == 0) return;
            var argument = arguments[^1];
            ushort field = _frames[depth].Field;
            switch (_frames[list + 1].Kind)
            {
                case NodeKind.KeywordArgument when field == Field.Name:
                    argument.SetKeyword(_model.Text.GetText(start, end));
                    break;
                case NodeKind.KeywordArgument when field == Field.Value:
                    argument.SetValue(PythonShapes.Of(type), start, end);
                    break;
                case NodeKind.ListSplat or NodeKind.DictionarySplat when !argument.HasInner:
                    argument.SetInner(PythonShapes.Of(type), start, end);
                    break;
            }
        }

        private static string? Short(SyntaxNode node) => node.EndByte - node.StartByte <= MaxText ? node.Text : null;

        private void EnterAwait(SyntaxNode node, int start, int end)
        {
            var operand = node.NamedChild(0);
            var aw = new AwaitModel
            {
                StartByte = start,
                EndByte = end,
                Function = Current,
                Loop = InnermostLoop(start),
                OperandStartByte = operand?.StartByte ?? end,
                OperandEndByte = operand?.EndByte ?? end,
            };
            _pendingAwait = aw;
            _model.Awaits.Add(aw);
            Current.Awaits.Add(aw);

            // Statement-level await: `await f()` or `x = await f()`.
            string parent = ParentType();
            int statementFrame = -1;
            IReadOnlyList<string> bound = Array.Empty<string>();
            if (parent == "expression_statement") statementFrame = _frames.Count - 2;
            else if (parent == "assignment" && _frames[^1].Field == Field.Right && ParentType(2) == "expression_statement")
            {
                statementFrame = _frames.Count - 3;
                bound = BoundNames(_frames[^2].Node.ChildByFieldId(Field.Left));
            }
            if (statementFrame > 0 && _frames[statementFrame].StatementIndex >= 0)
            {
                var st = _frames[statementFrame];
                _model.Statements.Add(new StatementModel
                {
                    Kind = StatementKind.Await,
                    StartByte = st.Start,
                    EndByte = st.End,
                    Function = Current,
                    BlockStart = _frames[statementFrame - 1].Start,
                    IndexInBlock = st.StatementIndex,
                    BoundNames = bound,
                    Await = aw,
                });
            }
        }

        private static IReadOnlyList<string> BoundNames(SyntaxNode? left)
        {
            if (left is not { } l) return Array.Empty<string>();
            if (l.Type == "identifier") return new[] { l.Text };
            var names = new List<string>();
            if (l.Type is "pattern_list" or "tuple_pattern" or "list_pattern")
            {
                foreach (var c in l.NamedChildren)
                {
                    if (c.Type == "identifier") names.Add(c.Text);
                }
            }
            else if (l.EndByte - l.StartByte <= MaxText)
            {
                names.Add(l.Text);
            }
            return names;
        }

        private void AddStatement(StatementKind kind, int start, int end, string? text = null)
        {
            var frame = _frames[^1];
            _model.Statements.Add(new StatementModel
            {
                Kind = kind,
                StartByte = start,
                EndByte = end,
                Function = Current,
                BlockStart = _frames.Count > 1 ? _frames[^2].Start : 0,
                IndexInBlock = frame.StatementIndex,
                Text = text,
            });
        }

        // ---- loops ----

        private LoopModel? InnermostLoop(int position)
        {
            for (int i = _loops.Count - 1; i >= 0; i--)
            {
                var loop = _loops[i];
                if (loop.Function != Current) return null;
                if (loop.BodyContains(position)) return loop;
            }
            return null;
        }

        private void EnterLoop(SyntaxNode node, string type, int start, int end)
        {
            var body = node.ChildByFieldId(Field.Body);
            SyntaxNode? iterable = type == "for_statement" ? node.ChildByFieldId(Field.Right) : null;
            var loop = new LoopModel
            {
                Kind = type == "while_statement" ? LoopKind.While : StartsWithAsync(start) ? LoopKind.AsyncFor : LoopKind.For,
                StartByte = start,
                EndByte = end,
                BodyStartByte = body?.StartByte ?? end,
                BodyEndByte = body?.EndByte ?? end,
                Function = Current,
                Parent = _loops.Count > 0 ? _loops[^1] : null,
                IterableText = iterable is { } it ? Short(it) : null,
                IterableShape = iterable is { } shaped ? PythonShapes.Of(shaped.Type) : Shape.Other,
                IterableStartByte = iterable?.StartByte ?? start,
                IterableEndByte = iterable?.EndByte ?? start,
            };
            if (iterable is { } r) loop.ConstantRange = ConstantRange(r);
            if (type == "for_statement" && node.ChildByFieldId(Field.Left) is { } left) BindTargets(left);
            _model.Loops.Add(loop);
            _loops.Add(loop);
        }

        private void EnterComprehension(SyntaxNode node, int start, int end)
        {
            SyntaxNode? clause = null;
            foreach (var c in node.NamedChildren)
            {
                if (c.Type == "for_in_clause") { clause = c; break; }
            }
            var iterable = clause?.ChildByFieldId(Field.Right);
            var loop = new LoopModel
            {
                Kind = LoopKind.Comprehension,
                StartByte = start,
                EndByte = end,
                BodyStartByte = start,
                BodyEndByte = end,
                Function = Current,
                Parent = _loops.Count > 0 ? _loops[^1] : null,
                IterableText = iterable is { } it ? Short(it) : null,
                IterableShape = iterable is { } shaped ? PythonShapes.Of(shaped.Type) : Shape.Other,
                IterableStartByte = iterable?.StartByte ?? start,
                IterableEndByte = iterable?.EndByte ?? start,
            };
            if (iterable is { } r) loop.ConstantRange = ConstantRange(r);
            _model.Loops.Add(loop);
            _loops.Add(loop);
        }

        private static long? ConstantRange(SyntaxNode iterable)
        {
            if (iterable.Type != "call" || iterable.ChildByFieldId(Field.Function) is not { } f || f.Type != "identifier" || f.Text != "range") return null;
            if (iterable.ChildByFieldId(Field.Arguments) is not { } args) return null;
            var values = new List<long>();
            foreach (var a in args.NamedChildren)
            {
                if (a.Type != "integer" || !long.TryParse(a.Text.Replace("_", ""), out long v)) return null;
                values.Add(v);
            }
            return values.Count switch { 1 => values[0], 2 => values[1] - values[0], _ => null };
        }

        private void BindTargets(SyntaxNode left)
        {
            if (left.Type == "identifier")
            {
                Bind(left.Text, null, left.StartByte);
                return;
            }
            if (left.Type is "pattern_list" or "tuple_pattern" or "list_pattern")
            {
                foreach (var c in left.NamedChildren)
                {
                    if (c.Type == "identifier") Bind(c.Text, null, c.StartByte);
                }
            }
        }

        private void Bind(string name, string? kind, int position, bool isConstant = false)
        {
            var scope = Current.NonLocals.Contains(name) ? _model.Module.Locals : Current.Locals;
            scope.Bind(name, kind, position, isConstant);
        }

        // ---- with ----

        private void EnterWith(SyntaxNode node, int start, int end)
        {
            var with = new WithModel
            {
                IsAsync = StartsWithAsync(start),
                StartByte = start,
                EndByte = end,
                BodyStartByte = node.ChildByFieldId(Field.Body)?.StartByte ?? end,
                Function = Current,
            };
            _model.Withs.Add(with);
            _pendingWiths.Add(with);
        }

        private readonly List<WithModel> _pendingWiths = new();

        private void LeaveWith(SyntaxNode node)
        {
            var with = _pendingWiths[^1];
            _pendingWiths.RemoveAt(_pendingWiths.Count - 1);
            foreach (var clause in node.NamedChildren)
            {
                if (clause.Type != "with_clause") continue;
                foreach (var item in clause.NamedChildren)
                {
                    if (item.Type != "with_item" || item.ChildByFieldId(Field.Value) is not { } value) continue;
                    SyntaxNode expr = value;
                    string? alias = null;
                    if (value.Type == "as_pattern")
                    {
                        expr = value.NamedChild(0) ?? value;
                        if (value.ChildByFieldId(Field.Alias) is { } a && a.NamedChild(0) is { } target && target.Type == "identifier")
                        {
                            alias = target.Text;
                        }
                    }
                    var call = CallAt(expr.StartByte, expr.EndByte);
                    string text = Short(expr) ?? "…";
                    with.Items.Add(new WithItem(text, call, IsDotted(text) ? text : null, alias));
                    if (alias != null) Bind(alias, call != null ? PythonKnowledge.Instance.KindOfCall(call) : null, expr.StartByte);
                }
            }
        }

        // ---- assignments ----

        private void LeaveAssignment(SyntaxNode node)
        {
            var left = node.ChildByFieldId(Field.Left);
            var right = node.ChildByFieldId(Field.Right);
            if (left is not { } l) return;
            if (l.Type == "identifier")
            {
                string name = l.Text;
                string? kind = right is { } r ? KindOf(r) : null;
                if (kind == null && node.ChildByFieldId(Field.Type) is { } t) kind = AnnotationKind(Short(t), out _);
                bool constant = right is { } rr && IsConstantCollection(rr);
                if (right is { } r2 && LeftmostOfSum(r2) is { } bl && bl.Type == "identifier" && bl.Text == name)
                {
                    _model.Updates.Add(new UpdateModel
                    {
                        Name = name, Operator = "+", Kind = UpdateKind.SelfConcat, StartByte = node.StartByte, EndByte = node.EndByte,
                        Function = Current, Loop = InnermostLoop(node.StartByte),
                    });
                }
                if (right is null) return;
                Bind(name, kind, l.StartByte, constant);
            }
            else if (l.Type == "attribute" && l.ChildByFieldId(Field.Object) is { } o && o.Type == "identifier" && o.Text == "self"
                     && Current.ClassName is { } cls && l.ChildByFieldId(Field.Attribute) is { } attr)
            {
                _model.ClassScopes[cls].Bind("self." + attr.Text, right is { } r ? KindOf(r) : null, l.StartByte);
            }
            else if (l.Type is "pattern_list" or "tuple_pattern")
            {
                // reader, writer = await asyncio.open_connection(…)
                var names = new List<SyntaxNode>(l.NamedChildren);
                bool streams = right is { } r && r.Type == "await" && r.NamedChild(0) is { } c && c.Type == "call"
                    && CallAt(c.StartByte, c.EndByte) is { } call
                    && call.Resolved is "asyncio.open_connection" or "asyncio.open_unix_connection";
                // (src, dst) = (Path(a), Path(b)): each name takes the kind of its own value.
                var values = right is { } rv && rv.Type is "tuple" or "expression_list" && rv.NamedChildCount == names.Count
                    ? new List<SyntaxNode>(rv.NamedChildren) : null;
                for (int i = 0; i < names.Count; i++)
                {
                    if (names[i].Type != "identifier") continue;
                    string? kind = streams && i == 1 ? "StreamWriter" : values != null ? KindOf(values[i]) : null;
                    Bind(names[i].Text, kind, names[i].StartByte);
                }
            }
        }

        /// <summary>The first operand of a <c>+</c> chain (<c>s</c> in <c>s + a + b</c>), or null when the node is not a sum.</summary>
        private static SyntaxNode? LeftmostOfSum(SyntaxNode node)
        {
            SyntaxNode? leftmost = null;
            while (node.Type == "binary_operator" && node.ChildByFieldId(Field.Operator) is { } op && op.Type == "+"
                   && node.ChildByFieldId(Field.Left) is { } left)
            {
                leftmost = left;
                node = left;
            }
            return leftmost;
        }

        private void EnterAugmented(SyntaxNode node, int start, int end)
        {
            if (node.ChildByFieldId(Field.Left) is not { } l || l.Type != "identifier") return;
            string op = node.ChildByFieldId(Field.Operator)?.Type ?? "";
            _model.Updates.Add(new UpdateModel
            {
                Name = l.Text, Operator = op, Kind = UpdateKind.Augmented, StartByte = start, EndByte = end, Function = Current,
                Loop = InnermostLoop(start),
            });
        }

        private static bool IsConstantCollection(SyntaxNode node)
        {
            if (node.Type is not ("list" or "tuple" or "set")) return false;
            if (node.NamedChildCount == 0) return false;
            foreach (var c in node.NamedChildren)
            {
                if (c.Type is not ("string" or "integer" or "float" or "true" or "false" or "none" or "comment" or "concatenated_string")) return false;
            }
            return true;
        }

        /// <summary>The kind of value an expression produces, from what has been recorded so far.</summary>
        private string? KindOf(SyntaxNode node)
        {
            switch (node.Type)
            {
                case "call":
                    return CallAt(node.StartByte, node.EndByte) is { } call ? PythonKnowledge.Instance.KindOfCall(call) : null;
                case "await":
                    return null;
                case "list":
                case "list_comprehension":
                    return "list";
                case "set":
                case "set_comprehension":
                    return "set";
                case "dictionary":
                case "dictionary_comprehension":
                    return "dict";
                case "string":
                case "concatenated_string":
                    return "str";
                case "identifier":
                    return Current.KindOf(node.Text);
                case "attribute":
                    // Path(p).parent is a Path
                    return node.ChildByFieldId(Field.Object) is { } o && KindOf(o) is { } ok && node.ChildByFieldId(Field.Attribute) is { } at
                        && PythonTables.AttributeResults.TryGetValue((ok, at.Text), out var ak) ? ak : null;
                case "parenthesized_expression":
                    return node.NamedChild(0) is { } inner ? KindOf(inner) : null;
                case "binary_operator":
                    var left = node.ChildByFieldId(Field.Left);
                    var right = node.ChildByFieldId(Field.Right);
                    string op = node.ChildByFieldId(Field.Operator)?.Type ?? "";
                    string? lk = left is { } l ? KindOf(l) : null;
                    if (op == "/" && lk == "Path") return "Path";
                    if (op == "+" || op == "%")
                    {
                        if (lk == "str") return "str";
                        if (op == "+" && right is { } r && KindOf(r) == "str") return "str";
                        if (op == "+" && lk == "list") return "list";
                    }
                    return null;
                default:
                    return null;
            }
        }

        // ---- comparisons ----

        private void EnterComparison(SyntaxNode node, int start, int end)
        {
            // `x in items`: exactly two operands and an `in`/`not in` operator.
            if (node.NamedChildCount != 2) return;
            bool membership = false;
            foreach (var c in node.Children)
            {
                if (!c.IsNamed && c.Type is "in" or "not in") { membership = true; break; }
            }
            if (!membership || node.NamedChild(1) is not { } container) return;
            _model.Memberships.Add(new MembershipModel
            {
                StartByte = start,
                EndByte = end,
                Function = Current,
                Loop = InnermostLoop(start),
                ContainerName = container.Type == "identifier" || (container.Type == "attribute" && IsDotted(Short(container) ?? "("))
                    ? container.Text : null,
                Text = Short(node) ?? "…",
            });
        }

        // ---- helpers ----

        private static bool IsMainGuard(SyntaxNode node)
        {
            if (node.ChildByFieldId(Field.Condition) is not { } c || c.EndByte - c.StartByte > 80) return false;
            string text = c.Text.Replace(" ", "").Replace('\'', '"');
            return text is "__name__==\"__main__\"" or "\"__main__\"==__name__";
        }

        /// <summary>The statement at <paramref name="start"/> opens with the <c>async</c> keyword (read from the text, not from a child node).</summary>
        private bool StartsWithAsync(int start)
        {
            var text = _model.Text.Utf8;
            return text.Length > start + 5 && text.Slice(start, 5).SequenceEqual("async"u8) && text[start + 5] is (byte)' ' or (byte)'\t' or (byte)'\\';
        }

        internal static bool IsDotted(string? text)
        {
            if (string.IsNullOrEmpty(text)) return false;
            foreach (char ch in text)
            {
                if (!(char.IsLetterOrDigit(ch) || ch == '_' || ch == '.')) return false;
            }
            return !char.IsDigit(text[0]) && text[0] != '.' && text[^1] != '.';
        }

        internal static string ModuleNameOf(string relativePath)
        {
            string p = relativePath.Replace('\\', '/');
            if (p.EndsWith(".py", StringComparison.Ordinal)) p = p.Substring(0, p.Length - 3);
            else if (p.EndsWith(".pyw", StringComparison.Ordinal)) p = p.Substring(0, p.Length - 4);
            if (p.EndsWith("/__init__", StringComparison.Ordinal)) p = p.Substring(0, p.Length - "/__init__".Length);
            return p.Replace('/', '.');
        }

        private static bool IsScriptPath(string relativePath)
        {
            foreach (string part in relativePath.Split('/'))
            {
                if (part is "scripts" or "script" or "bin") return true;
            }
            return false;
        }
    }
}
