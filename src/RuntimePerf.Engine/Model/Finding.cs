namespace RuntimePerf.Engine.Model
{
    /// <summary>A span in a source file: 1-based lines, 1-based UTF-16 columns, end exclusive column.</summary>
    public sealed record SourceSpan(int Line, int Column, int EndLine, int EndColumn);

    /// <summary>How a finding was silenced in source, and the reason given (empty when none was).</summary>
    public sealed record Suppression(string Kind, string Justification);

    public enum BaselineState { New, Unchanged }

    /// <summary>The <see cref="Suppression.Kind"/> names used in the JSON report.</summary>
    public static class SuppressionKinds
    {
        public const string Pragma = "pragma";
        public const string Attribute = "suppress-message";
        /// <summary>A comment in the language's own idiom: <c># noqa: RP0001</c>, <c>// runtimeperf-ignore RP0009: reason</c>.</summary>
        public const string Inline = "inline";
    }

    /// <summary>One runtime-performance finding (RULES.md "Finding").</summary>
    public sealed record Finding
    {
        public required string RuleId { get; init; }
        public required Severity Severity { get; init; }
        public required Confidence Confidence { get; init; }
        public required Effort Effort { get; init; }
        /// <summary>Path relative to the repository root, with forward slashes.</summary>
        public required string Path { get; init; }
        public required SourceSpan Span { get; init; }
        /// <summary>One sentence naming the exact call and the enclosing function.</summary>
        public required string Issue { get; init; }
        public required string Principle { get; init; }
        public required string Recommendation { get; init; }
        public required CodeContext Context { get; init; }
        public required Language Language { get; init; }
        /// <summary>Name of the enclosing function/method (for fingerprints and messages); empty at top level.</summary>
        public string EnclosingSymbol { get; init; } = "";
        /// <summary>Text of the flagged line, for stable fingerprints; not written to reports.</summary>
        public string LineText { get; init; } = "";
        /// <summary>Stable identity across unrelated edits (see <see cref="Fingerprints"/>).</summary>
        public string Fingerprint { get; init; } = "";
        /// <summary>Set when the code silences this finding (pragma, SuppressMessage…): kept in the JSON, outside score and gate.</summary>
        public Suppression? Suppression { get; init; }
        /// <summary>Set when the audit compared against a baseline: the finding was there already, or is new.</summary>
        public BaselineState? Baseline { get; init; }

        public string Location => Path + ":" + Span.Line.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
