using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using RuntimePerf.Engine.Catalog;
using RuntimePerf.Engine.Model;
using RuntimePerf.Languages.Common;
using RuntimePerf.Languages.Rules;

namespace RuntimePerf.Languages.Rust.Rules
{
    /// <summary>
    /// RP0022 for Rust: <c>let mut v = Vec::new();</c> (or <c>vec![]</c>) right before a <c>for</c> loop over a collection
    /// or range whose length is known up front (a range, <c>&amp;xs</c>, <c>xs.iter()</c>, a parameter declared as a slice or Vec), whose body pushes onto <c>v</c> on every pass (not in a branch, no
    /// early exit): the Vec regrows and copies about log2(n) times where one <c>Vec::with_capacity(n)</c> would do.
    /// </summary>
    public sealed class MissingPreallocation : IRule
    {
        public string RuleId => RuleIds.MissingPreallocation;

        /// <summary>Iterables of known length: <c>0..n</c>, <c>&amp;xs</c>, <c>xs.iter()</c>, <c>xs.iter().enumerate()</c>, <c>m.keys()</c>…</summary>
        private static readonly Regex KnownLength = new(
            @"^(?:[\w.]+(?:\(\))?\s*\.\.=?\s*[\w.]+(?:\(\))?|&(?:mut\s+)?[\w.]+|[\w.]+\.(?:iter|iter_mut|into_iter|keys|values|values_mut|bytes)\(\)(?:\.enumerate\(\))?)$",
            RegexOptions.CultureInvariant);

        public void Check(FileAudit audit)
        {
            var model = audit.Model;
            var reported = new HashSet<(LoopModel, string)>();
            foreach (var push in model.Calls)
            {
                if (push.Method != "push" || push.Arguments.Count != 1 || push.IsConditional || push.Receiver is not { } name || !SourceModel.IsPlainName(name)) continue;
                if (push.Loop is not { Kind: LoopKind.For, IterableText: { } iterable } loop) continue;
                var fn = push.Function;
                // main and start-up code fill their few workers or shards once: not a cost per call
                if (fn.Kind == FunctionKind.Function && !ExpensiveObject.RunsPerCall(fn)) continue;
                // for o in orders, orders a parameter declared as a slice or Vec: its length is known too.
                if (!KnownLength.IsMatch(iterable) && !(SourceModel.IsPlainName(iterable) && RustTypes.SequenceParameterItem(fn, iterable, sharedOnly: false) != null)) continue;
                var (binding, owner) = fn.Lookup(name);
                if (owner != fn || binding is not { Kind: ValueKinds.List, Count: 1 } || binding.FirstPosition >= loop.StartByte) continue;
                if (!FreshInSameScope(loop, binding.FirstPosition) || ExitsEarly(model, loop) || UsedBetween(model, fn, name, binding.FirstPosition, loop.StartByte)) continue;
                if (EmptyVecAt(model, fn, binding.FirstPosition) is not { } created || !reported.Add((loop, name))) continue;
                audit.Report(RuleIds.MissingPreallocation, fn, created.StartByte, created.EndByte,
                    "Missing preallocation: " + name + " starts empty in " + fn.Describe() + " and the loop over " + iterable
                    + " pushes one item per pass, so the Vec regrows and copies as it fills although the final length is known",
                    "Use Vec::with_capacity(n) with the loop's length (or collect the mapped iterator: it sizes the Vec once)",
                    Confidence.High, Severity.Low);
            }
        }

        /// <summary>The Vec is created inside every loop that encloses the push loop (it starts empty where the loop starts).</summary>
        private static bool FreshInSameScope(LoopModel loop, int position)
        {
            for (var outer = loop.Parent; outer != null; outer = outer.Parent)
            {
                if (!outer.BodyContains(position)) return false;
            }
            return true;
        }

        private static bool ExitsEarly(SourceModel model, LoopModel loop)
        {
            foreach (var st in model.Statements)
            {
                if (st.Kind != StatementKind.Await && st.Function == loop.Function && loop.BodyContains(st.StartByte)) return true;
            }
            return false;
        }

        private static bool UsedBetween(SourceModel model, FunctionModel fn, string name, int binding, int loopStart)
        {
            foreach (var use in model.UsesOf(name, fn, binding + 1, loopStart)) return true;
            return false;
        }

        /// <summary>The let's value when it is an empty Vec: <c>Vec::new()</c>, <c>Vec::default()</c> or <c>vec![]</c>.</summary>
        private static CallModel? EmptyVecAt(SourceModel model, FunctionModel fn, int binding)
        {
            foreach (var c in fn.Calls)
            {
                if (c.StartByte <= binding) continue;
                if (model.Text.GetPosition(c.StartByte).Line != model.Text.GetPosition(binding).Line) return null;
                if (c.Resolved is "Vec::new" or "std::vec::Vec::new" or "Vec::default" && c.Arguments.Count == 0) return c;
                if (c.Written == "vec!" && model.Text.GetText(c.StartByte, c.EndByte).Replace(" ", "", StringComparison.Ordinal) == "vec![]") return c;
                return null;
            }
            return null;
        }
    }
}
