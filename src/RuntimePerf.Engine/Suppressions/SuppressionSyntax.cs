using System.Collections.Generic;
using System.Text.RegularExpressions;
using RuntimePerf.Engine.Model;

namespace RuntimePerf.Engine.Suppressions
{
    /// <summary>
    /// Each language's own idiom for silencing a finding in a comment, as regexes with the groups <c>codes</c> and
    /// (optional) <c>reason</c>. Each starts at the comment token, so the text of a string literal on a code line
    /// that only mentions the marker does not count unless it really looks like a comment.
    /// </summary>
    internal static class SuppressionSyntax
    {
        private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.Compiled;

        /// <summary><c># noqa: RP0001, E501</c> (flake8 and ruff's form; other tools' codes are theirs).</summary>
        private static readonly Regex Noqa = new Regex(@"#\s*noqa\s*:\s*(?<codes>[A-Za-z]+[0-9]+(?:[\s,]+[A-Za-z]+[0-9]+)*)", Options);

        /// <summary><c># runtimeperf: ignore[RP0001, RP0002] reason</c>.</summary>
        private static readonly Regex PythonIgnore = new Regex(@"#\s*runtimeperf\s*:\s*ignore\[(?<codes>[^\]]*)\]\s*(?<reason>.*)$", Options);

        /// <summary><c>// runtimeperf-ignore RP0009: reason</c> or <c>// runtimeperf-ignore RP0009, RP0010 reason</c>.</summary>
        private static readonly Regex SlashIgnore = new Regex(@"//\s*runtimeperf-ignore\s+(?<codes>RP[0-9]{4}(?:\s*,\s*RP[0-9]{4})*)\s*:?\s*(?<reason>.*)$", Options);

        private static readonly IReadOnlyDictionary<Language, Regex[]> ByLanguage = new Dictionary<Language, Regex[]>
        {
            [Language.Python] = new[] { PythonIgnore, Noqa },
            [Language.CSharp] = new[] { SlashIgnore },
            [Language.JavaScript] = new[] { SlashIgnore },
            [Language.TypeScript] = new[] { SlashIgnore },
            [Language.Go] = new[] { SlashIgnore },
            [Language.Rust] = new[] { SlashIgnore },
        };

        /// <summary>Cheap pre-check: a file without either word has no suppression to look for.</summary>
        public static readonly string[] Keywords = { "runtimeperf", "noqa" };

        public static IReadOnlyList<Regex> For(Language language) =>
            ByLanguage.TryGetValue(language, out var patterns) ? patterns : new Regex[0];

        /// <summary>The comment token that starts a comment-only line.</summary>
        public static string CommentToken(Language language) => language == Language.Python ? "#" : "//";
    }
}
