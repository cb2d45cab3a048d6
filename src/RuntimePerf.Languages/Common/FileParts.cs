using System;
using System.Collections.Generic;
using System.Threading;
using RuntimePerf.TreeSitter;

namespace RuntimePerf.Languages.Common
{
    /// <summary>When a file is cut into parts and how large they are.</summary>
    /// <param name="CutAbove">Files up to this many bytes are parsed whole.</param>
    /// <param name="PartBytes">A part ends at the first top-level statement this many bytes past its start.</param>
    /// <param name="JoinUpTo">A part with syntax errors is joined with the next ones until it parses cleanly or reaches this size.</param>
    internal sealed record PartSizes(int CutAbove, int PartBytes, int JoinUpTo)
    {
        public static PartSizes Default { get; } = new(1024 * 1024, 256 * 1024, 4 * 1024 * 1024);
    }

    /// <summary>
    /// Parses a file one top-level part at a time: only the part being modelled has a tree. Part boundaries are a front
    /// end's guess (<see cref="FrontEnds.ITopLevelParts.TopLevelStarts"/>), checked by the parse: a part cut inside a
    /// string or a bracket has syntax errors, and is joined with the next until it parses cleanly, so such a guess costs
    /// memory, not a different tree. Only a file whose errors are real keeps them, as a whole parse would. (The check
    /// cannot catch a guess inside an indented body, which parses as a statement of its own: guesses start in column 0.)
    /// </summary>
    internal sealed class FileParts
    {
        private readonly SourceText _text;
        private readonly IReadOnlyList<int> _starts;
        private readonly PartSizes _sizes;

        public FileParts(SourceText text, IReadOnlyList<int> starts, PartSizes sizes)
        {
            _text = text;
            _starts = starts;
            _sizes = sizes;
        }

        /// <summary>True once a part kept syntax errors.</summary>
        public bool HasErrors { get; private set; }

        public IEnumerable<SyntaxTree> Parse(Parser parser, CancellationToken cancellationToken)
        {
            int start = 0, next = 0;
            while (start < _text.Length)
            {
                int end = EndAfter(start, ref next);
                var tree = parser.Parse(_text, start, end, null, cancellationToken);
                while (tree.HasErrors && end < _text.Length && end - start < _sizes.JoinUpTo)
                {
                    tree.Dispose();
                    end = EndAfter(end, ref next);
                    tree = parser.Parse(_text, start, end, null, cancellationToken);
                }
                HasErrors |= tree.HasErrors;
                using (tree) yield return tree;
                start = end;
            }
        }

        /// <summary>The first top-level start at least a part's size past <paramref name="from"/>, or the end of the text.</summary>
        private int EndAfter(int from, ref int next)
        {
            while (next < _starts.Count && _starts[next] < from + Math.Max(1, _sizes.PartBytes)) next++;
            return next < _starts.Count ? _starts[next] : _text.Length;
        }
    }
}
