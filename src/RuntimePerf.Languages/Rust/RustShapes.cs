using System;
using System.Collections.Generic;
using RuntimePerf.Languages.Common;

namespace RuntimePerf.Languages.Rust
{
    /// <summary>The Rust grammar's expression node types in the shared model's words.</summary>
    internal static class RustShapes
    {
        private static readonly Dictionary<string, Shape> ByType = new(StringComparer.Ordinal)
        {
            ["identifier"] = Shape.Name,
            ["self"] = Shape.Name,
            ["field_expression"] = Shape.Member,
            ["scoped_identifier"] = Shape.Member,
            ["call_expression"] = Shape.Call,
            ["index_expression"] = Shape.Subscript,
            ["string_literal"] = Shape.String,
            ["raw_string_literal"] = Shape.String,
            ["integer_literal"] = Shape.Number,
            ["float_literal"] = Shape.Number,
            ["array_expression"] = Shape.ListLiteral,
            ["closure_expression"] = Shape.Function,
            ["async_block"] = Shape.Function,
        };

        public static Shape Of(string type) => ByType.TryGetValue(type, out var shape) ? shape : Shape.Other;
    }
}
