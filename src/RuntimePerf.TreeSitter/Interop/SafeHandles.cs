using System;
using System.Runtime.InteropServices;

namespace RuntimePerf.TreeSitter.Interop
{
    // One SafeHandle per native object the binding owns, so every one is freed exactly once,
    // also when a caller forgets Dispose (finalizer) or disposes twice.

    internal sealed class ParserHandle : SafeHandle
    {
        public ParserHandle() : base(IntPtr.Zero, ownsHandle: true) => SetHandle(NativeMethods.ts_parser_new());
        public override bool IsInvalid => handle == IntPtr.Zero;
        protected override bool ReleaseHandle()
        {
            NativeMethods.ts_parser_delete(handle);
            return true;
        }
    }

    internal sealed class TreeHandle : SafeHandle
    {
        public TreeHandle(IntPtr tree) : base(IntPtr.Zero, ownsHandle: true) => SetHandle(tree);
        public override bool IsInvalid => handle == IntPtr.Zero;
        protected override bool ReleaseHandle()
        {
            NativeMethods.ts_tree_delete(handle);
            return true;
        }
    }

    internal sealed class QueryHandle : SafeHandle
    {
        public QueryHandle(IntPtr query) : base(IntPtr.Zero, ownsHandle: true) => SetHandle(query);
        public override bool IsInvalid => handle == IntPtr.Zero;
        protected override bool ReleaseHandle()
        {
            NativeMethods.ts_query_delete(handle);
            return true;
        }
    }

    internal sealed class QueryCursorHandle : SafeHandle
    {
        public QueryCursorHandle() : base(IntPtr.Zero, ownsHandle: true) => SetHandle(NativeMethods.ts_query_cursor_new());
        public override bool IsInvalid => handle == IntPtr.Zero;
        protected override bool ReleaseHandle()
        {
            NativeMethods.ts_query_cursor_delete(handle);
            return true;
        }
    }

    /// <summary>TSTreeCursor is a value type in C that owns a heap stack; it lives in native memory so its address is stable.</summary>
    internal sealed unsafe class TreeCursorHandle : SafeHandle
    {
        public TreeCursorHandle(TSNode node) : base(IntPtr.Zero, ownsHandle: true)
        {
            var cursor = (TSTreeCursor*)NativeMemory.Alloc((nuint)sizeof(TSTreeCursor));
            *cursor = NativeMethods.ts_tree_cursor_new(node);
            SetHandle((IntPtr)cursor);
        }

        public override bool IsInvalid => handle == IntPtr.Zero;

        protected override bool ReleaseHandle()
        {
            NativeMethods.ts_tree_cursor_delete(handle);
            NativeMemory.Free((void*)handle);
            return true;
        }
    }
}
