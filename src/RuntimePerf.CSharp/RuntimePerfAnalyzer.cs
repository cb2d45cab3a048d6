using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using RuntimePerf.CSharp.Analysis;
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

namespace RuntimePerf.CSharp
{
    /// <summary>
    /// The C# front end of the audit (the rules whose catalog entry lists C#). Diagnostics are Info and carry the finding's
    /// severity, confidence, context, effort, recommendation and enclosing symbol as properties
    /// (<see cref="Descriptors"/>); the gate, not the compiler, decides what fails.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class RuntimePerfAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => Descriptors.All;

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(start =>
            {
                var session = new AnalysisSession(start.Compilation, start.Options);
                var log = FindingsLog.For(start.Options);
                var byKind = new Dictionary<OperationKind, List<(string Name, Action<IOperation, CancellationToken> Analyze)>>();
                foreach (var detector in CreateDetectors(session, start.Compilation))
                {
                    foreach (var kind in detector.Kinds) Add(byKind, kind, detector.GetType().Name, detector.Analyze);
                }
                // One callback per operation kind that runs every detector for it: the driver's cost is per registered
                // action and operation, and most operations interest several detectors.
                foreach (var entry in byKind)
                {
                    var detectors = entry.Value.ToArray();
                    start.RegisterOperationAction(context => Run(session, detectors, context, log), entry.Key);
                }
                // Every finding is reported where it is found; the end of the compilation only writes the log for the task.
                if (log != null) start.RegisterCompilationEndAction(log.Write);
            });
        }

        private static IEnumerable<Detector> CreateDetectors(AnalysisSession session, Compilation compilation)
        {
            // RP0014 asks RP0001's detector which calls under a lock are blocking I/O.
            var blockingIo = new BlockingIoDetector(session, compilation);
            return new Detector[]
            {
                blockingIo,
                new SyncSleepDetector(session, compilation),
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

        private static void Add(Dictionary<OperationKind, List<(string, Action<IOperation, CancellationToken>)>> byKind, OperationKind kind,
            string name, Action<IOperation, CancellationToken> analyze)
        {
            if (!byKind.TryGetValue(kind, out var list)) byKind[kind] = list = new List<(string, Action<IOperation, CancellationToken>)>();
            list.Add((name, analyze));
        }

        private static void Report(Diagnostic diagnostic, Action<Diagnostic> report, FindingsLog? log)
        {
            report(diagnostic);
            log?.Record(diagnostic);
        }

        private static void Run(AnalysisSession session, (string Name, Action<IOperation, CancellationToken> Analyze)[] detectors, OperationAnalysisContext context, FindingsLog? log)
        {
            try
            {
                foreach (var (name, analyze) in detectors)
                {
                    // A detector bug on one odd construct must not cost the whole audit: report where it happened and go on.
                    try
                    {
                        analyze(context.Operation, context.CancellationToken);
                    }
                    catch (Exception ex) when (!(ex is OperationCanceledException))
                    {
                        Report(Diagnostic.Create(Descriptors.Failure, context.Operation.Syntax.GetLocation(), name, ex.GetType().Name + ": " + ex.Message),
                            context.ReportDiagnostic, log);
                    }
                }
            }
            finally
            {
                session.ReportReady(d => Report(d, context.ReportDiagnostic, log), context.CancellationToken);
            }
        }
    }
}
