using RuntimePerf.Engine.Catalog;
using RuntimePerf.Languages.Common;

namespace RuntimePerf.Languages.Go.Rules
{
    /// <summary>
    /// RP0025: a whole stream read into memory only to be decoded or written on — <c>b, err := io.ReadAll(resp.Body)</c> whose
    /// every use is <c>json.Unmarshal(b, &amp;v)</c> (→ <c>json.NewDecoder(resp.Body).Decode(&amp;v)</c>) or <c>w.Write(b)</c>
    /// (→ <c>io.Copy(w, src)</c>); <c>os.ReadFile</c> only when it is written on (decoding a small file from a slice is fine).
    /// Anything else done with the bytes (logged, measured, retried) keeps it silent.
    /// </summary>
    public sealed class BufferedSerialization : IRule
    {
        public string RuleId => RuleIds.BufferedSerialization;

        public void Check(FileAudit audit)
        {
            var model = audit.Model;
            foreach (var a in model.Assignments)
            {
                if (a.ValueCall is not { Resolved: { } read } call || !GoTables.WholeReads.TryGetValue(read, out bool file)) continue;
                if (a.Names.Count == 0 || a.Names[0] is not { Length: > 0 } name || name == "_" || a.Function.IsEntryPoint || Bounded(model, call)) continue;
                if (Sink(model, a, name, decodeAllowed: !file) is not { } sink) continue;
                string source = call.Positional(0)?.Text ?? "the source";
                string advice = sink.Method == "Write"
                    ? "Stream it: io.Copy(" + (sink.Receiver ?? "w") + ", " + (file ? "f" : source) + ")" + (file ? " from an os.Open'ed file" : "") + ", so the whole content is never held in memory"
                    : "Decode from the reader: " + GoTables.SliceDecoders[sink.Resolved!].Replace("(r)", "(" + source + ")") + ", so the whole body is never held in memory at once";
                audit.Report(RuleIds.BufferedSerialization, a.Function, call.StartByte, call.EndByte,
                    "Buffered where streaming fits: " + call.Written + "(" + source + ") reads everything into " + name + " only to pass it to "
                    + sink.Written + "() in " + a.Function.Describe(),
                    advice);
            }
        }

        /// <summary>
        /// The decode or write call every later use of <paramref name="name"/> in the function is the first argument of (the last
        /// one), or null when any use is something else (or it is used in a nested function).
        /// </summary>
        private static CallModel? Sink(SourceModel model, AssignmentModel a, string name, bool decodeAllowed)
        {
            var fn = a.Function;
            CallModel? sink = null;
            foreach (var use in model.UsesIn(a.EndByte, fn.EndByte))
            {
                if (!model.NameIs(use, name)) continue;
                if (use.Kind != UseKind.Read || use.Function != fn.Index) return null;
                var user = FirstArgumentOf(fn, use);
                if (user == null) return null;
                bool decode = user.Resolved is { } r && GoTables.SliceDecoders.ContainsKey(r);
                if (!(decode && decodeAllowed || user.Method == "Write" && user.Arguments.Count == 1)) return null;
                sink = user;
            }
            return sink;
        }

        /// <summary><c>io.ReadAll(io.LimitReader(f, 2048))</c>: a read capped at a small size holds little.</summary>
        private static bool Bounded(SourceModel model, CallModel read) =>
            read.Positional(0) is { Shape: Shape.Call } arg && model.CallAt(arg.StartByte, arg.EndByte) is { Resolved: { } inner }
            && GoTables.BoundedReaders.Contains(inner);

        private static CallModel? FirstArgumentOf(FunctionModel fn, NameUse use)
        {
            foreach (var call in fn.Calls)
            {
                if (call.Positional(0) is { } arg && arg.StartByte == use.Start && arg.EndByte == use.Start + use.Length) return call;
            }
            return null;
        }
    }
}
