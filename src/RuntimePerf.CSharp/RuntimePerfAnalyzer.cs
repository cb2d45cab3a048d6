using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using RuntimePerf.CSharp.Analysis;
using RuntimePerf.CSharp.Rules.BlockingIo;
using RuntimePerf.CSharp.Rules.BlockingWait;
using RuntimePerf.CSharp.Rules.BufferedSerialization;
using RuntimePerf.CSharp.Rules.ClientPerRequest;
using RuntimePerf.CSharp.Rules.CpuBoundInAsync;
using RuntimePerf.CSharp.Rules.ExpensiveObject;
using RuntimePerf.CSharp.Rules.MaterializeToCount;
using RuntimePerf.CSharp.Rules.MissingPreallocation;
using RuntimePerf.CSharp.Rules.QuadraticScan;
using RuntimePerf.CSharp.Rules.RedundantCopy;
using RuntimePerf.CSharp.Rules.RepeatedIo;
using RuntimePerf.CSharp.Rules.StringConcatInLoop;
using RuntimePerf.CSharp.Rules.SyncSleep;

namespace RuntimePerf.CSharp
{
    /// <summary>
    /// The C# front end of the audit: one detector per catalog rule that lists C#. Diagnostics are Info and carry the
    /// finding's severity, confidence, context, effort, recommendation and enclosing symbol as properties
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
                var session = new AnalysisSession(start.Compilation);
                foreach (var detector in CreateDetectors(session, start.Compilation))
                {
                    start.RegisterOperationAction(Guard(detector.GetType().Name, op => detector.Analyze(op.Operation, op.CancellationToken)), detector.Kinds);
                }
                start.RegisterOperationAction(
                    Guard("method group handlers", op => session.CollectMethodGroupHandler((IInvocationOperation)op.Operation)),
                    OperationKind.Invocation);
                start.RegisterCompilationEndAction(session.ReportAll);
            });
        }

        private static IEnumerable<Detector> CreateDetectors(AnalysisSession session, Compilation compilation) => new Detector[]
        {
            new BlockingIoDetector(session, compilation),
            new SyncSleepDetector(session, compilation),
            new MaterializeToCountDetector(session, compilation),
            new StringConcatInLoopDetector(session),
            new RedundantCopyDetector(session, compilation),
            new BlockingWaitDetector(session, compilation),
            new CpuBoundInAsyncDetector(session, compilation),
            new ClientPerRequestDetector(session, compilation),
            new ExpensiveObjectDetector(session, compilation),
            new RepeatedIoDetector(session, compilation),
            new QuadraticScanDetector(session, compilation),
            new MissingPreallocationDetector(session, compilation),
            new BufferedSerializationDetector(session, compilation),
        };

        // A detector bug on one odd construct must not cost the whole audit: report where it happened and go on.
        private static Action<OperationAnalysisContext> Guard(string what, Action<OperationAnalysisContext> action) => context =>
        {
            try
            {
                action(context);
            }
            catch (Exception ex) when (!(ex is OperationCanceledException))
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.Failure, context.Operation.Syntax.GetLocation(),
                    what, ex.GetType().Name + ": " + ex.Message));
            }
        };
    }
}
