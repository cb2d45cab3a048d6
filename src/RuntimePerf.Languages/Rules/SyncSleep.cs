using RuntimePerf.Engine.Catalog;
using RuntimePerf.Languages.Common;

namespace RuntimePerf.Languages.Rules
{
    /// <summary>RP0002: a synchronous sleep inside async code parks the loop's thread.</summary>
    public sealed class SyncSleep : AsyncCallRule
    {
        public override string RuleId => RuleIds.SyncSleep;
        protected override string Label => "Sync sleep";
    }
}
