using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using RuntimePerf.CSharp.Analysis;

namespace RuntimePerf.CSharp
{
    /// <summary>
    /// The C# front end of the audit (the rules whose catalog entry lists C#) as the compiler hosts it. Diagnostics are
    /// Info and carry the finding's severity, confidence, context, effort, recommendation and enclosing symbol as
    /// properties (<see cref="Descriptors"/>); the gate, not the compiler, decides what fails.
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
                var detectors = new DetectorSet(start.Compilation, start.Options);
                var log = FindingsLog.For(start.Options);
                // One callback per operation kind that runs every detector for it: the driver's cost is per registered
                // action and operation, and most operations interest several detectors.
                foreach (var kind in detectors.Kinds)
                {
                    start.RegisterOperationAction(context => detectors.Run(context.Operation, diagnostic =>
                    {
                        context.ReportDiagnostic(diagnostic);
                        log?.Record(diagnostic);
                    }, context.CancellationToken), kind);
                }
                // Every finding is reported where it is found; the end of the compilation only writes the log for the task.
                if (log != null) start.RegisterCompilationEndAction(log.Write);
            });
        }
    }
}
