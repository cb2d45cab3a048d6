using System.Collections.Generic;
using RuntimePerf.Engine.Catalog;

namespace RuntimePerf.Engine.Model
{
    /// <summary>
    /// Property names every C# analyzer diagnostic carries. They reach the task unchanged through both channels:
    /// <c>Diagnostic.Properties</c> in the in-task run and <c>properties.customProperties</c> in the analyzer's findings log.
    /// </summary>
    public static class AnalyzerProperties
    {
        public const string Severity = "severity";
        public const string Confidence = "confidence";
        public const string Context = "context";
        public const string Effort = "effort";
        public const string Recommendation = "recommendation";
        public const string Symbol = "symbol";
    }

    /// <summary>One diagnostic of the C# analyzer, from whichever channel reported it, before it becomes a finding.</summary>
    public sealed record AnalyzerDiagnostic(
        string RuleId, string Message, string Path, SourceSpan Span, IReadOnlyDictionary<string, string?> Properties,
        string LineText, Suppression? Suppression)
    {
        public Finding ToFinding()
        {
            var rule = RuleCatalog.Get(RuleId);
            Names.TryParseSeverity(Property(AnalyzerProperties.Severity), out var severity);
            Names.TryParseConfidence(Property(AnalyzerProperties.Confidence), out var confidence);
            Names.TryParseContext(Property(AnalyzerProperties.Context), out var context);
            return new Finding
            {
                RuleId = rule.Id,
                Severity = severity,
                Confidence = confidence,
                Effort = rule.Effort,
                Path = Path,
                Span = Span,
                Issue = Message,
                Principle = rule.Principle,
                Recommendation = Property(AnalyzerProperties.Recommendation),
                Context = context,
                Language = Language.CSharp,
                EnclosingSymbol = Property(AnalyzerProperties.Symbol),
                LineText = LineText,
                Suppression = Suppression,
            };
        }

        private string Property(string key) => Properties.TryGetValue(key, out string? value) ? value ?? "" : "";
    }
}
