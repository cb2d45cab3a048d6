using System;
using System.Linq;
using RuntimePerf.Engine.Catalog;
using RuntimePerf.Engine.Model;
using RuntimePerf.Languages.Common;

namespace RuntimePerf.Languages.Python.Rules
{
    /// <summary>
    /// RP0022 for Python: <c>out = []</c> (or <c>list()</c>), then a <c>for</c> loop whose whole body is <c>out.append(f(x))</c>
    /// (no <c>else</c>, no other use of <c>out</c> in between or in the item): the list is built by a method call per item
    /// where a comprehension builds it in one expression (ruff's PERF401). Not at module level (it runs once), not over a
    /// constant range of at most 16 items nor a literal of constants in the loop's header (<c>for c in ("a", "b")</c>: as few items as the code wrote),
    /// not an item that awaits (RP0009's concern, and a comprehension would not make it
    /// concurrent).
    /// </summary>
    public sealed class MissingPreallocation : IRule
    {
        public string RuleId => RuleIds.MissingPreallocation;

        public void Check(FileAudit audit)
        {
            var model = audit.Model;
            foreach (var append in model.Calls)
            {
                if (append is not { Method: "append", IsStatement: true, Arguments.Count: 1, Receiver: { } name, Loop: { Kind: LoopKind.For } loop }
                    || append.Arguments[0] is not { Keyword: null, IsSpread: false } item || loop.OnlyStatementStart != append.StartByte
                    || !SourceModel.IsPlainName(name)) continue;
                var fn = append.Function;
                // for i in range(8): a few fixed passes, where the call per item costs nothing worth a rewrite
                if (fn == model.Module || loop.Function != fn || loop.ConstantRange is <= 16 || loop.OverConstants && loop.IterableText is ['(' or '[' or '{', ..] || AwaitsIn(model, append)) continue;
                if (EmptyListBefore(model, fn, loop, name) is not { } created) continue;
                // Nothing reads or changes the list from its creation to the append (the iterable included), nor in the item.
                if (model.UsesOf(name, fn, created.EndByte, append.StartByte).Any() || model.UsesOf(name, fn, item.StartByte, append.EndByte).Any()) continue;
                audit.Report(RuleIds.MissingPreallocation, fn, append.StartByte, append.EndByte,
                    "Missing preallocation: " + name + " starts empty in " + fn.Describe() + " and the loop over " + (loop.IterableText ?? "its items")
                    + " appends one item per pass, a method look-up and call per item to build a list that one expression could build",
                    "Build it with a list comprehension, " + name + " = [… for … in " + (loop.IterableText ?? "…") + "] (or list(map(…))), instead of appending in a loop",
                    Confidence.Medium, Severity.Low);
            }
        }

        /// <summary>
        /// The assignment that makes the list empty just before the loop: the name's last assignment before it, in the same
        /// function and the same block as the loop (so inside every loop around it: a list kept across an outer loop grows
        /// over all of it).
        /// </summary>
        private static AssignmentModel? EmptyListBefore(SourceModel model, FunctionModel fn, LoopModel loop, string name)
        {
            AssignmentModel? last = null, before = null;
            foreach (var a in model.Assignments)
            {
                if (a.StartByte >= loop.StartByte) break;
                if (a.Function == fn && a.Names[0] == name) (before, last) = (last, a);
            }
            // out = [] as a statement of the loop's own block (not in an if, a try or an except: another path may fill it), and not
            // a parameter's default made empty (if items is None: items = [] keeps what the caller passed otherwise)
            if (last == null || last.BlockStart < 0 || last.BlockStart != loop.BlockStart || fn.Parameters.Exists(p => p.Name == name)) return null;
            // a list used and then made anew before this loop is still empty at it
            if (before != null && !model.UsesOf(name, fn, before.EndByte, last.StartByte).Any()) return null;
            bool empty = last.ValueShape == Shape.ListLiteral
                ? model.Text.GetText(last.ValueStartByte, last.ValueEndByte).Equals("[]", StringComparison.Ordinal)
                : last.ValueCall is { Resolved: "list", Arguments.Count: 0 } && !fn.Shadows("list");
            return empty ? last : null;
        }

        private static bool AwaitsIn(SourceModel model, CallModel call)
        {
            foreach (var a in model.Awaits)
            {
                if (a.StartByte >= call.StartByte && a.StartByte < call.EndByte) return true;
            }
            return false;
        }
    }
}
