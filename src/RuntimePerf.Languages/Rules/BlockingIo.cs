using RuntimePerf.Engine.Catalog;
using RuntimePerf.Languages.Common;

namespace RuntimePerf.Languages.Rules
{
    /// <summary>RP0001: file, network, subprocess and database calls that block, inside async code.</summary>
    public sealed class BlockingIo : AsyncCallRule
    {
        public override string RuleId => RuleIds.BlockingIo;
        protected override string Label => "Blocking I/O";
    }
}
