using System;
using RuntimePerf.Engine.Catalog;
using RuntimePerf.Engine.Model;
using RuntimePerf.Languages.Common;

namespace RuntimePerf.Languages.JavaScript.Rules
{
    /// <summary>
    /// RP0003 for a named Set or Map spread into an array only to be counted: <c>[...seen].length</c> where <c>seen</c> holds a
    /// <c>new Set</c>/<c>new Map</c> (or is declared <c>Set&lt;T&gt;</c>/<c>Map&lt;K, V&gt;</c>) — its <c>size</c> needs no copy; so do
    /// its <c>keys()</c>, <c>values()</c> or <c>entries()</c> spread or passed to <c>Array.from</c> only to be counted
    /// (<c>[...m.keys()].length</c>, <c>Array.from(m.values()).length</c>). The call forms (<c>[...new Set(xs)].length</c>,
    /// <c>Array.from(seen).length</c>, <c>filter(f).length</c>) are the shared rule's, which this one runs first.
    /// </summary>
    public sealed class MaterializeToCount : ExtendedRule<Languages.Rules.MaterializeToCount>
    {
        /// <summary>What may follow the name inside the copy: nothing, or one of a Set's or Map's iterators (as UTF-8, compared in place).</summary>
        private static readonly byte[][] Iterators = { Array.Empty<byte>(), ".keys()"u8.ToArray(), ".values()"u8.ToArray(), ".entries()"u8.ToArray() };

        protected override void CheckOwn(FileAudit audit)
        {
            var model = audit.Model;
            var utf8 = model.Text.Utf8;
            foreach (var use in model.Uses)
            {
                if (use.Kind != UseKind.Read || use.Start < 4) continue;
                int after = use.Start + use.Length;
                var (start, end) = CountedCopy(utf8, use.Start, after);
                if (start < 0) continue;
                var fn = model.Functions[use.Function];
                string name = model.NameOf(use);
                if (fn.KindAt(name, use.Start) != JavaScriptTables.SizedKind) continue;
                bool hot = fn.IsHandler || InLoop(model, fn, use.Start);
                string copy = model.Text.GetText(start, end);
                audit.Report(RuleIds.MaterializeToCount, fn, start, end,
                    "Unnecessary allocation: " + copy + " in " + fn.Describe() + " copies every entry of " + name + " into an array only to count them",
                    "Use " + name + ".size", Confidence.High, hot ? Severity.Medium : Severity.Low);
            }
        }

        /// <summary>
        /// The span of <c>[...name].length</c>, <c>[...name.keys()].length</c> or <c>Array.from(name.values()).length</c> around the
        /// name at <paramref name="start"/>..<paramref name="after"/>, or (-1, -1). (<c>Array.from(name).length</c> is the shared rule's.)
        /// </summary>
        private static (int Start, int End) CountedCopy(ReadOnlySpan<byte> utf8, int start, int after)
        {
            foreach (byte[] iterator in Iterators)
            {
                var rest = utf8.Slice(after);
                if (!rest.StartsWith(iterator)) continue;
                rest = rest.Slice(iterator.Length);
                if (rest.StartsWith("].length"u8) && utf8.Slice(start - 4, 4).SequenceEqual("[..."u8))
                {
                    return (start - 4, after + iterator.Length + 8);
                }
                if (iterator.Length > 0 && rest.StartsWith(").length"u8) && start >= 11 && utf8.Slice(start - 11, 11).SequenceEqual("Array.from("u8))
                {
                    return (start - 11, after + iterator.Length + 8);
                }
            }
            return (-1, -1);
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
