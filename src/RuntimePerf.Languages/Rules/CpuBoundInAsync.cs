using RuntimePerf.Engine.Catalog;
using RuntimePerf.Languages.Common;

namespace RuntimePerf.Languages.Rules
{
    /// <summary>RP0005: parsing, hashing, compression or image work run inline in async code.</summary>
    public sealed class CpuBoundInAsync : AsyncCallRule
    {
        public override string RuleId => RuleIds.CpuBoundInAsync;
        protected override string Label => "CPU-bound work";
        protected override string Effect(RuleAdvice advice) => advice.CpuEffect;
        protected override bool FollowsHelpers => false;
    }
}
