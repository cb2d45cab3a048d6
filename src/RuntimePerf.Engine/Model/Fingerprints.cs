using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;

namespace RuntimePerf.Engine.Model
{
    /// <summary>
    /// Fingerprints that survive unrelated edits: rule, path, enclosing symbol and the whitespace-normalised
    /// text of the flagged line, plus an occurrence index among identical keys. Line numbers are not part of it,
    /// so moving code up or down keeps the fingerprint.
    /// </summary>
    public static class Fingerprints
    {
        /// <summary>Returns the findings (already in report order) with <see cref="Finding.Fingerprint"/> set.</summary>
        public static List<Finding> Assign(IReadOnlyList<Finding> ordered)
        {
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            var result = new List<Finding>(ordered.Count);
            foreach (var f in ordered)
            {
                string key = f.RuleId + "\n" + f.Path + "\n" + f.EnclosingSymbol + "\n" + NormaliseLine(f.LineText);
                seen.TryGetValue(key, out int n);
                seen[key] = n + 1;
                result.Add(f with { Fingerprint = Hash(key + "\n" + n) });
            }
            return result;
        }

        /// <summary>The baseline's form of a flagged line: a hash of its normalised text, never the text itself.</summary>
        public static string LineHash(string text) => Hash(NormaliseLine(text));

        public static string NormaliseLine(string text)
        {
            var sb = new StringBuilder(text.Length);
            bool space = false;
            foreach (char ch in text.Trim())
            {
                if (char.IsWhiteSpace(ch)) { space = true; continue; }
                if (space && sb.Length > 0) sb.Append(' ');
                space = false;
                sb.Append(ch);
            }
            return sb.ToString();
        }

        private static string Hash(string text)
        {
            using var sha = SHA256.Create();
            byte[] bytes = sha.ComputeHash(Encoding.UTF8.GetBytes(text));
            var sb = new StringBuilder(32);
            for (int i = 0; i < 16; i++) sb.Append(bytes[i].ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            return sb.ToString();
        }
    }
}
