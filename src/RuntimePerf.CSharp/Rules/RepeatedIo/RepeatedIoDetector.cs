using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using RuntimePerf.CSharp.Analysis;
using RuntimePerf.Engine.Model;

namespace RuntimePerf.CSharp.Rules.RepeatedIo
{
    /// <summary>
    /// RP0016: a read from <see cref="RepeatedIoTable.Reads"/> inside a loop whose path argument has the same value on
    /// every iteration — unless the loop waits between iterations (polling), writes files itself, or the read is the
    /// attempt of a retry loop (inside a try that leaves the loop). MEDIUM over data, LOW in a small fixed loop.
    /// </summary>
    internal sealed class RepeatedIoDetector : Detector
    {
        private readonly MemberTable _reads;
        private readonly MemberTable _writes;

        public RepeatedIoDetector(AnalysisSession session, Compilation compilation) : base(session)
        {
            _reads = new MemberTable(compilation, RepeatedIoTable.Reads);
            _writes = new MemberTable(compilation, RepeatedIoTable.Writes);
        }

        public override ImmutableArray<OperationKind> Kinds { get; } = ImmutableArray.Create(OperationKind.Invocation, OperationKind.ObjectCreation);

        public override void Analyze(IOperation operation, CancellationToken ct)
        {
            var (method, arguments) = operation switch
            {
                IInvocationOperation call => (call.TargetMethod, call.Arguments),
                IObjectCreationOperation creation => (creation.Constructor, creation.Arguments),
                _ => (null, ImmutableArray<IArgumentOperation>.Empty),
            };
            if (method == null || !_reads.Contains(method) || !(PathArgument(arguments) is IOperation path)) return;

            var scope = Session.ScopeOf(operation, ct);
            var model = operation.SemanticModel!;
            foreach (var loop in OperationFacts.EnclosingLoops(operation.Syntax, scope.Node))
            {
                if (!LoopInvariance.IsInvariant(path, loop, model, ct)) continue;
                if (Loops.IsPaced(loop, model, ct) || IsRetryAttempt(operation.Syntax, loop) || WritesFiles(loop, model, ct)) return;
                bool overData = !Loops.IsSmallFixed(loop, model, ct);
                Session.Add(new Candidate("RP0016", OperationFacts.NameLocation(operation), scope,
                    "Repeated I/O in a loop: " + OperationFacts.Snippet(operation.Syntax) + " reads the same path again on every iteration of a "
                    + Loops.Keyword(loop) + " loop in ", "",
                    "Read it once before the loop and reuse the result; if callers read it too, cache it (IMemoryCache with an expiry)",
                    Confidence.High)
                {
                    Severity = context => overData ? Severity.Medium : Severity.Low,
                });
                return;
            }
        }

        /// <summary>The path: the first parameter, when it is a string (StreamReader(Stream) is not a file read).</summary>
        private static IOperation? PathArgument(ImmutableArray<IArgumentOperation> arguments)
        {
            foreach (var argument in arguments)
            {
                if (argument.Parameter is { Ordinal: 0 } parameter && parameter.Type.SpecialType == SpecialType.System_String) return argument.Value;
            }
            return null;
        }

        /// <summary><c>for (…) { try { return File.ReadAllText(p); } catch (IOException) { } }</c>: each attempt reads until one succeeds.</summary>
        private static bool IsRetryAttempt(SyntaxNode read, StatementSyntax loop)
        {
            for (var node = read.Parent; node != null && node != loop; node = node.Parent)
            {
                if (!(node is TryStatementSyntax attempt) || !attempt.Block.Span.Contains(read.Span)) continue;
                foreach (var inner in OperationFacts.OwnNodes(attempt.Block))
                {
                    if (inner is ReturnStatementSyntax || inner is BreakStatementSyntax) return true;
                }
            }
            return false;
        }

        private bool WritesFiles(StatementSyntax loop, SemanticModel model, CancellationToken ct)
        {
            foreach (var node in loop.DescendantNodes())
            {
                if ((node is InvocationExpressionSyntax || node is BaseObjectCreationExpressionSyntax)
                    && model.GetSymbolInfo(node, ct).Symbol is IMethodSymbol method && _writes.Contains(method))
                {
                    return true;
                }
            }
            return false;
        }
    }
}
