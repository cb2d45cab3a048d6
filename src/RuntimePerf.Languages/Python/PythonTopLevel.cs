using System;
using System.Collections.Generic;

namespace RuntimePerf.Languages.Python
{
    /// <summary>
    /// Where top-level statements start in Python text, found by a light scan instead of a parse: a line that starts in
    /// column 0 outside any string, bracket or backslash continuation, that is not a comment, not a clause of the
    /// statement before (<c>else</c>, <c>elif</c>, <c>except</c>, <c>finally</c>) and not a definition under a decorator.
    /// f-strings that nest their own quotes can fool it; <see cref="Common.FileParts"/> catches that in the parse.
    /// </summary>
    internal static class PythonTopLevel
    {
        private static readonly string[] Clauses = { "else", "elif", "except", "finally" };

        public static IReadOnlyList<int> Starts(ReadOnlySpan<byte> s)
        {
            var starts = new List<int>();
            int depth = 0;
            bool lineStart = true, continued = false, underDecorator = false;
            int i = 0;
            while (i < s.Length)
            {
                byte c = s[i];
                if (lineStart)
                {
                    lineStart = false;
                    if (depth == 0 && !continued && StartsStatement(s, i))
                    {
                        if (!underDecorator && !IsClause(s, i)) starts.Add(i);
                        underDecorator = c == (byte)'@';
                    }
                    continued = false;
                }
                switch (c)
                {
                    case (byte)'\n':
                        lineStart = true;
                        break;
                    case (byte)'#':
                        int eol = s[i..].IndexOf((byte)'\n');
                        i = eol < 0 ? s.Length : i + eol;
                        continue;
                    case (byte)'\\':
                        // A backslash at the end of a line joins the next line to this statement.
                        int after = i + 1 < s.Length && s[i + 1] == (byte)'\r' ? i + 2 : i + 1;
                        if (after < s.Length && s[after] == (byte)'\n')
                        {
                            continued = true;
                            lineStart = true;
                            i = after + 1;
                            continue;
                        }
                        break;
                    case (byte)'(' or (byte)'[' or (byte)'{':
                        depth++;
                        break;
                    case (byte)')' or (byte)']' or (byte)'}':
                        if (depth > 0) depth--;
                        break;
                    case (byte)'\'' or (byte)'"':
                        i = AfterString(s, i);
                        continue;
                }
                i++;
            }
            return starts;
        }

        private static bool StartsStatement(ReadOnlySpan<byte> s, int i) =>
            s[i] is not ((byte)' ' or (byte)'\t' or (byte)'\f' or (byte)'\r' or (byte)'\n' or (byte)'#' or (byte)')' or (byte)']' or (byte)'}');

        private static bool IsClause(ReadOnlySpan<byte> s, int i)
        {
            foreach (string clause in Clauses)
            {
                int end = i + clause.Length;
                if (end <= s.Length && Matches(s[i..end], clause) && (end == s.Length || !IsNameByte(s[end]))) return true;
            }
            return false;
        }

        private static bool Matches(ReadOnlySpan<byte> bytes, string word)
        {
            for (int k = 0; k < word.Length; k++) if (bytes[k] != word[k]) return false;
            return true;
        }

        private static bool IsNameByte(byte b) => b == '_' || b >= 0x80 || char.IsAsciiLetterOrDigit((char)b);

        /// <summary>The offset after the string literal whose quote is at <paramref name="i"/> (prefixes are names, read before).
        /// A one-line string ends at the end of its line if unclosed; a backslash always takes the next byte with it.</summary>
        private static int AfterString(ReadOnlySpan<byte> s, int i)
        {
            byte quote = s[i];
            bool triple = i + 2 < s.Length && s[i + 1] == quote && s[i + 2] == quote;
            int j = i + (triple ? 3 : 1);
            while (j < s.Length)
            {
                byte b = s[j];
                if (b == (byte)'\\') j += 2;
                else if (b == quote && (!triple || (j + 2 < s.Length && s[j + 1] == quote && s[j + 2] == quote))) return j + (triple ? 3 : 1);
                else if (b == (byte)'\n' && !triple) return j;
                else j++;
            }
            return s.Length;
        }
    }
}
