using System.Linq;
using RuntimePerf.TreeSitter;
using Xunit;

namespace RuntimePerf.Tests.TreeSitter
{
    // RuntimePerf.Languages (the language front ends) would otherwise win the lookup of `Languages`.
    using Languages = RuntimePerf.TreeSitter.Languages;

    public class QueryTests
    {
        private const string Code =
            "import time\n" +
            "async def handler():\n" +
            "    time.sleep(1)\n" +
            "    time.time()\n" +
            "    other.sleep(2)\n" +
            "    requests.get(url)\n" +
            "    requests.post(url)\n";

        [Fact]
        public void Eq_predicate_keeps_only_matching_captures()
        {
            using var tree = Parse.Text("python", Code);
            using var query = new Query(Languages.Python,
                "(call function: (attribute object: (identifier) @module attribute: (identifier) @name) (#eq? @module \"time\") (#eq? @name \"sleep\")) @call");

            var match = Assert.Single(query.Matches(tree.Root));
            Assert.Equal("time.sleep(1)", match["call"]!.Value.Text);
            Assert.Equal(new LinePosition(3, 5), match["call"]!.Value.Start);
            Assert.Equal(new[] { "call", "module", "name" }, match.Captures.Select(c => c.Name).OrderBy(n => n));
            Assert.Equal(new[] { "module", "name", "call" }, query.CaptureNames);
        }

        [Fact]
        public void Match_and_not_match_predicates_use_regexes()
        {
            using var tree = Parse.Text("python", Code);
            using var query = new Query(Languages.Python,
                "(call function: (attribute object: (identifier) @module attribute: (identifier) @name) (#match? @name \"^(get|post|sleep)$\") (#not-match? @module \"^ti\")) @call");

            Assert.Equal(new[] { "other.sleep(2)", "requests.get(url)", "requests.post(url)" },
                query.Matches(tree.Root).Select(m => m["call"]!.Value.Text));
        }

        [Fact]
        public void Not_eq_and_any_of_predicates()
        {
            using var tree = Parse.Text("python", Code);
            using var notEq = new Query(Languages.Python, "(attribute object: (identifier) @m (#not-eq? @m \"time\"))");
            using var anyOf = new Query(Languages.Python, "(attribute attribute: (identifier) @a (#any-of? @a \"get\" \"time\"))");

            Assert.Equal(new[] { "other", "requests", "requests" }, notEq.Captures(tree.Root).Select(c => c.Node.Text));
            Assert.Equal(new[] { "time", "get" }, anyOf.Captures(tree.Root).Select(c => c.Node.Text));
        }

        [Fact]
        public void Eq_between_two_captures_compares_their_text()
        {
            using var tree = Parse.Text("python", "a = a\nb = c\n");
            using var query = new Query(Languages.Python, "(assignment left: (identifier) @l right: (identifier) @r (#eq? @l @r)) @same");

            Assert.Equal(new[] { "a = a" }, query.Matches(tree.Root).Select(m => m["same"]!.Value.Text));
        }

        [Fact]
        public void Captures_come_in_document_order_across_patterns()
        {
            using var tree = Parse.Text("python", "async def f():\n    await g()\ndef h():\n    pass\n");
            using var query = new Query(Languages.Python, "(function_definition name: (identifier) @fn) (await) @await");

            Assert.Equal(new[] { ("fn", "f"), ("await", "await g()"), ("fn", "h") }, query.Captures(tree.Root).Select(c => (c.Name, c.Node.Text)));
            Assert.Equal(2, query.PatternCount);
            Assert.Equal(new[] { 0, 1, 0 }, query.Matches(tree.Root).Select(m => m.PatternIndex));
        }

        [Fact]
        public void Invalid_query_says_what_and_where()
        {
            var e = Assert.Throws<QueryException>(() => new Query(Languages.Python, "(call)\n(call function: (no_such_node))"));

            Assert.Equal(QueryErrorKind.NodeType, e.Kind);
            Assert.Equal(new LinePosition(2, 18), e.Position);
            Assert.Contains("no_such_node", e.Message);
        }

        [Theory]
        [InlineData("((identifier) @x (#frobnicate? @x \"y\"))", "unsupported predicate #frobnicate?")]
        [InlineData("((identifier) @x (#eq? @x))", "#eq? takes a capture and then a value")]
        [InlineData("((identifier) @x (#match? @x \"(\"))", "invalid #match? regex")]
        public void Bad_predicates_are_rejected_when_the_query_is_built(string source, string message)
        {
            var e = Assert.Throws<QueryException>(() => new Query(Languages.Python, source));

            Assert.Equal(QueryErrorKind.Predicate, e.Kind);
            Assert.Contains(message, e.Message);
        }
    }
}
