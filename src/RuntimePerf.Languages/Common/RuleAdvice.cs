namespace RuntimePerf.Languages.Common
{
    /// <summary>
    /// The recommendation texts of the shared rules, in one language's idiom (asyncio's <c>gather</c>, Node's
    /// <c>Promise.all</c>). <c>{name}</c> stands for the helper's name and <c>{call}</c> for the call as an offload argument.
    /// </summary>
    public sealed record RuleAdvice
    {
        /// <summary>RP0001/RP0002 through a helper: make it async or offload it.</summary>
        public required string BlockingHelper { get; init; }
        public required string AwaitInLoop { get; init; }
        public required string SequentialAwaits { get; init; }
        public required string FireAndForget { get; init; }
        public required string ClientPerRequest { get; init; }
        public required string ExpensiveObject { get; init; }
        public required string UnboundedFanOut { get; init; }
        public required string UnboundedQueue { get; init; }
        public required string StringConcatInLoop { get; init; }
        public required string QuadraticScan { get; init; }
        public required string LockAroundIo { get; init; }

        /// <summary>What a blocking call does where it runs: "blocks the event loop".</summary>
        public string BlockingEffect { get; init; } = "blocks the event loop";
    }
}
