namespace RuntimePerf.Engine.Catalog
{
    /// <summary>
    /// Every rule id by its concept name. The name is the rule's one name in every language: the detector of RP0014 is
    /// <c>LockAroundIo</c> in C#, Python and JavaScript alike (a test holds the tree-sitter rules to it).
    /// </summary>
    public static class RuleIds
    {
        public const string BlockingIo = "RP0001";
        public const string SyncSleep = "RP0002";
        public const string MaterializeToCount = "RP0003";
        public const string StringConcatInLoop = "RP0004";
        public const string CpuBoundInAsync = "RP0005";
        public const string RedundantCopy = "RP0006";
        public const string BlockingWait = "RP0007";
        public const string SequentialAwaits = "RP0008";
        public const string AwaitInLoop = "RP0009";
        public const string UnboundedConcurrency = "RP0010";
        public const string ClientPerRequest = "RP0011";
        public const string CacheOnAsyncFunction = "RP0012";
        public const string MissingBackpressure = "RP0013";
        public const string LockAroundIo = "RP0014";
        public const string ExpensiveObject = "RP0015";
        public const string RepeatedIo = "RP0016";
        public const string QuadraticScan = "RP0017";
        public const string MissingCancellation = "RP0018";
        public const string TimerPerIteration = "RP0019";
        public const string UnclosedBody = "RP0020";
        public const string ServerWithoutTimeouts = "RP0021";
        public const string MissingPreallocation = "RP0022";
        public const string UnboundedGrowth = "RP0023";
        public const string FireAndForget = "RP0024";
        public const string BufferedSerialization = "RP0025";
        public const string IgnoredWriteError = "RP0026";
        public const string UnusedSuppression = "RP0100";
    }
}
