using RuntimePerf.Engine.Catalog;
using System.Collections.Generic;
using RuntimePerf.Languages.Common;

namespace RuntimePerf.Languages.Python.Rules
{
    /// <summary>
    /// RP0013: <c>writer.write(…)</c> on an asyncio stream writer with no <c>await writer.drain()</c> after it in the same
    /// async function, so the transport buffer grows without bound when the peer reads slowly.
    /// </summary>
    public sealed class MissingBackpressure : IRule
    {
        public string RuleId => RuleIds.MissingBackpressure;

        public void Check(FileAudit audit)
        {
            // The undrained writes of each writer in each function, in source order; reported once, at the first of them.
            var undrained = new Dictionary<(FunctionModel, string), List<CallModel>>();
            foreach (var call in audit.Model.Calls)
            {
                if (call.Method is not ("write" or "writelines") || call.IsAwaited || call.Receiver is not { } writer) continue;
                var fn = call.Function;
                if (!fn.IsAsyncPath || !IsStreamWriter(audit, call, writer) || Drained(fn, call, writer)) continue;
                if (!undrained.TryGetValue((fn, writer), out var writes)) undrained[(fn, writer)] = writes = new List<CallModel>();
                writes.Add(call);
            }
            foreach (var ((fn, writer), writes) in undrained)
            {
                writes.Sort((a, b) => a.StartByte.CompareTo(b.StartByte));
                var first = writes[0];
                if (writes.TrueForAll(w => w.Loop == null) && ClosedAfter(fn, writes[^1], writer)) continue;
                audit.Report(RuleIds.MissingBackpressure, fn, first.StartByte, first.EndByte,
                    "Missing backpressure: " + first.Written + "() in " + fn.Describe() + " is never followed by await " + writer
                    + ".drain(), so buffered data grows without bound when the peer reads slowly",
                    "await " + writer + ".drain() after writing (once per message or batch)");
            }
        }

        /// <summary>Known to be an asyncio <c>StreamWriter</c>, or a name <c>writer</c> of unknown type.</summary>
        private static bool IsStreamWriter(FileAudit audit, CallModel call, string writer)
        {
            string? kind = audit.Knowledge.ReceiverKind(call);
            if (audit.Knowledge.IsStreamWriterKind(kind)) return true;
            return kind == null && writer is "writer" or "self.writer" or "self._writer";
        }

        /// <summary>An awaited drain on the same writer after the write, or anywhere in the loop holding the write.</summary>
        private static bool Drained(FunctionModel fn, CallModel write, string writer)
        {
            foreach (var c in fn.Calls)
            {
                if (c.Method != "drain" || c.Receiver != writer || !c.IsAwaited) continue;
                if (c.StartByte > write.StartByte) return true;
                if (write.Loop is { } loop && loop.BodyContains(c.StartByte)) return true;
            }
            return false;
        }

        /// <summary>A close() after the last write (none of them in a loop): the close flushes a fixed few writes; there is nothing to pace.</summary>
        private static bool ClosedAfter(FunctionModel fn, CallModel write, string writer)
        {
            foreach (var c in fn.Calls)
            {
                if (c.Method == "close" && c.Receiver == writer && c.StartByte > write.StartByte) return true;
            }
            return false;
        }
    }
}
