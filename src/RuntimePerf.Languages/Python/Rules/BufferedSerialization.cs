using RuntimePerf.Engine.Catalog;
using RuntimePerf.Engine.Model;
using RuntimePerf.Languages.Common;

namespace RuntimePerf.Languages.Python.Rules
{
    /// <summary>
    /// RP0025: a loop (or comprehension) over a file's lines that first reads them all into a list — <c>for line in f.readlines()</c>,
    /// <c>for line in f.read().splitlines()</c> — where iterating the file object itself (<c>for line in f</c>) keeps one line
    /// in memory at a time. Only a file object (<c>open(…)</c>, <c>Path.open()</c>, <c>gzip.open(…)</c>…), and
    /// <c>readlines()</c> without a size hint. And <c>f.write(pickle.dumps(obj))</c> on a file object: the whole encoding is
    /// built in memory before the first byte is written, where <c>pickle.dump(obj, f)</c> writes it as it encodes.
    /// </summary>
    public sealed class BufferedSerialization : IRule
    {
        public string RuleId => RuleIds.BufferedSerialization;

        public void Check(FileAudit audit)
        {
            var model = audit.Model;
            foreach (var loop in model.Loops)
            {
                if (loop.IterableShape != Shape.Call || model.CallAt(loop.IterableStartByte, loop.IterableEndByte) is not { } whole) continue;
                var read = whole.Method == PythonTables.ReadLines && whole.Arguments.Count == 0 ? whole
                    : whole.Method is { } split && PythonTables.LineSplits.Contains(split) && WholeRead(whole.ReceiverCall) is { } r && SplitsLines(whole) ? r
                    : null;
                if (read == null || audit.Knowledge.ReceiverKind(read) != PythonTables.FileKind) continue;
                audit.Report(RuleIds.BufferedSerialization, whole.Function, whole.StartByte, whole.EndByte,
                    "Buffered where streaming fits: " + whole.Display + " in " + whole.Function.Describe()
                    + " reads the whole file into a list of lines only for the loop to walk it once",
                    "Iterate the file object itself (for line in " + (read.Receiver ?? "f") + ":), which reads one line at a time",
                    Confidence.High, Severity.Low);
            }
            CheckWholeWrites(audit);
        }

        /// <summary><c>f.write(pickle.dumps(obj))</c> (also <c>yaml.dump</c> without a stream) on a file object.</summary>
        private static void CheckWholeWrites(FileAudit audit)
        {
            foreach (var write in audit.Model.Calls)
            {
                if (write is not { Method: "write", Arguments.Count: 1 } || audit.Knowledge.ReceiverKind(write) != PythonTables.FileKind) continue;
                if (audit.Model.CallAt(write.Arguments[0].StartByte, write.Arguments[0].EndByte) is not { Resolved: { } r } encode
                    || !PythonTables.WholeSerialisers.TryGetValue(r, out var streaming) || encode.Arguments.Count == 0 || encode.Arguments[0].Keyword != null) continue;
                audit.Report(RuleIds.BufferedSerialization, write.Function, encode.StartByte, encode.EndByte,
                    "Buffered where streaming fits: " + encode.Written + "() in " + write.Function.Describe()
                    + " builds the whole text in memory only for " + write.Written + "() to write it",
                    "Encode straight to the file: " + streaming + " writes it as it encodes, without holding the whole encoding",
                    Confidence.Medium, Severity.Low);
            }
        }

        /// <summary><c>f.read()</c> with no size: the whole content.</summary>
        private static CallModel? WholeRead(CallModel? call) => call is { Method: "read", Arguments.Count: 0 } ? call : null;

        /// <summary><c>splitlines()</c>, or <c>split('\n')</c>: one item per line.</summary>
        private static bool SplitsLines(CallModel split) =>
            split.Method == "splitlines" ? split.Arguments.Count <= 1
                : split.Arguments.Count == 1 && split.Positional(0) is { Shape: Shape.String, Text: "'\\n'" or "\"\\n\"" };
    }
}
