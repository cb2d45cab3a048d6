using System.Linq;
using System.Text;
using RuntimePerf.TreeSitter;
using Xunit;

namespace RuntimePerf.Tests.TreeSitter
{
    public class SourceTextTests
    {
        [Fact]
        public void Columns_count_utf16_units_after_non_ascii()
        {
            // 'é' is 2 UTF-8 bytes and 1 UTF-16 unit; '😀' is 4 UTF-8 bytes and 2 UTF-16 units.
            var text = SourceText.From("é😀x\ncafé = 1\n");

            Assert.Equal(new LinePosition(1, 1), text.GetPosition(0));
            Assert.Equal(new LinePosition(1, 2), text.GetPosition(2));
            Assert.Equal(new LinePosition(1, 4), text.GetPosition(6));
            Assert.Equal(new LinePosition(1, 5), text.GetPosition(7));
            Assert.Equal(new LinePosition(2, 1), text.GetPosition(8));
            Assert.Equal(new LinePosition(2, 6), text.GetPosition(8 + 6));
            Assert.Equal(new LinePosition(3, 1), text.GetPosition(text.Length));
            Assert.Equal(3, text.LineCount);
            Assert.Equal("😀", text.GetText(2, 6));
        }

        [Fact]
        public void Node_positions_use_the_same_columns()
        {
            using var tree = Parse.Text("python", "s = \"é😀\"; t = s\n");
            var t = tree.Root.NamedChild(0)!.Value.NamedChild(0)!.Value;

            Assert.Equal("s = \"é😀\"", t.Text);
            Assert.Equal(new LinePosition(1, 10), t.End);
        }

        [Fact]
        public void Invalid_utf8_counts_one_column_per_bad_sequence_and_never_throws()
        {
            var text = SourceText.From(new byte[] { (byte)'a', 0xFF, 0xC3, (byte)'b', 0xE2, 0x82 });

            Assert.Equal(new LinePosition(1, 3), text.GetPosition(2));
            Assert.Equal(new LinePosition(1, 4), text.GetPosition(3));
            Assert.Equal(new LinePosition(1, 6), text.GetPosition(6));
            Assert.Equal("a\uFFFD\uFFFDb\uFFFD", text.ToString());
        }

        [Fact]
        public void Byte_order_marks_are_handled()
        {
            var utf8 = SourceText.From(new byte[] { 0xEF, 0xBB, 0xBF, (byte)'x' });
            var utf16 = SourceText.From(new byte[] { 0xFF, 0xFE }.Concat(Encoding.Unicode.GetBytes("é\nx")).ToArray());

            Assert.Equal("x", utf8.ToString());
            Assert.Equal(new LinePosition(1, 1), utf8.GetPosition(0));
            Assert.Equal("é\nx", utf16.ToString());
            Assert.Equal(new LinePosition(2, 1), utf16.GetPosition(3));
        }

        [Fact]
        public void Crlf_lines_end_at_the_line_feed()
        {
            var text = SourceText.From("a\r\nb");

            Assert.Equal(new LinePosition(1, 2), text.GetPosition(1));
            Assert.Equal(new LinePosition(2, 1), text.GetPosition(3));
        }
    }
}
