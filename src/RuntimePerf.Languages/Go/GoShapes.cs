using System;
using System.Collections.Generic;
using RuntimePerf.Languages.Common;

namespace RuntimePerf.Languages.Go
{
    /// <summary>The Go grammar's expression node types in the shared model's words.</summary>
    internal static class GoShapes
    {
        private static readonly Dictionary<string, Shape> ByType = new(StringComparer.Ordinal)
        {
            ["identifier"] = Shape.Name,
            ["selector_expression"] = Shape.Member,
            ["call_expression"] = Shape.Call,
            ["index_expression"] = Shape.Subscript,
            ["slice_expression"] = Shape.Subscript,
            ["interpreted_string_literal"] = Shape.String,
            ["raw_string_literal"] = Shape.String,
            ["int_literal"] = Shape.Number,
            ["float_literal"] = Shape.Number,
            ["func_literal"] = Shape.Function,
            ["variadic_argument"] = Shape.Spread,
        };

        public static Shape Of(string type) => ByType.TryGetValue(type, out var shape) ? shape : Shape.Other;
    }
}
