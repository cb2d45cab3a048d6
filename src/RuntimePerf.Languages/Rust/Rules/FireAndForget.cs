using RuntimePerf.Engine.Catalog;
using RuntimePerf.Engine.Model;
using RuntimePerf.Languages.Common;

namespace RuntimePerf.Languages.Rust.Rules
{
    /// <summary>
    /// RP0024 for Rust: the shared rule's dropped <c>JoinHandle</c>s, and a call of an <c>async fn</c> of the same file
    /// (a free function, or a method of the same <c>impl</c> through <c>self.</c>/<c>Self::</c>) whose future is dropped —
    /// a bare statement <c>notify(id);</c> or <c>let _ = notify(id);</c> (clippy's <c>let_underscore_future</c>). A future
    /// does nothing until it is polled, so the work never happens: unlike a floating promise, it is not even started.
    /// </summary>
    public sealed class FireAndForget : IRule
    {
        private readonly Languages.Rules.FireAndForget _spawned = new();

        public string RuleId => RuleIds.FireAndForget;

        public void Check(FileAudit audit)
        {
            _spawned.Check(audit);
            foreach (var call in audit.Model.Calls)
            {
                if (call.IsAwaited || !(call.IsStatement || call.InDroppedExpression) || AsyncCallee(audit.Model, call) is not { } callee) continue;
                audit.Report(RuleIds.FireAndForget, call.Function, call.StartByte, call.EndByte,
                    "Fire-and-forget: " + call.Display + " in " + call.Function.Describe() + " builds the future of async fn " + callee.Name
                    + " and drops it without .await, so " + callee.Name + " never runs",
                    ".await it; to run it in the background, tokio::spawn it and keep the JoinHandle", Confidence.High, Severity.Medium);
            }
        }

        /// <summary>The one <c>async fn</c> of the file the call names: <c>f(…)</c> at module level, <c>self.f(…)</c>/<c>Self::f(…)</c> in the caller's impl.</summary>
        private static FunctionModel? AsyncCallee(SourceModel model, CallModel call)
        {
            string? name; string? cls;
            if (call.Method != null)
            {
                if (call.Receiver != "self" || call.Function.ClassName is not { } own) return null;
                (name, cls) = (call.Method, own);
            }
            else if (SourceModel.IsPlainName(call.Written))
            {
                (name, cls) = (call.Written, null);
            }
            else if (call.Written.StartsWith("Self::", System.StringComparison.Ordinal) && call.Function.ClassName is { } own)
            {
                (name, cls) = (call.Written.Substring("Self::".Length), own);
            }
            else
            {
                return null;
            }
            FunctionModel? found = null;
            foreach (var fn in model.Functions)
            {
                if (fn.Kind != FunctionKind.Function || fn.Name != name || fn.ClassName != cls) continue;
                if (found != null || !fn.IsAsync) return null; // two of that name (cfg variants, traits): not sure which one runs
                found = fn;
            }
            return found;
        }
    }
}
