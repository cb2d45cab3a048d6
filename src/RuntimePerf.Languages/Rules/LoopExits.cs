using System;
using RuntimePerf.Engine.Model;
using RuntimePerf.Languages.Common;

namespace RuntimePerf.Languages.Rules
{
    /// <summary>Where a loop's body leaves the loop right after an expression, so the expression runs once per run of the loop.</summary>
    internal static class LoopExits
    {
        /// <summary>
        /// <c>answer = names[lowered.index(answer)]</c> then <c>break</c> (RP0017), <c>uid += line[4:]</c> then <c>break</c> (RP0004): a
        /// <c>break</c>, <c>return</c> or <c>raise</c> follows the expression [<paramref name="start"/>, <paramref name="end"/>) in its own
        /// block, with no <c>continue</c> between, so whenever it runs the loop ends — once per run of the loop.
        /// A <c>break</c> counts only when no loop of the function encloses this one (an outer pass would search again).
        /// </summary>
        public static bool EndsLoopAfter(SourceModel model, FunctionModel fn, int start, int end, LoopModel loop)
        {
            if (loop.Kind == LoopKind.Comprehension) return false;
            foreach (var st in model.Statements)
            {
                if (st.Function != fn || st.StartByte < end || !loop.BodyContains(st.StartByte)) continue;
                if (st.Kind == StatementKind.Continue) return false;
                if (st.Kind is not (StatementKind.Break or StatementKind.Return or StatementKind.Raise) || st.Kind == StatementKind.Break && loop.Parent != null) continue;
                // an if without braces (if (hit) return x;) holds its statement in a branch, not in the search's block
                return InSameBlock(model, start, end, st.StartByte)
                    && ExpensiveObject.InnermostBranch(model, fn, loop, start) == ExpensiveObject.InnermostBranch(model, fn, loop, st.StartByte);
            }
            return false;
        }

        /// <summary>
        /// The statement at <paramref name="statement"/> is in the block of the expression [<paramref name="start"/>, <paramref name="end"/>),
        /// at its level: no brace closes or stays open between them (Python: the statement's line is indented as the expression's,
        /// no line between is indented less, and it is a later line) — not in an <c>if</c>'s body, an <c>else</c> or an <c>except</c>.
        /// </summary>
        public static bool InSameBlock(SourceModel model, int start, int end, int statement)
        {
            var utf8 = model.Text.Utf8;
            if (model.Language != Language.Python)
            {
                int depth = 0;
                foreach (byte c in utf8.Slice(end, statement - end))
                {
                    if (c == (byte)'{') depth++;
                    else if (c == (byte)'}' && --depth < 0) return false;
                }
                return depth == 0;
            }
            int line = LineStart(utf8, start), target = LineStart(utf8, statement);
            if (target <= line) return false;
            int indent = Indent(utf8, line);
            if (Indent(utf8, target) != indent) return false;
            // every line between, blank lines and comments aside, is indented at least as much: none leaves the block
            for (int i = line; ;)
            {
                int next = utf8.Slice(i).IndexOf((byte)'\n');
                if (next < 0) return false;
                i += next + 1;
                if (i >= target) return true;
                int width = Indent(utf8, i);
                if (width < indent && i + width < utf8.Length && utf8[i + width] is not ((byte)'\n' or (byte)'\r' or (byte)'#')) return false;
            }
        }

        private static int LineStart(ReadOnlySpan<byte> utf8, int position) => utf8.Slice(0, position).LastIndexOf((byte)'\n') + 1;

        private static int Indent(ReadOnlySpan<byte> utf8, int lineStart)
        {
            int i = lineStart;
            while (i < utf8.Length && utf8[i] is (byte)' ' or (byte)'\t') i++;
            return i - lineStart;
        }
    }
}
