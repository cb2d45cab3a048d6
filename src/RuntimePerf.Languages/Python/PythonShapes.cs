using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
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

        // A part of a string written with an f prefix (f"…", rf'…', Fr"…"), also after other parts ("a/" f"{x}").
        private static readonly Regex FormatPart = new(@"(?<![\w'""])[rR]?[fF][rR]?['""]", RegexOptions.CultureInvariant);

        /// <summary>A string expression, as written, that is built anew each time it runs (an f-string or a part of one).</summary>
        public static bool IsFormatted(string written) => FormatPart.IsMatch(written);
    }
}
