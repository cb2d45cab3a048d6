using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using RuntimePerf.TreeSitter.Interop;

namespace RuntimePerf.TreeSitter
{
    /// <summary>
    /// One text predicate of a query pattern, with the semantics of tree-sitter's own (Rust) binding:
    /// plain forms must hold for every node of a quantified capture, <c>any-</c> forms for at least one.
    /// </summary>
    internal sealed unsafe class QueryPredicate
    {
        internal readonly record struct Argument(uint? CaptureId, string? Text);

        private enum Operator { Eq, Match, AnyOf }

        private readonly Operator _operator;
        private readonly bool _positive;
        private readonly bool _matchAll;
        private readonly uint _capture;
        private readonly uint? _otherCapture;
        private readonly byte[]? _literal;
        private readonly Regex? _regex;
        private readonly HashSet<string>? _values;

        private QueryPredicate(Operator op, bool positive, bool matchAll, uint capture, uint? otherCapture = null,
            byte[]? literal = null, Regex? regex = null, HashSet<string>? values = null)
        {
            _operator = op;
            _positive = positive;
            _matchAll = matchAll;
            _capture = capture;
            _otherCapture = otherCapture;
            _literal = literal;
            _regex = regex;
            _values = values;
        }

        internal static QueryPredicate Create(IReadOnlyList<Argument> arguments, Query query, uint pattern)
        {
            string name = arguments.Count > 0 && arguments[0].Text is { } text ? text : throw query.PredicateError(pattern, "a predicate must start with its name.");
            (Operator op, bool positive, bool matchAll) = name switch
            {
                "eq?" => (Operator.Eq, true, true),
                "not-eq?" => (Operator.Eq, false, true),
                "any-eq?" => (Operator.Eq, true, false),
                "any-not-eq?" => (Operator.Eq, false, false),
                "match?" => (Operator.Match, true, true),
                "not-match?" => (Operator.Match, false, true),
                "any-match?" => (Operator.Match, true, false),
                "any-not-match?" => (Operator.Match, false, false),
                "any-of?" => (Operator.AnyOf, true, true),
                "not-any-of?" => (Operator.AnyOf, false, true),
                _ => throw query.PredicateError(pattern, $"unsupported predicate #{name}."),
            };
            if (arguments.Count < 3 || arguments[1].CaptureId is not uint capture)
                throw query.PredicateError(pattern, $"#{name} takes a capture and then a value.");
            var rest = arguments.Skip(2).ToList();
            switch (op)
            {
                case Operator.Eq when rest.Count == 1:
                    return rest[0].CaptureId is uint other
                        ? new QueryPredicate(op, positive, matchAll, capture, otherCapture: other)
                        : new QueryPredicate(op, positive, matchAll, capture, literal: Encoding.UTF8.GetBytes(rest[0].Text!));
                case Operator.Match when rest.Count == 1 && rest[0].Text is { } pattern2:
                    return new QueryPredicate(op, positive, matchAll, capture, regex: CompileRegex(pattern2, query, pattern));
                case Operator.AnyOf when rest.All(a => a.Text != null):
                    return new QueryPredicate(op, positive, matchAll, capture, values: new HashSet<string>(rest.Select(a => a.Text!), StringComparer.Ordinal));
                default:
                    throw query.PredicateError(pattern, $"wrong arguments for #{name}.");
            }
        }

        internal bool IsSatisfied(in TSQueryMatch match, SourceText text)
        {
            if (_otherCapture is uint other) return CapturesEqual(match, other, text);
            bool any = false;
            for (int i = 0; i < match.CaptureCount; i++)
            {
                if (match.Captures[i].Index != _capture) continue;
                bool holds = Test(match.Captures[i].Node, text) == _positive;
                if (_matchAll && !holds) return false;
                any |= holds;
            }
            return _matchAll || any;
        }

        private bool Test(TSNode node, SourceText text)
        {
            var bytes = Bytes(node, text);
            return _operator switch
            {
                Operator.Eq => bytes.SequenceEqual(_literal),
                Operator.Match => _regex!.IsMatch(Encoding.UTF8.GetString(bytes)),
                _ => _values!.Contains(Encoding.UTF8.GetString(bytes)),
            };
        }

        /// <summary><c>#eq? @a @b</c>: compares the nodes of both captures pairwise; unequal counts fail.</summary>
        private bool CapturesEqual(in TSQueryMatch match, uint other, SourceText text)
        {
            var first = NodesOf(match, _capture);
            var second = NodesOf(match, other);
            int pairs = Math.Min(first.Count, second.Count);
            for (int i = 0; i < pairs; i++)
            {
                bool holds = Bytes(first[i], text).SequenceEqual(Bytes(second[i], text)) == _positive;
                if (_matchAll && !holds) return false;
                if (!_matchAll && holds) return true;
            }
            return first.Count == second.Count;
        }

        private static List<TSNode> NodesOf(in TSQueryMatch match, uint capture)
        {
            var nodes = new List<TSNode>();
            for (int i = 0; i < match.CaptureCount; i++)
                if (match.Captures[i].Index == capture) nodes.Add(match.Captures[i].Node);
            return nodes;
        }

        private static ReadOnlySpan<byte> Bytes(TSNode node, SourceText text)
        {
            int start = (int)NativeMethods.ts_node_start_byte(node);
            return text.Utf8[start..(int)NativeMethods.ts_node_end_byte(node)];
        }

        /// <summary>Non-backtracking: linear time whatever the pattern, and like tree-sitter's Rust regex it has no lookaround.</summary>
        private static Regex CompileRegex(string pattern, Query query, uint patternIndex)
        {
            try
            {
                return new Regex(pattern, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);
            }
            catch (Exception e) when (e is ArgumentException or NotSupportedException)
            {
                throw query.PredicateError(patternIndex, $"invalid #match? regex '{pattern}': {e.Message}");
            }
        }
    }
}
