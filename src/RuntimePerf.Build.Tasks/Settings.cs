using System.Globalization;
using System.IO;
using RuntimePerf.Engine.Model;
using RuntimePerf.Engine.Scoring;

namespace RuntimePerf.Build.Tasks
{
    /// <summary>Parses the task's settings; a bad value is one clear message naming the setting and saying what it takes.</summary>
    internal static class Settings
    {
        public const string MinScoreProperty = "RuntimePerfMinScore";
        public const string FailOnHighProperty = "RuntimePerfFailOnHigh";
        public const string MinScoreKey = "runtimeperf.min_score (.editorconfig)";
        public const string FailOnHighKey = "runtimeperf.fail_on_high (.editorconfig)";
        public const string MinRatingProperty = "RuntimePerfMinRating";
        public const string MinRatingKey = "runtimeperf.min_rating (.editorconfig)";

        /// <summary>The default RuntimePerfMaxFileSize: larger non-.NET files are skipped (one notice each).</summary>
        public const long DefaultMaxFileSize = 2 * 1024 * 1024;

        /// <param name="minScoreName">Where <paramref name="minScore"/> came from (the property, or the .editorconfig key).</param>
        public static bool TryParseGate(string? minScore, string minScoreName, string? failOnHigh, string failOnHighName,
            out GateSettings settings, out string error)
        {
            settings = new GateSettings(null, true);
            error = "";
            double? min = null;
            if (!string.IsNullOrWhiteSpace(minScore))
            {
                // Invariant culture: "9.5" must mean 9.5 on a German build agent too.
                if (!double.TryParse(minScore!.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
                    || double.IsNaN(value) || value < 0 || value > 10)
                {
                    error = $"{minScoreName} '{minScore}' is not a number from 0 to 10 (write it with a dot, e.g. 9.5).";
                    return false;
                }
                min = value;
            }
            bool fail = true;
            if (!string.IsNullOrWhiteSpace(failOnHigh) && !bool.TryParse(failOnHigh!.Trim(), out fail))
            {
                error = $"{failOnHighName} '{failOnHigh}' must be true or false.";
                return false;
            }
            settings = new GateSettings(min, fail);
            return true;
        }

        public static bool TryParseGate(string? minScore, string? failOnHigh, out GateSettings settings, out string error) =>
            TryParseGate(minScore, MinScoreProperty, failOnHigh, FailOnHighProperty, out settings, out error);

        /// <summary>The opt-in rating gate (docs/rating.md): a letter A–E, or unset for none.</summary>
        public static bool TryParseRating(string? text, string name, out Rating? rating, out string error)
        {
            rating = null;
            error = "";
            if (string.IsNullOrWhiteSpace(text)) return true;
            if (!SizeRating.TryParse(text, out var parsed))
            {
                error = $"{name} '{text}' must be one of A, B, C, D, E.";
                return false;
            }
            rating = parsed;
            return true;
        }

        /// <summary>RuntimePerfMaxFileSize: bytes, or a number with KB or MB (1024-based); 0 means no limit.</summary>
        public static bool TryParseSize(string? text, out long bytes, out string error)
        {
            bytes = DefaultMaxFileSize;
            error = "";
            if (string.IsNullOrWhiteSpace(text)) return true;
            string t = text!.Trim().ToUpperInvariant();
            long unit = t.EndsWith("MB") ? 1024 * 1024 : t.EndsWith("KB") ? 1024 : 1;
            if (unit > 1) t = t.Substring(0, t.Length - 2).Trim();
            if (!long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out long n) || n > long.MaxValue / unit)
            {
                error = $"RuntimePerfMaxFileSize '{text}' is not a size: write bytes (2097152) or KB/MB (2MB); 0 turns the limit off.";
                return false;
            }
            bytes = n * unit;
            return true;
        }

        /// <summary>An output file setting that names an existing folder: no file can be written there.</summary>
        public static string? FolderInsteadOfFile(string property, string? path) =>
            !string.IsNullOrWhiteSpace(path) && Directory.Exists(path)
                ? $"{property} '{path}' is a folder; set it to the path of a file (the folder may hold it)."
                : null;

        /// <summary>The MSBuild value when the property is set, else the fallback (an .editorconfig or report value).</summary>
        public static string? Prefer(string? msbuild, string? fallback) => string.IsNullOrWhiteSpace(msbuild) ? fallback : msbuild;
    }
}
