using System;
using RuntimePerf.TreeSitter.Interop;

namespace RuntimePerf.TreeSitter
{
    /// <summary>
    /// A parsed file. Owns the native tree: dispose it when done (a finalizer frees it otherwise).
    /// Reading nodes from several threads is safe; disposing while others read is not.
    /// </summary>
    public sealed class SyntaxTree : IDisposable
    {
        private readonly TreeHandle _handle;

        internal SyntaxTree(TreeHandle handle, Language language, SourceText text)
        {
            _handle = handle;
            Language = language;
            Text = text;
        }

        public Language Language { get; }

        public SourceText Text { get; }

        public SyntaxNode Root => new(NativeMethods.ts_tree_root_node(_handle), this);

        /// <summary>True when the parser had to recover from syntax errors somewhere in the file.</summary>
        public bool HasErrors => Root.HasError;

        public void Dispose() => _handle.Dispose();

        internal void ThrowIfDisposed()
        {
            if (_handle.IsClosed) throw new ObjectDisposedException(nameof(SyntaxTree), "The syntax tree was disposed; its nodes can no longer be used.");
        }
    }
}
