using System;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using RuntimePerf.CSharp.Analysis;
using RuntimePerf.Engine.Model;

namespace RuntimePerf.CSharp.Rules.BufferedSerialization
{
    /// <summary>
    /// RP0025: <c>JsonSerializer.Serialize(x)</c> (or <c>SerializeToUtf8Bytes</c>) whose whole result goes straight to a
    /// stream, writer, response or request body (<see cref="BufferedSerializationTable.Sinks"/>) — directly, through
    /// <c>Encoding.GetBytes</c>, or through locals used exactly once — instead of being serialized into it. Payloads
    /// that are also used for something else (a length header, a log, a cache) need the buffer and are not reported.
    /// </summary>
    internal sealed class BufferedSerializationDetector : Detector
    {
        /// <summary>How many steps (local, re-encoding) a payload is followed towards its sink.</summary>
        private const int MaxSteps = 4;

        private readonly MemberTable _serializers;
        private readonly MemberTable _encodings;
        private readonly TypeSet _enumerable;
        private readonly TypeRows<Sink> _sinks;

        public BufferedSerializationDetector(AnalysisSession session, Compilation compilation) : base(session)
        {
            _serializers = new MemberTable(compilation, BufferedSerializationTable.Serializers);
            _encodings = new MemberTable(compilation, BufferedSerializationTable.Encodings);
            _enumerable = new TypeSet(compilation, new[] { "System.Collections.IEnumerable" });
            _sinks = new TypeRows<Sink>(compilation, BufferedSerializationTable.Sinks, row => row.Type);
        }

        public override ImmutableArray<OperationKind> Kinds { get; } = ImmutableArray.Create(OperationKind.Invocation);

        public override void Analyze(IOperation operation, CancellationToken ct)
        {
            var serialize = (IInvocationOperation)operation;
            if (!_serializers.Contains(serialize.TargetMethod) || !ReturnsPayload(serialize.TargetMethod)
                || serialize.Arguments.Length == 0 || !(OperationFacts.Unwrap(serialize.Arguments[0].Value) is IOperation value)
                || IsScalar(value.Type))
            {
                return;
            }
            var scope = Session.ScopeOf(operation, ct);
            if (!(FindSink(serialize, scope.Node, ct) is (IOperation sinkCall, Sink row, var target))) return;
            if (row.InMemoryTarget && Session.InMemory.Contains(target, ct)) return;

            bool async = (sinkCall as IInvocationOperation)?.TargetMethod.Name.EndsWith("Async", StringComparison.Ordinal) == true;
            string fix = row.Fix
                .Replace("{await}", async ? "await " : "").Replace("{Async}", async ? "Async" : "")
                .Replace("{target}", target == null ? "" : OperationFacts.Snippet(target.Syntax, 40))
                .Replace("{value}", OperationFacts.Snippet(value.Syntax, 40));
            // A collection is the typical large result; a single object may well be small.
            var confidence = _enumerable.IsAssignableFrom(value.Type) ? Confidence.High : Confidence.Medium;
            Session.Add(new Candidate("RP0025", OperationFacts.NameLocation(serialize), scope,
                "Buffered where streaming fits: " + OperationFacts.Snippet(serialize.Syntax, 50) + " builds the whole payload in memory before "
                + Display(sinkCall) + " writes it, in ", "",
                fix, confidence));
        }

        /// <summary><c>Response.WriteAsync(…)</c>, <c>Content(…)</c>, <c>new StringContent(…)</c>: the sink without the payload again.</summary>
        private static string Display(IOperation sink)
        {
            if (sink is IObjectCreationOperation creation) return "new " + creation.Type!.Name + "(…)";
            var call = (IInvocationOperation)sink;
            var receiver = OperationFacts.Receiver(call);
            string owner = receiver != null ? (receiver.IsImplicit ? "" : OperationFacts.Snippet(receiver.Syntax, 30) + ".")
                : call.TargetMethod.ContainingType.Name + ".";
            return owner + call.TargetMethod.Name + "(…)";
        }

        /// <summary>The overloads that return the payload (string or byte[]), not those that write to a stream or writer.</summary>
        private static bool ReturnsPayload(IMethodSymbol method) =>
            method.ReturnType.SpecialType == SpecialType.System_String
            || method.ReturnType is IArrayTypeSymbol { ElementType: { SpecialType: SpecialType.System_Byte } };

        /// <summary>Numbers, strings, dates, enums: nothing worth streaming.</summary>
        private static bool IsScalar(ITypeSymbol? type) =>
            type == null || type.TypeKind == TypeKind.Enum || type.SpecialType == SpecialType.System_DateTime
            || (type.SpecialType >= SpecialType.System_Boolean && type.SpecialType <= SpecialType.System_String);

        /// <summary>Follows the payload to the call that writes it; null when it goes anywhere else or is used twice.</summary>
        private (IOperation Call, Sink Row, IOperation? Target)? FindSink(IInvocationOperation serialize, SyntaxNode function, CancellationToken ct)
        {
            IOperation payload = serialize;
            for (int step = 0; step < MaxSteps; step++)
            {
                var parent = payload.Parent;
                while (parent is IConversionOperation || parent is IParenthesizedOperation)
                {
                    payload = parent;
                    parent = parent.Parent;
                }
                switch (parent)
                {
                    case IArgumentOperation { Parent: IInvocationOperation call }:
                        if (SinkFor(call.TargetMethod) is Sink row) return (call, row, call.Instance ?? (call.TargetMethod.IsExtensionMethod ? call.Arguments[0].Value : null));
                        if (!_encodings.Contains(call.TargetMethod)) return null;
                        payload = call;
                        break;
                    case IArgumentOperation { Parent: IObjectCreationOperation creation }:
                        if (creation.Constructor != null && SinkFor(creation.Constructor) is Sink content) return (creation, content, null);
                        return null;
                    case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                        var uses = OperationFacts.References(declarator.Symbol, function, payload.SemanticModel!, ct);
                        if (uses.Count != 1) return null;
                        payload = uses[0];
                        break;
                    default:
                        return null;
                }
            }
            return null;
        }

        /// <summary>The sink row for the method's type (or, for streams and writers, a base type) and name.</summary>
        private Sink? SinkFor(IMethodSymbol method)
        {
            string name = method.MethodKind == MethodKind.Constructor ? ".ctor" : method.Name;
            return _sinks.Find(method.ContainingType, row => Array.IndexOf(row.Members, name) >= 0, orBase: true);
        }
    }
}
