using System;
using System.Linq;
using RuntimePerf.TreeSitter;
using Xunit;

namespace RuntimePerf.Tests.TreeSitter
{
    // RuntimePerf.Languages (the language front ends) would otherwise win the lookup of `Languages`.
    using Languages = RuntimePerf.TreeSitter.Languages;

    public class LanguageTests
    {
        [Theory]
        [InlineData("python", "import asyncio\n\nasync def handler(request):\n    data = await request.json()\n    return {'n': len(data)}\n", "module", "function_definition")]
        [InlineData("javascript", "const fs = require('fs');\nasync function main() {\n  const text = fs.readFileSync('a.txt', 'utf8');\n  return text.length;\n}\n", "program", "function_declaration")]
        [InlineData("typescript", "interface User { name: string }\nexport async function load(id: number): Promise<User> {\n  return await fetch(`/u/${id}`).then(r => r.json() as User);\n}\n", "program", "interface_declaration")]
        [InlineData("tsx", "export function Hello({ name }: { name: string }) {\n  return <div className=\"x\">Hello {name}</div>;\n}\n", "program", "jsx_element")]
        [InlineData("go", "package main\n\nimport \"net/http\"\n\nfunc handler(w http.ResponseWriter, r *http.Request) {\n\tresp, _ := http.Get(\"http://x\")\n\tdefer resp.Body.Close()\n}\n", "source_file", "function_declaration")]
        [InlineData("rust", "use std::fs;\n\nasync fn load(path: &str) -> String {\n    fs::read_to_string(path).unwrap()\n}\n", "source_file", "function_item")]
        public void Every_language_parses_a_real_snippet_without_errors(string language, string code, string rootType, string innerType)
        {
            using var tree = Parse.Text(language, code);

            Assert.Equal(language, tree.Language.Name);
            Assert.Equal(rootType, tree.Root.Type);
            Assert.False(tree.HasErrors, tree.Root.ToSExpression());
            Assert.Contains(tree.Root.DescendantsAndSelf(), n => n.Type == innerType);
            Assert.InRange(tree.Language.AbiVersion, 14, 15);
        }

        [Theory]
        [InlineData("python", "@app.get('/x')\nasync def h(a: int = 1, *b, **c) -> dict:\n    async with s() as (x, y):\n        return {k: v for k, v in x if k not in y}\n")]
        [InlineData("typescript", "type T = { a?: string };\nexport const f = async <U,>(x: U): Promise<U> => x;\n")]
        public void Per_symbol_tables_agree_with_the_node_reads(string language, string code)
        {
            using var tree = Parse.Text(language, code);
            int nodes = 0;
            foreach (var node in tree.Root.DescendantsAndSelf())
            {
                nodes++;
                Assert.Equal(node.IsNamed, tree.Language.IsNamedSymbol(node.Symbol));
                Assert.Equal(node.Type, tree.Language.SymbolName(node.Symbol));
                Assert.InRange(node.Symbol, 0, tree.Language.SymbolCount - 1);
            }
            Assert.True(nodes > 20);
        }

        [Fact]
        public void Child_enumerations_return_their_cursor_even_when_left_early()
        {
            using var tree = Parse.Text("python", "f(a, b, c)\ng(d)\n");
            var calls = tree.Root.DescendantsAndSelf().Where(n => n.Type == "call").ToList();
            for (int i = 0; i < 100; i++)
            {
                foreach (var child in calls[0].ChildByFieldName("arguments")!.Value.NamedChildren)
                {
                    if (child.Text == "b") break;
                }
                Assert.Equal(new[] { "d" }, calls[1].ChildByFieldName("arguments")!.Value.NamedChildren.Select(c => c.Text));
            }
        }

        [Fact]
        public void Syntax_errors_give_error_nodes_not_exceptions()
        {
            using var tree = Parse.Text("python", "def broken(:\n    pass\n");

            Assert.True(tree.HasErrors);
            Assert.Contains(tree.Root.DescendantsAndSelf(), n => n.IsError || n.IsMissing);
        }

        [Fact]
        public void Nodes_expose_fields_children_siblings_and_positions()
        {
            using var tree = Parse.Text("python", "x = 1\nresult = fetch(url, timeout=3)\n");
            var call = tree.Root.DescendantsAndSelf().Single(n => n.Type == "call");

            Assert.Equal("fetch", call.ChildByFieldName("function")!.Value.Text);
            Assert.Null(call.ChildByFieldName("no_such_field"));
            var arguments = call.ChildByFieldName("arguments")!.Value;
            Assert.Equal(new[] { "(", "identifier", ",", "keyword_argument", ")" }, arguments.Children.Select(c => c.Type));
            Assert.Equal(new[] { "url", "timeout=3" }, arguments.NamedChildren.Select(c => c.Text));
            Assert.Equal(5, arguments.ChildCount);
            Assert.Equal(2, arguments.NamedChildCount);
            Assert.Equal("url", arguments.NamedChild(0)!.Value.Text);
            Assert.Equal(",", arguments.Child(2)!.Value.Type);
            Assert.False(arguments.Child(2)!.Value.IsNamed);
            Assert.Equal("timeout=3", arguments.NamedChild(0)!.Value.NextNamedSibling!.Value.Text);
            Assert.Equal(",", arguments.NamedChild(0)!.Value.NextSibling!.Value.Type);
            Assert.Equal("url", arguments.NamedChild(1)!.Value.PrevNamedSibling!.Value.Text);
            Assert.Equal(arguments, arguments.NamedChild(0)!.Value.Parent);
            Assert.Null(tree.Root.Parent);
            Assert.Null(arguments.Child(99));

            Assert.Equal(new LinePosition(2, 10), call.Start);
            Assert.Equal(new LinePosition(2, 31), call.End);
            Assert.Equal((1, 9), call.StartPoint);
            Assert.Equal((1, 30), call.EndPoint);
            Assert.Equal("(call function: (identifier) arguments: (argument_list (identifier) (keyword_argument name: (identifier) value: (integer))))", call.ToSExpression());
        }

        [Fact]
        public void Tree_cursor_reports_field_names_and_stays_inside_its_node()
        {
            using var tree = Parse.Text("python", "f(a)\ng(b)\n");
            var call = tree.Root.DescendantsAndSelf().First(n => n.Type == "call");
            using var cursor = new TreeCursor(call);

            Assert.Null(cursor.CurrentFieldName);
            Assert.True(cursor.GotoFirstChild());
            Assert.Equal("function", cursor.CurrentFieldName);
            Assert.True(cursor.GotoNextSibling());
            Assert.Equal("arguments", cursor.CurrentFieldName);
            Assert.False(cursor.GotoNextSibling());
            Assert.True(cursor.GotoParent());
            Assert.Equal(call, cursor.Current);
            Assert.False(cursor.GotoParent());
            Assert.False(cursor.GotoNextSibling());

            cursor.Reset(tree.Root);
            Assert.Equal("module", cursor.Current.Type);
        }

        [Fact]
        public void Unknown_language_names_the_known_ones()
        {
            var e = Assert.Throws<ArgumentException>(() => Languages.Get("cobol"));
            Assert.Contains("python, javascript, typescript, tsx, go, rust", e.Message);
        }
    }
}
