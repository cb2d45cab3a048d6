using System;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using RuntimePerf.CSharp.Analysis;
using RuntimePerf.Engine.Model;

namespace RuntimePerf.CSharp.Rules.MaterializeToCount
{
    /// <summary>
    /// RP0003: a sequence copied only to be counted or tested (<c>.ToList().Count</c>, <c>.ToArray().Length</c>,
    /// <c>.ToList().Any()</c>), and a LINQ query counted in full only to compare with zero (<c>.Where(p).Count() &gt; 0</c>).
    /// MEDIUM in a request handler or a loop, LOW elsewhere.
    /// </summary>
    internal sealed class MaterializeToCountDetector : Detector
    {
        private static readonly string[] Materializers = { "ToList", "ToArray" };
        private static readonly string[] Tests = { "Any", "All", "Count", "LongCount" };
        private static readonly string[] Counts = { "Count", "LongCount" };
        /// <summary>Lazy operators whose count can only be known by running the whole filter.</summary>
        private static readonly string[] Filters =
            { "Where", "OfType", "Distinct", "DistinctBy", "SkipWhile", "TakeWhile", "Except", "Intersect", "Union", "SelectMany", "Join" };

        private readonly TypeSet _enumerable;
        private readonly TypeSet _linq;
        private readonly TypeSet _list;
        private readonly TypeSet _array;

        public MaterializeToCountDetector(AnalysisSession session, Compilation compilation) : base(session)
        {
            _enumerable = new TypeSet(compilation, new[] { "System.Linq.Enumerable" });
            _linq = new TypeSet(compilation, new[] { "System.Linq.Enumerable", "System.Linq.Queryable" });
            _list = new TypeSet(compilation, new[] { "System.Collections.Generic.List`1" });
            _array = new TypeSet(compilation, new[] { "System.Array" });
        }

        public override ImmutableArray<OperationKind> Kinds { get; } =
            ImmutableArray.Create(OperationKind.PropertyReference, OperationKind.Invocation, OperationKind.Binary);

        public override void Analyze(IOperation operation, CancellationToken ct)
        {
            string issue, recommendation;
            switch (operation)
            {
                // list.ToList().Count, items.ToArray().Length
                case IPropertyReferenceOperation size when IsSizeOf(size) && Materializer(size.Instance) is IInvocationOperation copy:
                    issue = " builds a copy only to read its " + size.Property.Name + " in ";
                    recommendation = "Call Count() on the source instead of " + copy.TargetMethod.Name + "()." + size.Property.Name;
                    break;
                // items.ToList().Any(…), items.ToArray().Count()
                case IInvocationOperation test when IsLinq(test, _enumerable, Tests) && Materializer(test.Arguments[0].Value) is IInvocationOperation copy:
                    issue = " builds a copy only to test it in ";
                    recommendation = "Call " + test.TargetMethod.Name + "(…) on the source directly, without " + copy.TargetMethod.Name + "()";
                    break;
                // items.Where(p).Count() > 0, items.Count(p) == 0
                case IBinaryOperation comparison when EmptinessTest(comparison) is bool nonEmpty:
                    issue = " counts every element only to test for " + (nonEmpty ? "one" : "none") + " in ";
                    recommendation = (nonEmpty ? "Use Any(…)" : "Use !Any(…)") + ": it stops at the first match instead of counting all";
                    break;
                default:
                    return;
            }
            var scope = Session.ScopeOf(operation, ct);
            bool inLoop = OperationFacts.EnclosingLoops(operation.Syntax, scope.Node).Count > 0;
            Session.Add(new Candidate("RP0003", operation.Syntax.GetLocation(), scope,
                "Unnecessary allocation: " + OperationFacts.Snippet(operation.Syntax) + issue, "", recommendation, Confidence.High)
            {
                Severity = context => context == CodeContext.RequestHandler || inLoop ? Severity.Medium : Severity.Low,
            });
        }

        private bool IsSizeOf(IPropertyReferenceOperation size) =>
            (size.Property.Name == "Count" && _list.Contains(size.Property.ContainingType))
            || (size.Property.Name == "Length" && _array.Contains(size.Property.ContainingType));

        private IInvocationOperation? Materializer(IOperation? operation) =>
            OperationFacts.Unwrap(operation) is IInvocationOperation call && IsLinq(call, _enumerable, Materializers) ? call : null;

        private static bool IsLinq(IInvocationOperation call, TypeSet types, string[] names) =>
            call.TargetMethod.IsExtensionMethod && call.Arguments.Length > 0
            && Array.IndexOf(names, call.TargetMethod.Name) >= 0 && types.Contains(call.TargetMethod.ContainingType);

        /// <summary>
        /// True for "Count(…) is not zero", false for "Count(…) is zero", null when the comparison is neither or the count
        /// is cheap (Count() of a materialised collection is O(1); a copy before it is reported by the Any/Count case).
        /// </summary>
        private bool? EmptinessTest(IBinaryOperation comparison)
        {
            var kind = comparison.OperatorKind;
            var count = OperationFacts.Unwrap(comparison.LeftOperand) as IInvocationOperation;
            var constant = comparison.RightOperand;
            if (count == null)
            {
                count = OperationFacts.Unwrap(comparison.RightOperand) as IInvocationOperation;
                constant = comparison.LeftOperand;
                kind = kind switch
                {
                    BinaryOperatorKind.GreaterThan => BinaryOperatorKind.LessThan,
                    BinaryOperatorKind.LessThan => BinaryOperatorKind.GreaterThan,
                    BinaryOperatorKind.GreaterThanOrEqual => BinaryOperatorKind.LessThanOrEqual,
                    BinaryOperatorKind.LessThanOrEqual => BinaryOperatorKind.GreaterThanOrEqual,
                    _ => kind,
                };
            }
            if (count == null || !IsLinq(count, _linq, Counts) || Materializer(count.Arguments[0].Value) != null) return null;
            bool scansAll = count.Arguments.Length > 1 || OperationFacts.Unwrap(count.Arguments[0].Value) is IInvocationOperation source && IsLinq(source, _linq, Filters);
            if (!scansAll) return null;
            bool zero = OperationFacts.IsConstant(constant, 0), one = OperationFacts.IsConstant(constant, 1);
            return kind switch
            {
                BinaryOperatorKind.GreaterThan when zero => true,
                BinaryOperatorKind.NotEquals when zero => true,
                BinaryOperatorKind.GreaterThanOrEqual when one => true,
                BinaryOperatorKind.Equals when zero => false,
                BinaryOperatorKind.LessThan when one => false,
                BinaryOperatorKind.LessThanOrEqual when zero => false,
                _ => null,
            };
        }
    }
}
