using System;
using System.Collections.Generic;
using RuntimePerf.Engine.Catalog;
using RuntimePerf.Engine.Model;
using RuntimePerf.Languages.Common;

namespace RuntimePerf.Languages.Rules
{
    /// <summary>
    /// RP0004: <c>s += …</c> / <c>s = s + …</c> on a string initialised before the loop, inside a <c>for</c>/<c>while</c>
    /// loop that the string outlives.
    /// </summary>
    public sealed class StringConcatInLoop : IRule
    {
        public string RuleId => RuleIds.StringConcatInLoop;

        public void Check(FileAudit audit)
        {
            var model = audit.Model;
            // One finding per string: its first append in the loops it outlives (a pattern translated char by char may append in ten places).
            HashSet<(FunctionModel, string, int)>? reported = null;
            foreach (var update in model.Updates)
            {
                if (update.Loop is not { } loop || loop.Kind == LoopKind.Comprehension) continue;
                if (update.Kind == UpdateKind.Augmented && update.Operator != "+=") continue;
                var fn = update.Function;
                // the binding in effect when the loop starts: `result = result[:-2]` after the loop makes it something else only then
                if (fn.Lookup(update.Name).Owner != fn || fn.Locals.KindAt(update.Name, loop.StartByte) != ValueKinds.String) continue;
                int init = LastWriteBefore(model, update.Name, fn, loop.StartByte);
                // uid += line[4:]; break: appended once per run of the loop
                if (init < 0 || WrittenInBody(model, update, loop) || LoopExits.EndsLoopAfter(model, fn, update.StartByte, update.EndByte, loop)) continue;
                var outermost = loop;
                while (outermost.Parent is { } parent) outermost = parent;
                if (!(reported ??= new()).Add((fn, update.Name, LastWriteBefore(model, update.Name, fn, outermost.StartByte)))) continue;
                if (audit.Knowledge.StringsAreRopes && !ReadInLoop(model, update, loop)) continue;
                // The loops the string outlives: small fixed loops only → LOW.
                bool overData = false;
                for (var l = loop; l != null && l.StartByte > init; l = l.Parent)
                {
                    // a literal of constants (`for i in (0, 1)`) is as fixed as a small range
                    if (!l.OverConstants && (l.ConstantRange is not { } n || n > 16)) overData = true;
                }
                audit.Report(RuleIds.StringConcatInLoop, fn, update.StartByte, update.EndByte,
                    "String concatenation in a loop: " + update.Name + " is extended with " + (update.Operator == "+=" ? "+" : update.Operator) + " on every iteration in " + fn.Describe()
                    + ", copying the whole string each time",
                    audit.Knowledge.Advice.StringConcatInLoop,
                    Confidence.Medium, overData ? Severity.Medium : Severity.Low);
            }
        }

        /// <summary>Start of the last write of <paramref name="name"/> in <paramref name="fn"/> before <paramref name="end"/>, or -1.</summary>
        private static int LastWriteBefore(SourceModel model, string name, FunctionModel fn, int end)
        {
            int last = -1;
            foreach (var use in model.UsesOf(name, fn, fn.StartByte, end))
            {
                if (use.Kind == UseKind.Write) last = use.Start;
            }
            return last;
        }

        /// <summary>
        /// The string is read in the loop body other than by its own appends (or for its <c>.length</c>, which a rope knows): each
        /// such read flattens the rope, copying everything built so far.
        /// </summary>
        private static bool ReadInLoop(SourceModel model, UpdateModel update, LoopModel loop)
        {
            var utf8 = model.Text.Utf8;
            for (int i = model.FirstUseAt(loop.BodyStartByte); i < model.Uses.Count && model.Uses[i].Start < loop.BodyEndByte; i++)
            {
                var use = model.Uses[i];
                if (use.Kind != UseKind.Read || !model.NameIs(use, update.Name)) continue;
                int after = use.Start + use.Length;
                if (utf8.Slice(after).StartsWith(".length"u8) || IsAlias(utf8, use.Start, after) || ComparedWithEmpty(utf8, after) || TestedForTruth(utf8, use.Start, after)) continue;
                // s = s + x: that s is the append itself; a read of it inside one (s += s.endsWith('<') ? … : …), or handed to a
                // call (s += checksum(s)), flattens like any other
                if (InAppend(model, update, use.Start) && !(after < utf8.Length && utf8[after] is (byte)'.' or (byte)'[') && !IsArgument(utf8, use.Start)) continue;
                if (LeavesWith(model, update.Function, use.Start) || ReadAsItReturns(model, update.Function, use.Start, loop)) continue;
                return true;
            }
            return false;
        }

        /// <summary><c>return s</c>, <c>throw new Error(s)</c> of the loop's own function: read once, as the loop ends.</summary>
        private static bool LeavesWith(SourceModel model, FunctionModel fn, int position)
        {
            foreach (var st in model.Statements)
            {
                if (st.Kind is StatementKind.Return or StatementKind.Raise && st.Function == fn && position >= st.StartByte && position < st.EndByte) return true;
            }
            return false;
        }

        /// <summary>
        /// <c>if (passed[c] !== undefined) { const head = s.slice(0, k); return head + …; }</c>: the read is in the part of an if
        /// (or its else) whose last statement returns or throws from the loop's function, so it runs once, as the loop is left
        /// (nerdamer's repeating decimals). Not a part that may go on to the next pass.
        /// </summary>
        private static bool ReadAsItReturns(SourceModel model, FunctionModel fn, int position, LoopModel loop)
        {
            if (ExpensiveObject.InnermostBranch(model, fn, loop, position, ifsOnly: true) is not { } innermost) return false;
            int end = innermost.AlternativeStartByte >= 0 && position < innermost.AlternativeStartByte ? innermost.AlternativeStartByte : innermost.EndByte;
            foreach (var st in model.Statements)
            {
                if (st.Kind is not (StatementKind.Return or StatementKind.Raise) || st.Function != fn || st.StartByte < position || st.EndByte > end) continue;
                // only the part's closing braces after it
                if (model.Text.GetText(st.EndByte, end).AsSpan().Trim(" \t\r\n;}".AsSpan()).IsEmpty) return true;
            }
            return false;
        }

        /// <summary><c>if (value !== '')</c>: a test for the empty string reads only the length, so it flattens nothing.</summary>
        private static bool ComparedWithEmpty(ReadOnlySpan<byte> utf8, int after)
        {
            var rest = utf8.Slice(after).TrimStart(" "u8);
            foreach (var op in EqualityOperators)
            {
                if (!rest.StartsWith(op)) continue;
                var operand = rest.Slice(op.Length).TrimStart(" "u8);
                if (!operand.StartsWith("''"u8) && !operand.StartsWith("\"\""u8)) return false;
                // the empty literal is the whole operand (not '' + p)
                var next = operand.Slice(2).TrimStart(" "u8);
                return next.IsEmpty || next[0] is (byte)')' or (byte)'&' or (byte)'|' or (byte)'?' or (byte)';' or (byte)',' or (byte)':' or (byte)'}' or (byte)'\n' or (byte)'\r';
            }
            return false;
        }

        /// <summary>
        /// <c>if (label)</c>, <c>!s</c>, <c>s &amp;&amp; …</c>, <c>s ? a : b</c>: a string tested for truth is tested for emptiness, which
        /// reads only its length. Not <c>(s || '').includes(x)</c> nor <c>a &amp;&amp; s</c>, whose value may be the string itself.
        /// </summary>
        private static bool TestedForTruth(ReadOnlySpan<byte> utf8, int start, int after)
        {
            var rest = utf8.Slice(after).TrimStart(" \t"u8);
            if (!rest.IsEmpty && rest[0] is (byte)'.' or (byte)'[' or (byte)'(') return false;
            var before = utf8.Slice(0, start).TrimEnd(" \t"u8);
            if (rest.StartsWith("&&"u8)) return true;
            if (rest.Length > 1 && rest[0] == (byte)'?' && rest[1] is not ((byte)'.' or (byte)'?')) return true;
            if (before.EndsWith("!"u8) && !before.EndsWith("!="u8)) return true;
            // if (s), while (s): the whole condition
            if (!before.EndsWith("("u8) || rest.IsEmpty || rest[0] != (byte)')') return false;
            var keyword = before.Slice(0, before.Length - 1).TrimEnd(" \t"u8);
            return EndsWithWord(keyword, "if"u8) || EndsWithWord(keyword, "while"u8);
        }

        /// <summary>The text ends with <paramref name="word"/> as a whole word (<c>if</c>, not <c>motif</c>).</summary>
        private static bool EndsWithWord(ReadOnlySpan<byte> text, ReadOnlySpan<byte> word) =>
            text.EndsWith(word) && (text.Length == word.Length || !IsIdentifierByte(text[text.Length - word.Length - 1]));

        private static bool IsIdentifierByte(byte b) => b is (byte)'_' or (byte)'$' || char.IsLetterOrDigit((char)b);

        private static readonly byte[][] EqualityOperators = { "!=="u8.ToArray(), "==="u8.ToArray(), "!="u8.ToArray(), "=="u8.ToArray() };

        /// <summary><c>prior = s;</c>: copying the reference reads no character, so it flattens nothing.</summary>
        private static bool IsAlias(ReadOnlySpan<byte> utf8, int start, int after)
        {
            int before = start - 1;
            while (before > 0 && utf8[before] is (byte)' ' or (byte)'\t') before--;
            if (before < 1 || utf8[before] != (byte)'=' || utf8[before - 1] is (byte)'=' or (byte)'!' or (byte)'<' or (byte)'>' or (byte)'+') return false;
            while (after < utf8.Length && utf8[after] is (byte)' ' or (byte)'\t') after++;
            return after == utf8.Length || utf8[after] is (byte)';' or (byte)'\n' or (byte)'\r';
        }

        /// <summary>
        /// <c>f(s)</c>, <c>f(a, s)</c>: the name is a call's argument, which reads its characters; not a name in parentheses that
        /// only group (<c>(s += x), (i = j)</c>, <c>(s ? a : b)</c>).
        /// </summary>
        private static bool IsArgument(ReadOnlySpan<byte> utf8, int start)
        {
            int before = start - 1;
            while (before > 0 && utf8[before] is (byte)' ' or (byte)'\t') before--;
            if (before <= 0) return false;
            if (utf8[before] == (byte)'(') return OpensCall(utf8, before);
            if (utf8[before] != (byte)',') return false;
            // the bracket that holds the list the comma is in
            int depth = 0;
            for (int i = before - 1; i >= 0 && before - i < 4096; i--)
            {
                byte c = utf8[i];
                if (c is (byte)')' or (byte)']' or (byte)'}') depth++;
                else if (c is (byte)'(' or (byte)'[' or (byte)'{' && depth-- == 0) return c == (byte)'(' && OpensCall(utf8, i);
            }
            return false;
        }

        /// <summary>The parenthesis at <paramref name="paren"/> opens a call's arguments: a name, <c>)</c> or <c>]</c> right before it, not a keyword.</summary>
        private static bool OpensCall(ReadOnlySpan<byte> utf8, int paren)
        {
            int end = paren;
            if (end == 0) return false;
            byte last = utf8[end - 1];
            if (last is (byte)')' or (byte)']') return true;
            int start = end;
            while (start > 0 && IsIdentifierByte(utf8[start - 1])) start--;
            if (start == end) return false;
            var word = utf8.Slice(start, end - start);
            foreach (var keyword in GroupingKeywords)
            {
                if (word.SequenceEqual(keyword)) return false;
            }
            return true;
        }

        private static readonly byte[][] GroupingKeywords =
        {
            "if"u8.ToArray(), "while"u8.ToArray(), "for"u8.ToArray(), "switch"u8.ToArray(), "return"u8.ToArray(), "typeof"u8.ToArray(),
            "await"u8.ToArray(), "catch"u8.ToArray(), "with"u8.ToArray(), "in"u8.ToArray(), "of"u8.ToArray(), "void"u8.ToArray(),
            "yield"u8.ToArray(), "case"u8.ToArray(), "delete"u8.ToArray(), "new"u8.ToArray(), "throw"u8.ToArray(), "else"u8.ToArray(), "do"u8.ToArray(),
        };

        private static bool InAppend(SourceModel model, UpdateModel update, int position)
        {
            foreach (var other in model.Updates)
            {
                if (other.Name == update.Name && other.Function == update.Function && position >= other.StartByte && position < other.EndByte) return true;
            }
            return false;
        }

        /// <summary>
        /// The name is assigned afresh in the loop body (other than by its appends: <c>s += a; s += "\n"</c> extends it twice),
        /// or is the target of a for-each loop (<c>for (first, text) in rows</c>): it restarts every iteration.
        /// </summary>
        private static bool WrittenInBody(SourceModel model, UpdateModel update, LoopModel loop)
        {
            // an outer loop's target restarts it only per outer pass: the inner loop still extends it
            if (loop.IterableText != null)
            {
                foreach (var use in model.UsesOf(update.Name, update.Function, loop.StartByte, loop.IterableStartByte))
                {
                    if (use.Kind == UseKind.Write) return true;
                }
            }
            foreach (var use in model.UsesOf(update.Name, update.Function, loop.BodyStartByte, loop.BodyEndByte))
            {
                if (use.Kind == UseKind.Write && !IsAppendAt(model, update, use.Start)) return true;
            }
            return false;
        }

        private static bool IsAppendAt(SourceModel model, UpdateModel update, int position)
        {
            foreach (var other in model.Updates)
            {
                if (other.StartByte == position && other.Name == update.Name && other.Function == update.Function) return true;
            }
            return false;
        }
    }
}
