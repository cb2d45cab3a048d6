using System;
using System.Collections.Generic;
using System.Text;
using RuntimePerf.TreeSitter.Interop;

namespace RuntimePerf.TreeSitter
{
    /// <summary>Why ts_query_new rejected a query (tree-sitter's TSQueryError); <see cref="Predicate"/> is this binding's.</summary>
    public enum QueryErrorKind
    {
        None,
        Syntax,
        NodeType,
        Field,
        Capture,
        Structure,
        Language,
        Predicate,
    }

    public sealed class QueryException : Exception
    {
        public QueryException(QueryErrorKind kind, LinePosition position, string message) : base(message)
        {
            Kind = kind;
            Position = position;
        }

        public QueryErrorKind Kind { get; }

        /// <summary>Where in the query text the error is.</summary>
        public LinePosition Position { get; }
    }

    public readonly record struct QueryCapture(string Name, SyntaxNode Node);

    public sealed class QueryMatch
    {
        internal QueryMatch(int patternIndex, IReadOnlyList<QueryCapture> captures)
        {
            PatternIndex = patternIndex;
            Captures = captures;
        }

        /// <summary>Which top-level pattern of the query matched, in source order from 0.</summary>
        public int PatternIndex { get; }

        public IReadOnlyList<QueryCapture> Captures { get; }

        /// <summary>The first node captured as <c>@<paramref name="name"/></c>, or null.</summary>
        public SyntaxNode? this[string name]
        {
            get
            {
                foreach (var capture in Captures)
                    if (capture.Name == name) return capture.Node;
                return null;
            }
        }
    }

    /// <summary>
    /// A compiled tree-sitter query with the text predicates <c>#eq?</c>, <c>#not-eq?</c>, <c>#match?</c>,
    /// <c>#not-match?</c>, <c>#any-of?</c> (and the <c>any-</c> forms for quantified captures) evaluated
    /// here, as tree-sitter leaves them to bindings. Compile once and reuse: thread-safe for matching.
    /// </summary>
    public sealed unsafe class Query : IDisposable
    {
        private readonly QueryHandle _handle;
        private readonly string[] _captureNames;
        private readonly QueryPredicate[][] _predicates;

        /// <exception cref="QueryException">Invalid query, with its position.</exception>
        public Query(Language language, string source)
        {
            Language = language;
            byte[] utf8 = Encoding.UTF8.GetBytes(source);
            IntPtr query;
            uint errorOffset;
            QueryErrorKind errorKind;
            fixed (byte* text = utf8)
                query = NativeMethods.ts_query_new(language.Handle, text, (uint)utf8.Length, out errorOffset, out errorKind);
            if (query == IntPtr.Zero)
            {
                int offset = (int)Math.Min(errorOffset, (uint)utf8.Length);
                var position = SourceText.From(utf8).GetPosition(offset);
                string near = Encoding.UTF8.GetString(utf8, offset, Math.Min(20, utf8.Length - offset));
                throw new QueryException(errorKind, position,
                    $"Invalid {language.Name} query: {errorKind} error at {position.Line}:{position.Column}, near '{near}'.");
            }
            _handle = new QueryHandle(query);

            _captureNames = new string[NativeMethods.ts_query_capture_count(_handle)];
            for (uint id = 0; id < _captureNames.Length; id++)
                _captureNames[id] = NativeMethods.Utf8(NativeMethods.ts_query_capture_name_for_id(_handle, id, out uint length), length)!;

            _predicates = new QueryPredicate[NativeMethods.ts_query_pattern_count(_handle)][];
            try
            {
                for (uint pattern = 0; pattern < _predicates.Length; pattern++)
                    _predicates[pattern] = ReadPredicates(pattern);
            }
            catch
            {
                _handle.Dispose();
                throw;
            }
        }

        public Language Language { get; }

        public IReadOnlyList<string> CaptureNames => _captureNames;

        public int PatternCount => _predicates.Length;

        /// <summary>Matches under <paramref name="node"/> as tree-sitter completes them (roughly document order); each match's captures are complete.</summary>
        public IEnumerable<QueryMatch> Matches(SyntaxNode node)
        {
            using var cursor = Execute(node);
            while (true)
            {
                ThrowIfDisposed(node.Tree);
                if (!NativeMethods.ts_query_cursor_next_match(cursor, out var match)) yield break;
                if (Satisfies(match, node.Tree)) yield return ToManaged(match, node.Tree);
            }
        }

        /// <summary>Every capture under <paramref name="node"/> in document order, across matches.</summary>
        public IEnumerable<QueryCapture> Captures(SyntaxNode node)
        {
            using var cursor = Execute(node);
            while (true)
            {
                ThrowIfDisposed(node.Tree);
                if (!NativeMethods.ts_query_cursor_next_capture(cursor, out var match, out uint captureIndex)) yield break;
                if (!Satisfies(match, node.Tree))
                {
                    NativeMethods.ts_query_cursor_remove_match(cursor, match.Id);
                    continue;
                }
                yield return CaptureAt(match, (int)captureIndex, node.Tree);
            }
        }

        public void Dispose() => _handle.Dispose();

        // The native cursor reads both the tree and the query on every step.
        private void ThrowIfDisposed(SyntaxTree tree)
        {
            tree.ThrowIfDisposed();
            if (_handle.IsClosed) throw new ObjectDisposedException(nameof(Query));
        }

        private QueryCursorHandle Execute(SyntaxNode node)
        {
            var cursor = new QueryCursorHandle();
            NativeMethods.ts_query_cursor_exec(cursor, _handle, node.Raw);
            return cursor;
        }

        // The native match's capture array is only valid until the cursor moves: copy it out.
        private QueryMatch ToManaged(in TSQueryMatch match, SyntaxTree tree)
        {
            var captures = new QueryCapture[match.CaptureCount];
            for (int i = 0; i < captures.Length; i++)
                captures[i] = CaptureAt(match, i, tree);
            return new QueryMatch(match.PatternIndex, captures);
        }

        private QueryCapture CaptureAt(in TSQueryMatch match, int index, SyntaxTree tree) =>
            new(_captureNames[match.Captures[index].Index], new SyntaxNode(match.Captures[index].Node, tree));

        private bool Satisfies(in TSQueryMatch match, SyntaxTree tree)
        {
            foreach (var predicate in _predicates[match.PatternIndex])
                if (!predicate.IsSatisfied(match, tree.Text)) return false;
            return true;
        }

        private QueryPredicate[] ReadPredicates(uint pattern)
        {
            TSQueryPredicateStep* steps = NativeMethods.ts_query_predicates_for_pattern(_handle, pattern, out uint count);
            var predicates = new List<QueryPredicate>();
            var arguments = new List<QueryPredicate.Argument>();
            for (uint i = 0; i < count; i++)
            {
                var step = steps[i];
                switch (step.Type)
                {
                    case TSQueryPredicateStepType.Capture:
                        arguments.Add(new QueryPredicate.Argument(step.ValueId, null));
                        break;
                    case TSQueryPredicateStepType.String:
                        arguments.Add(new QueryPredicate.Argument(null, NativeMethods.Utf8(NativeMethods.ts_query_string_value_for_id(_handle, step.ValueId, out uint length), length)));
                        break;
                    default:
                        predicates.Add(QueryPredicate.Create(arguments, this, pattern));
                        arguments.Clear();
                        break;
                }
            }
            return predicates.ToArray();
        }

        internal QueryException PredicateError(uint pattern, string message) =>
            new(QueryErrorKind.Predicate, default, $"Invalid {Language.Name} query, pattern {pattern}: {message}");
    }
}
