using System;
using System.Text;
using System.Threading;

namespace RuntimePerf.TreeSitter
{
    /// <summary>A 1-based line and a 1-based column counted in UTF-16 code units (what editors, MSBuild and SARIF show).</summary>
    public readonly record struct LinePosition(int Line, int Column);

    /// <summary>
    /// The UTF-8 bytes tree-sitter parses, with conversion from byte offsets to line/column.
    /// Invalid UTF-8 is kept as is (tree-sitter tolerates it); each invalid sequence decodes to one
    /// U+FFFD and counts as one column, never an exception.
    /// </summary>
    public sealed class SourceText
    {
        private static readonly byte[] Utf8Bom = { 0xEF, 0xBB, 0xBF };
        private readonly byte[] _bytes;
        private int[]? _lineStarts;

        private SourceText(byte[] bytes) => _bytes = bytes;

        /// <summary>
        /// File contents as read from disk. A UTF-8 byte order mark is dropped (it is not part of the
        /// first line's columns); UTF-16 text with a byte order mark is converted to UTF-8.
        /// </summary>
        public static SourceText From(byte[] fileBytes)
        {
            if (fileBytes.AsSpan().StartsWith(Utf8Bom)) return new SourceText(fileBytes[Utf8Bom.Length..]);
            if (fileBytes.Length >= 2 && (fileBytes[0], fileBytes[1]) is (0xFF, 0xFE) or (0xFE, 0xFF))
            {
                var utf16 = fileBytes[0] == 0xFF ? Encoding.Unicode : Encoding.BigEndianUnicode;
                return new SourceText(Encoding.UTF8.GetBytes(utf16.GetString(fileBytes, 2, fileBytes.Length - 2)));
            }
            return new SourceText(fileBytes);
        }

        public static SourceText From(string text) => new(Encoding.UTF8.GetBytes(text));

        /// <summary>The UTF-8 bytes that byte offsets refer to.</summary>
        public ReadOnlySpan<byte> Utf8 => _bytes;

        public int Length => _bytes.Length;

        internal byte[] Bytes => _bytes;

        public int LineCount => LineStarts.Length;

        /// <summary>Decoded text of a byte range; invalid UTF-8 becomes U+FFFD.</summary>
        public string GetText(int startByte, int endByte) => Encoding.UTF8.GetString(_bytes, startByte, endByte - startByte);

        public override string ToString() => GetText(0, _bytes.Length);

        /// <summary>Line and UTF-16 column of a byte offset. Lines end at '\n' (as in tree-sitter's rows).</summary>
        public LinePosition GetPosition(int byteOffset)
        {
            if ((uint)byteOffset > (uint)_bytes.Length) throw new ArgumentOutOfRangeException(nameof(byteOffset));
            int line = Array.BinarySearch(LineStarts, byteOffset);
            if (line < 0) line = ~line - 1;
            return new LinePosition(line + 1, Encoding.UTF8.GetCharCount(_bytes.AsSpan(LineStarts[line], byteOffset - LineStarts[line])) + 1);
        }

        /// <summary>tree-sitter's point of a byte offset: 0-based row and column in bytes.</summary>
        internal Interop.TSPoint PointOf(int byteOffset)
        {
            int line = Array.BinarySearch(LineStarts, byteOffset);
            if (line < 0) line = ~line - 1;
            return new Interop.TSPoint { Row = (uint)line, Column = (uint)(byteOffset - LineStarts[line]) };
        }

        /// <summary>The text of 1-based <paramref name="line"/>, without its line break.</summary>
        public string Line(int line)
        {
            var starts = LineStarts;
            int start = starts[line - 1];
            int end = line < starts.Length ? starts[line] - 1 : _bytes.Length;
            return GetText(start, end).TrimEnd('\r');
        }

        private int[] LineStarts => LazyInitializer.EnsureInitialized(ref _lineStarts, () => ComputeLineStarts(_bytes));

        private static int[] ComputeLineStarts(byte[] bytes)
        {
            // Counted first: one array of the exact size (no list growing and copying for a 60,000-line file).
            var starts = new int[bytes.AsSpan().Count((byte)'\n') + 1];
            int offset = 0;
            for (int line = 1; line < starts.Length; line++)
            {
                offset += bytes.AsSpan(offset).IndexOf((byte)'\n') + 1;
                starts[line] = offset;
            }
            return starts;
        }
    }
}
