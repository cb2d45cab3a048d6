using RuntimePerf.TreeSitter;

namespace RuntimePerf.Tests.TreeSitter
{
    // RuntimePerf.Languages (the language front ends) would otherwise win the lookup of `Languages`.
    using Languages = RuntimePerf.TreeSitter.Languages;

    internal static class Parse
    {
        /// <summary>Parses with a throwaway parser: a tree does not depend on its parser once built.</summary>
        public static SyntaxTree Text(string language, string code, ParseLimits? limits = null) => Bytes(language, System.Text.Encoding.UTF8.GetBytes(code), limits);

        public static SyntaxTree Bytes(string language, byte[] bytes, ParseLimits? limits = null)
        {
            using var parser = Languages.CreateParser(language);
            return parser.Parse(SourceText.From(bytes), limits);
        }
    }
}
