using System;
using System.Collections.Concurrent;

namespace RuntimePerf.Languages.Common
{
    /// <summary>
    /// What the files of one audit share: facts a front end reads once per run from beyond one file (which modules a
    /// package's command-line entry loads). They live as long as the run, so a build server's next run reads them afresh.
    /// </summary>
    public sealed class AuditRun
    {
        private readonly ConcurrentDictionary<string, Lazy<object>> _facts = new(StringComparer.Ordinal);

        /// <summary>The fact named <paramref name="key"/>, made by <paramref name="make"/> on its first use in this run (once, whichever thread asks).</summary>
        public T Once<T>(string key, Func<T> make) where T : class =>
            (T)_facts.GetOrAdd(key, _ => new Lazy<object>(() => make())).Value;
    }
}
