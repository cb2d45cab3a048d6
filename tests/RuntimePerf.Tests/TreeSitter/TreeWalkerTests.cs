using System.Collections.Generic;
using System.Linq;
using RuntimePerf.TreeSitter;
using Xunit;

namespace RuntimePerf.Tests.TreeSitter
{
    public class TreeWalkerTests
    {
        [Fact]
        public void Walk_reports_enter_and_leave_in_depth_first_order()
        {
            using var tree = Parse.Text("python", "f(a)\n");
            var steps = new List<string>();
            using (var walker = new TreeWalker(tree.Root))
                while (walker.MoveNext())
                    steps.Add($"{(walker.Step == WalkStep.Enter ? "+" : "-")}{walker.Node.Type}@{walker.Depth}");

            Assert.Equal(new[]
            {
                "+module@0", "+expression_statement@1", "+call@2",
                "+identifier@3", "-identifier@3",
                "+argument_list@3", "+(@4", "-(@4", "+identifier@4", "-identifier@4", "+)@4", "-)@4", "-argument_list@3",
                "-call@2", "-expression_statement@1", "-module@0",
            }, steps);
        }

        [Fact]
        public void Skip_children_leaves_the_node_without_descending()
        {
            using var tree = Parse.Text("python", "def outer():\n    def inner():\n        x()\n    y()\n");
            var calls = new List<string>();
            using (var walker = new TreeWalker(tree.Root))
                while (walker.MoveNext())
                {
                    if (walker.Step != WalkStep.Enter) continue;
                    if (walker.Node.Type == "function_definition" && walker.Node.ChildByFieldName("name")!.Value.Text == "inner") walker.SkipChildren();
                    if (walker.Node.Type == "call") calls.Add(walker.Node.Text);
                }

            Assert.Equal(new[] { "y()" }, calls);
        }

        [Fact]
        public void Walker_reports_the_field_of_each_node()
        {
            using var tree = Parse.Text("python", "f(a)\n");
            using var walker = new TreeWalker(tree.Root);
            var fields = new Dictionary<string, string?>();
            while (walker.MoveNext())
                if (walker.Step == WalkStep.Enter && walker.Node.IsNamed) fields.TryAdd(walker.Node.Type, walker.FieldName);

            Assert.Equal("function", fields["identifier"]);
            Assert.Equal("arguments", fields["argument_list"]);
            Assert.Null(fields["module"]);
        }

        [Fact]
        public void A_10000_deep_expression_is_walked_completely_without_recursion()
        {
            const int depth = 10_000;
            using var tree = Parse.Text("python", new string('(', depth) + "1" + new string(')', depth) + "\n");
            int enters = 0, leaves = 0, parens = 0, maxDepth = 0;
            using (var walker = new TreeWalker(tree.Root))
                while (walker.MoveNext())
                {
                    if (walker.Step == WalkStep.Leave) { leaves++; continue; }
                    enters++;
                    maxDepth = System.Math.Max(maxDepth, walker.Depth);
                    if (walker.Node.Type == "parenthesized_expression") parens++;
                }

            Assert.False(tree.HasErrors);
            Assert.Equal(depth, parens);
            Assert.Equal(enters, leaves);
            // module > expression_statement > 10,000 parenthesized_expression > integer, plus 2 parentheses each.
            Assert.Equal(2 + depth * 3 + 1, enters);
            Assert.Equal(depth + 2, maxDepth);
            Assert.Equal(enters, tree.Root.DescendantsAndSelf().Count());
        }
    }
}
