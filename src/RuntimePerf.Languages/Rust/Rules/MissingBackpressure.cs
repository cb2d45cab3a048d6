using RuntimePerf.Engine.Catalog;
using RuntimePerf.Engine.Model;
using RuntimePerf.Languages.Common;

namespace RuntimePerf.Languages.Rust.Rules
{
    /// <summary>
    /// RP0013: an unbounded channel (<c>tokio::sync::mpsc::unbounded_channel</c>, <c>std::sync::mpsc::channel</c>,
    /// <c>crossbeam_channel::unbounded</c>, <c>flume::unbounded</c>…) created on a request path — in a handler or a closure
    /// or async block inside one. Its sender never waits, so one slow consumer per request (a client reading a stream
    /// slowly) lets the buffer grow without bound. One made at startup (in <c>main</c>, a constructor) is not flagged:
    /// it is one buffer for the process, whose producers are usually bounded elsewhere.
    /// </summary>
    public sealed class MissingBackpressure : IRule
    {
        public string RuleId => RuleIds.MissingBackpressure;

        public void Check(FileAudit audit)
        {
            foreach (var call in audit.Model.Calls)
            {
                if (call.Resolved is not { } r || !RustTables.UnboundedChannels.TryGetValue(r, out var bounded) || call.IsOffloaded) continue;
                if (RequestHandler(call.Function) is not { } handler) continue;
                audit.Report(RuleIds.MissingBackpressure, call.Function, call.StartByte, call.EndByte,
                    "Missing backpressure: " + call.Written + "() in " + handler.Describe() + " makes an unbounded channel per request, so its"
                    + " senders never wait and the buffer grows without bound when the receiver falls behind",
                    bounded,
                    Confidence.Medium, Severity.Medium);
            }
        }

        /// <summary>The handler that runs <paramref name="fn"/> per request: itself, or the handler a closure or async block sits in.</summary>
        private static FunctionModel? RequestHandler(FunctionModel fn)
        {
            for (var f = fn; f != null; f = f.Kind == FunctionKind.Lambda ? f.Parent : null)
            {
                if (f.IsHandler) return f;
            }
            return null;
        }
    }
}
