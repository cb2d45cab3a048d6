using System.Linq;
using RuntimePerf.Engine.Catalog;
using RuntimePerf.Engine.Model;
using RuntimePerf.Languages.Common;

namespace RuntimePerf.Languages.Go.Rules
{
    /// <summary>
    /// RP0026: the error of a write on a request path dropped — <c>w.Write(b)</c>, <c>io.Copy(w, r)</c>,
    /// <c>json.NewEncoder(w).Encode(v)</c> as bare statements or assigned to <c>_</c> — and, anywhere, a dropped or deferred
    /// <c>bufio.Writer.Flush()</c> (buffered output silently lost). A failed write goes unnoticed: no log, no metric, the
    /// handler carries on with work whose result nobody will read.
    /// </summary>
    public sealed class IgnoredWriteError : IRule
    {
        public string RuleId => RuleIds.IgnoredWriteError;

        public void Check(FileAudit audit)
        {
            var model = audit.Model;
            foreach (var call in model.Calls)
            {
                var fn = call.Function;
                if (fn.IsEntryPoint || call.IsLiteral || !call.IsDeferred && !Dropped(model, call)) continue;
                string? what = null;
                // defer bw.Flush(): the last flush, the one that writes the tail, has nowhere to report its error
                if (call.Method == "Flush" && audit.Knowledge.ReceiverKind(call) == "bufio.Writer" && !(call.IsDeferred && CheckedElsewhere(model, call))
                    && !OverMemory(audit, call))
                    what = "the error of " + call.Written + "()";
                else if (!call.IsDeferred && fn.IsHandler && WritesResponse(audit, call)) what = "the error of " + call.Written + "() on the response";
                if (what == null) continue;
                audit.Report(RuleIds.IgnoredWriteError, fn, call.StartByte, call.EndByte,
                    "Ignored error on a write path: " + what + " is dropped in " + fn.Describe(),
                    "Check it: if err := …; err != nil { log it (with the request's id) and stop writing }",
                    Confidence.High, Severity.Low);
            }
        }

        /// <summary>
        /// <c>defer bw.Flush()</c> for the early returns, and <c>if err := bw.Flush(); err != nil</c> before the normal one: the tail is
        /// flushed and checked.
        /// </summary>
        private static bool CheckedElsewhere(SourceModel model, CallModel deferred)
        {
            foreach (var c in deferred.Function.Calls)
            {
                if (!c.IsDeferred && c.Method == "Flush" && c.Receiver == deferred.Receiver && !Dropped(model, c)) return true;
            }
            return false;
        }

        /// <summary>
        /// <c>w := bufio.NewWriter(buf)</c> over a <c>bytes.Buffer</c> or a <c>strings.Builder</c> of the function: their writes
        /// never fail, so neither can the flush into them.
        /// </summary>
        private static bool OverMemory(FileAudit audit, CallModel flush)
        {
            var model = audit.Model;
            foreach (var a in model.Assignments)
            {
                if (a.Function != flush.Function || a.ValueCall is not { Resolved: "bufio.NewWriter" or "bufio.NewWriterSize" } made
                    || !a.Names.Contains(flush.Receiver ?? "") || made.Positional(0) is not { Text: { } target } argument) continue;
                string name = target.TrimStart('&');
                string? kind = SourceModel.IsPlainName(name) ? GoKnowledge.KindOf(flush.Function, name)
                    : model.CallAt(argument.StartByte + (target.Length - name.Length), argument.EndByte) is { } inner ? audit.Knowledge.KindOfCall(inner) : null;
                return kind != null && GoTables.InMemoryWriters.Contains(kind);
            }
            return false;
        }

        /// <summary>The call's results are unused: a bare statement, or assigned only to <c>_</c>.</summary>
        private static bool Dropped(SourceModel model, CallModel call)
        {
            if (call.IsStatement) return true;
            foreach (var a in model.Assignments)
            {
                if (a.ValueCall != call) continue;
                foreach (string name in a.Names)
                {
                    if (name != "_") return false;
                }
                return true;
            }
            return false;
        }

        /// <summary><c>w.Write</c>/<c>w.WriteString</c> on the handler's writer, <c>io.Copy(w, …)</c>, <c>json.NewEncoder(w).Encode(v)</c>.</summary>
        private static bool WritesResponse(FileAudit audit, CallModel call)
        {
            if (call.Method is "Write" or "WriteString" && audit.Knowledge.ReceiverKind(call) == GoTables.ResponseWriter) return true;
            if (call.Resolved is "io.Copy" or "io.WriteString" && call.Positional(0)?.Text is { } target && GoKnowledge.KindOf(call.Function, target) == GoTables.ResponseWriter) return true;
            return call.Method == "Encode" && call.ReceiverCall is { Resolved: "encoding/json.NewEncoder" or "encoding/xml.NewEncoder" } encoder
                && encoder.Positional(0)?.Text is { } w && GoKnowledge.KindOf(call.Function, w) == GoTables.ResponseWriter;
        }
    }
}
