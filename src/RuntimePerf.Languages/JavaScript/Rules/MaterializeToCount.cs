using System;
using RuntimePerf.Engine.Catalog;
using RuntimePerf.Engine.Model;
using RuntimePerf.Languages.Common;

namespace RuntimePerf.Languages.JavaScript.Rules
{
    /// <summary>
    /// RP0003 for a named Set or Map spread into an array only to be counted: <c>[...seen].length</c> where <c>seen</c> holds a
    /// <c>new Set</c>/<c>new Map</c> (or is declared <c>Set&lt;T&gt;</c>/<c>Map&lt;K, V&gt;</c>) — its <c>size</c> needs no copy.
    /// The call forms (<c>[...new Set(xs)].length</c>, <c>Array.from(seen).length</c>, <c>filter(f).length</c>) are the shared
    /// rule's, which this one runs first.
    /// </summary>
    public sealed class MaterializeToCount : ExtendedRule<Languages.Rules.MaterializeToCount>
    {
        protected override void CheckOwn(FileAudit audit)
        {
            var model = audit.Model;
            var utf8 = model.Text.Utf8;
            foreach (var use in model.Uses)
            {
                int after = use.Start + use.Length;
                if (use.Kind != UseKind.Read || use.Start < 4 || !utf8.Slice(after).StartsWith("].length"u8) || !utf8.Slice(use.Start - 4, 4).SequenceEqual("[..."u8)) continue;
                var fn = model.Functions[use.Function];
                string name = model.NameOf(use);
                if (fn.KindAt(name, use.Start) != JavaScriptTables.SizedKind) continue;
                bool hot = fn.IsHandler || InLoop(model, fn, use.Start);
                audit.Report(RuleIds.MaterializeToCount, fn, use.Start - 4, after + 8,
                    "Unnecessary allocation: [..." + name + "].length in " + fn.Describe() + " copies every entry of " + name + " into an array only to count them",
                    "Use " + name + ".size", Confidence.High, hot ? Severity.Medium : Severity.Low);
            }
        }

        private static bool InLoop(SourceModel model, FunctionModel fn, int position)
        {
            foreach (var loop in model.Loops)
            {
                if (loop.Function == fn && loop.BodyContains(position)) return true;
            }
            return false;
        }
    }
}
