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
        protected abstract string RuleId { get; }

        /// <summary>"Blocking I/O", "Sync sleep"… — the opening words.</summary>
        protected abstract string Label { get; }

        /// <summary>What the call does to the loop, completing "… inside async function f ___".</summary>
        protected virtual string Effect => "blocks the event loop";

        /// <summary>Whether calls to sync helpers that make such a call are reported (confidence MEDIUM).</summary>
        protected virtual bool FollowsHelpers => true;

        /// <summary>Where the rule looks: async code on a serving path (not startup, CLI or script code) by default.</summary>
        protected virtual bool Applies(FunctionModel function) => function.IsAsyncPath;

        public void Check(FileAudit audit)
        {
            var model = audit.Model;
            if (!model.HasAsyncCode) return;
            foreach (var fn in model.Functions)
            {
                if (!Applies(fn)) continue;
                foreach (var call in fn.Calls)
                {
                    if (call.IsOffloaded || call.IsAwaited || call.IsOffloadSink) continue;
                    if ((audit.Knowledge.Classify(call) ?? audit.Configured(call)) is { } row)
                    {
                        if (row.RuleId != RuleId) continue;
                        audit.Report(RuleId, fn, call.StartByte, call.EndByte,
                            Label + ": " + call.Display + " inside " + fn.Describe() + " " + Effect,
                            FileAudit.Fill(row.Replacement, call), row.Confidence, row.SeverityIn(RuleCatalog.Get(RuleId).SeverityFor(fn.Context)));
                    }
                    else if (FollowsHelpers && audit.Helpers.Target(call) is { } helper && helper.Local is not { IsHelper: false })
                    {
                        // Whether the helper blocks is known once all files are read (it may call into another file).
                        string name = helper.Local?.Name ?? helper.Imported!.Substring(helper.Imported!.LastIndexOf('.') + 1);
                        string context = " inside " + fn.Describe() + " " + Effect;
                        audit.ReportIfHelperBlocks(RuleId, fn, call, helper, chain => Label + ": " + chain + context,
                            "Make " + name + " async (with a non-blocking call), or await asyncio.to_thread(" + FileAudit.CallArgument(call) + ")");
                    }
                }
            }
        }
    }

    /// <summary>RP0001: file, network, subprocess and database calls that block, inside async code.</summary>
    public sealed class BlockingIoInAsync : AsyncCallRule
    {
        protected override string RuleId => "RP0001";
        protected override string Label => "Blocking I/O";
    }

    /// <summary>RP0002: a synchronous sleep inside async code parks the loop's thread.</summary>
    public sealed class SyncSleepInAsync : AsyncCallRule
    {
        protected override string RuleId => "RP0002";
        protected override string Label => "Sync sleep";
    }

    /// <summary>RP0005: parsing, hashing, compression or image work run inline in async code.</summary>
    public sealed class CpuBoundInAsync : AsyncCallRule
    {
        protected override string RuleId => "RP0005";
        protected override string Label => "CPU-bound work";
        protected override string Effect => "runs on the event loop without offload";
        protected override bool FollowsHelpers => false;
    }

    /// <summary>RP0007: running a second event loop (asyncio.run, run_until_complete) from inside a running one.</summary>
    public sealed class BlockingWaitInAsync : AsyncCallRule
    {
        protected override string RuleId => "RP0007";
        protected override string Label => "Blocking wait";
        protected override string Effect => "starts a nested event loop while one is running (RuntimeError, or the outer loop blocks)";
        protected override bool FollowsHelpers => false;

        /// <summary>A nested loop fails in any async code, entry points included.</summary>
        protected override bool Applies(FunctionModel function) => function.IsAsyncCode;
    }
}
