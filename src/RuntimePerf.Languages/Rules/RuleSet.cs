using RuntimePerf.Languages.Common;

namespace RuntimePerf.Languages.Rules
{
    /// <summary>The rules every tree-sitter language runs (each reads the model and the language's knowledge).</summary>
    public static class RuleSet
    {
        public static IRule[] All { get; } =
        {
            new BlockingIoInAsync(),
            new SyncSleepInAsync(),
            new CpuBoundInAsync(),
            new BlockingWaitInAsync(),
            new CacheOnAsyncFunction(),
            new FireAndForgetTask(),
            new ClientPerRequest(),
            new MaterializeToCount(),
            new UnboundedConcurrency(),
            new ExpensiveObjectInLoop(),
            new StringConcatInLoop(),
            new QuadraticScan(),
            new RedundantCopy(),
            new SequentialAwaits(),
            new AwaitInLoop(),
            new MissingDrain(),
            new ThreadLockAcrossAwait(),
        };
    }
}
