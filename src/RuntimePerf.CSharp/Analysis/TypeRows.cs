using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace RuntimePerf.CSharp.Analysis
{
    /// <summary>
    /// Data-table rows keyed by the type each row names, resolved once per compilation. Names that do not resolve (the
    /// library is not referenced) match nothing; a library's type declared in source with the same full name matches.
    /// </summary>
    internal sealed class TypeRows<TRow> where TRow : class
    {
        private readonly Dictionary<INamedTypeSymbol, List<TRow>> _rows = new Dictionary<INamedTypeSymbol, List<TRow>>(SymbolEqualityComparer.Default);

        public TypeRows(Compilation compilation, IEnumerable<TRow> rows, Func<TRow, string> metadataName)
        {
            foreach (var row in rows)
            {
                foreach (var type in compilation.GetTypesByMetadataName(metadataName(row)))
                {
                    if (!_rows.TryGetValue(type, out var list)) _rows[type] = list = new List<TRow>();
                    list.Add(row);
                }
            }
        }

        /// <summary>The first row for the type (and, with <paramref name="orBase"/>, its base classes) that <paramref name="match"/> accepts.</summary>
        public TRow? Find(ITypeSymbol? type, Func<TRow, bool> match, bool orBase = false)
        {
            for (var t = type as INamedTypeSymbol; t != null; t = orBase ? t.BaseType : null)
            {
                if (!_rows.TryGetValue(t.OriginalDefinition, out var rows)) continue;
                foreach (var row in rows)
                {
                    if (match(row)) return row;
                }
            }
            return null;
        }
    }
}
