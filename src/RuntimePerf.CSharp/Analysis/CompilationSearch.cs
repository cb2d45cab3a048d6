using System;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace RuntimePerf.CSharp.Analysis
{
    /// <summary>
    /// Looks through the whole compilation for a few syntax nodes without an action per node: files whose text cannot
    /// contain a match are skipped by a text search, the rest are walked, and a semantic model is made only for a file
    /// with a node worth binding. Used on first need, once per question, so that findings are final where they are found.
    /// </summary>
    internal static class CompilationSearch
    {
        /// <summary>Calls <paramref name="found"/> for each node <paramref name="shaped"/> accepts, until it returns true; true if one did.</summary>
        public static bool Any(Compilation compilation, Func<string, bool> mayContain, Func<SyntaxNode, bool> shaped,
            Func<SyntaxNode, SemanticModel, bool> found, CancellationToken ct)
        {
            foreach (var tree in compilation.SyntaxTrees)
            {
                ct.ThrowIfCancellationRequested();
                if (!mayContain(tree.GetText(ct).ToString())) continue;
                SemanticModel? model = null;
                foreach (var node in tree.GetRoot(ct).DescendantNodes())
                {
                    if (!shaped(node)) continue;
                    model ??= compilation.GetSemanticModel(tree);
                    if (found(node, model)) return true;
                }
            }
            return false;
        }
    }
}
