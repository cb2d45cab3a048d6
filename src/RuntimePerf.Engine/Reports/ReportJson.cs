using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Encodings.Web;
using System.Text.Json;
using RuntimePerf.Engine.Model;

namespace RuntimePerf.Engine.Reports
{
    /// <summary>What the JSON and SARIF writers share: one writer configuration and the no-absolute-paths guard.</summary>
    internal static class ReportJson
    {
        // Reports are files, not HTML: keep "<", "&", "'" and non-ASCII text readable instead of \uXXXX-escaped.
        private static readonly JsonWriterOptions Options = new JsonWriterOptions
        {
            Indented = true,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };

        /// <summary>Indented UTF-8 without BOM, "\n" newlines on every OS, ending with a newline.</summary>
        public static byte[] Write(Action<Utf8JsonWriter> write)
        {
            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream, Options))
            {
                write(writer);
            }
            stream.WriteByte((byte)'\n');
            return WithoutCarriageReturns(stream.ToArray());
        }

        /// <summary>
        /// Compact JSON to embed in an HTML script element. Only "&lt;" is escaped (as \u003c; it can only occur inside
        /// strings), which is all it takes for no "&lt;/script" or "&lt;!--" to end the element early; the default encoder
        /// would also escape quotes, "+", "&amp;" and all non-ASCII text, a quarter more bytes for a report page.
        /// </summary>
        public static byte[] WriteCompactForHtml(Action<Utf8JsonWriter> write)
        {
            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                write(writer);
            }
            var result = new List<byte>((int)stream.Length);
            foreach (byte b in stream.ToArray())
            {
                if (b == (byte)'<') result.AddRange(new[] { (byte)'\\', (byte)'u', (byte)'0', (byte)'0', (byte)'3', (byte)'c' });
                else result.Add(b);
            }
            return result.ToArray();
        }

        /// <summary>
        /// System.Text.Json 8 indents with Environment.NewLine. A raw CR can only come from there (inside strings it
        /// is escaped as \r), so dropping every CR byte gives "\n" newlines on Windows too.
        /// </summary>
        private static byte[] WithoutCarriageReturns(byte[] bytes)
        {
            if (Array.IndexOf(bytes, (byte)'\r') < 0) return bytes;
            var result = new List<byte>(bytes.Length);
            foreach (byte b in bytes) if (b != (byte)'\r') result.Add(b);
            return result.ToArray();
        }

        /// <summary>The design forbids absolute paths in reports: they break caching and leak the build machine's layout.</summary>
        public static void RequireRelativePaths(AuditReport report)
        {
            foreach (var f in report.Findings) RequireRelative(f.Path);
            foreach (var n in report.Notices) RequireRelative(n.Path);
        }

        private static void RequireRelative(string path)
        {
            bool absolute = path.StartsWith("/", StringComparison.Ordinal) || path.StartsWith("\\", StringComparison.Ordinal)
                || (path.Length >= 2 && path[1] == ':') || path.IndexOf("://", StringComparison.Ordinal) >= 0;
            if (absolute)
            {
                throw new ArgumentException("Report paths must be relative to the repository root, got '" + path + "'.");
            }
        }
    }
}
