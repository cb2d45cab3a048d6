using System;
using RuntimePerf.TreeSitter.Interop;

namespace RuntimePerf.TreeSitter
{
    /// <summary>
    /// tree-sitter's cursor: the cheapest way to move through a tree. It never leaves the node it was
    /// created on (or last <see cref="Reset"/> to). Not thread-safe; dispose it when done.
    /// </summary>
    public sealed class TreeCursor : IDisposable
    {
        private readonly TreeCursorHandle _handle;
        private SyntaxTree _tree;

        public TreeCursor(SyntaxNode node)
        {
            _handle = new TreeCursorHandle(node.Raw);
            _tree = node.Tree;
        }

        public SyntaxNode Current
        {
            get
            {
                _tree.ThrowIfDisposed();
                return new SyntaxNode(NativeMethods.ts_tree_cursor_current_node(_handle), _tree);
            }
        }

        /// <summary>The field of the parent that holds the current node (<c>function</c>, <c>body</c>…), or null.</summary>
        public string? CurrentFieldName
        {
            get
            {
                _tree.ThrowIfDisposed();
                return _tree.Language.FieldName(NativeMethods.ts_tree_cursor_current_field_id(_handle));
            }
        }

        public bool GotoFirstChild()
        {
            _tree.ThrowIfDisposed();
            return NativeMethods.ts_tree_cursor_goto_first_child(_handle);
        }

        public bool GotoNextSibling()
        {
            _tree.ThrowIfDisposed();
            return NativeMethods.ts_tree_cursor_goto_next_sibling(_handle);
        }

        public bool GotoParent()
        {
            _tree.ThrowIfDisposed();
            return NativeMethods.ts_tree_cursor_goto_parent(_handle);
        }

        /// <summary>Restarts the cursor on <paramref name="node"/>, which may belong to another tree.</summary>
        public void Reset(SyntaxNode node)
        {
            NativeMethods.ts_tree_cursor_reset(_handle, node.Raw);
            _tree = node.Tree;
        }

        public void Dispose() => _handle.Dispose();
    }
}
