using RuntimePerf.Languages.Go;
using RuntimePerf.Languages.JavaScript;
using RuntimePerf.Languages.Python;
using RuntimePerf.Languages.Rust;
using Xunit;

namespace RuntimePerf.Tests.Languages
{
    /// <summary>A callee written over several lines, read as one line with each language's quotes and comments.</summary>
    public class CodeSyntaxTests
    {
        [Theory]
        // rustfmt's chain; a character literal '"' opens no string, so the // inside the next string is no comment
        [InlineData("rust", "rx\n        .blocking_recv", "rx.blocking_recv")]
        [InlineData("rust", "line\n    .split('\"')\n    .filter(|p| p.starts_with(\"http://\"))\n    .count", "line.split('\"').filter(|p| p.starts_with(\"http://\")).count")]
        [InlineData("rust", "Foo::<'a>\n    ::new", "Foo::<'a>::new")]
        // Go: a backslash in a raw string escapes nothing, and a comment after it goes
        [InlineData("go", "strings.NewReplacer(`\\`, `/`). // unify separators\n\tReplace", "strings.NewReplacer(`\\`, `/`).Replace")]
        [InlineData("go", "regexp.\n\t\tMustCompile", "regexp.MustCompile")]
        // two words either side of a line break keep a space between them
        [InlineData("go", "struct {\n\tName string\n\tAge  int\n}", "struct {Name string Age  int}")]
        [InlineData("python", "(pool  # the shared one\n          .request", "(pool.request")]
        [InlineData("python", "time \\\n    .sleep", "time.sleep")]
        [InlineData("javascript", "client // v2\n  ?.fetch", "client.fetch")]
        public void Reads_a_callee_as_one_line(string language, string written, string expected)
        {
            var syntax = language switch
            {
                "rust" => RustModelBuilder.Syntax,
                "go" => GoModelBuilder.Syntax,
                "python" => PythonModelBuilder.Syntax,
                _ => JavaScriptModelBuilder.Syntax,
            };
            Assert.Equal(expected, syntax.OneLine(written));
        }

        [Theory]
        [InlineData("f\"{x}\"", true)]
        [InlineData("rf\"\\b{term}\\b\"", true)]
        [InlineData("r\"^\" f\"{name}\"", true)]
        [InlineData("r\"^\"f\"{name}:\"", true)]
        [InlineData("\"\"\"a\"\"\" F'{b}'", true)]
        // the body's own text is never a prefix
        [InlineData("\"\\r\\n|\\r|\\n|\\f\"", false)]
        [InlineData("r\"(?<![\\w'\\\"])[rR]?f'\"", false)]
        [InlineData("r\"[rR]?f'\"", false)]
        [InlineData("b'\\x00' r\"x\"", false)]
        public void Tells_an_f_string_by_its_prefixes(string written, bool formatted) =>
            Assert.Equal(formatted, PythonShapes.IsFormatted(written));
    }
}
