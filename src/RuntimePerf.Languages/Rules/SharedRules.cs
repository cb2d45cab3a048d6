using RuntimePerf.Languages.Common;

namespace RuntimePerf.Languages.Rules
{
    /// <summary>The rules every tree-sitter language runs; each reads the model, the language's knowledge and its advice.</summary>
    public static class SharedRules
    {
        public static IRule[] All { get; } =
        {
            new BlockingIo(),
            new SyncSleep(),
            new CpuBoundInAsync(),
            new BlockingWait(),
            new FireAndForget(),
            new ClientPerRequest(),
            new MaterializeToCount(),
            new UnboundedConcurrency(),
            new ExpensiveObject(),
            new StringConcatInLoop(),
            new QuadraticScan(),
            new RedundantCopy(),
            new SequentialAwaits(),
            new AwaitInLoop(),
            new LockAroundIo(),
        };
    }
}
