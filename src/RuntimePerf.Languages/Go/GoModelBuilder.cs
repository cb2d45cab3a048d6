using System;
using System.Collections.Generic;
using RuntimePerf.Languages.Common;
using RuntimePerf.TreeSitter;
using Language = RuntimePerf.Engine.Model.Language;

namespace RuntimePerf.Languages.Go
{
    /// <summary>
    /// Builds the <see cref="SourceModel"/> of a Go file in one iterative walk of its tree (no recursion: a deeply nested
    /// file must not overflow the stack). Node texts are read only for short nodes (callees, arguments, types).
    /// </summary>
    internal sealed partial class GoModelBuilder
    {
        /// <summary>Longer callee/argument/type texts are not read.</summary>
        private const int MaxText = ArgumentModel.MaxText;

        private readonly SourceModel _model;
        private readonly List<Frame> _frames = new(64);
        private readonly List<FunctionModel> _functions = new();
        private readonly List<LoopModel> _loops = new();
        private readonly List<OpenCall> _openCalls = new();
        /// <summary><c>secret := d.secret</c>: locals copied from a field, given the field's kind once every struct of the file is known.</summary>
        private readonly List<(FunctionModel Function, string Name, string Field, int Position)> _fieldCopies = new();
        /// <summary>
        /// <c>reserved, err := s.reservedSKUs(ctx, id)</c>: locals bound from a call of the file's own function or method (by its
        /// qualified name, <c>Service.reservedSKUs</c>), given its first result's kind once every function of the file is known.
        /// </summary>
        private readonly List<(FunctionModel Function, string Name, string Callee, int Position)> _resultCopies = new();
        /// <summary>The kind of the first result of each function and method of the file, by qualified name.</summary>
        private readonly Dictionary<string, string> _resultKinds = new(StringComparer.Ordinal);

        private readonly record struct Frame(NodeKind Kind, ushort Field, int Start, int End);

        /// <summary>A call being walked: where its callee's receiver and its arguments are, to link the calls nested in them.</summary>
        private readonly record struct OpenCall(CallModel Call, int ReceiverStart, int ReceiverEnd, int ArgumentsStart, int Depth);

        /// <summary>Field ids of the Go grammar, looked up once.</summary>
        private static class Field
        {
            public static readonly ushort Alternative = Grammar.FieldId("alternative");
            public static readonly ushort Arguments = Grammar.FieldId("arguments");
            public static readonly ushort Body = Grammar.FieldId("body");
            public static readonly ushort Condition = Grammar.FieldId("condition");
            public static readonly ushort Field_ = Grammar.FieldId("field");
            public static readonly ushort Function = Grammar.FieldId("function");
            public static readonly ushort Initializer = Grammar.FieldId("initializer");
            public static readonly ushort Key = Grammar.FieldId("key");
            public static readonly ushort Left = Grammar.FieldId("left");
            public static readonly ushort Name = Grammar.FieldId("name");
            public static readonly ushort Operand = Grammar.FieldId("operand");
            public static readonly ushort Operator = Grammar.FieldId("operator");
            public static readonly ushort Parameters = Grammar.FieldId("parameters");
            public static readonly ushort Path = Grammar.FieldId("path");
            public static readonly ushort Receiver = Grammar.FieldId("receiver");
            public static readonly ushort Result = Grammar.FieldId("result");
            public static readonly ushort Right = Grammar.FieldId("right");
            public static readonly ushort Type = Grammar.FieldId("type");
            public static readonly ushort Update = Grammar.FieldId("update");
            public static readonly ushort Value = Grammar.FieldId("value");
        }

        /// <summary>The node types the walk acts on, by grammar symbol; each member is its type's name in PascalCase.</summary>
        private enum NodeKind : byte
        {
            Other,
            AssignmentStatement,
            BreakStatement,
            CallExpression,
            CompositeLiteral,
            ConstSpec,
            ContinueStatement,
            DecStatement,
            DeferStatement,
            ExpressionList,
            ExpressionStatement,
            ExpressionSwitchStatement,
            ForStatement,
            FuncLiteral,
            FunctionDeclaration,
            GoStatement,
            Identifier,
            IfStatement,
            ImportDeclaration,
            IncStatement,
            IndexExpression,
            LiteralElement,
            MethodDeclaration,
            PackageClause,
            ParameterDeclaration,
            RangeClause,
            ReturnStatement,
            SelectStatement,
            ShortVarDeclaration,
            TypeDeclaration,
            TypeConversionExpression,
            TypeSwitchStatement,
            VarSpec,
            VariadicParameterDeclaration,
        }

        private static TreeSitter.Language Grammar => TreeSitter.Languages.Go;

        private static readonly NodeKind[] KindBySymbol = NodeKinds.BySymbol<NodeKind>(Grammar);

        private GoModelBuilder(SourceModel model) => _model = model;

        public static SourceModel Build(SyntaxTree tree, string relativePath, string? goVersion)
        {
            var model = new SourceModel(relativePath, Language.Go, tree.Text)
            {
                ModuleName = PackageFolder(relativePath),
                LanguageVersion = goVersion,
            };
            var builder = new GoModelBuilder(model);
            builder.Walk(tree.Root);
            builder.KindFieldCopies();
            builder.KindResultCopies();
            GoFrameworks.Mark(model);
            return model;
        }

        /// <summary>A local bound once from a field (<c>secret := d.secret</c>) has the field's kind (a struct may be declared after its use).</summary>
        private void KindFieldCopies()
        {
            foreach (var (fn, name, field, position) in _fieldCopies)
            {
                if (fn.Locals.Get(name) is { Count: 1, Kind: null } b && b.FirstPosition == position && GoKnowledge.KindOf(fn, field) is { } kind)
                {
                    fn.Locals.Set(name, kind, position);
                }
            }
        }

        /// <summary>A local bound once from a call of the file's own function has the kind of that function's first result.</summary>
        private void KindResultCopies()
        {
            foreach (var (fn, name, callee, position) in _resultCopies)
            {
                if (fn.Locals.Get(name) is { Count: 1, Kind: null } b && b.FirstPosition == position && _resultKinds.TryGetValue(callee, out var kind))
                {
                    fn.Locals.Set(name, kind, position);
                }
            }
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
                        _frames.Add(new Frame(NodeKind.Other, 0, 0, 0));
                        walker.SkipChildren();
                        continue;
                    }
                    var kind = symbol < KindBySymbol.Length ? KindBySymbol[symbol] : NodeKind.Other;
                    int start = node.StartByte, end = node.EndByte;
                    _frames.Add(new Frame(kind, walker.FieldId, start, end));
                    if (Enter(node, kind, start, end)) walker.SkipChildren();
                }
                else
                {
                    var frame = _frames[^1];
                    _frames.RemoveAt(_frames.Count - 1);
                    if (frame.Kind != NodeKind.Other) Leave(walker.Node, frame.Kind, frame.Start, frame.End);
                }
            }
        }

        /// <summary>The frame <paramref name="up"/> levels above the current node (1: its parent).</summary>
        private Frame Up(int up) => _frames.Count - 1 - up >= 0 ? _frames[_frames.Count - 1 - up] : default;

        /// <returns>true to skip the node's children.</returns>
        private bool Enter(SyntaxNode node, NodeKind kind, int start, int end)
        {
            switch (kind)
            {
                case NodeKind.Identifier:
                    RecordIdentifier(start, end);
                    return false;
                case NodeKind.CallExpression:
                    EnterCall(node, start, end);
                    return false;
                case NodeKind.CompositeLiteral:
                    EnterLiteral(node, start, end);
                    return false;
                case NodeKind.TypeConversionExpression:
                    EnterConversion(node, start, end);
                    return false;
                case NodeKind.FunctionDeclaration:
                case NodeKind.MethodDeclaration:
                case NodeKind.FuncLiteral:
                    EnterFunction(node, kind, start, end);
                    return false;
                case NodeKind.ForStatement:
                    EnterLoop(node, start, end);
                    return false;
                case NodeKind.IfStatement:
                case NodeKind.ExpressionSwitchStatement:
                case NodeKind.TypeSwitchStatement:
                case NodeKind.SelectStatement:
                    EnterBranch(node, kind, start, end);
                    return false;
                case NodeKind.ReturnStatement:
                    AddStatement(StatementKind.Return, start, end);
                    return false;
                case NodeKind.BreakStatement:
                    AddStatement(StatementKind.Break, start, end);
                    return false;
                case NodeKind.ContinueStatement:
                    AddStatement(StatementKind.Continue, start, end);
                    return false;
                case NodeKind.ImportDeclaration:
                    RecordImports(node);
                    return true;
                case NodeKind.TypeDeclaration:
                    RecordTypes(node);
                    return true;
                case NodeKind.PackageClause:
                    return true;
                default:
                    return false;
            }
        }

        private void Leave(SyntaxNode node, NodeKind kind, int start, int end)
        {
            switch (kind)
            {
                case NodeKind.FunctionDeclaration:
                case NodeKind.MethodDeclaration:
                case NodeKind.FuncLiteral:
                    _functions.RemoveAt(_functions.Count - 1);
                    break;
                case NodeKind.ForStatement:
                    _loops.RemoveAt(_loops.Count - 1);
                    break;
                case NodeKind.CallExpression:
                case NodeKind.CompositeLiteral:
                case NodeKind.TypeConversionExpression:
                    if (_openCalls.Count > 0 && _openCalls[^1].Call.StartByte == start && _openCalls[^1].Depth == _frames.Count + 1)
                        _openCalls.RemoveAt(_openCalls.Count - 1);
                    break;
                case NodeKind.ShortVarDeclaration:
                case NodeKind.AssignmentStatement:
                case NodeKind.VarSpec:
                case NodeKind.ConstSpec:
                    LeaveAssignment(node, kind, start, end);
                    break;
            }
        }

        private void AddStatement(StatementKind kind, int start, int end) =>
            _model.Statements.Add(new StatementModel { Kind = kind, StartByte = start, EndByte = end, Function = Current });

        internal static readonly CodeSyntax Syntax = new("\"'", SlashComments: true, HashComments: false, LineContinuation: false, OptionalChaining: false,
            RawQuotes: "`");

        private string? TextOf(SyntaxNode? node) =>
            node is { } n && n.EndByte - n.StartByte <= MaxText ? _model.Text.GetText(n.StartByte, n.EndByte) : null;

        /// <summary>The package of a file is its folder (<c>cmd/api/main.go</c> → <c>cmd/api</c>).</summary>
        internal static string PackageFolder(string relativePath)
        {
            int slash = relativePath.Replace('\\', '/').LastIndexOf('/');
            return slash < 0 ? "" : relativePath.Substring(0, slash);
        }
    }
}
