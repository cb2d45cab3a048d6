namespace RuntimePerf.Engine.Model
{
    /// <summary>Severity of a finding. Order matters: higher value = worse.</summary>
    public enum Severity { Low = 0, Medium = 1, High = 2, Critical = 3 }

    /// <summary>How sure the detector is (RULES.md: HIGH direct, MEDIUM inferred in-repo, LOW depends on outside code).</summary>
    public enum Confidence { Low = 0, Medium = 1, High = 2 }

    public enum Effort { S, M, L }

    /// <summary>Where the flagged code runs; drives severity (a handler freezes every concurrent request).</summary>
    public enum CodeContext { RequestHandler, Background, Sync, Unknown }

    public enum Language { CSharp, Python, JavaScript, TypeScript, Go, Rust }

    /// <summary>Canonical spellings used in reports, diagnostics properties and configuration.</summary>
    public static class Names
    {
        public static string Of(Severity s) => s switch
        {
            Severity.Critical => "CRITICAL",
            Severity.High => "HIGH",
            Severity.Medium => "MEDIUM",
            _ => "LOW",
        };

        public static string Of(Confidence c) => c switch
        {
            Confidence.High => "HIGH",
            Confidence.Medium => "MEDIUM",
            _ => "LOW",
        };

        public static string Of(Effort e) => e.ToString();

        public static string Of(CodeContext c) => c switch
        {
            CodeContext.RequestHandler => "request-handler",
            CodeContext.Background => "background",
            CodeContext.Sync => "sync",
            _ => "unknown",
        };

        public static string Of(Language l) => l switch
        {
            Language.CSharp => "csharp",
            Language.Python => "python",
            Language.JavaScript => "javascript",
            Language.TypeScript => "typescript",
            Language.Go => "go",
            _ => "rust",
        };

        public static bool TryParseSeverity(string? text, out Severity severity) =>
            TryParse(text, new[] { Severity.Low, Severity.Medium, Severity.High, Severity.Critical }, Of, out severity);

        public static bool TryParseConfidence(string? text, out Confidence confidence) =>
            TryParse(text, new[] { Confidence.Low, Confidence.Medium, Confidence.High }, Of, out confidence);

        public static bool TryParseContext(string? text, out CodeContext context) =>
            TryParse(text, new[] { CodeContext.RequestHandler, CodeContext.Background, CodeContext.Sync, CodeContext.Unknown }, Of, out context);

        public static bool TryParseEffort(string? text, out Effort effort) =>
            TryParse(text, new[] { Effort.S, Effort.M, Effort.L }, Of, out effort);

        private static bool TryParse<T>(string? text, T[] values, System.Func<T, string> name, out T result)
        {
            foreach (var v in values)
            {
                if (string.Equals(name(v), text?.Trim(), System.StringComparison.OrdinalIgnoreCase))
                {
                    result = v;
                    return true;
                }
            }
            result = values[0];
            return false;
        }
    }
}
