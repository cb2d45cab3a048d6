using System.Text.RegularExpressions;
using RuntimePerf.Engine.Catalog;
using RuntimePerf.Engine.Model;
using RuntimePerf.Languages.Common;

namespace RuntimePerf.Languages.Go.Rules
{
    /// <summary>
    /// RP0010: a goroutine (<c>go f(x)</c>, <c>go func() {…}()</c>) or an <c>errgroup</c> task (<c>g.Go(…)</c>) started per item
    /// of a range over data, with nothing that bounds how many run at once: no <c>SetLimit</c>, no semaphore
    /// (<c>sem.Acquire</c>, a send into a channel used as one), no worker pool. A large input starts as many goroutines.
    /// </summary>
    public sealed class UnboundedConcurrency : IRule
    {
        public string RuleId => RuleIds.UnboundedConcurrency;

        /// <summary>A send into a channel used as a semaphore (<c>sem &lt;- struct{}{}</c>, <c>tokens &lt;- true</c>).</summary>
        private static readonly Regex SemaphoreSend = new(@"(?i)\b\w*(sem|limit|token|slot|throttle|guard|concurren|worker|pool)\w*\s*<-|<-\s*struct\s*\{\s*\}\s*\{\s*\}",
            RegexOptions.CultureInvariant);

        public void Check(FileAudit audit)
        {
            var model = audit.Model;
            foreach (var call in model.Calls)
            {
                if (call.Loop is not { IterableText: { } items } loop || loop.ConstantRange != null || loop.AtMost == 1) continue;
                bool task = call.Method == "Go" && audit.Knowledge.ReceiverKind(call) == GoTables.ErrGroup;
                if (!call.IsSpawned && !task) continue;
                var fn = call.Function;
                if (GoKnowledge.KindOf(fn, items) == GoTables.IntKind || Limited(model, fn, loop) || OverRegisteredParts(items)) continue;
                audit.Report(RuleIds.UnboundedConcurrency, fn, call.StartByte, call.EndByte,
                    "Unbounded concurrency: " + (task ? call.Written + "()" : "a goroutine") + " is started for every item of " + items + " in " + fn.Describe()
                    + ", with no limit on how many run at once",
                    audit.Knowledge.Advice.UnboundedFanOut);
            }
        }

        /// <summary>
        /// <c>for _, hn := range hs.getHandlers(ev)</c>, <c>range d.handlersFor(ev)</c>, <c>range s.hooks</c>: the program's own parts,
        /// as many as it registered (the head noun of the name, before a closing <c>For</c>/<c>Of</c>) — a goroutine each is a
        /// dispatch to them, not a fan-out over data.
        /// </summary>
        private static bool OverRegisteredParts(string items)
        {
            int call = items.IndexOf('(');
            string name = call < 0 ? items : items.Substring(0, call);
            var words = CallNames.Words(name.Substring(name.LastIndexOf('.') + 1));
            int head = words.Count - 1;
            if (head > 0 && words[head].Value is "For" or "Of") head--;
            return head >= 0 && CallNames.RegisteredParts.Contains(words[head].Value.ToLowerInvariant());
        }

        private static bool Limited(SourceModel model, FunctionModel fn, LoopModel loop)
        {
            foreach (var c in fn.Calls)
            {
                if (c.Method is "SetLimit" or "Acquire" or "TryAcquire" or "Wait" && c.Receiver is { } r && !r.Contains("wg", System.StringComparison.OrdinalIgnoreCase)
                    && (c.Method != "Wait" || r.Contains("limit", System.StringComparison.OrdinalIgnoreCase) || r.Contains("sem", System.StringComparison.OrdinalIgnoreCase)))
                {
                    return true;
                }
            }
            return SemaphoreSend.IsMatch(model.Text.GetText(loop.BodyStartByte, loop.BodyEndByte));
        }
    }
}
