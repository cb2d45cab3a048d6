using System;
using System.Text;

namespace RuntimePerf.Languages.Common
{
    /// <summary>
    /// How a language writes what a callee's text may hold besides names: its string quotes and its comments. Read by
    /// <see cref="OneLine"/>, so that a callee split over lines (rustfmt's <c>client\n    .get(url)</c>, Go's
    /// <c>regexp.\n    MustCompile</c>) is matched against the tables and shown in a message as one line.
    /// </summary>
    /// <param name="RawQuotes">Quotes inside which a backslash escapes nothing (Go's backquote).</param>
    /// <param name="CharLiterals">A single quote starts a character literal only when one closes it (<c>'"'</c>; Rust's lifetime <c>'a</c> has none).</param>
    public sealed record CodeSyntax(string Quotes, bool SlashComments, bool HashComments, bool LineContinuation, bool OptionalChaining,
        string RawQuotes = "", bool CharLiterals = false)
    {
        /// <summary>
        /// A callee or receiver as one line: line breaks with the spaces around them (and a <c>\</c> continuation) dropped — one
        /// space kept between two words (<c>struct {Name string Age int}</c>) — comments removed (outside quotes and character
        /// literals), and with optional chaining <c>a?.b</c> read as <c>a.b</c>.
        /// </summary>
        public string OneLine(string text)
        {
            if (text.IndexOf('\n') < 0 && text.IndexOf('\r') < 0 && !(OptionalChaining && text.Contains("?.", StringComparison.Ordinal))
                && !(SlashComments && text.Contains("/*", StringComparison.Ordinal))) return text;
            var sb = new StringBuilder(text.Length);
            char quote = '\0';
            for (int i = 0; i < text.Length; i++)
            {
                char ch = text[i];
                if (quote != '\0' && ch == '\\' && i + 1 < text.Length && RawQuotes.IndexOf(quote) < 0)
                {
                    sb.Append(ch).Append(text[++i]);
                    continue;
                }
                if (quote != '\0') { if (ch == quote) quote = '\0'; }
                else if (Quotes.IndexOf(ch) >= 0 || RawQuotes.IndexOf(ch) >= 0) quote = ch;
                else if (CharLiterals && ch == '\'' && CharLiteralEnd(text, i) is int close)
                {
                    sb.Append(text, i, close - i + 1);
                    i = close;
                    continue;
                }
                else if (SlashComments && ch == '/' && i + 1 < text.Length && text[i + 1] is '/' or '*')
                {
                    int end = text[i + 1] == '/' ? text.IndexOf('\n', i) : text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                    i = end < 0 ? text.Length : text[i + 1] == '/' ? end - 1 : end + 1;
                    continue;
                }
                else if (HashComments && ch == '#')
                {
                    int end = text.IndexOf('\n', i);
                    i = end < 0 ? text.Length : end - 1;
                    continue;
                }
                if (ch is '\n' or '\r' || LineContinuation && ch == '\\' && i + 1 < text.Length && text[i + 1] is '\n' or '\r')
                {
                    while (sb.Length > 0 && sb[^1] is ' ' or '\t') sb.Length--;
                    while (i + 1 < text.Length && text[i + 1] is ' ' or '\t' or '\n' or '\r') i++;
                    if (sb.Length > 0 && IsWordChar(sb[^1]) && i + 1 < text.Length && IsWordChar(text[i + 1])) sb.Append(' ');
                    continue;
                }
                // a?.b() calls b on a when a is there: the same callee for the tables
                if (OptionalChaining && ch == '?' && i + 1 < text.Length && text[i + 1] == '.') continue;
                sb.Append(ch);
            }
            return sb.ToString();
        }

        private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_';

        /// <summary>Where a character literal that opens at <paramref name="open"/> closes (<c>'x'</c>, <c>'\n'</c>, <c>'\u{1F600}'</c>), or null.</summary>
        private static int? CharLiteralEnd(string text, int open)
        {
            if (open + 2 < text.Length && text[open + 1] != '\\' && text[open + 2] == '\'') return open + 2;
            if (open + 1 >= text.Length || text[open + 1] != '\\') return null;
            int close = text.IndexOf('\'', open + 2);
            return close > 0 && close - open <= 12 ? close : null;
        }
    }
}
