using System;
using System.Collections.Generic;
using RuntimePerf.TreeSitter.Interop;

namespace RuntimePerf.TreeSitter
{
    /// <summary>A grammar compiled into the native library. Static data: never freed, safe to share between threads.</summary>
    public sealed unsafe class Language
    {
        private readonly string?[] _symbolNames;
        private readonly string?[] _fieldNames;
        private readonly Dictionary<string, ushort> _fieldIds = new(StringComparer.Ordinal);

        internal Language(string name, IntPtr handle)
        {
            Name = name;
            Handle = handle;
            _symbolNames = new string?[NativeMethods.ts_language_symbol_count(handle)];
            // Field ids start at 1; 0 means "no field".
            _fieldNames = new string?[NativeMethods.ts_language_field_count(handle) + 1];
            for (ushort id = 1; id < _fieldNames.Length; id++)
            {
                string fieldName = NativeMethods.Utf8(NativeMethods.ts_language_field_name_for_id(handle, id))!;
                _fieldNames[id] = fieldName;
                _fieldIds[fieldName] = id;
            }
        }

        /// <summary>python, javascript, typescript, tsx, go or rust.</summary>
        public string Name { get; }

        internal IntPtr Handle { get; }

        public int AbiVersion => (int)NativeMethods.ts_language_abi_version(Handle);

        public Parser CreateParser() => new(this);

        public override string ToString() => Name;

        /// <summary>Symbols are 0 ≤ symbol &lt; SymbolCount (aliases included): for per-symbol tables.</summary>
        public int SymbolCount => _symbolNames.Length;

        /// <summary>Node type names are cached per symbol: ts_node_type would allocate a string per call.</summary>
        public string SymbolName(ushort symbol)
        {
            if (symbol >= _symbolNames.Length) return "";
            return _symbolNames[symbol] ??= NativeMethods.Utf8(NativeMethods.ts_language_symbol_name(Handle, symbol)) ?? "";
        }

        private sbyte[]? _named;

        /// <summary>Whether nodes of this symbol are named (not punctuation or keywords), cached per symbol.</summary>
        public bool IsNamedSymbol(ushort symbol)
        {
            var named = _named ??= new sbyte[_symbolNames.Length];
            if (symbol >= named.Length) return false;
            if (named[symbol] == 0)
            {
                var type = NativeMethods.ts_language_symbol_type(Handle, symbol);
                named[symbol] = (sbyte)(type is TSSymbolType.Regular or TSSymbolType.Supertype ? 1 : -1);
            }
            return named[symbol] > 0;
        }

        internal string? FieldName(ushort fieldId) => fieldId < _fieldNames.Length ? _fieldNames[fieldId] : null;

        /// <summary>The id of a field name (look it up once, then use <see cref="SyntaxNode.ChildByFieldId"/>); 0 when the grammar has no such field.</summary>
        public ushort FieldId(string fieldName) => _fieldIds.TryGetValue(fieldName, out ushort id) ? id : (ushort)0;
    }
}
