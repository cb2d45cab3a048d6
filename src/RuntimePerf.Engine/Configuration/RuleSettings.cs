using System;
using System.Collections.Generic;
using System.Linq;
using RuntimePerf.Engine.Model;

namespace RuntimePerf.Engine.Configuration
{
    /// <summary>What .editorconfig says about one rule for one file: off, or reported at another severity.</summary>
    public sealed record RuleSetting(bool Off, Severity? Severity)
    {
        /// <summary>
        /// <c>dotnet_diagnostic.RPxxxx.severity</c> (none/silent: off; suggestion, warning, error: LOW, MEDIUM, HIGH) and
        /// <c>runtimeperf.RPxxxx.severity</c> (none, low, medium, high, critical), the latter winning when both are set.
        /// Returns null when neither says anything usable; <paramref name="problem"/> names a value that is not understood.
        /// </summary>
        public static RuleSetting? From(string? dotnetSeverity, string? runtimePerfSeverity, out string? problem)
        {
            problem = null;
            if (!string.IsNullOrWhiteSpace(runtimePerfSeverity))
            {
                string value = runtimePerfSeverity!.Trim().ToLowerInvariant();
                if (value == "none") return new RuleSetting(true, null);
                if (Names.TryParseSeverity(value.ToUpperInvariant(), out var severity)) return new RuleSetting(false, severity);
                problem = $"'{runtimePerfSeverity}' is not none, low, medium, high or critical";
            }
            switch (dotnetSeverity?.Trim().ToLowerInvariant())
            {
                case "none":
                case "silent":
                case "hidden":
                    return new RuleSetting(true, null);
                case "suggestion":
                case "info":
                    return new RuleSetting(false, Model.Severity.Low);
                case "warning":
                    return new RuleSetting(false, Model.Severity.Medium);
                case "error":
                    return new RuleSetting(false, Model.Severity.High);
                default:
                    return null;
            }
        }

        /// <summary>Drops findings of rules turned off for their file and applies severity overrides.</summary>
        public static List<Finding> Apply(IEnumerable<Finding> findings, Func<Finding, RuleSetting?> settingFor)
        {
            var result = new List<Finding>();
            foreach (var f in findings)
            {
                var setting = settingFor(f);
                if (setting == null) result.Add(f);
                else if (!setting.Off) result.Add(setting.Severity is Severity s ? f with { Severity = s } : f);
            }
            return result;
        }
    }
}
