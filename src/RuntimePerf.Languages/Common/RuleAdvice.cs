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

        /// <summary>RP0003, a loop over key-value pairs that uses only the keys, or only the values; <c>{collection}</c> is what it walks.</summary>
        public string OnlyKeys { get; init; } = "Iterate the keys of {collection} alone";
        public string OnlyValues { get; init; } = "Iterate the values of {collection} alone";

        /// <summary>RP0024's issue text: <c>{call}</c> is the dropped call as displayed, <c>{where}</c> the function it is in.</summary>
        public string FireAndForgetIssue { get; init; } =
            "Fire-and-forget: the task from {call} in {where} is dropped, so it can be garbage-collected and its errors are lost";

        /// <summary>RP0024, the task kept in a local that nothing reads: <c>{name}</c> is the local.</summary>
        public string FireAndForgetUnreadIssue { get; init; } =
            "Fire-and-forget: the task from {call} in {where} is bound to {name}, which nothing reads, so it can be garbage-collected and its errors are lost";

        /// <summary>
        /// RP0024, an async function of the file called and its coroutine or future dropped: <c>{call}</c>, <c>{where}</c> and
        /// <c>{name}</c> (the async function). Null where calling an async function starts it (a JavaScript promise): there
        /// the dropped call is a floating promise, not work that never runs.
        /// </summary>
        public string? UnstartedIssue { get; init; }
        public string UnstartedAdvice { get; init; } = "Await it";

        /// <summary>
        /// RP0024, a lazy query dropped (<see cref="ILanguageKnowledge.IsLazyQuery"/>): <c>{call}</c> and <c>{where}</c>. Null where
        /// the language has none.
        /// </summary>
        public string? LazyQueryIssue { get; init; }
        public string LazyQueryAdvice { get; init; } = "Await it";

        /// <summary>What a blocking call (RP0001, RP0002) does where it runs, completing "… inside async function f ___".</summary>
        public string BlockingEffect { get; init; } = "blocks the event loop";

        /// <summary>What CPU-heavy work (RP0005) does where it runs.</summary>
        public string CpuEffect { get; init; } = "runs on the event loop without offload";

        /// <summary>What waiting synchronously for async work (RP0007) does inside async code.</summary>
        public string BlockingWaitEffect { get; init; } = "starts a nested event loop while one is running (RuntimeError, or the outer loop blocks)";

        /// <summary>RP0010: the queue's missing bound, by the name of its parameter.</summary>
        public string QueueBound { get; init; } = "maxsize";

        /// <summary>RP0003: what was materialised, in the language's words ("a list comprehension", "a collected Vec").</summary>
        public string MaterializedCollection { get; init; } = "a comprehension";

        /// <summary>RP0003: how to take the first item of a comprehension without building it whole.</summary>
        public string FirstOfComprehension { get; init; } = "a loop that stops at the first item";
    }
}
