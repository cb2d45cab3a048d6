using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace RuntimePerf.CSharp.Analysis
{
    /// <summary>A data table of (type, member names) rows resolved once per compilation.</summary>
    internal sealed class MemberTable
    {
        private readonly Dictionary<INamedTypeSymbol, HashSet<string>> _rows =
            new Dictionary<INamedTypeSymbol, HashSet<string>>(SymbolEqualityComparer.Default);

        public MemberTable(Compilation compilation, IEnumerable<KeyValuePair<string, string[]>> rows)
        {
            foreach (var row in rows)
            {
                foreach (var type in compilation.GetTypesByMetadataName(row.Key))
                {
                    if (!_rows.TryGetValue(type, out var members))
                    {
                        _rows[type] = members = new HashSet<string>(StringComparer.Ordinal);
                    }
                    members.UnionWith(row.Value);
                }
            }
        }

        public bool IsEmpty => _rows.Count == 0;

        /// <summary>The member is listed for exactly this type (generic definitions compare unconstructed).</summary>
        public bool Contains(ITypeSymbol? type, string member) =>
            type is INamedTypeSymbol named && _rows.TryGetValue(named.OriginalDefinition, out var members) && members.Contains(member);

        /// <summary>The method is listed for its type under its name, or <c>.ctor</c> for a constructor.</summary>
        public bool Contains(IMethodSymbol method) =>
            Contains(method.ContainingType, method.MethodKind == MethodKind.Constructor ? ".ctor" : method.Name);

        /// <summary>Rows in a readable form for the tables: <c>Row("System.IO.File", "ReadAllText", …)</c>.</summary>
        public static KeyValuePair<string, string[]> Row(string type, params string[] members) =>
            new KeyValuePair<string, string[]>(type, members);
    }
}
