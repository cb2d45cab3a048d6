using System;
using System.Runtime.InteropServices;

namespace RuntimePerf.TreeSitter.Interop
{
    // One SafeHandle type per native object the binding owns, so every one is freed exactly once,
    // also when a caller forgets Dispose (finalizer) or disposes twice, and so the imports cannot mix them up.

    internal abstract class OwnedHandle : SafeHandle
    {
        protected OwnedHandle(IntPtr pointer) : base(IntPtr.Zero, ownsHandle: true) => SetHandle(pointer);

        public override bool IsInvalid => handle == IntPtr.Zero;
    }

    internal sealed class ParserHandle : OwnedHandle
    {
        public ParserHandle() : base(NativeMethods.ts_parser_new()) { }

        protected override bool ReleaseHandle() { NativeMethods.ts_parser_delete(handle); return true; }
    }

    internal sealed class TreeHandle : OwnedHandle
    {
        public TreeHandle(IntPtr tree) : base(tree) { }

        protected override bool ReleaseHandle() { NativeMethods.ts_tree_delete(handle); return true; }
    }

    internal sealed class QueryHandle : OwnedHandle
    {
        public QueryHandle(IntPtr query) : base(query) { }

        protected override bool ReleaseHandle() { NativeMethods.ts_query_delete(handle); return true; }
    }

    internal sealed class QueryCursorHandle : OwnedHandle
    {
        public QueryCursorHandle() : base(NativeMethods.ts_query_cursor_new()) { }

        protected override bool ReleaseHandle() { NativeMethods.ts_query_cursor_delete(handle); return true; }
    }

    /// <summary>TSTreeCursor is a value type in C that owns a heap stack; it lives in native memory so its address is stable.</summary>
    internal sealed unsafe class TreeCursorHandle : OwnedHandle
    {
        public TreeCursorHandle(TSNode node) : base(New(node)) { }

        protected override bool ReleaseHandle()
        {
            NativeMethods.ts_tree_cursor_delete(handle);
            NativeMemory.Free((void*)handle);
            return true;
        }

        private static IntPtr New(TSNode node)
        {
            var cursor = (TSTreeCursor*)NativeMemory.Alloc((nuint)sizeof(TSTreeCursor));
            *cursor = NativeMethods.ts_tree_cursor_new(node);
            return (IntPtr)cursor;
        }
    }
}
