using RuntimePerf.Engine.Catalog;
using RuntimePerf.Languages.Common;

namespace RuntimePerf.Languages.Rules
{
    /// <summary>RP0007: running a second event loop (asyncio.run, run_until_complete) from inside a running one.</summary>
    public sealed class BlockingWait : AsyncCallRule
    {
        public override string RuleId => RuleIds.BlockingWait;
        protected override string Label => "Blocking wait";
        protected override string Effect(RuleAdvice advice) => advice.BlockingWaitEffect;
        protected override bool FollowsHelpers => false;

        /// <summary>A nested loop fails in any async code, entry points included.</summary>
        protected override bool Applies(FunctionModel function) => function.IsAsyncCode;
    }
}
