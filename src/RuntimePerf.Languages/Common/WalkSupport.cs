using System;
using System.Collections.Generic;

namespace RuntimePerf.Languages.Common
{
    /// <summary>
    /// A model builder's ancestor stack, read in place (a List of structs would copy a frame on every look): the
    /// builders walk iteratively and keep their own frames instead of recursing.
    /// </summary>
    internal sealed class FrameStack<TFrame> where TFrame : struct
    {
        private TFrame[] _items = new TFrame[64];

        public int Count { get; private set; }

        public ref TFrame this[int index] => ref _items[index];

        public void Add(in TFrame frame)
        {
            if (Count == _items.Length) Array.Resize(ref _items, Count * 2);
            _items[Count++] = frame;
        }

        public TFrame Pop() => _items[--Count];
    }

    /// <summary>
    /// A builder's node kinds by grammar symbol, compared as small numbers rather than strings on every node. Each member
    /// of <typeparamref name="TKind"/> is its node type's name in PascalCase (<c>FunctionItem</c> is <c>function_item</c>);
    /// symbol 0 of the enum (its first member) stands for every other type.
    /// </summary>
    internal static class NodeKinds
    {
        public static TKind[] BySymbol<TKind>(TreeSitter.Language grammar) where TKind : struct, Enum
        {
            var byName = new Dictionary<string, TKind>(StringComparer.Ordinal);
            var other = default(TKind);
            foreach (TKind k in Enum.GetValues<TKind>())
            {
                if (!k.Equals(other)) byName[SnakeCase(k.ToString())] = k;
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
