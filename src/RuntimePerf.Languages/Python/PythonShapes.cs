using System;
using System.Collections.Generic;
using RuntimePerf.Languages.Common;

namespace RuntimePerf.Languages.Python
{
    /// <summary>The Python grammar's expression node types in the shared model's words.</summary>
    internal static class PythonShapes
    {
        private static readonly Dictionary<string, Shape> ByType = new(StringComparer.Ordinal)
        {
            ["identifier"] = Shape.Name,
            ["attribute"] = Shape.Member,
            ["call"] = Shape.Call,
            ["subscript"] = Shape.Subscript,
            ["string"] = Shape.String,
            ["concatenated_string"] = Shape.String,
            ["integer"] = Shape.Number,
            ["float"] = Shape.Number,
            // A tuple or set display is a literal collection too (iterable as it stands).
            ["list"] = Shape.ListLiteral,
            ["tuple"] = Shape.ListLiteral,
            ["set"] = Shape.ListLiteral,
            // Built whole, unlike a generator (which of them a consumer may take instead is the knowledge's call: len() of
            // a set comprehension counts distinct items, which a generator cannot).
            ["list_comprehension"] = Shape.Comprehension,
            ["set_comprehension"] = Shape.Comprehension,
            ["generator_expression"] = Shape.Generator,
            ["lambda"] = Shape.Function,
            ["list_splat"] = Shape.Spread,
            ["dictionary_splat"] = Shape.KeywordSpread,
        };

        public static Shape Of(string type) => ByType.TryGetValue(type, out var shape) ? shape : Shape.Other;

        /// <summary>
        /// A string expression, as written, that is built anew each time it runs: one of its parts has an f prefix (<c>f"…"</c>,
        /// <c>rf'…'</c>, <c>"a/" f"{x}"</c>). Read part by part, prefix then quoted body, so a body's own text (<c>"\f"</c>,
        /// <c>r"[rR]?f'"</c>) is never taken for a prefix.
        /// </summary>
        public static bool IsFormatted(string written)
        {
            int i = 0, n = written.Length;
            while (i < n)
            {
                char c = written[i];
                if (char.IsWhiteSpace(c) || c is '\\' or '(' or ')') { i++; continue; }
                if (c == '#') { while (i < n && written[i] != '\n') i++; continue; }
                int prefixStart = i;
                while (i < n && char.IsAsciiLetter(written[i])) i++;
                if (i >= n || written[i] is not ('"' or '\'')) return false; // not a string part: nothing to read
                if (written.AsSpan(prefixStart, i - prefixStart).IndexOfAny('f', 'F') >= 0) return true;
                char quote = written[i];
                bool triple = i + 2 < n && written[i + 1] == quote && written[i + 2] == quote;
                i += triple ? 3 : 1;
                while (i < n)
                {
                    if (written[i] == '\\') { i += 2; continue; }
                    if (written[i] == quote && (!triple || i + 2 < n && written[i + 1] == quote && written[i + 2] == quote))
                    {
                        i += triple ? 3 : 1;
                        break;
                    }
                    i++;
                }
            }
            return false;
        }
    }
}
