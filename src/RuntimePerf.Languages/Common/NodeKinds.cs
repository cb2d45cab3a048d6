using System;
using System.Collections.Generic;

namespace RuntimePerf.Languages.Common
{
    /// <summary>
    /// A model builder's node kinds by grammar symbol, so that its walk compares small numbers rather than type names on
    /// every node. The enum names the node types it acts on in PascalCase (<c>FunctionDefinition</c> is
    /// <c>function_definition</c>); its default member (0) stands for every other type.
    /// </summary>
    internal static class NodeKinds
    {
        public static TKind[] BySymbol<TKind>(TreeSitter.Language grammar) where TKind : struct, Enum
        {
            var byName = new Dictionary<string, TKind>(StringComparer.Ordinal);
            foreach (TKind k in Enum.GetValues<TKind>())
            {
                if (!EqualityComparer<TKind>.Default.Equals(k, default)) byName[SnakeCase(k.ToString())] = k;
            }
            var kinds = new TKind[grammar.SymbolCount];
            for (int symbol = 0; symbol < kinds.Length; symbol++)
            {
                if (grammar.IsNamedSymbol((ushort)symbol) && byName.TryGetValue(grammar.SymbolName((ushort)symbol), out var kind)) kinds[symbol] = kind;
            }
            return kinds;
        }

        private static string SnakeCase(string pascal)
        {
            var sb = new System.Text.StringBuilder();
            foreach (char ch in pascal)
            {
                if (char.IsUpper(ch) && sb.Length > 0) sb.Append('_');
                sb.Append(char.ToLowerInvariant(ch));
            }
            return sb.ToString();
        }
    }
}
