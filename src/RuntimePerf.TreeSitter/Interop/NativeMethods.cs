using System;
using System.Runtime.InteropServices;

namespace RuntimePerf.TreeSitter.Interop
{
    // Mirrors of the tree-sitter 0.25 C API (lib/include/tree_sitter/api.h). Only what the binding uses.

    [StructLayout(LayoutKind.Sequential)]
    internal struct TSPoint
    {
        public uint Row;
        public uint Column;
    }

    [StructLayout(LayoutKind.Sequential)]
    internal struct TSRange
    {
        public TSPoint StartPoint;
        public TSPoint EndPoint;
        public uint StartByte;
        public uint EndByte;
    }

    [StructLayout(LayoutKind.Sequential)]
    internal struct TSNode
    {
        public uint Context0, Context1, Context2, Context3;
        public IntPtr Id;
        public IntPtr Tree;
    }

    [StructLayout(LayoutKind.Sequential)]
    internal struct TSTreeCursor
    {
        public IntPtr Tree;
        public IntPtr Id;
        public uint Context0, Context1, Context2;
    }

    [StructLayout(LayoutKind.Sequential)]
    internal struct TSQueryCapture
    {
        public TSNode Node;
        public uint Index;
    }

    [StructLayout(LayoutKind.Sequential)]
    internal unsafe struct TSQueryMatch
    {
        public uint Id;
        public ushort PatternIndex;
        public ushort CaptureCount;
        public TSQueryCapture* Captures;
    }

    internal enum TSQueryPredicateStepType
    {
        Done,
        Capture,
        String,
    }

    [StructLayout(LayoutKind.Sequential)]
    internal struct TSQueryPredicateStep
    {
        public TSQueryPredicateStepType Type;
        public uint ValueId;
    }

    internal enum TSSymbolType
    {
        Regular,
        Anonymous,
        Supertype,
        Auxiliary,
    }

    internal enum TSInputEncoding
    {
        Utf8,
    }

    [StructLayout(LayoutKind.Sequential)]
    internal unsafe struct TSInput
    {
        public void* Payload;
        public delegate* unmanaged[Cdecl]<void*, uint, TSPoint, uint*, byte*> Read;
        public TSInputEncoding Encoding;
        public IntPtr Decode;
    }

    [StructLayout(LayoutKind.Sequential)]
    internal unsafe struct TSParseState
    {
        public void* Payload;
        public uint CurrentByteOffset;
        public byte HasError;
    }

    [StructLayout(LayoutKind.Sequential)]
    internal unsafe struct TSParseOptions
    {
        public void* Payload;
        public delegate* unmanaged[Cdecl]<TSParseState*, byte> ProgressCallback;
    }

    // Node reads and cursor moves are marked SuppressGCTransition: they are short, never block, never call back
    // into managed code, and run once or more per node of every walked tree (the transition would cost more
    // than the call). Cursor functions take the raw cursor pointer; TreeCursor keeps its owning handle alive.
    internal static unsafe partial class NativeMethods
    {
        internal const string Library = "runtimeperf_treesitter";

        // An explicit static constructor runs before the first call of any import below, so the
        // resolver is in place before the runtime first looks for the library.
        static NativeMethods() => NativeLibraryResolver.Register();

        // Parser
        [LibraryImport(Library)] internal static partial IntPtr ts_parser_new();
        [LibraryImport(Library)] internal static partial void ts_parser_delete(IntPtr parser);
        [LibraryImport(Library)] [return: MarshalAs(UnmanagedType.U1)] internal static partial bool ts_parser_set_language(ParserHandle parser, IntPtr language);
        [LibraryImport(Library)] [return: MarshalAs(UnmanagedType.U1)] internal static partial bool ts_parser_set_included_ranges(ParserHandle parser, TSRange* ranges, uint count);
        [LibraryImport(Library)] internal static partial IntPtr ts_parser_parse_with_options(ParserHandle parser, IntPtr oldTree, TSInput input, TSParseOptions options);
        [LibraryImport(Library)] internal static partial void ts_parser_reset(ParserHandle parser);

        // Tree
        [LibraryImport(Library)] internal static partial void ts_tree_delete(IntPtr tree);
        [LibraryImport(Library)] internal static partial TSNode ts_tree_root_node(TreeHandle tree);

        // Node
        [LibraryImport(Library), SuppressGCTransition] internal static partial ushort ts_node_symbol(TSNode node);
        [LibraryImport(Library), SuppressGCTransition] internal static partial uint ts_node_start_byte(TSNode node);
        [LibraryImport(Library), SuppressGCTransition] internal static partial uint ts_node_end_byte(TSNode node);
        [LibraryImport(Library), SuppressGCTransition] internal static partial TSPoint ts_node_start_point(TSNode node);
        [LibraryImport(Library), SuppressGCTransition] internal static partial TSPoint ts_node_end_point(TSNode node);
        [LibraryImport(Library)] internal static partial IntPtr ts_node_string(TSNode node);
        [LibraryImport(Library), SuppressGCTransition] [return: MarshalAs(UnmanagedType.U1)] internal static partial bool ts_node_is_named(TSNode node);
        [LibraryImport(Library), SuppressGCTransition] [return: MarshalAs(UnmanagedType.U1)] internal static partial bool ts_node_is_missing(TSNode node);
        [LibraryImport(Library), SuppressGCTransition] [return: MarshalAs(UnmanagedType.U1)] internal static partial bool ts_node_is_extra(TSNode node);
        [LibraryImport(Library), SuppressGCTransition] [return: MarshalAs(UnmanagedType.U1)] internal static partial bool ts_node_has_error(TSNode node);
        [LibraryImport(Library), SuppressGCTransition] [return: MarshalAs(UnmanagedType.U1)] internal static partial bool ts_node_is_error(TSNode node);
        [LibraryImport(Library)] internal static partial TSNode ts_node_parent(TSNode node);
        [LibraryImport(Library), SuppressGCTransition] internal static partial TSNode ts_node_child(TSNode node, uint index);
        [LibraryImport(Library), SuppressGCTransition] internal static partial uint ts_node_child_count(TSNode node);
        [LibraryImport(Library), SuppressGCTransition] internal static partial TSNode ts_node_named_child(TSNode node, uint index);
        [LibraryImport(Library), SuppressGCTransition] internal static partial uint ts_node_named_child_count(TSNode node);
        [LibraryImport(Library), SuppressGCTransition] internal static partial TSNode ts_node_child_by_field_id(TSNode node, ushort fieldId);
        [LibraryImport(Library), SuppressGCTransition] internal static partial TSNode ts_node_next_sibling(TSNode node);
        [LibraryImport(Library), SuppressGCTransition] internal static partial TSNode ts_node_prev_sibling(TSNode node);
        [LibraryImport(Library), SuppressGCTransition] internal static partial TSNode ts_node_next_named_sibling(TSNode node);
        [LibraryImport(Library), SuppressGCTransition] internal static partial TSNode ts_node_prev_named_sibling(TSNode node);

        // Tree cursor (the struct lives in native memory owned by TreeCursorHandle)
        [LibraryImport(Library)] internal static partial TSTreeCursor ts_tree_cursor_new(TSNode node);
        [LibraryImport(Library)] internal static partial void ts_tree_cursor_delete(IntPtr cursor);
        [LibraryImport(Library), SuppressGCTransition] internal static partial void ts_tree_cursor_reset(TSTreeCursor* cursor, TSNode node);
        [LibraryImport(Library), SuppressGCTransition] internal static partial TSNode ts_tree_cursor_current_node(TSTreeCursor* cursor);
        [LibraryImport(Library), SuppressGCTransition] internal static partial ushort ts_tree_cursor_current_field_id(TSTreeCursor* cursor);
        [LibraryImport(Library), SuppressGCTransition] [return: MarshalAs(UnmanagedType.U1)] internal static partial bool ts_tree_cursor_goto_first_child(TSTreeCursor* cursor);
        [LibraryImport(Library), SuppressGCTransition] [return: MarshalAs(UnmanagedType.U1)] internal static partial bool ts_tree_cursor_goto_next_sibling(TSTreeCursor* cursor);
        [LibraryImport(Library), SuppressGCTransition] [return: MarshalAs(UnmanagedType.U1)] internal static partial bool ts_tree_cursor_goto_parent(TSTreeCursor* cursor);

        // Query
        [LibraryImport(Library)] internal static partial IntPtr ts_query_new(IntPtr language, byte* source, uint length, out uint errorOffset, out QueryErrorKind errorType);
        [LibraryImport(Library)] internal static partial void ts_query_delete(IntPtr query);
        [LibraryImport(Library)] internal static partial uint ts_query_pattern_count(QueryHandle query);
        [LibraryImport(Library)] internal static partial uint ts_query_capture_count(QueryHandle query);
        [LibraryImport(Library)] internal static partial byte* ts_query_capture_name_for_id(QueryHandle query, uint id, out uint length);
        [LibraryImport(Library)] internal static partial byte* ts_query_string_value_for_id(QueryHandle query, uint id, out uint length);
        [LibraryImport(Library)] internal static partial TSQueryPredicateStep* ts_query_predicates_for_pattern(QueryHandle query, uint patternIndex, out uint stepCount);

        // Query cursor
        [LibraryImport(Library)] internal static partial IntPtr ts_query_cursor_new();
        [LibraryImport(Library)] internal static partial void ts_query_cursor_delete(IntPtr cursor);
        [LibraryImport(Library)] internal static partial void ts_query_cursor_exec(QueryCursorHandle cursor, QueryHandle query, TSNode node);
        [LibraryImport(Library)] [return: MarshalAs(UnmanagedType.U1)] internal static partial bool ts_query_cursor_next_match(QueryCursorHandle cursor, out TSQueryMatch match);
        [LibraryImport(Library)] [return: MarshalAs(UnmanagedType.U1)] internal static partial bool ts_query_cursor_next_capture(QueryCursorHandle cursor, out TSQueryMatch match, out uint captureIndex);
        [LibraryImport(Library)] internal static partial void ts_query_cursor_remove_match(QueryCursorHandle cursor, uint matchId);

        // Language
        [LibraryImport(Library)] internal static partial uint ts_language_abi_version(IntPtr language);
        [LibraryImport(Library)] internal static partial uint ts_language_symbol_count(IntPtr language);
        [LibraryImport(Library)] internal static partial byte* ts_language_symbol_name(IntPtr language, ushort symbol);
        [LibraryImport(Library)] internal static partial TSSymbolType ts_language_symbol_type(IntPtr language, ushort symbol);
        [LibraryImport(Library)] internal static partial uint ts_language_field_count(IntPtr language);
        [LibraryImport(Library)] internal static partial byte* ts_language_field_name_for_id(IntPtr language, ushort fieldId);

        // Grammars compiled into the library
        [LibraryImport(Library)] internal static partial IntPtr tree_sitter_python();
        [LibraryImport(Library)] internal static partial IntPtr tree_sitter_javascript();
        [LibraryImport(Library)] internal static partial IntPtr tree_sitter_typescript();
        [LibraryImport(Library)] internal static partial IntPtr tree_sitter_tsx();
        [LibraryImport(Library)] internal static partial IntPtr tree_sitter_go();
        [LibraryImport(Library)] internal static partial IntPtr tree_sitter_rust();

        /// <summary>Strings the library allocates (ts_node_string) must go back to its own allocator.</summary>
        internal static void Free(void* pointer)
        {
            var free = *(delegate* unmanaged[Cdecl]<void*, void>*)NativeLibraryResolver.GetExport("ts_current_free");
            free(pointer);
        }

        internal static string? Utf8(byte* text, uint length) =>
            text == null ? null : System.Text.Encoding.UTF8.GetString(text, checked((int)length));

        internal static string? Utf8(byte* text) => text == null ? null : Marshal.PtrToStringUTF8((IntPtr)text);
    }
}
