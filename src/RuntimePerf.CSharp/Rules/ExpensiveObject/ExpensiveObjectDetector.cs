using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using RuntimePerf.CSharp.Analysis;
using RuntimePerf.Engine.Model;

namespace RuntimePerf.CSharp.Rules.ExpensiveObject
{
    /// <summary>
    /// RP0015: an object from <see cref="ExpensiveObjectTable"/> built on every loop iteration from inputs that do not
    /// change in the loop, or (for the rows that say so) on every call or with every controller — with a constant
    /// pattern for Regex. Kept objects and static or startup construction are not reported (<see cref="CreationSites"/>).
    /// </summary>
    internal sealed class ExpensiveObjectDetector : Detector
    {
        private readonly TypeRows<ExpensiveType> _types;

        public ExpensiveObjectDetector(AnalysisSession session, Compilation compilation) : base(session) =>
            _types = new TypeRows<ExpensiveType>(compilation, ExpensiveObjectTable.Types, row => row.Type);

        public override ImmutableArray<OperationKind> Kinds { get; } = ImmutableArray.Create(OperationKind.ObjectCreation);

        public override void Analyze(IOperation operation, CancellationToken ct)
        {
            var creation = (IObjectCreationOperation)operation;
            if (!(_types.Find(creation.Type, _ => true) is ExpensiveType row) || creation.Constructor == null || IsCheap(creation.Constructor, row))
            {
                return;
            }
            var scope = Session.ScopeOf(operation, ct);
            var site = CreationSites.Classify(operation, scope, Session.Frameworks, ct);
            if (site == null) return;
            if (site.Recurrence == Recurrence.PerIteration)
            {
                // The same object every time only when what it is built from is the same every time; a type whose every
                // construction costs (any arguments: an XmlSerializer's new assembly) is worth it whatever it is built from.
                bool anyConstructionCosts = row.PerCall && row.ConstantArgument < 0;
                if (!anyConstructionCosts && !LoopInvariance.IsInvariant(Inputs(creation), site.Loops[0], operation.SemanticModel!, ct)) return;
            }
            else if (!row.PerCall || (row.ConstantArgument >= 0 && !IsFixed(creation, row.ConstantArgument)))
            {
                return;
            }

            bool visiblyRepeated = site.Recurrence != Recurrence.PerCall || scope.IsHandler;
            bool slow = site.Recurrence == Recurrence.PerIteration && !site.OverData;
            Session.Add(new Candidate("RP0015", OperationFacts.NameLocation(operation), scope,
                "Expensive object rebuilt: " + OperationFacts.Snippet(operation.Syntax) + " is built " + site.Where, row.Cost,
                row.Recommendation, visiblyRepeated ? Confidence.High : Confidence.Medium)
            {
                Severity = context => slow ? Severity.Low : Severity.Medium,
            });
        }

        private static bool IsCheap(IMethodSymbol constructor, ExpensiveType row) =>
            row.CheapConstructors.Length > 0
            && row.CheapConstructors.Contains(string.Join(",", constructor.Parameters.Select(p => OperationFacts.FullName(p.Type))));

        /// <summary>The argument is a constant or a static readonly field: the same on every call.</summary>
        private static bool IsFixed(IObjectCreationOperation creation, int ordinal)
        {
            foreach (var argument in creation.Arguments)
            {
                if (argument.Parameter?.Ordinal != ordinal) continue;
                var value = OperationFacts.Unwrap(argument.Value);
                return value != null && (value.ConstantValue.HasValue || value is IFieldReferenceOperation { Field: { IsStatic: true, IsReadOnly: true } });
            }
            return false;
        }

        /// <summary>What the object is built from: the arguments and the values its initializer assigns.</summary>
        private static IEnumerable<IOperation> Inputs(IObjectCreationOperation creation)
        {
            foreach (var argument in creation.Arguments) yield return argument.Value;
            if (creation.Initializer == null) yield break;
            foreach (var initializer in creation.Initializer.Initializers)
            {
                // A nested initializer or collection element is followed as a whole (and judged varying).
                yield return initializer is ISimpleAssignmentOperation assignment ? assignment.Value : initializer;
            }
        }
    }
}
