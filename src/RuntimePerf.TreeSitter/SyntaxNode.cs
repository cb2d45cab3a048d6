using System;
using System.Collections.Generic;
using RuntimePerf.TreeSitter.Interop;

namespace RuntimePerf.TreeSitter
{
    /// <summary>
    /// A node of a <see cref="SyntaxTree"/>: a small value that is valid while its tree is not disposed.
    /// Offsets are UTF-8 byte offsets into <see cref="SyntaxTree.Text"/>; <see cref="Start"/> and
    /// <see cref="End"/> give editor positions. Absent nodes (no parent, no such field) are null.
    /// </summary>
    public readonly struct SyntaxNode : IEquatable<SyntaxNode>
    {
        private readonly TSNode _node;

        internal SyntaxNode(TSNode node, SyntaxTree tree)
        {
            _node = node;
            Tree = tree;
        }

        public SyntaxTree Tree { get; }

        internal TSNode Raw
        {
            get
            {
                Tree.ThrowIfDisposed();
                return _node;
            }
        }

        /// <summary>The grammar's node type (<c>call</c>, <c>function_definition</c>, or the token text for anonymous nodes like <c>(</c>).</summary>
        public string Type => Tree.Language.SymbolName(Symbol);

        public ushort Symbol => NativeMethods.ts_node_symbol(Raw);

        public bool IsNamed => NativeMethods.ts_node_is_named(Raw);

        /// <summary>A token the parser inserted to recover from an error; it has no text.</summary>
        public bool IsMissing => NativeMethods.ts_node_is_missing(Raw);

        /// <summary>Comments and other nodes the grammar allows anywhere.</summary>
        public bool IsExtra => NativeMethods.ts_node_is_extra(Raw);

        /// <summary>An ERROR node: text the parser skipped.</summary>
        public bool IsError => NativeMethods.ts_node_is_error(Raw);

        /// <summary>This node or a descendant is an error or missing node.</summary>
        public bool HasError => NativeMethods.ts_node_has_error(Raw);

        public int StartByte => (int)NativeMethods.ts_node_start_byte(Raw);

        public int EndByte => (int)NativeMethods.ts_node_end_byte(Raw);

        /// <summary>1-based line and UTF-16 column of the first character.</summary>
        public LinePosition Start => Tree.Text.GetPosition(StartByte);

        /// <summary>1-based line and UTF-16 column just after the last character.</summary>
        public LinePosition End => Tree.Text.GetPosition(EndByte);

        /// <summary>tree-sitter's 0-based row and byte column of the start.</summary>
        public (int Row, int ByteColumn) StartPoint => Point(NativeMethods.ts_node_start_point(Raw));

        public (int Row, int ByteColumn) EndPoint => Point(NativeMethods.ts_node_end_point(Raw));

        public string Text => Tree.Text.GetText(StartByte, EndByte);

        public int ChildCount => (int)NativeMethods.ts_node_child_count(Raw);

        public int NamedChildCount => (int)NativeMethods.ts_node_named_child_count(Raw);

        /// <summary>The child at <paramref name="index"/>. Walks the children: use <see cref="Children"/> to visit all.</summary>
        public SyntaxNode? Child(int index) => Wrap(NativeMethods.ts_node_child(Raw, checked((uint)index)));

        public SyntaxNode? NamedChild(int index) => Wrap(NativeMethods.ts_node_named_child(Raw, checked((uint)index)));

        /// <summary>The child in field <paramref name="fieldName"/> (e.g. <c>function</c> of a call); null if absent or unknown to the grammar.</summary>
        public SyntaxNode? ChildByFieldName(string fieldName)
        {
            ushort id = Tree.Language.FieldId(fieldName);
            return id == 0 ? null : Wrap(NativeMethods.ts_node_child_by_field_id(Raw, id));
        }

        /// <summary>tree-sitter finds the parent by descending from the root: O(depth). Walkers should track ancestors instead.</summary>
        public SyntaxNode? Parent => Wrap(NativeMethods.ts_node_parent(Raw));

        public SyntaxNode? NextSibling => Wrap(NativeMethods.ts_node_next_sibling(Raw));

        public SyntaxNode? PrevSibling => Wrap(NativeMethods.ts_node_prev_sibling(Raw));

        public SyntaxNode? NextNamedSibling => Wrap(NativeMethods.ts_node_next_named_sibling(Raw));

        public SyntaxNode? PrevNamedSibling => Wrap(NativeMethods.ts_node_prev_named_sibling(Raw));

        /// <summary>Direct children in order, through a tree cursor (linear, unlike calling <see cref="Child"/> per index).</summary>
        public IEnumerable<SyntaxNode> Children
        {
            get
            {
                using var cursor = new TreeCursor(this);
                if (!cursor.GotoFirstChild()) yield break;
                do yield return cursor.Current;
                while (cursor.GotoNextSibling());
            }
        }

        public IEnumerable<SyntaxNode> NamedChildren
        {
            get
            {
                foreach (var child in Children)
                    if (child.IsNamed) yield return child;
            }
        }

        /// <summary>This node and all below it, depth-first pre-order, without recursion.</summary>
        public IEnumerable<SyntaxNode> DescendantsAndSelf()
        {
            using var walker = new TreeWalker(this);
            while (walker.MoveNext())
                if (walker.Step == WalkStep.Enter) yield return walker.Node;
        }

        /// <summary>tree-sitter's S-expression of this subtree, for debugging and test messages only: the C code builds it recursively.</summary>
        public unsafe string ToSExpression()
        {
            byte* text = (byte*)NativeMethods.ts_node_string(Raw);
            try
            {
                return NativeMethods.Utf8(text) ?? "";
            }
            finally
            {
                NativeMethods.Free(text);
            }
        }

        public override string ToString() => $"{Type} [{Start.Line}:{Start.Column}-{End.Line}:{End.Column}]";

        public bool Equals(SyntaxNode other) => _node.Id == other._node.Id && _node.Tree == other._node.Tree;

        public override bool Equals(object? obj) => obj is SyntaxNode other && Equals(other);

        public override int GetHashCode() => HashCode.Combine(_node.Id, _node.Tree);

        public static bool operator ==(SyntaxNode left, SyntaxNode right) => left.Equals(right);

        public static bool operator !=(SyntaxNode left, SyntaxNode right) => !left.Equals(right);

        private SyntaxNode? Wrap(TSNode node) => node.Id == IntPtr.Zero ? null : new SyntaxNode(node, Tree);

        private static (int, int) Point(TSPoint point) => ((int)point.Row, (int)point.Column);
    }
}
