using System;
using System.Collections.Generic;
using RuntimePerf.Languages.Common;
using RuntimePerf.TreeSitter;
using Language = RuntimePerf.Engine.Model.Language;

namespace RuntimePerf.Languages.Rust
{
    /// <summary>
    /// Builds the <see cref="SourceModel"/> of a Rust file in one iterative walk of its tree (no recursion: a 10,000-deep
    /// file must not overflow the stack). <c>async fn</c>, <c>async</c> blocks and async closures are async functions;
    /// other closures are not functions of their own (they run inline in the code that calls them, like an iterator
    /// adapter's), but a closure given to an iterator adapter is a loop body. <c>#[cfg(test)]</c> modules and
    /// <c>#[test]</c> functions are not walked.
    /// </summary>
    internal sealed partial class RustModelBuilder
    {
        /// <summary>Longer callee/argument texts are not read (a 10,000-long call chain must stay linear).</summary>
        private const int MaxText = ArgumentModel.MaxText;

        private readonly SourceModel _model;
        private readonly FrameStack<Frame> _frames = new();
        private readonly List<FunctionModel> _functions = new();
        private readonly List<int> _functionDepths = new();
        private readonly List<ImplFrame> _impls = new();
        private readonly List<ModFrame> _mods = new();
        private readonly List<LoopModel> _loops = new();
        private readonly List<OpenCall> _openCalls = new();

        private struct Frame
        {
            public SyntaxNode Node;
            public NodeKind Kind;
            public ushort Field;
            public int Start;
            public int End;
            /// <summary>What leaving the node must undo (a function, loop or impl it opened).</summary>
            public Opens Opens;
            /// <summary>The node's index among the statements of the block it stands in (-1: not a statement of a block).</summary>
            public int StatementIndex;
            /// <summary>For a block: how many statements it has shown so far.</summary>
            public int StatementCount;
        }

        [Flags]
        private enum Opens : byte { None = 0, Function = 1, Loop = 2, Impl = 4, Call = 8, Branch = 16, Closure = 32, Mod = 64 }

        private readonly record struct ImplFrame(string TypeName, string? TraitName, int Depth);

        /// <summary>An inline <c>mod name { … }</c>: its path from the file's top level and the names its own <c>use</c> items import.</summary>
        private sealed record ModFrame(string Path, Dictionary<string, string> Imports);

        /// <param name="OffloadedFrom">Where the arguments of the outermost enclosing offload sink start (int.MaxValue: none).</param>
        private readonly record struct OpenCall(CallModel Call, int ArgumentsStart, int Depth, int OffloadedFrom);

        private static TreeSitter.Language Grammar => TreeSitter.Languages.Rust;

        /// <summary>Field ids of the Rust grammar, looked up once.</summary>
        private static class Field
        {
            public static readonly ushort Alias = Grammar.FieldId("alias");
            public static readonly ushort Argument = Grammar.FieldId("argument");
            public static readonly ushort Arguments = Grammar.FieldId("arguments");
            public static readonly ushort Body = Grammar.FieldId("body");
            public static readonly ushort Condition = Grammar.FieldId("condition");
            public static readonly ushort Consequence = Grammar.FieldId("consequence");
            public static readonly ushort Field_ = Grammar.FieldId("field");
            public static readonly ushort Function = Grammar.FieldId("function");
            public static readonly ushort Left = Grammar.FieldId("left");
            public static readonly ushort List = Grammar.FieldId("list");
            public static readonly ushort Macro = Grammar.FieldId("macro");
            public static readonly ushort Name = Grammar.FieldId("name");
            public static readonly ushort Parameters = Grammar.FieldId("parameters");
            public static readonly ushort Path = Grammar.FieldId("path");
            public static readonly ushort Pattern = Grammar.FieldId("pattern");
            public static readonly ushort ReturnType = Grammar.FieldId("return_type");
            public static readonly ushort Right = Grammar.FieldId("right");
            public static readonly ushort Trait = Grammar.FieldId("trait");
            public static readonly ushort Type = Grammar.FieldId("type");
            public static readonly ushort Value = Grammar.FieldId("value");
        }

        /// <summary>The node types the walk acts on, by grammar symbol; each member is its type's name in PascalCase.</summary>
        private enum NodeKind : byte
        {
            Other,
            Arguments,
            AssignmentExpression,
            AsyncBlock,
            AttributeItem,
            AwaitExpression,
            Block,
            BlockComment,
            BreakExpression,
            CallExpression,
            ClosureExpression,
            ClosureParameters,
            CompoundAssignmentExpr,
            ConstItem,
            ContinueExpression,
            ElseClause,
            ExpressionStatement,
            FieldExpression,
            FieldPattern,
            ForExpression,
            FunctionItem,
            GenericFunction,
            Identifier,
            IfExpression,
            ImplItem,
            LetCondition,
            LetDeclaration,
            LineComment,
            LoopExpression,
            MacroInvocation,
            MatchArm,
            MatchExpression,
            MatchPattern,
            ModItem,
            MutPattern,
            OrPattern,
            Parameter,
            ParenthesizedExpression,
            RefPattern,
            ReferencePattern,
            ReturnExpression,
            ScopedIdentifier,
            ShorthandFieldIdentifier,
            SlicePattern,
            StaticItem,
            StringLiteral,
            StructItem,
            StructPattern,
            TokenTree,
            TraitItem,
            TryExpression,
            TuplePattern,
            TupleStructPattern,
            UseDeclaration,
            WhileExpression,
        }

        private static readonly NodeKind[] KindBySymbol = NodeKinds.BySymbol<NodeKind>(Grammar);

        private static NodeKind NodeKindOf(ushort symbol) => symbol < KindBySymbol.Length ? KindBySymbol[symbol] : NodeKind.Other;

        private RustModelBuilder(SourceModel model) => _model = model;

        public static SourceModel Build(SyntaxTree tree, string relativePath, bool includeTests, IReadOnlySet<string>? dependencies)
        {
            var model = new SourceModel(relativePath, Language.Rust, tree.Text) { ModuleName = ModuleNameOf(relativePath), Dependencies = dependencies };
            var builder = new RustModelBuilder(model) { _includeTests = includeTests };
            builder.Walk(tree.Root);
            RustFrameworks.Mark(model);
            return model;
        }

        private bool _includeTests;

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
                        _frames.Add(new Frame());
                        walker.SkipChildren();
                        continue;
                    }
                    var kind = NodeKindOf(symbol);
                    int start = node.StartByte, end = node.EndByte;
                    var frame = new Frame { Node = node, Kind = kind, Field = walker.FieldId, Start = start, End = end, StatementIndex = -1 };
                    if (_frames.Count > 0 && _frames[^1].Kind == NodeKind.Block && kind is not (NodeKind.LineComment or NodeKind.BlockComment or NodeKind.AttributeItem))
                    {
                        ref var block = ref _frames[_frames.Count - 1];
                        frame.StatementIndex = block.StatementCount++;
                    }
                    _frames.Add(frame);
                    if (_openCalls.Count > 0) CollectArgument(kind, Grammar.SymbolName(symbol), start, end);
                    if (Enter(node, kind, start, end)) walker.SkipChildren();
                }
                else
                {
                    var frame = _frames.Pop();
                    if (frame.Kind != NodeKind.Other) Leave(frame);
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
                case NodeKind.ShorthandFieldIdentifier:
                    RecordIdentifier(start, end);
                    return false;
                case NodeKind.StringLiteral:
                    if (ParentKind() == NodeKind.TokenTree) RecordFormatCaptures(start, end);
                    return true;
                case NodeKind.CallExpression:
                    EnterCall(node, start, end);
                    return false;
                case NodeKind.MacroInvocation:
                    EnterMacro(node, start, end);
                    return false;
                case NodeKind.AwaitExpression:
                    EnterAwait(node, start, end);
                    return false;
                case NodeKind.TryExpression:
                    AddStatement(StatementKind.Propagate, start, end);
                    return false;
                case NodeKind.ReturnExpression:
                    AddStatement(StatementKind.Return, start, end);
                    return false;
                case NodeKind.BreakExpression:
                    AddStatement(StatementKind.Break, start, end);
                    return false;
                case NodeKind.ContinueExpression:
                    AddStatement(StatementKind.Continue, start, end);
                    return false;
                case NodeKind.FunctionItem:
                    return !EnterFunction(node, start, end);
                case NodeKind.ModItem:
                    if (!_includeTests && IsTestItem(node)) return true;
                    EnterMod(node);
                    return false;
                case NodeKind.AsyncBlock:
                    EnterLambda(start, end);
                    return false;
                case NodeKind.StaticItem:
                case NodeKind.ConstItem:
                    if (Current.Kind != FunctionKind.Module) EnterInitializer(start, end);
                    return false;
                case NodeKind.ClosureExpression:
                    OpenBranch();
                    EnterClosure(node, start, end);
                    return false;
                case NodeKind.ImplItem:
                case NodeKind.TraitItem:
                    if (!_includeTests && kind == NodeKind.ImplItem && IsTestDataImpl(node)) return true;
                    EnterImpl(node, kind);
                    return false;
                case NodeKind.StructItem:
                    RecordStruct(node);
                    return true;
                case NodeKind.ForExpression:
                case NodeKind.WhileExpression:
                case NodeKind.LoopExpression:
                    if (kind == NodeKind.WhileExpression) RecordScrutinee(node, kind, start);
                    EnterLoop(node, kind, start, end);
                    return false;
                case NodeKind.MatchExpression:
                    RecordScrutinee(node, kind, start);
                    return false;
                case NodeKind.IfExpression:
                    RecordScrutinee(node, kind, start);
                    OpenBranch();
                    return false;
                case NodeKind.MatchArm:
                case NodeKind.ElseClause:
                    OpenBranch();
                    return false;
                case NodeKind.UseDeclaration:
                    RecordUse(node);
                    return true;
                case NodeKind.AttributeItem:
                    return true;
                default:
                    return false;
            }
        }

        private void Leave(in Frame frame)
        {
            if ((frame.Opens & Opens.Call) != 0) LeaveCall();
            if ((frame.Opens & Opens.Function) != 0)
            {
                _functions.RemoveAt(_functions.Count - 1);
                _functionDepths.RemoveAt(_functionDepths.Count - 1);
            }
            if ((frame.Opens & Opens.Loop) != 0)
            {
                _loops.RemoveAt(_loops.Count - 1);
                _loopDepths.RemoveAt(_loopDepths.Count - 1);
            }
            if ((frame.Opens & Opens.Impl) != 0) _impls.RemoveAt(_impls.Count - 1);
            if ((frame.Opens & Opens.Mod) != 0) _mods.RemoveAt(_mods.Count - 1);
            if ((frame.Opens & Opens.Branch) != 0) _branchDepths.RemoveAt(_branchDepths.Count - 1);
            if ((frame.Opens & Opens.Closure) != 0) _closureDepths.RemoveAt(_closureDepths.Count - 1);
            switch (frame.Kind)
            {
                case NodeKind.LetDeclaration:
                    LeaveLet(frame.Node);
                    break;
                case NodeKind.AssignmentExpression:
                    LeaveAssignment(frame.Node);
                    break;
            }
        }

        private static string? Short(SyntaxNode node) => node.EndByte - node.StartByte <= MaxText ? node.Text : null;

        // A single quote starts a character literal only when one closes it: 'a alone is a lifetime (Foo::<'a>::new).
        internal static readonly CodeSyntax Syntax = new("\"", SlashComments: true, HashComments: false, LineContinuation: false, OptionalChaining: false,
            CharLiterals: true);

        /// <summary>The node opens with the <c>async</c> keyword (read from the text, not from a child node).</summary>
        private bool StartsWithAsync(int start)
        {
            var text = _model.Text.Utf8;
            return text.Length > start + 5 && text.Slice(start, 5).SequenceEqual("async"u8) && text[start + 5] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'|' or (byte)'{' or (byte)'\r';
        }

        /// <summary><c>src/api/users.rs</c> → <c>crate::api::users</c>; <c>src/lib.rs</c>, <c>src/main.rs</c> and <c>mod.rs</c> name their folder.</summary>
        internal static string ModuleNameOf(string relativePath)
        {
            string p = relativePath.Replace('\\', '/');
            int src = p.LastIndexOf("src/", StringComparison.Ordinal);
            if (src >= 0 && (src == 0 || p[src - 1] == '/')) p = p.Substring(src + 4);
            if (p.EndsWith(".rs", StringComparison.Ordinal)) p = p.Substring(0, p.Length - 3);
            if (p is "lib" or "main") return "crate";
            if (p.EndsWith("/mod", StringComparison.Ordinal)) p = p.Substring(0, p.Length - 4);
            return "crate::" + p.Replace("/", "::");
        }
    }
}
