using System;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;
using RuntimePerf.TreeSitter.Interop;

namespace RuntimePerf.TreeSitter
{
    /// <summary>Bounds on one parse, so one huge or pathological file cannot stall a build.</summary>
    public sealed record ParseLimits
    {
        /// <summary>Files larger than this are refused before parsing.</summary>
        public int MaxBytes { get; init; } = 32 * 1024 * 1024;

        /// <summary>
        /// Parsing stops after this long; tree-sitter checks it every hundred parse steps. Generous: a legitimate 20 MB
        /// file on a busy 2-core build agent takes tens of seconds, and only a pathological input should hit it.
        /// </summary>
        public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(2);

        public static ParseLimits Default { get; } = new();
    }

    public enum ParseRefusal
    {
        TooLarge,
        TimedOut,
        /// <summary>tree-sitter returned no tree for another reason (an external scanner failed).</summary>
        Failed,
    }

    /// <summary>The file was not parsed; <see cref="Reason"/> says why. Callers skip the file and report it.
    /// Cancellation throws <see cref="OperationCanceledException"/> instead.</summary>
    public sealed class ParseRefusedException : Exception
    {
        public ParseRefusedException(ParseRefusal reason, string message) : base(message) => Reason = reason;

        public ParseRefusal Reason { get; }
    }

    /// <summary>A tree-sitter parser for one language. Not thread-safe: use one per thread.</summary>
    public sealed unsafe class Parser : IDisposable
    {
        private readonly ParserHandle _handle = new();

        public Parser(Language language)
        {
            Language = language;
            if (!NativeMethods.ts_parser_set_language(_handle, language.Handle))
            {
                _handle.Dispose();
                throw new InvalidOperationException($"The {language.Name} grammar (ABI {language.AbiVersion}) is not compatible with the tree-sitter runtime in the native library.");
            }
        }

        public Language Language { get; }

        /// <summary>Parses <paramref name="text"/>. Syntax errors give a tree with error nodes, not an exception.</summary>
        /// <exception cref="ParseRefusedException">Too large or too slow.</exception>
        public SyntaxTree Parse(SourceText text, ParseLimits? limits = null, CancellationToken cancellationToken = default) =>
            Parse(text, 0, text.Length, limits, cancellationToken);

        /// <summary>
        /// Parses only the bytes [<paramref name="startByte"/>, <paramref name="endByte"/>) of <paramref name="text"/> (one
        /// part of a file too large to hold as one tree); the tree's positions are still the whole file's.
        /// </summary>
        /// <exception cref="ParseRefusedException">The part is too large, or too slow.</exception>
        public SyntaxTree Parse(SourceText text, int startByte, int endByte, ParseLimits? limits = null, CancellationToken cancellationToken = default)
        {
            if (startByte < 0 || endByte > text.Length || startByte > endByte) throw new ArgumentOutOfRangeException(nameof(startByte));
            limits ??= ParseLimits.Default;
            if (endByte - startByte > limits.MaxBytes)
                throw new ParseRefusedException(ParseRefusal.TooLarge, $"Not parsed: {endByte - startByte:N0} bytes exceeds the limit of {limits.MaxBytes:N0} bytes.");
            cancellationToken.ThrowIfCancellationRequested();

            bool part = startByte > 0 || endByte < text.Length;
            if (part) SetIncludedRange(text, startByte, endByte);
            var state = new ParseState(text.Length, Deadline(limits.Timeout), cancellationToken);
            var stateHandle = GCHandle.Alloc(state);
            IntPtr tree;
            try
            {
                fixed (byte* data = text.Bytes)
                {
                    state.Data = data;
                    var payload = (void*)GCHandle.ToIntPtr(stateHandle);
                    var input = new TSInput { Payload = payload, Read = &Read, Encoding = TSInputEncoding.Utf8 };
                    var options = new TSParseOptions { Payload = payload, ProgressCallback = &Progress };
                    tree = NativeMethods.ts_parser_parse_with_options(_handle, IntPtr.Zero, input, options);
                }
            }
            finally
            {
                stateHandle.Free();
                // No ranges: the next parse reads its whole text again.
                if (part) NativeMethods.ts_parser_set_included_ranges(_handle, null, 0);
            }

            if (tree != IntPtr.Zero) return new SyntaxTree(new TreeHandle(tree), Language, text);

            // A stopped parse would otherwise resume on the next call, with the next file's text.
            NativeMethods.ts_parser_reset(_handle);
            if (state.Cancelled) throw new OperationCanceledException(cancellationToken);
            throw state.TimedOut
                ? new ParseRefusedException(ParseRefusal.TimedOut, $"Not parsed: {endByte - startByte:N0} bytes took longer than {limits.Timeout.TotalSeconds:0.#} s.")
                : new ParseRefusedException(ParseRefusal.Failed, $"Not parsed: the {Language.Name} parser gave up (external scanner error).");
        }

        private void SetIncludedRange(SourceText text, int startByte, int endByte)
        {
            var range = new TSRange { StartPoint = text.PointOf(startByte), EndPoint = text.PointOf(endByte), StartByte = (uint)startByte, EndByte = (uint)endByte };
            if (!NativeMethods.ts_parser_set_included_ranges(_handle, &range, 1))
                throw new InvalidOperationException("tree-sitter refused the range " + startByte + ".." + endByte + ".");
        }

        public void Dispose() => _handle.Dispose();

        /// <summary>Negative (Timeout.InfiniteTimeSpan) or huge timeouts mean no deadline.</summary>
        private static long Deadline(TimeSpan timeout)
        {
            double ticks = timeout.TotalSeconds * Stopwatch.Frequency;
            return timeout < TimeSpan.Zero || ticks >= long.MaxValue / 2 ? long.MaxValue : Stopwatch.GetTimestamp() + (long)ticks;
        }

        private sealed class ParseState
        {
            public ParseState(int length, long deadline, CancellationToken cancellationToken)
            {
                Length = (uint)length;
                Deadline = deadline;
                CancellationToken = cancellationToken;
            }

            public byte* Data;
            public readonly uint Length;
            public readonly long Deadline;
            public readonly CancellationToken CancellationToken;
            public bool Cancelled;
            public bool TimedOut;
        }

        private static ParseState StateOf(void* payload) => (ParseState)GCHandle.FromIntPtr((IntPtr)payload).Target!;

        /// <summary>Hands tree-sitter the rest of the buffer from <paramref name="byteIndex"/>: one chunk, no copying.</summary>
        [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
        private static byte* Read(void* payload, uint byteIndex, TSPoint position, uint* bytesRead)
        {
            var state = StateOf(payload);
            if (byteIndex >= state.Length)
            {
                *bytesRead = 0;
                return null;
            }
            *bytesRead = state.Length - byteIndex;
            return state.Data + byteIndex;
        }

        /// <summary>Returning 1 stops the parse.</summary>
        [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
        private static byte Progress(TSParseState* parseState)
        {
            var state = StateOf(parseState->Payload);
            state.Cancelled = state.CancellationToken.IsCancellationRequested;
            state.TimedOut = !state.Cancelled && Stopwatch.GetTimestamp() > state.Deadline;
            return state.Cancelled || state.TimedOut ? (byte)1 : (byte)0;
        }
    }
}
