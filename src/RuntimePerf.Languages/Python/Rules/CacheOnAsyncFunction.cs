using RuntimePerf.Engine.Catalog;
using RuntimePerf.Languages.Common;

namespace RuntimePerf.Languages.Python.Rules
{
    /// <summary>RP0012: a memoising decorator on an async function caches the coroutine object, which can be awaited only once.</summary>
    public sealed class CacheOnAsyncFunction : IRule
    {
        public string RuleId => RuleIds.CacheOnAsyncFunction;

        public void Check(FileAudit audit)
        {
            foreach (var fn in audit.Model.Functions)
            {
                if (!fn.IsAsync) continue;
                foreach (var d in fn.Decorators)
                {
                    if (!audit.Knowledge.IsMemoisingDecorator(d)) continue;
                    audit.Report(RuleIds.CacheOnAsyncFunction, fn, d.StartByte, d.EndByte,
                        "Cache decorator: @" + d.Text + " on async function " + fn.QualifiedName + " caches the coroutine, and a second await of it raises RuntimeError",
                        "Cache the awaited result instead (async_lru.alru_cache, aiocache, or an explicit dict of results/tasks)");
                }
            }
        }
    }
}
