using RuntimePerf.Engine.Catalog;
using RuntimePerf.Languages.Common;

namespace RuntimePerf.Languages.Go.Rules
{
    /// <summary>
    /// RP0006: <c>[]byte(s)</c>, <c>[]rune(s)</c> or <c>string(b)</c> of a value that does not change in the loop, inside the
    /// loop: the same bytes are allocated and copied again on every iteration. Only a loop-invariant plain name of a known
    /// kind counts, used in the loop for nothing but such conversions (a buffer filled by <c>r.Read(buf)</c> changes between
    /// iterations); <c>string(b)</c> only where its result is kept or passed on (the compiler copies nothing for
    /// <c>m[string(b)]</c>, comparisons and concatenations); <c>[]byte(s)</c> not when handed straight to a <c>bytes</c>
    /// function that only reads it (it does not escape: stack-copied when short, not copied at all since Go 1.22).
    /// </summary>
    public sealed class RedundantCopy : IRule
    {
        public string RuleId => RuleIds.RedundantCopy;

        public void Check(FileAudit audit)
        {
            var model = audit.Model;
            foreach (var call in model.Calls)
            {
                if (call.IsLiteral || call.Function.IsEntryPoint || call.Arguments.Count != 1) continue;
                if (call.Resolved is not { } type || !GoTables.CopyingConversions.TryGetValue(type, out var operandKind)) continue;
                // also in a function literal a loop's pass starts (g.Go(func() error { … string(payload) … }))
                if (GoKnowledge.LoopOf(call, handedOn: true) is not { } loop) continue;
                if (call.Positional(0) is not { Shape: Shape.Name, Text: { } name } || GoKnowledge.KindOf(call.Function, name) != operandKind) continue;
                if (type == "string" && call.ArgumentOf == null && !IsAssigned(model, call)) continue;
                if (type == "[]byte" && call.ArgumentOf?.Resolved is { } reader && GoTables.ByteReaders.Contains(reader)) continue;
                if (!OnlyConverted(model, loop, name, type)) continue;
                audit.Report(RuleIds.RedundantCopy, call.Function, call.StartByte, call.EndByte,
                    "Redundant data copy: " + type + "(" + name + ") converts the same value on every iteration of the loop"
                    + (loop.IterableText is { } items ? " over " + items : "") + " in " + call.Function.Describe() + ", allocating and copying it each time",
                    "Convert it once before the loop (" + name + "Bytes := " + type + "(" + name + ")) and use the result inside it");
            }
        }

        private static bool IsAssigned(SourceModel model, CallModel call)
        {
            foreach (var a in model.Assignments)
            {
                if (a.ValueCall == call) return true;
            }
            return false;
        }

        /// <summary>
        /// Every use of <paramref name="name"/> from the loop's header to its end (nested functions included) is the operand of
        /// a conversion to <paramref name="type"/>: nothing in the loop writes, mutates or hands it to code that might.
        /// </summary>
        private static bool OnlyConverted(SourceModel model, LoopModel loop, string name, string type)
        {
            int uses = 0, conversions = 0;
            foreach (var use in model.UsesIn(loop.StartByte, loop.EndByte))
            {
                if (!model.NameIs(use, name)) continue;
                uses++;
                if (use.Kind == UseKind.Read && IsConversionOperand(model, use, type)) conversions++;
            }
            return uses > 0 && uses == conversions;
        }

        private static bool IsConversionOperand(SourceModel model, NameUse use, string type)
        {
            var function = model.Functions[use.Function];
            foreach (var call in function.Calls)
            {
                if (call.Resolved == type && call.Arguments.Count == 1 && call.Arguments[0].StartByte == use.Start
                    && call.Arguments[0].EndByte == use.Start + use.Length)
                {
                    return true;
                }
            }
            return false;
        }
    }
}
