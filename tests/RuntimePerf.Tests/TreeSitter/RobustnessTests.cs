using System;
using System.Linq;
using System.Text;
using System.Threading;
using RuntimePerf.TreeSitter;
using Xunit;

namespace RuntimePerf.Tests.TreeSitter
{
    // RuntimePerf.Languages (the language front ends) would otherwise win the lookup of `Languages`.
    using Languages = RuntimePerf.TreeSitter.Languages;

    public class RobustnessTests
    {
        private const string Snippet =
            "async def handler(request, items):\n" +
            "    total = 0\n" +
            "    for item in items:\n" +
            "        total += len([x for x in item if x])  # é😀\n" +
            "    return {'total': total}\n\n";

        private static byte[] Repeat(string snippet, int bytes)
        {
            var one = Encoding.UTF8.GetBytes(snippet);
            var result = new byte[bytes / one.Length * one.Length];
            for (int offset = 0; offset < result.Length; offset += one.Length) one.CopyTo(result, offset);
            return result;
        }

        [Fact]
        public void A_20_MB_python_file_parses_within_the_default_limits()
        {
            var bytes = Repeat(Snippet, 20 * 1024 * 1024);
            using var tree = Parse.Bytes("python", bytes);

            Assert.False(tree.HasErrors);
            Assert.Equal(bytes.Length, tree.Root.EndByte);
            Assert.Equal(bytes.Length / Encoding.UTF8.GetByteCount(Snippet), tree.Root.NamedChildCount);
        }

        [Fact]
        public void Files_over_the_size_limit_are_refused_before_parsing()
        {
            var e = Assert.Throws<ParseRefusedException>(() => Parse.Text("python", Snippet, new ParseLimits { MaxBytes = 100 }));

            Assert.Equal(ParseRefusal.TooLarge, e.Reason);
            Assert.Contains("exceeds the limit of 100 bytes", e.Message);
        }

        [Fact]
        public void A_parse_past_its_deadline_stops_and_the_parser_stays_usable()
        {
            using var parser = Languages.CreateParser("python");
            var big = SourceText.From(Repeat(Snippet, 1024 * 1024));

            var e = Assert.Throws<ParseRefusedException>(() => parser.Parse(big, new ParseLimits { Timeout = TimeSpan.Zero }));
            Assert.Equal(ParseRefusal.TimedOut, e.Reason);

            // The stopped parse must not resume on the next file.
            using var tree = parser.Parse(SourceText.From("x = 1\n"));
            Assert.Equal("(module (expression_statement (assignment left: (identifier) right: (integer))))", tree.Root.ToSExpression());
        }

        [Fact]
        public void A_cancelled_token_cancels()
        {
            using var parser = Languages.CreateParser("python");
            using var cts = new CancellationTokenSource();
            cts.Cancel();

            Assert.Throws<OperationCanceledException>(() => parser.Parse(SourceText.From(Snippet), cancellationToken: cts.Token));
        }

        [Theory]
        [InlineData("python")]
        [InlineData("javascript")]
        [InlineData("typescript")]
        [InlineData("tsx")]
        [InlineData("go")]
        [InlineData("rust")]
        public void Invalid_utf8_and_binary_blobs_parse_to_error_trees_without_crashing(string language)
        {
            var random = new Random(42);
            var blob = new byte[256 * 1024];
            random.NextBytes(blob);
            var invalidUtf8 = Encoding.UTF8.GetBytes("x = '").Concat(new byte[] { 0xFF, 0xFE, 0xC3, 0x28, 0 }).Concat(Encoding.UTF8.GetBytes("'\n")).ToArray();

            foreach (var bytes in new[] { blob, invalidUtf8 })
            {
                using var tree = Parse.Bytes(language, bytes);
                int nodes = tree.Root.DescendantsAndSelf().Count(n => n.Text.Length >= 0 && n.Start.Line >= 1);
                Assert.True(nodes > 0);
            }
        }

        [Fact]
        public void Disposing_twice_is_safe_and_use_after_dispose_throws()
        {
            var parser = Languages.CreateParser("python");
            var tree = parser.Parse(SourceText.From("f(x)\n"));
            var root = tree.Root;
            var query = new Query(Languages.Python, "(call) @c");
            var cursor = new TreeCursor(root);
            var walker = new TreeWalker(root);

            foreach (IDisposable d in new IDisposable[] { walker, cursor, query, tree, parser })
            {
                d.Dispose();
                d.Dispose();
            }

            Assert.Throws<ObjectDisposedException>(() => root.Type);
            Assert.Throws<ObjectDisposedException>(() => cursor.GotoFirstChild());
            Assert.Throws<ObjectDisposedException>(() => parser.Parse(SourceText.From("x")));
        }

        [Fact]
        public void Disposing_the_tree_stops_a_running_query_enumeration()
        {
            using var query = new Query(Languages.Python, "(call) @c");
            var tree = Parse.Text("python", "f()\ng()\n");
            using var matches = query.Matches(tree.Root).GetEnumerator();
            Assert.True(matches.MoveNext());

            tree.Dispose();

            Assert.Throws<ObjectDisposedException>(() => matches.MoveNext());
        }

        [Fact]
        public void Empty_source_parses_to_an_empty_module()
        {
            using var tree = Parse.Text("python", "");

            Assert.Equal("module", tree.Root.Type);
            Assert.Equal(0, tree.Root.ChildCount);
            Assert.Empty(tree.Root.Children);
        }
    }
}
