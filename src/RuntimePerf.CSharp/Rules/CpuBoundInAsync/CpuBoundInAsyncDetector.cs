using System;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using RuntimePerf.CSharp.Analysis;
using RuntimePerf.Engine.Model;

namespace RuntimePerf.CSharp.Rules.CpuBoundInAsync
{
    /// <summary>
    /// RP0005: a CPU-heavy call from <see cref="CpuBoundTable.Calls"/> — or a whole in-memory buffer written or copied
    /// through a compression stream, outside any loop — made directly in async code or a request handler. Offloaded
    /// lambdas (Task.Run…), nested sync functions, startup code and sync code are not async paths.
    /// </summary>
    internal sealed class CpuBoundInAsyncDetector : Detector
    {
        private readonly TypeRows<CpuWork> _calls;
        private readonly TypeSet _compression;
        private readonly TypeSet _stream;

        public CpuBoundInAsyncDetector(AnalysisSession session, Compilation compilation) : base(session)
        {
            _calls = new TypeRows<CpuWork>(compilation, CpuBoundTable.Calls, row => row.Type);
            _compression = new TypeSet(compilation, CpuBoundTable.CompressionStreams);
            _stream = new TypeSet(compilation, new[] { "System.IO.Stream" });
        }

        public override ImmutableArray<OperationKind> Kinds { get; } = ImmutableArray.Create(OperationKind.Invocation);

        public override void Analyze(IOperation operation, CancellationToken ct)
        {
            var call = (IInvocationOperation)operation;
            var method = call.TargetMethod;
            string work;
            var confidence = Confidence.High;
            FunctionScope scope;
            if (Row(method) is CpuWork row)
            {
                if (row.SmallWhenConstant && call.Arguments.Length > 0 && call.Arguments[0].Value.ConstantValue.HasValue) return;
                scope = Session.ScopeOf(operation, ct);
                work = row.Work;
                confidence = row.Confidence;
            }
            else if (Array.IndexOf(CpuBoundTable.WholeBufferCalls, method.Name) >= 0 && _stream.ContainsSelfOrBase(method.ContainingType)
                     && CompressionStream(call, ct) is string compressor)
            {
                scope = Session.ScopeOf(operation, ct);
                // Inside a loop the buffer goes through in chunks, typically between awaits of real I/O.
                if (OperationFacts.EnclosingLoops(operation.Syntax, scope.Node).Count > 0) return;
                work = compressor + " over a whole in-memory buffer";
            }
            else
            {
                return;
            }
            if (!scope.MayBeAsyncPath) return;
            Session.Add(new Candidate("RP0005", OperationFacts.NameLocation(call), scope,
                "CPU-bound work: " + OperationFacts.Snippet(call.Syntax) + " (" + work + ") inside ",
                " runs inline, holding its thread for the whole computation",
                "Offload it with await Task.Run(() => …), and bound how many run at once (SemaphoreSlim, a background queue) if it is frequent",
                confidence) { AsyncPathOnly = true });
        }

        private CpuWork? Row(IMethodSymbol method) => _calls.Find(method.ContainingType, row => Array.IndexOf(row.Members, method.Name) >= 0);

        /// <summary>
        /// <c>gzip.Write(bytes)</c> into memory, <c>gzip.CopyTo(memory)</c> from memory, <c>memory.CopyTo(gzip)</c> into memory:
        /// the compression stream's name when both ends are in memory (nothing waits on I/O: it is all CPU), else null.
        /// </summary>
        private string? CompressionStream(IInvocationOperation call, CancellationToken ct)
        {
            var source = call.Instance;
            var destination = call.TargetMethod.Name.StartsWith("CopyTo", StringComparison.Ordinal) && call.Arguments.Length > 0 ? call.Arguments[0].Value : null;
            string? compressor = CompressorName(source, ct) ?? CompressorName(destination, ct);
            if (compressor == null || !Session.InMemory.Contains(source, ct)) return null;
            return destination == null || Session.InMemory.Contains(destination, ct) ? compressor : null;
        }

        /// <summary>GZipStream, BrotliStream…: by the expression's type or, for a local typed Stream, its initializer's.</summary>
        private string? CompressorName(IOperation? stream, CancellationToken ct)
        {
            stream = OperationFacts.Unwrap(stream);
            if (stream is ILocalReferenceOperation local && !_compression.ContainsSelfOrBase(stream.Type))
            {
                stream = OperationFacts.Unwrap(OperationFacts.Initializer(local.Local, local.SemanticModel!, ct));
            }
            return stream != null && _compression.ContainsSelfOrBase(stream.Type) ? stream.Type!.Name : null;
        }
    }
}
