using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using RuntimePerf.Engine.Model;

namespace RuntimePerf.Engine.Reports
{
    /// <summary>One result of the C# analyzer as the compiler logged it; <see cref="FilePath"/> is a local absolute path.</summary>
    public sealed record LoggedDiagnostic(
        string RuleId, string Message, string FilePath, SourceSpan Span, IReadOnlyDictionary<string, string?> Properties,
        Suppression? Suppression);

    /// <summary>
    /// Reads a SARIF 2.1.0 log of analyzer results in the shape the C# compiler writes with <c>-errorlog:file,version=2</c>,
    /// which is also the shape of the log the package's analyzer writes for the task. Only results whose rule id starts
    /// with the given prefix are returned; results suppressed in source are there too, marked.
    /// </summary>
    public static class CompilerErrorLog
    {
        public static IReadOnlyList<LoggedDiagnostic> Read(string path, string ruleIdPrefix)
        {
            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(path);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new ReportFormatException(path, "it cannot be read (" + e.Message + ")");
            }
            try
            {
                using var doc = JsonDocument.Parse(bytes);
                var root = doc.RootElement;
                if (Text(root, "version") != "2.1.0") throw new ReportFormatException(path, "it is not a SARIF 2.1.0 log");
                var results = new List<LoggedDiagnostic>();
                foreach (var run in Array(root, "runs"))
                {
                    foreach (var result in Array(run, "results"))
                    {
                        string ruleId = Text(result, "ruleId") ?? "";
                        if (!ruleId.StartsWith(ruleIdPrefix, StringComparison.Ordinal)) continue;
                        if (Read(ruleId, result) is { } logged) results.Add(logged);
                    }
                }
                return results;
            }
            catch (Exception e) when (e is JsonException || e is InvalidOperationException || e is UriFormatException)
            {
                throw new ReportFormatException(path, "it is not a readable SARIF log (" + e.Message + ")");
            }
        }

        private static LoggedDiagnostic? Read(string ruleId, JsonElement result)
        {
            var physical = Array(result, "locations").Select(l => Member(l, "physicalLocation")).FirstOrDefault(p => p.HasValue);
            if (physical is not JsonElement p || Member(p, "artifactLocation") is not JsonElement artifact) return null;
            var suppression = Array(result, "suppressions").Where(s => Text(s, "kind") == "inSource").Select(s =>
            {
                string kind = Member(s, "properties") is JsonElement props && Text(props, "suppressionType") == "SuppressMessageAttribute"
                    ? SuppressionKinds.Attribute : SuppressionKinds.Pragma;
                return new Suppression(kind, Text(s, "justification") ?? "");
            }).FirstOrDefault();
            string? message = Member(result, "message") is JsonElement m ? Text(m, "text") : null;
            if (Text(artifact, "uri") is not string uri || Member(p, "region") is not JsonElement region) return null;
            int line = Int(region, "startLine", 1), column = Int(region, "startColumn", 1);
            var span = new SourceSpan(line, column, Int(region, "endLine", line), Int(region, "endColumn", column));
            var properties = new Dictionary<string, string?>(StringComparer.Ordinal);
            if (Member(result, "properties") is JsonElement bag && Member(bag, "customProperties") is JsonElement custom
                && custom.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in custom.EnumerateObject())
                    properties[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : property.Value.ToString();
            }
            return new LoggedDiagnostic(ruleId, message ?? "", LocalPath(uri), span, properties, suppression);
        }

        private static string LocalPath(string uri) =>
            Uri.TryCreate(uri, UriKind.Absolute, out var absolute) && absolute.IsFile ? absolute.LocalPath : uri;

        private static JsonElement? Member(JsonElement e, string name) =>
            e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : (JsonElement?)null;

        private static string? Text(JsonElement e, string name) =>
            Member(e, name) is JsonElement value && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        private static int Int(JsonElement e, string name, int fallback) =>
            Member(e, name) is JsonElement value && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int n) ? n : fallback;

        private static IEnumerable<JsonElement> Array(JsonElement e, string name) =>
            Member(e, name) is JsonElement value && value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : Enumerable.Empty<JsonElement>();
    }
}
