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
        public SyntaxNode? ChildByFieldName(string fieldName) => ChildByFieldId(Tree.Language.FieldId(fieldName));

        /// <summary>The child in the field with this id (<see cref="Language.FieldId"/>, looked up once): no name look-up per call.</summary>
        public SyntaxNode? ChildByFieldId(ushort fieldId) => fieldId == 0 ? null : Wrap(NativeMethods.ts_node_child_by_field_id(Raw, fieldId));

        /// <summary>tree-sitter finds the parent by descending from the root: O(depth). Walkers should track ancestors instead.</summary>
        public SyntaxNode? Parent => Wrap(NativeMethods.ts_node_parent(Raw));

        public SyntaxNode? NextSibling => Wrap(NativeMethods.ts_node_next_sibling(Raw));

        public SyntaxNode? PrevSibling => Wrap(NativeMethods.ts_node_prev_sibling(Raw));

        public SyntaxNode? NextNamedSibling => Wrap(NativeMethods.ts_node_next_named_sibling(Raw));

        public SyntaxNode? PrevNamedSibling => Wrap(NativeMethods.ts_node_prev_named_sibling(Raw));

        /// <summary>Direct children in order, through a pooled tree cursor (linear, unlike calling <see cref="Child"/> per index; no allocation in a foreach).</summary>
        public ChildNodes Children => new(this, namedOnly: false);

        public ChildNodes NamedChildren => new(this, namedOnly: true);

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

    /// <summary>The children of a node (all, or only the named ones), enumerated with a cursor borrowed from a per-thread pool.</summary>
    public readonly struct ChildNodes : IEnumerable<SyntaxNode>
    {
        private readonly SyntaxNode _parent;
        private readonly bool _namedOnly;

        internal ChildNodes(SyntaxNode parent, bool namedOnly)
        {
            _parent = parent;
            _namedOnly = namedOnly;
        }

        public Enumerator GetEnumerator() => new(_parent, _namedOnly);

        IEnumerator<SyntaxNode> IEnumerable<SyntaxNode>.GetEnumerator() => GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public struct Enumerator : IEnumerator<SyntaxNode>
        {
            private readonly SyntaxNode _parent;
            private readonly bool _namedOnly;
            private TreeCursor? _cursor;
            private bool _started;
            private bool _done;

            internal Enumerator(SyntaxNode parent, bool namedOnly)
            {
                _parent = parent;
                _namedOnly = namedOnly;
                _cursor = null;
                _started = false;
                _done = false;
                Current = default;
            }

            public SyntaxNode Current { get; private set; }

            object System.Collections.IEnumerator.Current => Current;

            public bool MoveNext()
            {
                while (!_done)
                {
                    bool moved;
                    if (!_started)
                    {
                        _started = true;
                        _cursor = TreeCursor.Rent(_parent);
                        moved = _cursor.GotoFirstChild();
                    }
                    else
                    {
                        moved = _cursor!.GotoNextSibling();
                    }
                    if (!moved)
                    {
                        Dispose();
                        return false;
                    }
                    var node = _cursor.Current;
                    if (_namedOnly && !node.IsNamed) continue;
                    Current = node;
                    return true;
                }
                return false;
            }

            public void Reset() => throw new NotSupportedException();

            public void Dispose()
            {
                _done = true;
                if (_cursor != null)
                {
                    TreeCursor.Return(_cursor);
                    _cursor = null;
                }
            }
        }
    }
}
