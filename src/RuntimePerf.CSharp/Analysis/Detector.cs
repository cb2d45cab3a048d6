using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace RuntimePerf.CSharp.Analysis
{
    /// <summary>One rule concept for C#: looks at operations of the given kinds and adds candidates to the session.</summary>
    internal abstract class Detector
    {
        protected Detector(AnalysisSession session) => Session = session;

        protected AnalysisSession Session { get; }

        public abstract ImmutableArray<OperationKind> Kinds { get; }

        public abstract void Analyze(IOperation operation, CancellationToken ct);
    }
}
