using System.Collections.Generic;
using RuntimePerf.Engine.Catalog;
using RuntimePerf.Languages.Common;

namespace RuntimePerf.Languages.JavaScript.Rules
{
    /// <summary>
    /// RP0013: <c>stream.write(chunk)</c> in a loop whose result is dropped, with no wait for <c>'drain'</c> in the function: a
    /// writable stream buffers everything it is given when its reader is slower, so memory grows with the data.
    /// </summary>
    public sealed class MissingBackpressure : IRule
    {
        public string RuleId => RuleIds.MissingBackpressure;

        public void Check(FileAudit audit)
        {
            var reported = new HashSet<(FunctionModel, string)>();
            foreach (var call in audit.Model.Calls)
            {
                if (call.Method != "write" || !call.IsStatement || call.Loop == null || call.Receiver is not { } stream) continue;
                var fn = call.Function;
                if (reported.Contains((fn, stream)) || !IsWritable(fn, stream) || WaitsForDrain(audit.Model, fn, stream)) continue;
                reported.Add((fn, stream));
                audit.Report(RuleIds.MissingBackpressure, fn, call.StartByte, call.EndByte,
                    "Missing backpressure: " + call.Written + "() in a loop in " + fn.Describe()
                    + " ignores its return value and never waits for 'drain', so the stream buffers everything when its reader is slow",
                    "When write() returns false, await once(" + stream + ", 'drain') before writing more — or build a Readable and use await pipeline(source, " + stream + ")");
            }
        }

        /// <summary>A stream made by a known factory, or a name for one: a response (<c>res</c>), <c>stream</c>, <c>*Stream</c>, <c>socket</c>.</summary>
        private static bool IsWritable(FunctionModel fn, string receiver)
        {
            if (SourceModel.IsPlainName(receiver) && fn.KindOf(receiver) == JavaScriptTables.WritableKind) return true;
            string last = receiver.Substring(receiver.LastIndexOf('.') + 1);
            return JavaScriptTables.ResponseParameters.Contains(last) || last is "stream" or "socket" or "out" || last.EndsWith("Stream", System.StringComparison.Ordinal);
        }

        /// <summary>A <c>'drain'</c> listener on the stream or <c>once(stream, 'drain')</c> anywhere in the function.</summary>
        private static bool WaitsForDrain(SourceModel model, FunctionModel fn, string stream)
        {
            foreach (var c in model.Calls)
            {
                if (c.StartByte < fn.StartByte || c.StartByte >= fn.EndByte) continue;
                if (c.Receiver != stream && c.Positional(0)?.Text != stream) continue;
                foreach (var a in c.Arguments)
                {
                    if (a.Text is "'drain'" or "\"drain\"") return true;
                }
            }
            return false;
        }
    }
}
