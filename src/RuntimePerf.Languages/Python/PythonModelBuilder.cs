using System;
using System.Collections.Generic;
using System.Linq;
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
    internal sealed partial class PythonModelBuilder
    {
        /// <summary>Longer callee/argument texts are not read (a 10,000-long call chain must stay linear).</summary>
        private const int MaxText = ArgumentModel.MaxText;

        private readonly SourceModel _model;
        private readonly FrameStack<Frame> _frames = new();
        private readonly List<FunctionModel> _functions = new();
        private readonly List<ClassFrame> _classes = new();
        private readonly List<LoopModel> _loops = new();
        /// <summary>Loops taken to walk a local bound to a literal of constants, and that local (<see cref="WalksConstants"/>).</summary>
        private readonly List<(LoopModel Loop, string Name)> _localTables = new();
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
            /// <summary>Where the statement of a block that holds the node starts (the node itself, when it is one).</summary>
            public int StatementStart;
        }

        private readonly record struct ClassFrame(string QualifiedName, int Depth, List<string> Bases);

        private readonly record struct OpenCall(CallModel Call, int ArgumentsStart, int Depth);

        /// <summary>Field ids of the Python grammar, looked up once (a look-up by name hashes the name on every call).</summary>
        private static class Field
        {
            public static readonly ushort Alias = TreeSitter.Languages.Python.FieldId("alias");
            public static readonly ushort Alternative = TreeSitter.Languages.Python.FieldId("alternative");
            public static readonly ushort Arguments = TreeSitter.Languages.Python.FieldId("arguments");
            public static readonly ushort Attribute = TreeSitter.Languages.Python.FieldId("attribute");
            public static readonly ushort Body = TreeSitter.Languages.Python.FieldId("body");
            public static readonly ushort Condition = TreeSitter.Languages.Python.FieldId("condition");
            public static readonly ushort Function = TreeSitter.Languages.Python.FieldId("function");
            public static readonly ushort Key = TreeSitter.Languages.Python.FieldId("key");
            public static readonly ushort Left = TreeSitter.Languages.Python.FieldId("left");
            public static readonly ushort ModuleName = TreeSitter.Languages.Python.FieldId("module_name");
            public static readonly ushort Name = TreeSitter.Languages.Python.FieldId("name");
            public static readonly ushort Object = TreeSitter.Languages.Python.FieldId("object");
            public static readonly ushort Operator = TreeSitter.Languages.Python.FieldId("operator");
            public static readonly ushort Parameters = TreeSitter.Languages.Python.FieldId("parameters");
            public static readonly ushort Right = TreeSitter.Languages.Python.FieldId("right");
            public static readonly ushort Subscript = TreeSitter.Languages.Python.FieldId("subscript");
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
            ConditionalExpression,
            ContinueStatement,
            DecoratedDefinition,
            DefaultParameter,
            DeleteStatement,
            DictionaryComprehension,
            DictionarySplat,
            DictionarySplatPattern,
            ElifClause,
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
            Yield,
        }

        private static readonly NodeKind[] KindBySymbol = NodeKinds.BySymbol<NodeKind>(Grammar);

        private PythonModelBuilder(SourceModel model) => _model = model;

        /// <summary>The model of one file from its tree, or from its top-level parts in order (see <see cref="FrontEnds.ITopLevelParts"/>).</summary>
        public static SourceModel Build(SourceText text, IEnumerable<SyntaxTree> parts, string relativePath)
        {
            var model = new SourceModel(relativePath, Language.Python, text)
            {
                ModuleName = ModuleNameOf(relativePath),
                IsScript = IsScriptPath(relativePath),
            };
            var builder = new PythonModelBuilder(model);
            foreach (var part in parts) builder.Walk(part.Root);
            builder.SettlePairLoops();
            KeepOnlyFixedLists(model, builder._localTables);
            PythonFrameworks.Mark(model);
            return model;
        }

        /// <summary>
        /// A name bound to a literal of constants that the file grows (<c>seen = [Kind.ROOT]</c>, then <c>seen.append(node)</c>:
        /// a worklist that starts as a literal) is no fixed list; nor is a local walked as one (<paramref name="localTables"/>) that
        /// is changed anywhere in its function (<see cref="NeverChanged"/>: <c>fields += extra</c>, <c>fields.add(x)</c>,
        /// <c>add_links(todo, page)</c>, <c>pending = todo</c>).
        /// </summary>
        private static void KeepOnlyFixedLists(SourceModel model, List<(LoopModel Loop, string Name)> localTables)
        {
            foreach (var call in model.Calls)
            {
                // (removing from a few fixed names keeps them few: a checklist worked through)
                if (call.Method is "append" or "extend" or "insert" && call.Receiver is { } list && SourceModel.IsPlainName(list)
                    && call.Function.Lookup(list) is { Binding.IsConstant: true, Owner: { } owner }) owner.Locals.Unfix(list);
            }
            foreach (var (loop, name) in localTables)
            {
                var fn = loop.Function;
                loop.OverConstants = fn.Locals.Get(name) is { IsConstant: true, Count: 1 } binding && NeverChanged(model, fn, name, binding);
            }
        }

        /// <summary>
        /// The local <paramref name="name"/> of <paramref name="fn"/>, bound once (<paramref name="binding"/>), keeps the value it was
        /// bound to: never bound again, assigned to by item or extended, called on (but <c>count</c> and <c>index</c>), handed to a call
        /// or given another name.
        /// </summary>
        internal static bool NeverChanged(SourceModel model, FunctionModel fn, string name, Binding binding) =>
            !model.UsesOf(name, fn, fn.StartByte, fn.EndByte).Any(u => u.Kind == UseKind.Mutate || u.Kind == UseKind.Write && u.Start != binding.FirstPosition)
            && !model.Calls.Exists(c => (c.Receiver == name && c.Method is not ("count" or "index") || c.Arguments.Exists(a => a.Text == name))
                && c.Function.Lookup(name).Owner == fn)
            && !model.Assignments.Exists(a => a.ValueShape == Shape.Name
                && model.Text.GetText(a.ValueStartByte, a.ValueEndByte) == name && a.Function.Lookup(name).Owner == fn);

        private FunctionModel Current => _functions.Count == 0 ? _model.Module : _functions[^1];

        private void Walk(SyntaxNode root)
        {
            using var walker = new TreeWalker(root);
            while (walker.MoveNext())
            {
                // The module's frame stays from one part of a file to the next: the parts' roots are one module.
                if (walker.Depth == 0 && (walker.Step == WalkStep.Leave || _frames.Count > 0)) continue;
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
                    var frame = new Frame
                    {
                        Node = node, Kind = kind, Type = type, Field = walker.FieldId, Start = start, End = end, StatementIndex = -1,
                        StatementStart = _frames.Count > 0 ? _frames[^1].StatementStart : start,
                    };
                    if (_frames.Count > 0 && _frames[^1].Kind is NodeKind.Block or NodeKind.Module && kind != NodeKind.Comment)
                    {
                        var parent = _frames[^1];
                        frame.StatementIndex = parent.StatementCount++;
                        frame.StatementStart = start;
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
                case NodeKind.Yield:
                    Current.Yields.Add(start);
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
                    if (node.ChildByFieldId(Field.Condition) is { } condition) _model.Branches.Add(BranchModel.If(start, end, condition, node.ChildByFieldId(Field.Alternative), Current));
                    return false;
                case NodeKind.ElifClause:
                    if (node.ChildByFieldId(Field.Condition) is { } elif) _model.Branches.Add(BranchModel.If(start, end, elif, null, Current));
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

        /// <summary>
        /// Build tooling (<see cref="ProjectPaths.IsBuildToolFolder"/>: a top-level <c>scripts/</c>), or a top-level
        /// <c>setup.py</c>, <c>noxfile.py</c>, <c>fabfile.py</c> (Home Assistant's <c>homeassistant/setup.py</c> is its loader).
        /// </summary>
        internal static bool IsBuildToolPath(string relativePath)
        {
            string[] parts = relativePath.Split('/');
            return ProjectPaths.IsBuildToolFolder(parts, nestedScripts: false) || parts.Length == 1 && parts[0] is "setup.py" or "noxfile.py" or "fabfile.py";
        }
    }
}
