using System;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
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
        private readonly TypeSet _list;

        public LinqCalls(Compilation compilation)
        {
            _enumerable = new TypeSet(compilation, new[] { "System.Linq.Enumerable" });
            _linq = new TypeSet(compilation, new[] { "System.Linq.Enumerable", "System.Linq.Queryable" });
            _list = new TypeSet(compilation, new[] { "System.Collections.Generic.List`1" });
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

        /// <summary>
        /// The copy a foreach walks: its collection itself (<c>foreach (… in xs.ToList())</c>), or the one initializer of the
        /// local it walks (<c>var copy = xs.ToList(); foreach (… in copy)</c>), with what it copies and that local; null for any
        /// other loop.
        /// </summary>
        public (IInvocationOperation Copy, IOperation Source, ILocalSymbol? Local)? LoopCopy(IForEachLoopOperation loop, CancellationToken ct)
        {
            var collection = OperationFacts.Unwrap(loop.Collection);
            if (CopyOf(collection) is { } direct) return (direct.Copy, direct.Source, null);
            if (!(collection is ILocalReferenceOperation { Local: var local }) || local.DeclaringSyntaxReferences.Length != 1
                || !(local.DeclaringSyntaxReferences[0].GetSyntax(ct) is VariableDeclaratorSyntax { Initializer: { } init })
                || !(CopyOf(loop.SemanticModel!.GetOperation(init.Value, ct)) is { } held)) return null;
            return (held.Copy, held.Source, local);
        }

        /// <summary>A LINQ copy (<see cref="Copy"/>) or <c>List&lt;T&gt;.ToArray()</c> (<c>accounts.ToArray()</c>), with what it copies.</summary>
        private (IInvocationOperation Copy, IOperation Source)? CopyOf(IOperation? operation)
        {
            if (Copy(operation) is { } linq) return (linq, linq.Arguments[0].Value);
            return OperationFacts.Unwrap(operation) is IInvocationOperation { TargetMethod: { Name: "ToArray", Parameters.Length: 0 } method, Instance: { } list } call
                && _list.Contains(method.ContainingType) ? (call, list) : null;
        }
    }
}
