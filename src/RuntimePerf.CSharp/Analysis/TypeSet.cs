using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace RuntimePerf.CSharp.Analysis
{
    /// <summary>
    /// Types named in a data table, resolved once per compilation. Names that do not resolve (the library
    /// is not referenced) simply match nothing.
    /// </summary>
    internal sealed class TypeSet
    {
        private readonly HashSet<INamedTypeSymbol> _types = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);

        public TypeSet(Compilation compilation, IEnumerable<string> metadataNames)
        {
            foreach (string name in metadataNames)
            {
                foreach (var type in compilation.GetTypesByMetadataName(name)) _types.Add(type);
            }
        }

        public bool IsEmpty => _types.Count == 0;

        /// <summary>The type itself (generic definitions compare unconstructed).</summary>
        public bool Contains(ITypeSymbol? type) => type is INamedTypeSymbol named && _types.Contains(named.OriginalDefinition);

        /// <summary>The type or one of its base classes.</summary>
        public bool ContainsSelfOrBase(ITypeSymbol? type)
        {
            for (var t = type; t != null; t = t.BaseType)
            {
                if (Contains(t)) return true;
            }
            return false;
        }

        /// <summary>The type, a base class or an implemented interface.</summary>
        public bool IsAssignableFrom(ITypeSymbol? type)
        {
            if (type == null) return false;
            if (ContainsSelfOrBase(type)) return true;
            foreach (var i in type.AllInterfaces)
            {
                if (Contains(i)) return true;
            }
            return false;
        }

        /// <summary>The first type in <paramref name="type"/>'s base chain that is in the set.</summary>
        public INamedTypeSymbol? FindSelfOrBase(ITypeSymbol? type)
        {
            for (var t = type; t != null; t = t.BaseType)
            {
                if (Contains(t)) return (INamedTypeSymbol)t.OriginalDefinition;
            }
            return null;
        }
    }
}
