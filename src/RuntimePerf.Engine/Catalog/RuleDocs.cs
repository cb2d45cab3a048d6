using System.IO;
using System.Text;

namespace RuntimePerf.Engine.Catalog
{
    /// <summary>The docs/rules pages, embedded in this assembly at build time (SARIF rule help).</summary>
    public static class RuleDocs
    {
        /// <summary>The page of <paramref name="ruleId"/> with "\n" newlines, or null when the rule has no page.</summary>
        public static string? Get(string ruleId)
        {
            using var stream = typeof(RuleDocs).Assembly.GetManifestResourceStream("docs/rules/" + ruleId + ".md");
            if (stream is null) return null;
            using var reader = new StreamReader(stream, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
            // A Windows checkout may have CRLF pages; the reports must not depend on that.
            return reader.ReadToEnd().Replace("\r\n", "\n");
        }
    }
}
