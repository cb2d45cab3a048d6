using System;
using System.Collections.Generic;
using RuntimePerf.Engine.Model;

namespace RuntimePerf.Languages.Common
{
    /// <summary>
    /// What a rule needs to know about one language's APIs. Rules are language-neutral; each language answers
    /// these questions from its data tables.
    /// </summary>
    public interface ILanguageKnowledge
    {
        Language Language { get; }

        /// <summary>The shared rules' recommendations in this language's idiom.</summary>
        RuleAdvice Advice { get; }

        /// <summary>A call with a row in the async tables (blocking I/O, sleep, CPU-heavy, nested loop), or null.</summary>
        CallRow? Classify(CallModel call);

        /// <summary>The kind of value a call's receiver is (<c>Path</c>, <c>threading.Lock</c>…), or null when unknown.</summary>
        string? ReceiverKind(CallModel call);

        /// <summary>The kind of value a call returns, or null when unknown.</summary>
        string? KindOfCall(CallModel call);

        /// <summary>The call starts background work whose handle must be kept (<c>asyncio.create_task</c>).</summary>
        bool IsTaskSpawn(CallModel call);

        /// <summary>
        /// A dropped call that starts background work if the project function it calls (perhaps in another file, settled by the
        /// program-wide pass) is async: the call to resolve, or null. JavaScript: calling an async function starts it.
        /// </summary>
        CallModel? TaskSpawnIfAsync(CallModel call) => null;

        /// <summary>
        /// The call itself drops the promise of an async callback it is given, however its own result is used
        /// (JavaScript: <c>new Promise(async (resolve) => …)</c> ignores what the executor returns).
        /// </summary>
        bool DropsCallbackTask(CallModel call) => false;

        /// <summary>
        /// The severity of dropped background work started by <paramref name="call"/> when it is not the catalog's (null): JavaScript
        /// reports a floating promise at module top level LOW.
        /// </summary>
        Engine.Model.Severity? TaskSpawnSeverity(CallModel call) => null;

        /// <summary>A query that only runs once awaited or chained (Prisma's): dropped, it is never sent.</summary>
        bool IsLazyQuery(CallModel call) => false;

        /// <summary>A dropped value (<c>pending;</c>) that holds started background work, unobserved (a promise).</summary>
        bool HoldsTask(DroppedValueModel value) => false;

        /// <summary>The call constructs an HTTP client or session meant to be reused.</summary>
        bool IsClientConstruction(CallModel call);

        /// <summary>The call builds an object that is costly to construct and reusable (regex with a constant pattern, parser, template environment).</summary>
        string? ExpensiveConstruction(CallModel call);

        /// <summary>
        /// An expensive construction (<see cref="ExpensiveConstruction"/>) that costs on every call of the function that makes it,
        /// not only in a loop (Go compiles a regexp anew on every call; Python's <c>re</c> caches compiled patterns).
        /// </summary>
        bool CostlyPerCall(CallModel call) => false;

        /// <summary>
        /// Concatenation builds a rope (V8): nothing is copied until the string is read, which flattens it. Appending in a loop
        /// costs O(n²) only when the loop also reads the string (RP0004).
        /// </summary>
        bool StringsAreRopes => false;

        /// <summary>
        /// A second binding of a name is a new variable declared in sequence (Rust's <c>let</c> shadowing), so the last one before a
        /// point is what the name holds there; elsewhere a rebinding may sit in a branch (RP0017 reads the kind at the loop).
        /// </summary>
        bool RebindsInSequence => false;

        /// <summary>
        /// After this decorator an async function still returns a coroutine when called (Python's <c>staticmethod</c>; not a
        /// wrapper that may schedule the work itself). Rust attributes leave an <c>async fn</c> one.
        /// </summary>
        bool KeepsCoroutine(DecoratorModel decorator) => true;

        /// <summary>Decorator that memoises the result of a call (a coroutine, on an async function).</summary>
        bool IsMemoisingDecorator(DecoratorModel decorator);

        /// <summary>
        /// A method that searches its receiver for a value (Python's <c>items.index(x)</c>, <c>items.remove(x)</c>); not one that
        /// takes a position (Rust's <c>v.remove(i)</c>), which searches nothing (RP0017).
        /// </summary>
        bool SearchesByValue(CallModel call) => false;

        /// <summary>A call that runs the awaitables it is given together (<c>Promise.all</c>, <c>asyncio.gather</c>).</summary>
        bool IsGather(CallModel call) => false;

        /// <summary>
        /// A look-up that the program's own dependency container answers in memory (JavaScript: LoopBack's
        /// <c>ctx.get(RestBindings.ROUTE)</c>, <c>this.get(binding.key)</c>): nothing to overlap (RP0008) and nothing to bound (RP0010).
        /// </summary>
        bool IsContainerLookup(CallModel call) => false;

        /// <summary>
        /// A parameter declared as a list where only a list fits (TypeScript <c>ids: string[]</c>, <c>Array&lt;T&gt;</c>): searched in a loop
        /// it is a linear scan of a list of unknown size (RP0017, LOW). Languages whose annotations allow other values say false.
        /// </summary>
        bool IsListParameter(ParameterModel parameter) => false;

        /// <summary>
        /// The local <paramref name="name"/> of <paramref name="owner"/> holds only the items written in the one literal it was bound to
        /// (<c>base_nodes = [ctx.node]</c>, never grown): searched in a loop it is a few comparisons, not a scan of data (RP0017).
        /// </summary>
        bool HoldsWrittenItems(FunctionModel owner, string name) => false;

        /// <summary>
        /// Every read of a name is a recorded use, string interpolations included: a name that only appears in a string's text
        /// (<c>`/orders?account=${id}`</c>) is not read. Front ends whose uses miss some reads (macro arguments) leave this false.
        /// </summary>
        bool RecordsEveryRead => false;

        /// <summary>
        /// A method called on <paramref name="receiver"/> may borrow it mutably (Rust's <c>&amp;mut self</c>): two futures of calls
        /// on it may not be joinable at all, so such awaits count as tied (RP0008).
        /// </summary>
        bool MayBorrowMutably(CallModel call, string receiver) => false;

        /// <summary>
        /// The receiver is the function's own object (<c>this</c>, <c>self</c>), whose methods share its state (a memoised load one
        /// of them awaits inside the other), so awaits on two of its methods, one calling the other, count as tied (RP0008). Rust decides by the borrow instead
        /// (<see cref="MayBorrowMutably"/>): a <c>&amp;self</c> method can only call <c>&amp;self</c> methods.
        /// </summary>
        bool IsOwnObject(string receiver) => receiver is "this" or "self";

        /// <summary>Names the call's arguments borrow mutably (Rust's <c>&amp;mut *conn</c>): no two of its futures can run at once (RP0008, RP0009).</summary>
        IEnumerable<string> MutablyBorrowed(CallModel call) => Array.Empty<string>();

        /// <summary>Fan-out of many awaitables at once (<c>asyncio.gather(*…)</c>).</summary>
        bool IsFanOut(CallModel call);

        /// <summary>
        /// The items a fan-out maps over when they are not a comprehension of its own (<c>pMap(items, f)</c>): null otherwise.
        /// </summary>
        ArgumentModel? FanOutItems(CallModel call) => null;

        /// <summary>
        /// The per-item work <paramref name="element"/> starts running where it is made (a JS promise, an asyncio task), not only
        /// when the fan-out awaits it (a Python coroutine): where a fan-out of items made earlier is reported.
        /// </summary>
        bool RunsWhenMade(CallModel element) => true;

        /// <summary>An unbounded queue construction (<c>asyncio.Queue()</c>).</summary>
        bool IsUnboundedQueue(CallModel call);

        /// <summary>Awaits that are ordered by nature (sleep, lock acquire, commit, send, drain…).</summary>
        bool IsOrderedAwait(CallModel call);

        /// <summary>
        /// An ordered-looking await (<see cref="IsOrderedAwait"/>) that, in <paramref name="loop"/>, writes only the iteration's own
        /// item (<c>await db.save(item)</c>): independent of the other iterations' writes.
        /// </summary>
        bool IsPerItemWrite(CallModel call, LoopModel loop) => false;

        /// <summary>
        /// A step that drives a user interface or an input device (<c>await option.click()</c>, <c>await page.keyboard.down(k)</c>):
        /// it changes what the next step sees, so a loop that takes one takes all its steps in order.
        /// </summary>
        bool IsUiStep(CallModel call) => false;

        /// <summary>Value kinds that are concurrency limiters (semaphores, capacity limiters).</summary>
        bool IsLimiterKind(string? kind);

        /// <summary>Value kinds that are thread (not async) locks.</summary>
        bool IsThreadLockKind(string? kind);

        /// <summary>Value kinds that are stream writers needing a drain (backpressure).</summary>
        bool IsStreamWriterKind(string? kind);

        /// <summary>A collection built only to be counted or tested (<c>any([…])</c>): the better form, as advice, else null.</summary>
        string? MaterializedOnlyToConsume(CallModel call);

        /// <summary>Methods that mutate a collection in place.</summary>
        bool IsMutatingMethod(string method);
    }
}
