using System;
using System.Text;
using RuntimePerf.Languages.Common;

namespace RuntimePerf.Languages.JavaScript
{
    /// <summary>
    /// Whether an argument has the same value on every iteration of a loop: a string literal, a name neither the loop nor its
    /// callback binds or assigns, <c>this.x</c>, <c>import.meta.url</c>, <c>process.cwd()</c>, <c>path.join</c>/<c>resolve</c> or
    /// <c>new URL</c> of such values, and (for patterns) a <c>+</c>
    /// chain or template literal built only from them.
    /// </summary>
    internal static class LoopInvariance
    {
        /// <param name="functionCalls">Also a call of a function of the file or an import with invariant arguments (for a regex
        /// pattern, <c>escapeRegExp(term)</c>; not for a path, which a call like <c>tmpNameSync(options)</c> makes anew each time).</param>
        public static bool Invariant(SourceModel model, FunctionModel fn, LoopModel loop, ArgumentModel arg, bool functionCalls = false)
        {
            switch (arg.Shape)
            {
                case Shape.String:
                    return true;
                case Shape.Name:
                case Shape.Member:
                    return arg.Text is { } text && InvariantOperand(model, fn, loop, text);
                case Shape.Call:
                    return model.CallAt(arg.StartByte, arg.EndByte) is { } inner && InvariantCall(model, fn, loop, inner, functionCalls);
                default:
                    return false;
            }
        }

        /// <summary>
        /// path.join(dir, 'x'), escapeRegExp(term), _.escapeRegExp(term): given only invariant values (at least one: a call of
        /// nothing, like Date.now() or next(), may answer anew each time; a method of a local object may read state the loop changes).
        /// </summary>
        private static bool InvariantCall(SourceModel model, FunctionModel fn, LoopModel loop, CallModel inner, bool functionCalls)
        {
            if (IsStableCall(inner)) return true;
            if (functionCalls && TextMethodOfInvariant(model, fn, loop, inner)) return true;
            if (inner.Arguments.Count == 0 || !(inner.Resolved is { } builder && JavaScriptTables.PathBuilders.Contains(builder))
                && !(functionCalls && PlainFunction(fn, inner.Written))) return false;
            foreach (var a in inner.Arguments)
            {
                // path.join(process.cwd(), 'x'): a stable call inside, but no deeper building
                if (a.Shape == Shape.Call ? model.CallAt(a.StartByte, a.EndByte) is not { } nested || !IsStableCall(nested) : !Invariant(model, fn, loop, a)) return false;
            }
            return true;
        }

        /// <summary>
        /// <c>'^id:' + taskId</c>, <c>`&lt;${tag}&gt;`</c>: every operand of the <c>+</c> chain, and every <c>${…}</c> of a template,
        /// is a string literal, an invariant name or an invariant call (<see cref="InvariantCall"/>; an index anywhere makes it unknown).
        /// </summary>
        public static bool InvariantConcatenation(SourceModel model, FunctionModel fn, LoopModel loop, ArgumentModel arg)
        {
            if (arg.Text is not { } text || arg.Shape is not (Shape.Other or Shape.InterpolatedString)) return false;
            int i = 0, operands = 0;
            while (i < text.Length)
            {
                while (i < text.Length && text[i] == ' ') i++;
                if (i >= text.Length) return false;
                char c = text[i];
                if (c is '\'' or '"' or '`')
                {
                    int close = i + 1;
                    for (; close < text.Length && text[close] != c; close++)
                    {
                        if (text[close] == '\\') close++;
                        else if (c == '`' && text[close] == '$' && close + 1 < text.Length && text[close + 1] == '{')
                        {
                            int end = text.IndexOf('}', close);
                            if (end < 0 || !InvariantOperand(model, fn, loop, text.Substring(close + 2, end - close - 2).Trim())) return false;
                            close = end;
                        }
                    }
                    if (close >= text.Length) return false;
                    i = close + 1;
                }
                else
                {
                    int end = i;
                    while (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] is '_' or '$' or '.')) end++;
                    if (end == i) return false;
                    if (end < text.Length && text[end] == '(')
                    {
                        // keywords.join('|'), glob.replace(/\*/g, '.*'): a text method of an invariant name; '\\b' + escapeRe(term):
                        // a function of the file or an import given invariant values
                        int close = ClosingParenthesis(text, end);
                        if (close < 0) return false;
                        int from = arg.StartByte + Encoding.UTF8.GetByteCount(text.AsSpan(0, i));
                        int to = from + Encoding.UTF8.GetByteCount(text.AsSpan(i, close + 1 - i));
                        if (model.CallAt(from, to) is not { } call || !InvariantCall(model, fn, loop, call, functionCalls: true)) return false;
                        end = close + 1;
                    }
                    else if (!InvariantOperand(model, fn, loop, text.Substring(i, end - i))) return false;
                    i = end;
                }
                operands++;
                while (i < text.Length && text[i] == ' ') i++;
                if (i == text.Length) return operands > 1 || c == '`';
                if (text[i] != '+') return false;
                i++;
            }
            return false;
        }

        /// <summary>
        /// <c>keywords.join('|')</c>, <c>glob.replace(/\*/g, '.*')</c>, <c>name.toLowerCase()</c>: a method that only computes a new
        /// string from its receiver (<see cref="JavaScriptTables.TextMethods"/>), called on an invariant name with literal or
        /// invariant arguments: the same text on every iteration.
        /// </summary>
        private static bool TextMethodOfInvariant(SourceModel model, FunctionModel fn, LoopModel loop, CallModel call)
        {
            if (call.Method is not { } m || !JavaScriptTables.TextMethods.Contains(m) || call.ReceiverCall != null
                || call.Receiver is not { } receiver || !InvariantOperand(model, fn, loop, receiver)) return false;
            // parts.join('|') while the loop pushes to parts: a different text each time
            foreach (var other in model.Calls)
            {
                if (other.StartByte >= loop.StartByte && other.StartByte < loop.EndByte && other.Receiver == receiver
                    && other.Method is { } changes && JavaScriptTables.MutatingMethods.Contains(changes)) return false;
            }
            foreach (var a in call.Arguments)
            {
                bool literal = a.Shape is Shape.String or Shape.Number || a.Text is ['/', .., _] regex && regex.LastIndexOf('/') > 0;
                if (!literal && !(a.Shape is Shape.Name or Shape.Member && a.Text is { } t && InvariantOperand(model, fn, loop, t))) return false;
            }
            return true;
        }

        /// <summary>The index of the <c>)</c> that closes the <c>(</c> at <paramref name="open"/>, skipping quoted text; -1 if none.</summary>
        private static int ClosingParenthesis(string text, int open)
        {
            int depth = 0;
            for (int i = open; i < text.Length; i++)
            {
                char c = text[i];
                if (c == '\\') { i++; continue; }
                if (c is '\'' or '"' or '`')
                {
                    int close = i + 1;
                    while (close < text.Length && text[close] != c) close += text[close] == '\\' ? 2 : 1;
                    if (close >= text.Length) return -1;
                    i = close;
                }
                else if (c == '(') depth++;
                else if (c == ')' && --depth == 0) return i;
            }
            return -1;
        }

        private static bool PlainFunction(FunctionModel fn, string callee)
        {
            int dot = callee.IndexOf('.');
            return dot < 0 ? SourceModel.IsPlainName(callee) && (fn.ImportTarget(callee) != null || fn.File.DefinesFunctionVisibleFrom(callee, fn))
                : JavaScriptModelBuilder.IsDotted(callee) && fn.ImportTarget(callee.Substring(0, dot)) != null;
        }

        /// <summary><c>process.cwd()</c>, <c>os.homedir()</c>: a call of nothing that answers the same for the whole run.</summary>
        private static bool IsStableCall(CallModel call) =>
            call.Arguments.Count == 0 && call.Resolved is { } r && JavaScriptTables.StableCalls.Contains(r) && !JavaScriptKnowledge.Shadowed(call, r);

        private static bool InvariantOperand(SourceModel model, FunctionModel fn, LoopModel loop, string text) =>
            text is "import.meta.url" or "import.meta.dirname" or "import.meta.filename"
            || JavaScriptModelBuilder.IsDotted(text)
            && (text.StartsWith("this.", StringComparison.Ordinal) || InvariantName(model, fn, loop, text.IndexOf('.') is var dot && dot > 0 ? text.Substring(0, dot) : text));

        /// <summary>Bound outside the loop (not its variable, not a callback parameter) and never assigned inside it.</summary>
        private static bool InvariantName(SourceModel model, FunctionModel fn, LoopModel loop, string name) =>
            name is "__dirname" or "__filename" || LoopBindings.Unchanged(model, fn, loop, name);
    }
}
