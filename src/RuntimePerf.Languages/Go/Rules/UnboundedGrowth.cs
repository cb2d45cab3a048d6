using System;
using System.Text.RegularExpressions;
using RuntimePerf.Engine.Catalog;
using RuntimePerf.Engine.Model;
using RuntimePerf.Languages.Common;

namespace RuntimePerf.Languages.Go.Rules
{
    /// <summary>
    /// RP0023: a package-level map used as a cache (written on a request path, or named like a cache) that only grows:
    /// nothing in the file deletes from it, clears or replaces it, or checks its size. It holds every key ever seen for
    /// the life of the process.
    /// </summary>
    public sealed class UnboundedGrowth : IRule
    {
        public string RuleId => RuleIds.UnboundedGrowth;

        private static readonly Regex CacheName = new(@"(?i)(cache|memo|seen|visited|sessions|history)", RegexOptions.CultureInvariant);

        public void Check(FileAudit audit)
        {
            var model = audit.Model;
            foreach (var binding in model.Module.Locals.Bindings.Values)
            {
                if (binding.Kind != GoTables.MapKind || binding.IsConstant) continue;
                NameUse? write = null;
                bool bounded = false;
                foreach (var use in model.Uses)
                {
                    if (use.Function == model.Module.Index || !model.NameIs(use, binding.Name)) continue;
                    var fn = model.Functions[use.Function];
                    if (use.Kind == UseKind.Write || Bounds(model, use)) { bounded = true; break; }
                    if (use.Kind == UseKind.Mutate && !fn.IsEntryPoint && write == null && (fn.IsHandler || CacheName.IsMatch(binding.Name))) write = use;
                }
                if (bounded || write is not { } w || model.Functions[w.Function].Lookup(binding.Name).Owner != model.Module) continue;
                var writer = model.Functions[w.Function];
                audit.Report(RuleIds.UnboundedGrowth, writer, w.Start, w.Start + w.Length,
                    "Unbounded growth: the package-level map " + binding.Name + " gains entries in " + writer.Describe()
                    + " but nothing in the file deletes from it, clears it or checks its size, so it keeps every key for the life of the process",
                    "Bound it: evict (delete) entries past a size or age, use an LRU cache (e.g. github.com/hashicorp/golang-lru), or scope it to the request",
                    Confidence.Low, Severity.Low);
            }
        }

        /// <summary><c>delete(m, k)</c>, <c>clear(m)</c>, <c>len(m)</c>: the map is pruned, reset or its size watched.</summary>
        private static bool Bounds(SourceModel model, NameUse use)
        {
            var text = model.Text.Utf8;
            int i = use.Start - 1;
            while (i >= 0 && text[i] == (byte)' ') i--;
            if (i < 0 || text[i] != (byte)'(') return false;
            int end = i, start = i;
            while (start > 0 && (char.IsAsciiLetter((char)text[start - 1]))) start--;
            string callee = model.Text.GetText(start, end);
            return callee is "delete" or "clear" or "len";
        }
    }
}
