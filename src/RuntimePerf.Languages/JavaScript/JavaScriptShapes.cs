using System;
using System.Collections.Generic;
using RuntimePerf.Languages.Common;

namespace RuntimePerf.Languages.JavaScript
{
    /// <summary>The JavaScript/TypeScript grammars' expression node types in the shared model's words.</summary>
    internal static class JavaScriptShapes
    {
        private static readonly Dictionary<string, Shape> ByType = new(StringComparer.Ordinal)
        {
            ["identifier"] = Shape.Name,
            ["member_expression"] = Shape.Member,
            ["call_expression"] = Shape.Call,
            ["new_expression"] = Shape.Call,
            ["subscript_expression"] = Shape.Subscript,
            ["string"] = Shape.String,
            ["template_string"] = Shape.InterpolatedString,
            ["number"] = Shape.Number,
            ["array"] = Shape.ListLiteral,
            ["arrow_function"] = Shape.Function,
            ["function_expression"] = Shape.Function,
            ["function"] = Shape.Function,
            ["spread_element"] = Shape.Spread,
        };

        public static Shape Of(string type) => ByType.TryGetValue(type, out var shape) ? shape : Shape.Other;
    }
}
