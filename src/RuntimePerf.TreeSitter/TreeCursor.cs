using System;
using System.Collections.Generic;
using RuntimePerf.TreeSitter.Interop;

namespace RuntimePerf.TreeSitter
{
    /// <summary>
    /// tree-sitter's cursor: the cheapest way to move through a tree. It never leaves the node it was
    /// created on (or last <see cref="Reset"/> to). Not thread-safe; dispose it when done.
    /// </summary>
    public sealed unsafe class TreeCursor : IDisposable
    {
        private readonly TreeCursorHandle _handle;
        // The native cursor, passed as a raw pointer (no SafeHandle reference counting per move); every use
        // checks that the handle is open and keeps it alive until the native call has returned.
        private readonly TSTreeCursor* _cursor;
        private SyntaxTree? _tree; // null while the cursor waits in the pool

        public TreeCursor(SyntaxNode node)
        {
            _handle = new TreeCursorHandle(node.Raw);
            _cursor = (TSTreeCursor*)_handle.DangerousGetHandle();
            _tree = node.Tree;
        }

        public SyntaxNode Current
        {
            get
            {
                var node = new SyntaxNode(NativeMethods.ts_tree_cursor_current_node(Cursor), _tree!);
                GC.KeepAlive(_handle);
                return node;
            }
        }

        /// <summary>The field of the parent that holds the current node (<c>function</c>, <c>body</c>…), or null.</summary>
        public string? CurrentFieldName
        {
            get
            {
                ushort id = CurrentFieldId;
                return _tree!.Language.FieldName(id);
            }
        }

        /// <summary>The id of <see cref="CurrentFieldName"/> (0 for none), to compare against <see cref="Language.FieldId"/>.</summary>
        public ushort CurrentFieldId
        {
            get
            {
                ushort id = NativeMethods.ts_tree_cursor_current_field_id(Cursor);
                GC.KeepAlive(_handle);
                return id;
            }
        }

        public bool GotoFirstChild()
        {
            bool moved = NativeMethods.ts_tree_cursor_goto_first_child(Cursor);
            GC.KeepAlive(_handle);
            return moved;
        }

        public bool GotoNextSibling()
        {
            bool moved = NativeMethods.ts_tree_cursor_goto_next_sibling(Cursor);
            GC.KeepAlive(_handle);
            return moved;
        }

        public bool GotoParent()
        {
            bool moved = NativeMethods.ts_tree_cursor_goto_parent(Cursor);
            GC.KeepAlive(_handle);
            return moved;
        }

        /// <summary>Restarts the cursor on <paramref name="node"/>, which may belong to another tree.</summary>
        public void Reset(SyntaxNode node)
        {
            // Not through Cursor: the tree the cursor was on may be disposed by now, and that is fine here.
            if (_handle.IsClosed) throw new ObjectDisposedException(nameof(TreeCursor));
            NativeMethods.ts_tree_cursor_reset(_cursor, node.Raw);
            GC.KeepAlive(_handle);
            _tree = node.Tree;
        }

        public void Dispose() => _handle.Dispose();

        private TSTreeCursor* Cursor
        {
            get
            {
                if (_handle.IsClosed || _tree == null) throw new ObjectDisposedException(nameof(TreeCursor));
                _tree.ThrowIfDisposed();
                return _cursor;
            }
        }

        // Cursors for short child enumerations, kept per thread: creating one allocates native memory and a
        // finalizable handle, which costs more than the enumeration itself.
        [ThreadStatic] private static Stack<TreeCursor>? _pool;

        internal static TreeCursor Rent(SyntaxNode node)
        {
            if (_pool is { Count: > 0 } pool)
            {
                var cursor = pool.Pop();
                cursor.Reset(node);
                return cursor;
            }
            return new TreeCursor(node);
        }

        internal static void Return(TreeCursor cursor)
        {
            var pool = _pool ??= new Stack<TreeCursor>();
            if (pool.Count >= 16)
            {
                cursor.Dispose();
                return;
            }
            cursor._tree = null; // do not keep the last tree (and its text) alive
            pool.Push(cursor);
        }
    }
}
