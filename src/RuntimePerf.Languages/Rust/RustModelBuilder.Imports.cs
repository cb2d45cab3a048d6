using System;
using System.Collections.Generic;
using RuntimePerf.TreeSitter;

namespace RuntimePerf.Languages.Rust
{
    /// <summary><c>use</c> declarations: what a local name refers to (<c>fs</c> → <c>std::fs</c>), paths and types resolved through them.</summary>
    internal sealed partial class RustModelBuilder
    {
        private void RecordUse(SyntaxNode node)
        {
            if (node.ChildByFieldId(Field.Argument) is not { } argument) return;
            var imports = Current.Kind != Common.FunctionKind.Module ? Current.LocalImports ??= new Dictionary<string, string>(StringComparer.Ordinal)
                : _mods.Count > 0 ? _mods[^1].Imports : _model.Imports;
            // An explicit stack of (tree, prefix): use lists nest (`use a::{b::{c, d}, e}`).
            var work = new Stack<(SyntaxNode Node, string Prefix)>();
            work.Push((argument, ""));
            while (work.Count > 0)
            {
                var (n, prefix) = work.Pop();
                switch (n.Type)
                {
                    case "identifier":
                    case "scoped_identifier":
                    {
                        string path = Join(prefix, n.Text);
                        imports[LastSegment(path)] = Absolute(path);
                        break;
                    }
                    case "self":
                        if (prefix.Length > 0) imports[LastSegment(prefix)] = Absolute(prefix);
                        break;
                    case "use_as_clause":
                        if (n.ChildByFieldId(Field.Path) is { } p && n.ChildByFieldId(Field.Alias) is { } a) imports[a.Text] = Absolute(Join(prefix, p.Text));
                        break;
                    case "scoped_use_list":
                    {
                        string inner = n.ChildByFieldId(Field.Path) is { } path ? Join(prefix, path.Text) : prefix;
                        if (n.ChildByFieldId(Field.List) is { } list)
                        {
                            foreach (var item in list.NamedChildren) work.Push((item, inner));
                        }
                        break;
                    }
                    case "use_list":
                        foreach (var item in n.NamedChildren) work.Push((item, prefix));
                        break;
                }
            }
        }

        private static string Join(string prefix, string path) => prefix.Length == 0 ? path : prefix + "::" + path;

        private static string LastSegment(string path) => RustKnowledge.LastSegment(path);

        /// <summary><c>self::x</c> and <c>super::x</c> made absolute from this file's module (<c>crate::api::x</c>).</summary>
        private string Absolute(string path)
        {
            if (path.StartsWith("::", StringComparison.Ordinal)) return path.Substring(2);
            if (path.StartsWith("self::", StringComparison.Ordinal)) return _model.ModuleName + path.Substring(4);
            if (!path.StartsWith("super::", StringComparison.Ordinal)) return path;
            string module = _model.ModuleName;
            while (path.StartsWith("super::", StringComparison.Ordinal))
            {
                int cut = module.LastIndexOf("::", StringComparison.Ordinal);
                module = cut < 0 ? module : module.Substring(0, cut);
                path = path.Substring(7);
            }
            return module + "::" + path;
        }

        /// <summary>
        /// A path resolved through the <c>use</c> declarations visible here: <c>fs::read</c> → <c>std::fs::read</c>,
        /// <c>Self::new</c> → <c>Client::new</c> in <c>impl Client</c>; turbofish arguments are dropped (<c>Vec::&lt;u8&gt;::new</c>).
        /// </summary>
        private string ResolvePath(string written)
        {
            string path = StripTurbofish(written);
            int sep = path.IndexOf("::", StringComparison.Ordinal);
            string first = sep < 0 ? path : path.Substring(0, sep);
            string? target = first == "Self" && _impls.Count > 0 ? _impls[^1].TypeName : Current.ImportTarget(first);
            if (target == null) return Absolute(path);
            return sep < 0 ? target : target + path.Substring(sep);
        }

        private static string StripTurbofish(string path)
        {
            int open = path.IndexOf("::<", StringComparison.Ordinal);
            if (open < 0) return path;
            var sb = new System.Text.StringBuilder(path.Length);
            int depth = 0;
            for (int i = 0; i < path.Length; i++)
            {
                if (depth == 0 && i + 2 < path.Length && path[i] == ':' && path[i + 1] == ':' && path[i + 2] == '<') { depth = 1; i += 2; continue; }
                if (depth > 0)
                {
                    if (path[i] == '<') depth++;
                    else if (path[i] == '>') depth--;
                    continue;
                }
                sb.Append(path[i]);
            }
            return sb.ToString();
        }

        /// <summary>The type's path without references, <c>mut</c>, <c>dyn</c> and generic arguments: <c>&amp;mut Vec&lt;u8&gt;</c> → <c>Vec</c>.</summary>
        private static string TypeBase(string type)
        {
            string t = type.Trim();
            while (t.StartsWith('&'))
            {
                t = t.Substring(1).TrimStart();
                if (t.StartsWith('\''))
                {
                    int space = t.IndexOf(' ');
                    t = space < 0 ? "" : t.Substring(space + 1).TrimStart();
                }
                if (t.StartsWith("mut ", StringComparison.Ordinal)) t = t.Substring(4).TrimStart();
            }
            if (t.StartsWith("dyn ", StringComparison.Ordinal) || t.StartsWith("impl ", StringComparison.Ordinal)) return "";
            int lt = t.IndexOf('<');
            return (lt < 0 ? t : t.Substring(0, lt)).Trim();
        }

        /// <summary>The value kind a declared type gives (a reference to a value of a kind has its kind only when <paramref name="allowReference"/>).</summary>
        private string? TypeKind(string? type, bool allowReference)
        {
            if (type == null || (!allowReference && type.TrimStart().StartsWith('&'))) return null;
            string b = TypeBase(type);
            if (b.Length == 0) return null;
            string resolved = ResolvePath(b);
            if (RustTables.Types.TryGetValue(resolved, out var kind)) return kind;
            return RustTables.Types.TryGetValue(b, out kind) ? kind : null;
        }
    }
}
