using System.Globalization;
using RuntimePerf.Engine.Model;

namespace RuntimePerf.Build.Tasks
{
    /// <summary>Parses the gate's MSBuild properties; a bad value is one clear message naming the property.</summary>
    internal static class Settings
    {
        public static bool TryParseGate(string? minScore, string? failOnHigh, out GateSettings settings, out string error)
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
                    error = $"RuntimePerfMinScore '{minScore}' is not a number from 0 to 10 (write it with a dot, e.g. 9.5).";
                    return false;
                }
                min = value;
            }
            bool fail = true;
            if (!string.IsNullOrWhiteSpace(failOnHigh) && !bool.TryParse(failOnHigh!.Trim(), out fail))
            {
                error = $"RuntimePerfFailOnHigh '{failOnHigh}' must be true or false.";
                return false;
            }
            settings = new GateSettings(min, fail);
            return true;
        }

        /// <summary>The MSBuild value when the property is set, else the fallback (an .editorconfig or report value).</summary>
        public static string? Prefer(string? msbuild, string? fallback) => string.IsNullOrWhiteSpace(msbuild) ? fallback : msbuild;

        public static bool IsTrue(string? value) => bool.TryParse(value?.Trim(), out bool b) && b;
    }
}
