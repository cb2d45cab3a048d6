using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using RuntimePerf.CSharp.Analysis;
using RuntimePerf.Engine.Model;

namespace RuntimePerf.CSharp.Rules.ClientPerRequest
{
    /// <summary>
    /// RP0011: <c>new HttpClient(…)</c> (or another client in <see cref="ClientPerRequestTable.Clients"/>) built per call,
    /// per loop iteration, or with every controller/hub/page model — unless it is built over a message handler or client
    /// that comes from outside the function (the pool is shared then) or it is kept (see <see cref="CreationSites"/>).
    /// HIGH per iteration of a loop over data that runs to the end, MEDIUM otherwise.
    /// </summary>
    internal sealed class ClientPerRequestDetector : Detector
    {
        private readonly TypeRows<Client> _clients;
        private readonly TypeSet _poolOwners;

        public ClientPerRequestDetector(AnalysisSession session, Compilation compilation) : base(session)
        {
            _clients = new TypeRows<Client>(compilation, ClientPerRequestTable.Clients, row => row.Type);
            _poolOwners = new TypeSet(compilation, ClientPerRequestTable.PoolOwners);
        }

        public override ImmutableArray<OperationKind> Kinds { get; } = ImmutableArray.Create(OperationKind.ObjectCreation, OperationKind.Invocation);

        public override void Analyze(IOperation operation, CancellationToken ct)
        {
            string display;
            string? recommendation;
            ImmutableArray<IArgumentOperation> arguments;
            switch (operation)
            {
                case IObjectCreationOperation creation when (recommendation = Recommendation(creation.Type, ".ctor")) != null:
                    display = "new " + creation.Type!.Name + (creation.Arguments.Length == 0 ? "()" : "(…)");
                    arguments = creation.Arguments;
                    break;
                case IInvocationOperation call when call.TargetMethod.IsStatic
                                                    && (recommendation = Recommendation(call.TargetMethod.ContainingType, call.TargetMethod.Name)) != null:
                    display = call.TargetMethod.ContainingType.Name + "." + call.TargetMethod.Name + "(…)";
                    arguments = call.Arguments;
                    break;
                default:
                    return;
            }
            if (SharesPool(arguments, ct)) return;
            var scope = Session.ScopeOf(operation, ct);
            var site = CreationSites.Classify(operation, scope, Session.Frameworks, ct);
            if (site == null) return;

            bool visiblyRepeated = site.Recurrence != Recurrence.PerCall || scope.IsHandler;
            // A loop that can stop early (a retry or a search) may run only a few times: not enough for HIGH.
            bool high = site.OverData && !site.Loops.Exists(loop => Loops.CanCutShort(loop, orSkip: false));
            Session.Add(new Candidate("RP0011", OperationFacts.NameLocation(operation), scope,
                "Client per request: " + display + " is created " + site.Where,
                ", so every one opens its own connections instead of reusing a pool",
                recommendation, visiblyRepeated ? Confidence.High : Confidence.Medium)
            {
                Severity = context => high ? Severity.High : Severity.Medium,
            });
        }

        /// <summary>The fix for <paramref name="member"/> of the type or (for constructors) a base class; null when not a client.</summary>
        private string? Recommendation(ITypeSymbol? type, string member) =>
            _clients.Find(type, row => row.Member == member, orBase: member == ".ctor")?.Recommendation;

        /// <summary>
        /// <c>new HttpClient(_handler, disposeHandler: false)</c>: a handler (or client) that is not created in this function
        /// — a field, parameter, property or call result — carries a pool that outlives the call.
        /// </summary>
        private bool SharesPool(ImmutableArray<IArgumentOperation> arguments, CancellationToken ct)
        {
            foreach (var argument in arguments)
            {
                var value = OperationFacts.Unwrap(argument.Value);
                if (argument.ArgumentKind == ArgumentKind.DefaultValue || value == null || !_poolOwners.ContainsSelfOrBase(value.Type)) continue;
                if (value is ILocalReferenceOperation local) value = OperationFacts.Unwrap(OperationFacts.Initializer(local.Local, local.SemanticModel!, ct));
                if (!(value is IObjectCreationOperation)) return true;
            }
            return false;
        }
    }
}
