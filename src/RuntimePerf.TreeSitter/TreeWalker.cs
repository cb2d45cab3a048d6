using System;

namespace RuntimePerf.TreeSitter
{
    public enum WalkStep
    {
        /// <summary>First visit, before the node's children (pre-order).</summary>
        Enter,
        /// <summary>Last visit, after the node's children.</summary>
        Leave,
    }

    /// <summary>
    /// Depth-first walk of a subtree with a tree cursor: no recursion, so a 10,000-deep file cannot
    /// overflow the stack (which would kill the whole MSBuild node). Every node is reported once as
    /// <see cref="WalkStep.Enter"/> and once as <see cref="WalkStep.Leave"/>, with its depth below the start node.
    /// <code>
    /// using var walker = new TreeWalker(tree.Root);
    /// while (walker.MoveNext())
    ///     if (walker.Step == WalkStep.Enter &amp;&amp; walker.Node.Type == "lambda") walker.SkipChildren();
    /// </code>
    /// </summary>
    public sealed class TreeWalker : IDisposable
    {
        private readonly TreeCursor _cursor;
        private bool _started;
        private bool _skipChildren;

        public TreeWalker(SyntaxNode start) => _cursor = new TreeCursor(start);

        private SyntaxNode _node;
        private bool _hasNode;

        /// <summary>The node of this step, read from the cursor on first use (a walker that keeps its own stack need not ask on Leave).</summary>
        public SyntaxNode Node
        {
            get
            {
                if (!_hasNode)
                {
                    _node = _cursor.Current;
                    _hasNode = true;
                }
                return _node;
            }
        }

        public WalkStep Step { get; private set; }

        /// <summary>0 for the start node.</summary>
        public int Depth { get; private set; }

        /// <summary>The parent's field holding <see cref="Node"/> (<c>body</c>, <c>function</c>…), or null.</summary>
        public string? FieldName => _cursor.CurrentFieldName;

        /// <summary>The id of <see cref="FieldName"/> (0 for none), to compare with <see cref="Language.FieldId"/>.</summary>
        public ushort FieldId => _cursor.CurrentFieldId;

        /// <summary>After an <see cref="WalkStep.Enter"/>: do not descend; the next step leaves this node.</summary>
        public void SkipChildren()
        {
            if (Step != WalkStep.Enter) throw new InvalidOperationException("SkipChildren is only meaningful right after entering a node.");
            _skipChildren = true;
        }

        public bool MoveNext()
        {
            if (!_started)
            {
                _started = true;
                return Report(WalkStep.Enter);
            }
            if (Step == WalkStep.Enter)
            {
                bool skip = _skipChildren;
                _skipChildren = false;
                if (!skip && _cursor.GotoFirstChild())
                {
                    Depth++;
                    return Report(WalkStep.Enter);
                }
                return Report(WalkStep.Leave);
            }
            // Left a node: its next sibling comes next, else its parent is left too.
            if (Depth == 0) return false;
            if (_cursor.GotoNextSibling()) return Report(WalkStep.Enter);
            _cursor.GotoParent();
            Depth--;
            return Report(WalkStep.Leave);
        }

        public void Dispose() => _cursor.Dispose();

        private bool Report(WalkStep step)
        {
            Step = step;
            _hasNode = false;
            return true;
        }
    }
}
