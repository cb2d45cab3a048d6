using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using RuntimePerf.Engine.Model;

namespace RuntimePerf.Engine.IO
{
    /// <summary>
    /// A BinaryWriter whose strings are written once: a repeat is the index of its first occurrence. The form of the
    /// package's binary caches in obj/ (the gate's report snapshot, the audit cache), read back by <see cref="CompactReader"/>.
    /// </summary>
    public sealed class CompactWriter : IDisposable
    {
        private readonly Dictionary<string, int> _strings = new Dictionary<string, int>(StringComparer.Ordinal);

        public CompactWriter(Stream stream) => Writer = new BinaryWriter(stream, Encoding.UTF8);

        public BinaryWriter Writer { get; }

        public void Write(int value) => Writer.Write(value);
        public void Write(long value) => Writer.Write(value);
        public void Write(double value) => Writer.Write(value);
        public void Write(bool value) => Writer.Write(value);

        public void Text(string value)
        {
            if (_strings.TryGetValue(value, out int index))
            {
                Writer.Write(index);
                return;
            }
            Writer.Write(_strings.Count); // the next index: a new string follows
            _strings.Add(value, _strings.Count);
            Writer.Write(value);
        }

        /// <summary>A finding without the flagged line's text (no report shows it; a reader that needs it reads the file).</summary>
        public void Write(Finding f)
        {
            Text(f.RuleId);
            Write((int)f.Severity);
            Write((int)f.Confidence);
            Write((int)f.Effort);
            Text(f.Path);
            Write(f.Span.Line);
            Write(f.Span.Column);
            Write(f.Span.EndLine);
            Write(f.Span.EndColumn);
            Text(f.Issue);
            Text(f.Principle);
            Text(f.Recommendation);
            Write((int)f.Context);
            Write((int)f.Language);
            Text(f.EnclosingSymbol);
            Text(f.Fingerprint);
            Write(f.Suppression != null);
            if (f.Suppression is Suppression s)
            {
                Text(s.Kind);
                Text(s.Justification);
            }
            Write(f.Baseline.HasValue ? (int)f.Baseline.Value : -1);
        }

        public void Dispose() => Writer.Dispose();
    }

    /// <summary>Reads what <see cref="CompactWriter"/> wrote; damage shows as a FormatException or an EndOfStreamException.</summary>
    public sealed class CompactReader : IDisposable
    {
        private readonly List<string> _strings = new List<string>();

        public CompactReader(byte[] bytes) : this(bytes, 0, bytes.Length) { }

        public CompactReader(byte[] bytes, int offset, int count) =>
            Reader = new BinaryReader(new MemoryStream(bytes, offset, count, writable: false), Encoding.UTF8);

        public BinaryReader Reader { get; }

        public bool AtEnd => Reader.BaseStream.Position == Reader.BaseStream.Length;

        public int ReadInt32() => Reader.ReadInt32();
        public long ReadInt64() => Reader.ReadInt64();
        public double ReadDouble() => Reader.ReadDouble();
        public bool ReadBoolean() => Reader.ReadBoolean();

        public string Text()
        {
            int index = Reader.ReadInt32();
            if (index < _strings.Count) return _strings[index];
            if (index != _strings.Count) throw new FormatException("string index " + index);
            string value = Reader.ReadString();
            _strings.Add(value);
            return value;
        }

        /// <summary>A value of one of the model's enums, which count from 0 without gaps.</summary>
        public T Enum<T>() where T : struct, Enum => Checked<T>(ReadInt32());

        public static T Checked<T>(int value) where T : struct, Enum =>
            (uint)value < (uint)Members<T>.Count ? (T)(object)value : throw new FormatException($"{typeof(T).Name} {value}");

        public Finding ReadFinding()
        {
            var finding = new Finding
            {
                RuleId = Text(),
                Severity = Enum<Severity>(),
                Confidence = Enum<Confidence>(),
                Effort = Enum<Effort>(),
                Path = Text(),
                Span = new SourceSpan(ReadInt32(), ReadInt32(), ReadInt32(), ReadInt32()),
                Issue = Text(),
                Principle = Text(),
                Recommendation = Text(),
                Context = Enum<CodeContext>(),
                Language = Enum<Language>(),
                EnclosingSymbol = Text(),
                Fingerprint = Text(),
                Suppression = ReadBoolean() ? new Suppression(Text(), Text()) : null,
            };
            int baseline = ReadInt32();
            return baseline < 0 ? finding : finding with { Baseline = Checked<BaselineState>(baseline) };
        }

        public void Dispose() => Reader.Dispose();

        private static class Members<T> where T : struct, Enum
        {
            public static readonly int Count = System.Enum.GetValues(typeof(T)).Length;
        }
    }
}
