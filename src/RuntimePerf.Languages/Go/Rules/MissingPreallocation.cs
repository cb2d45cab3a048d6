using System;
using System.Linq;
using RuntimePerf.Engine.Catalog;
using RuntimePerf.Engine.Model;
using RuntimePerf.Languages.Common;
using RuntimePerf.Languages.Rules;

namespace RuntimePerf.Languages.Go.Rules
{
    /// <summary>
    /// RP0022: <c>for _, x := range xs { out = append(out, f(x)) }</c> (or a counted <c>for i := 0; i &lt; n; i++</c>) where <c>out</c> starts empty with no capacity
    /// (<c>var out []T</c>, <c>[]T{}</c>, <c>make([]T, 0)</c>) and every iteration appends once (no condition, break or
    /// continue): the final length is <c>len(xs)</c>, yet the slice is regrown and copied log(n) times.
    /// </summary>
    public sealed partial class MissingPreallocation : IRule
    {
        public string RuleId => RuleIds.MissingPreallocation;

        public void Check(FileAudit audit)
        {
            var model = audit.Model;
            foreach (var a in model.Assignments)
            {
                if (a.ValueCall is not { Resolved: "append", IsLiteral: false } append || a.Names.Count != 1 || a.Names[0] is not { Length: > 0 } name) continue;
                if (append.Arguments.Count != 2 || append.Positional(0)?.Text != name || append.Arguments[1].IsSpread) continue;
                var fn = a.Function;
                // start-up and set-up code (main, init, NewX, what builds a handler) runs once: its appends cost nothing that recurs
                if (a.Loop is not { Kind: LoopKind.For } loop || fn.Kind == FunctionKind.Function && !ExpensiveObject.RunsPerCall(fn)) continue;
                string over;
                if (loop.IterableText is { } iterable && KnownLength(model, fn, loop)) over = "the range over " + iterable;
                else if (loop.Counted is var (counter, bound) && CountKnown(model, fn, loop, counter, bound, name)) (over, iterable) = ("the loop counted by " + bound, bound);
                else continue;
                if (Conditional(model, fn, loop, a, name) || WrittenElsewhere(model, fn, loop, a, name)) continue;
                if (EmptyDeclaration(model, fn, loop, name) is not { } declaration) continue;
                audit.Report(RuleIds.MissingPreallocation, fn, a.StartByte, a.EndByte,
                    "Missing preallocation: " + name + " (declared " + declaration + ") gains one element per iteration of " + over
                    + " in " + fn.Describe() + ", so it is regrown and copied as it fills although its final length is known",
                    "Allocate it with its final capacity before the loop: " + name + " := make([]T, 0, "
                    + (loop.Counted != null && loop.IterableText == null ? iterable : "len(" + iterable + ")") + ")",
                    Confidence.High, Severity.Low);
            }
        }

        /// <summary>
        /// A range over a variable (or an element or part of one) with a length (a slice, a map, a string — len(s) bounds its
        /// runes — or a count), not a channel and not a literal or small constant.
        /// </summary>
        private static bool KnownLength(SourceModel model, FunctionModel fn, LoopModel loop)
        {
            if (loop.ConstantRange is { } n && n <= 16) return false;
            if (loop.IterableShape == Shape.Name)
            {
                string? kind = GoKnowledge.KindOf(fn, loop.IterableText!);
                if (kind is GoTables.ChanKind or "iter.Seq" or "iter.Seq2" || IsFunctionParameter(fn, loop.IterableText!)) return false;
                var assigned = LastAssignment(model, fn, loop.StartByte, loop.IterableText!);
                if (kind == null && MaybeChannel(model, fn, loop, assigned) || SmallLiteral(assigned)) return false;
            }
            if (loop.IterableShape == Shape.Subscript && loop.IterableText is { } part)
            {
                // rows[1:] has a length, rows[:3] a few items; byOwner[owner] ranged with two variables is a slice or a map, with
                // one it may be a channel held in a map (for msg := range subs[topic])
                if (SlicedTo().Match(part) is { Success: true } cut)
                {
                    long.TryParse(cut.Groups["lo"].Value, out long lo); // rows[:3]: from 0
                    return !long.TryParse(cut.Groups["hi"].Value, out long hi) || hi - lo > 16;
                }
                bool sliced = part[(part.LastIndexOf('[') + 1)..].Contains(':');
                return sliced || model.Text.GetText(loop.StartByte, loop.IterableStartByte).Contains(',');
            }
            return loop.IterableShape is Shape.Name or Shape.Member or Shape.Number;
        }

        /// <summary>
        /// <c>ch := c.ListObjects(…)</c> then <c>for info := range ch</c>: one variable over another package's call result of
        /// unknown type receives a channel's elements as often as a map's keys — unless the function indexes it (<c>m[k]</c>).
        /// </summary>
        private static bool MaybeChannel(SourceModel model, FunctionModel fn, LoopModel loop, AssignmentModel? assigned)
        {
            string name = loop.IterableText!;
            if (model.Text.GetText(loop.StartByte, loop.IterableStartByte).Contains(',')) return false;
            if (assigned?.ValueCall is not { IsLiteral: false } call || call.Resolved is "make" or "append") return false;
            var utf8 = model.Text.Utf8;
            foreach (var use in model.UsesOf(name, fn, fn.StartByte, fn.EndByte))
            {
                int after = use.Start + use.Length;
                if (after < utf8.Length && utf8[after] == (byte)'[') return false;
            }
            return true;
        }

        /// <summary><c>rows[:3]</c>, <c>rows[1:4]</c>: a slice cut at constant bounds.</summary>
        [System.Text.RegularExpressions.GeneratedRegex(@"\[\s*(?<lo>\d*)\s*:\s*(?<hi>\d+)\s*\]$", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
        private static partial System.Text.RegularExpressions.Regex SlicedTo();

        /// <summary><c>files := []string{"a", "b"}</c> then a range over it: a handful of items, nothing worth preallocating.</summary>
        private static bool SmallLiteral(AssignmentModel? assigned) =>
            assigned?.ValueCall is { IsLiteral: true, Arguments.Count: > 0 and <= 16 };

        /// <summary>The last assignment of <paramref name="name"/> in <paramref name="fn"/> before <paramref name="before"/>.</summary>
        private static AssignmentModel? LastAssignment(SourceModel model, FunctionModel fn, int before, string name)
        {
            AssignmentModel? last = null;
            foreach (var a in model.Assignments)
            {
                if (a.StartByte >= before) break;
                if (a.Function == fn && a.Names.Contains(name)) last = a;
            }
            return last;
        }

        /// <summary>
        /// A counted loop whose count is set before it starts: the body does not move the counter, the bound is not a small
        /// constant, and it does not depend on the slice being filled.
        /// </summary>
        private static bool CountKnown(SourceModel model, FunctionModel fn, LoopModel loop, string counter, string bound, string name)
        {
            if (long.TryParse(bound, out long n) && n <= 16 || bound.Contains(name, StringComparison.Ordinal)) return false;
            foreach (var use in model.UsesOf(counter, fn, loop.BodyStartByte, loop.BodyEndByte))
            {
                if (use.Kind != UseKind.Read) return false;
            }
            return true;
        }

        /// <summary>A parameter of function type: ranging over it calls an iterator, whose length is unknown.</summary>
        private static bool IsFunctionParameter(FunctionModel fn, string name)
        {
            for (var f = fn; f != null; f = f.Parent)
            {
                foreach (var p in f.Parameters)
                {
                    if (p.Name == name) return p.Annotation?.StartsWith("func", StringComparison.Ordinal) == true;
                }
            }
            return false;
        }

        /// <summary>
        /// The append sits under an if/switch/select in the loop, or the loop body can skip an iteration or end the loop with
        /// the slice partly filled. A <c>return</c> that does not hand the slice back (<c>if err != nil { return nil, err }</c>)
        /// drops it: the slice that survives the loop still has one element per iteration.
        /// </summary>
        private static bool Conditional(SourceModel model, FunctionModel fn, LoopModel loop, AssignmentModel append, string name)
        {
            foreach (var b in model.Branches)
            {
                if (b.Function == fn && loop.BodyContains(b.StartByte) && b.Contains(append.StartByte)) return true;
            }
            foreach (var s in model.Statements)
            {
                if (s.Function != fn || !loop.BodyContains(s.StartByte)) continue;
                if (s.Kind is StatementKind.Break or StatementKind.Continue) return true;
                if (s.Kind == StatementKind.Return && model.UsesOf(name, fn, s.StartByte, s.EndByte).Any()) return true;
            }
            foreach (var inner in model.Loops)
            {
                if (inner != loop && inner.Function == fn && loop.BodyContains(inner.StartByte) && inner.BodyContains(append.StartByte)) return true;
            }
            return false;
        }

        private static bool WrittenElsewhere(SourceModel model, FunctionModel fn, LoopModel loop, AssignmentModel append, string name)
        {
            foreach (var other in model.Assignments)
            {
                if (other != append && other.Function == fn && loop.BodyContains(other.StartByte) && other.Names.Contains(name)) return true;
            }
            return false;
        }

        /// <summary>How the slice was declared before the loop when it starts empty without capacity, else null.</summary>
        private static string? EmptyDeclaration(SourceModel model, FunctionModel fn, LoopModel loop, string name)
        {
            if (LastAssignment(model, fn, loop.StartByte, name) is not { Declares: true } last) return null;
            // Declared outside an enclosing loop: the final length is a sum over that loop, not this loop's count.
            for (var outer = loop.Parent; outer != null; outer = outer.Parent)
            {
                if (outer.StartByte > last.StartByte) return null;
            }
            if (last.DeclaredType is { } type && last.ValueShape == Shape.Other && last.ValueCall == null)
                return type.StartsWith("[]", StringComparison.Ordinal) ? "var " + name + " " + type : null;
            if (last.ValueCall is { IsLiteral: true, Arguments.Count: 0 } literal && literal.Written.StartsWith("[]", StringComparison.Ordinal))
                return literal.Written + "{}";
            if (last.ValueCall is { Resolved: "make", Arguments.Count: 2 } make && make.Positional(0)?.Text is { } t && t.StartsWith("[]", StringComparison.Ordinal)
                && make.Positional(1)?.Text == "0")
                return "make(" + t + ", 0)";
            return null;
        }
    }
}
