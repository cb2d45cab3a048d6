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
        private static readonly string[] Tests = { "Any", "All", "Count", "LongCount" };
        private static readonly string[] Counts = { "Count", "LongCount" };
        /// <summary>Lazy operators whose count can only be known by running the whole filter.</summary>
        private static readonly string[] Filters =
            { "Where", "OfType", "Distinct", "DistinctBy", "SkipWhile", "TakeWhile", "Except", "Intersect", "Union", "SelectMany", "Join" };

        private readonly TypeSet _list;
        private readonly TypeSet _array;

        public MaterializeToCountDetector(AnalysisSession session, Compilation compilation) : base(session)
        {
            _list = new TypeSet(compilation, new[] { "System.Collections.Generic.List`1" });
            _array = new TypeSet(compilation, new[] { "System.Array" });
        }

        public override ImmutableArray<OperationKind> Kinds { get; } =
            ImmutableArray.Create(OperationKind.PropertyReference, OperationKind.Invocation, OperationKind.Binary);

        public override void Analyze(IOperation operation, CancellationToken ct)
        {
            string kind = "Unnecessary allocation: ", issue, recommendation;
            switch (operation)
            {
                // list.ToList().Count, items.ToArray().Length
                case IPropertyReferenceOperation size when IsSizeOf(size) && Session.Linq.Copy(size.Instance) is IInvocationOperation copy:
                    issue = " builds a copy only to read its " + size.Property.Name + " in ";
                    recommendation = "Call Count() on the source instead of " + copy.TargetMethod.Name + "()." + size.Property.Name;
                    break;
                // items.ToList().Any(…), items.ToArray().Count()
                case IInvocationOperation test when Session.Linq.IsCall(test, Tests) && Session.Linq.Copy(test.Arguments[0].Value) is IInvocationOperation copy:
                    issue = " builds a copy only to test it in ";
                    recommendation = "Call " + test.TargetMethod.Name + "(…) on the source directly, without " + copy.TargetMethod.Name + "()";
                    break;
                // items.Where(p).Count() > 0, items.Count(p) == 0
                case IBinaryOperation comparison when EmptinessTest(comparison) is bool nonEmpty:
                    (kind, issue, recommendation) = FullCount(nonEmpty);
                    break;
                // items.Count(p).Equals(0)
                case IInvocationOperation equals when IsZeroEquals(equals):
                    (kind, issue, recommendation) = FullCount(nonEmpty: false);
                    break;
                default:
                    return;
            }
            var scope = Session.ScopeOf(operation, ct);
            bool inLoop = OperationFacts.EnclosingLoops(operation.Syntax, scope.Node).Count > 0;
            Session.Add(new Candidate("RP0003", operation.Syntax.GetLocation(), scope,
                kind + OperationFacts.Snippet(operation.Syntax) + issue, "", recommendation, Confidence.High)
            {
                Severity = context => context == CodeContext.RequestHandler || inLoop ? Severity.Medium : Severity.Low,
            });
        }

        private static (string Kind, string Issue, string Recommendation) FullCount(bool nonEmpty) =>
            ("Full count for an emptiness test: ",
             " counts every element only to test for " + (nonEmpty ? "one" : "none") + " in ",
             (nonEmpty ? "Use Any(…)" : "Use !Any(…)") + ": it stops at the first match instead of counting all");

        /// <summary>
        /// A LINQ Count()/LongCount() that has to run the whole sequence: with a predicate or over a filter. Count() of a
        /// materialised collection is O(1); a copy before it is reported by the Any/Count case.
        /// </summary>
        private bool IsFullCount(IInvocationOperation? count) =>
            count != null && Session.Linq.IsCall(count, Counts, orQueryable: true) && Session.Linq.Copy(count.Arguments[0].Value) == null
            && (count.Arguments.Length > 1
                || OperationFacts.Unwrap(count.Arguments[0].Value) is IInvocationOperation source && Session.Linq.IsCall(source, Filters, orQueryable: true));

        /// <summary><c>items.Count(p).Equals(0)</c>: the emptiness test written as a call.</summary>
        private bool IsZeroEquals(IInvocationOperation equals) =>
            equals.TargetMethod.Name == "Equals" && equals.Arguments.Length == 1 && OperationFacts.IsConstant(equals.Arguments[0].Value, 0)
            && IsFullCount(OperationFacts.Unwrap(equals.Instance) as IInvocationOperation);

        private bool IsSizeOf(IPropertyReferenceOperation size) =>
            (size.Property.Name == "Count" && _list.Contains(size.Property.ContainingType))
            || (size.Property.Name == "Length" && _array.Contains(size.Property.ContainingType));

        /// <summary>
        /// True for "Count(…) is not zero", false for "Count(…) is zero", null when the comparison is neither or the count
        /// is cheap (see <see cref="IsFullCount"/>).
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
            if (!IsFullCount(count)) return null;
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
