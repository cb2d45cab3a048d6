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

        /// <summary>The member is listed for exactly this type (generic definitions compare unconstructed).</summary>
        public bool Contains(ITypeSymbol? type, string member) =>
            type is INamedTypeSymbol named && _rows.TryGetValue(named.OriginalDefinition, out var members) && members.Contains(member);

        /// <summary>The member is listed for the type, a base class or an implemented interface; returns the listed type.</summary>
        public INamedTypeSymbol? FindInHierarchy(ITypeSymbol? type, string member)
        {
            for (var t = type; t != null; t = t.BaseType)
            {
                if (Contains(t, member)) return (INamedTypeSymbol)t.OriginalDefinition;
            }
            if (type == null) return null;
            foreach (var i in type.AllInterfaces)
            {
                if (Contains(i, member)) return i.OriginalDefinition;
            }
            return null;
        }

        /// <summary>Rows in a readable form for the tables: <c>Row("System.IO.File", "ReadAllText", …)</c>.</summary>
        public static KeyValuePair<string, string[]> Row(string type, params string[] members) =>
            new KeyValuePair<string, string[]>(type, members);
    }
}
