using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using RuntimePerf.CSharp.Rules.AwaitInLoop;
using RuntimePerf.CSharp.Rules.BlockingIo;
using RuntimePerf.CSharp.Rules.BlockingWait;
using RuntimePerf.CSharp.Rules.BufferedSerialization;
using RuntimePerf.CSharp.Rules.ClientPerRequest;
using RuntimePerf.CSharp.Rules.CpuBoundInAsync;
using RuntimePerf.CSharp.Rules.ExpensiveObject;
using RuntimePerf.CSharp.Rules.FireAndForget;
using RuntimePerf.CSharp.Rules.LockAroundIo;
using RuntimePerf.CSharp.Rules.MaterializeToCount;
using RuntimePerf.CSharp.Rules.MissingCancellation;
using RuntimePerf.CSharp.Rules.MissingPreallocation;
using RuntimePerf.CSharp.Rules.QuadraticScan;
using RuntimePerf.CSharp.Rules.RedundantCopy;
using RuntimePerf.CSharp.Rules.RepeatedIo;
using RuntimePerf.CSharp.Rules.SequentialAwaits;
using RuntimePerf.CSharp.Rules.StringConcatInLoop;
using RuntimePerf.CSharp.Rules.SyncSleep;
using RuntimePerf.CSharp.Rules.UnboundedConcurrency;

namespace RuntimePerf.CSharp.Analysis
{
    /// <summary>
    /// Every C# detector of one compilation, grouped by the operation kinds they look at. The compiler-hosted analyzer
    /// feeds it operations through the analyzer driver; the standalone audit walks the operation trees itself.
    /// </summary>
    internal sealed class DetectorSet
    {
        private readonly AnalysisSession _session;
        private readonly Dictionary<OperationKind, (string Name, Action<IOperation, CancellationToken> Analyze)[]> _byKind;

        public DetectorSet(Compilation compilation, AnalyzerOptions? options)
        {
            _session = new AnalysisSession(compilation, options);
            _byKind = Create(_session, compilation)
                .SelectMany(detector => detector.Kinds.Select(kind => (Kind: kind, Name: detector.GetType().Name, Analyze: (Action<IOperation, CancellationToken>)detector.Analyze)))
                .GroupBy(entry => entry.Kind)
                .ToDictionary(group => group.Key, group => group.Select(entry => (entry.Name, entry.Analyze)).ToArray());
        }

        /// <summary>The operation kinds some detector looks at.</summary>
        public IEnumerable<OperationKind> Kinds => _byKind.Keys;

        /// <summary>Runs every detector interested in <paramref name="operation"/>; its findings are reported when they are final.</summary>
        public void Run(IOperation operation, Action<Diagnostic> report, CancellationToken ct)
        {
            if (!_byKind.TryGetValue(operation.Kind, out var detectors)) return;
            try
            {
                foreach (var (name, analyze) in detectors)
                {
                    // A detector bug on one odd construct must not cost the whole audit: report where it happened and go on.
                    try
                    {
                        analyze(operation, ct);
                    }
                    catch (Exception ex) when (!(ex is OperationCanceledException))
                    {
                        report(Diagnostic.Create(Descriptors.Failure, operation.Syntax.GetLocation(), name, ex.GetType().Name + ": " + ex.Message));
                    }
                }
            }
            finally
            {
                _session.ReportReady(report, ct);
            }
        }

        private static IEnumerable<Detector> Create(AnalysisSession session, Compilation compilation)
        {
            // RP0014 asks RP0001's detector which calls under a lock are blocking I/O; RP0002 asks its helpers which ones sleep.
            var blockingIo = new BlockingIoDetector(session, compilation);
            return new Detector[]
            {
                blockingIo,
                new SyncSleepDetector(session, blockingIo.Helpers),
                new MaterializeToCountDetector(session, compilation),
                new StringConcatInLoopDetector(session),
                new RedundantCopyDetector(session, compilation),
                new BlockingWaitDetector(session, compilation),
                new SyncDisposeDetector(session, compilation),
                new CpuBoundInAsyncDetector(session, compilation),
                new SequentialAwaitsDetector(session),
                new AwaitInLoopDetector(session, compilation),
                new UnboundedConcurrencyDetector(session, compilation),
                new ClientPerRequestDetector(session, compilation),
                new LockAroundIoDetector(session, compilation, blockingIo),
                new ExpensiveObjectDetector(session, compilation),
                new RepeatedIoDetector(session, compilation),
                new QuadraticScanDetector(session, compilation),
                new MissingCancellationDetector(session, compilation),
                new MissingPreallocationDetector(session, compilation),
                new FireAndForgetDetector(session, compilation),
                new BufferedSerializationDetector(session, compilation),
            };
        }
    }
}
