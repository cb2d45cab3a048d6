using RuntimePerf.Engine.Catalog;
using RuntimePerf.Engine.Model;
using RuntimePerf.Languages.Common;

namespace RuntimePerf.Languages.Rules
{
    /// <summary>
    /// Shared shape of the "this call must not run on the event loop" rules: a call the language tables give
    /// <see cref="RuleId"/>, made directly in async code (not startup/CLI code, not offloaded, not in a nested
    /// sync def or lambda), and optionally a call to a sync helper that makes one (reported with the chain).
    /// </summary>
    public abstract class AsyncCallRule : IRule
    {
        public abstract string RuleId { get; }

        /// <summary>"Blocking I/O", "Sync sleep"… — the opening words.</summary>
        protected abstract string Label { get; }

        /// <summary>What the call does where it runs, completing "… inside async function f ___", in the language's words.</summary>
        protected virtual string Effect(RuleAdvice advice) => advice.BlockingEffect;

        /// <summary>Whether calls to sync helpers that make such a call are reported (confidence MEDIUM).</summary>
        protected virtual bool FollowsHelpers => true;

        /// <summary>Where the rule looks: async code on a serving path (not startup, CLI or script code, nor a worker thread's) by default.</summary>
        protected virtual bool Applies(FunctionModel function) => function.IsAsyncPath && !function.File.IsWorkerThread;

        public void Check(FileAudit audit)
        {
            var model = audit.Model;
            if (!model.HasAsyncCode) return;
            string effect = Effect(audit.Knowledge.Advice);
            foreach (var fn in model.Functions)
            {
                if (!Applies(fn)) continue;
                foreach (var call in fn.Calls)
                {
                    if (call.IsOffloaded || call.IsOffloadSink) continue;
                    // An awaited call still runs a sync helper's body before the await (a JavaScript function returning a promise).
                    if (!call.IsAwaited && (audit.Knowledge.Classify(call) ?? audit.Configured(call)) is { } row)
                    {
                        if (row.RuleId != RuleId) continue;
                        var (start, end) = row.Span ?? (call.StartByte, call.EndByte);
                        audit.Report(RuleId, fn, start, end,
                            Label + ": " + call.Display + " inside " + fn.Describe() + " " + effect,
                            FileAudit.Fill(row.Replacement, call), row.Confidence, row.SeverityIn(RuleCatalog.Get(RuleId).SeverityFor(fn.Context)));
                    }
                    else if (FollowsHelpers && audit.Helpers.Target(call) is { } helper && helper.Local is not { IsHelper: false })
                    {
                        // Whether the helper blocks is known once all files are read (it may call into another file).
                        string name = helper.Local?.Name ?? helper.Imported!.Substring(helper.Imported!.LastIndexOf('.') + 1);
                        audit.ReportIfHelperBlocks(RuleId, fn, call, helper, Label + ": ", " inside " + fn.Describe() + " " + effect,
                            FileAudit.Fill(audit.Knowledge.Advice.BlockingHelper.Replace("{name}", name), call));
                    }
                }
            }
        }
    }
}
