using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace RuntimePerf.CSharp.Analysis
{
    /// <summary>LINQ extension calls (System.Linq.Enumerable, Queryable) recognised by symbol, resolved once per compilation.</summary>
    internal sealed class LinqCalls
    {
        /// <summary>Calls that copy a sequence into a new list or array.</summary>
        private static readonly string[] Copies = { "ToList", "ToArray" };

        private readonly TypeSet _enumerable;
        private readonly TypeSet _linq;

        public LinqCalls(Compilation compilation)
        {
            _enumerable = new TypeSet(compilation, new[] { "System.Linq.Enumerable" });
            _linq = new TypeSet(compilation, new[] { "System.Linq.Enumerable", "System.Linq.Queryable" });
        }

        /// <summary>An Enumerable (or Queryable) extension call named one of <paramref name="names"/>.</summary>
        public bool IsCall(IInvocationOperation call, string[] names, bool orQueryable = false) =>
            IsLinq(call, orQueryable) && Array.IndexOf(names, call.TargetMethod.Name) >= 0;

        public bool IsLinq(IInvocationOperation call, bool orQueryable = true) =>
            call.TargetMethod.IsExtensionMethod && call.Arguments.Length > 0
            && (orQueryable ? _linq : _enumerable).Contains(call.TargetMethod.ContainingType);

        /// <summary><c>source.ToList()</c> / <c>source.ToArray()</c> (LINQ to Objects), or null.</summary>
        public IInvocationOperation? Copy(IOperation? operation) =>
            OperationFacts.Unwrap(operation) is IInvocationOperation call && IsCall(call, Copies) ? call : null;
    }
}
