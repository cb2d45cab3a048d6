using System;
using RuntimePerf.Languages.Common;
using RuntimePerf.TreeSitter;

namespace RuntimePerf.Languages.Go
{
    /// <summary>Imports (local package name → import path) and what names and types resolve to through them.</summary>
    internal sealed partial class GoModelBuilder
    {
        private void RecordImports(SyntaxNode declaration)
        {
            foreach (var child in declaration.NamedChildren)
            {
                if (child.Type == "import_spec") RecordImport(child);
                else if (child.Type == "import_spec_list")
                {
                    foreach (var spec in child.NamedChildren)
                    {
                        if (spec.Type == "import_spec") RecordImport(spec);
                    }
                }
            }
        }

        private void RecordImport(SyntaxNode spec)
        {
            if (TextOf(spec.ChildByFieldId(Field.Path)) is not { Length: > 2 } quoted) return;
            string path = quoted.Substring(1, quoted.Length - 2);
            string? alias = TextOf(spec.ChildByFieldId(Field.Name));
            if (alias is "_" or ".") return;
            _model.Imports[alias ?? PackageName(path)] = path;
        }

        /// <summary>The name a package is used by when imported without an alias (<c>github.com/go-chi/chi/v5</c> → <c>chi</c>).</summary>
        internal static string PackageName(string path)
        {
            string[] parts = path.Split('/');
            string last = parts[^1];
            if (parts.Length > 1 && last.Length > 1 && last[0] == 'v' && int.TryParse(last.AsSpan(1), out _)) last = parts[^2];
            int dot = last.IndexOf('.');
            if (dot > 0) last = last.Substring(0, dot); // gopkg.in/yaml.v3
            if (last.StartsWith("go-", StringComparison.Ordinal)) last = last.Substring(3);
            return last.Replace("-", "");
        }

        /// <summary>
        /// <c>http.Get</c> → <c>net/http.Get</c>: the first segment through the imports; other dotted names as written. A
        /// local that shadows an import (<c>context := shadow{}</c>) resolves to nothing: written as is, <c>context.Background</c>
        /// would read as the package's function.
        /// </summary>
        private string? Resolve(string? dotted)
        {
            if (!SourceModel.IsPlainName(dotted?.Replace(".", "") ?? "") || dotted![0] == '.' || dotted[^1] == '.') return null;
            int dot = dotted.IndexOf('.');
            if (dot < 0) return dotted;
            string head = dotted.Substring(0, dot);
            if (!_model.Imports.TryGetValue(head, out var path)) return dotted;
            return Current.Shadows(head) ? null : path + dotted.Substring(dot);
        }

        /// <summary>The value kind of a declared type: <c>*http.Client</c> → <c>net/http.Client</c>, <c>[]T</c> → list, <c>string</c> → str.</summary>
        private string? KindOfType(string? type)
        {
            if (type == null) return null;
            type = type.Trim();
            if (type.StartsWith("[]", StringComparison.Ordinal)) return ValueKinds.List;
            if (type.StartsWith("map[", StringComparison.Ordinal)) return GoTables.MapKind;
            if (type.StartsWith("chan", StringComparison.Ordinal) || type.StartsWith("<-chan", StringComparison.Ordinal)) return GoTables.ChanKind;
            if (type == "string") return ValueKinds.String;
            return BaseTypeName(type) is { } name ? Resolve(name) : null;
        }

        /// <summary><c>*pkg.T[K]</c> → <c>pkg.T</c>; null for a type that is not a named one.</summary>
        private static string? BaseTypeName(string? type)
        {
            if (type == null) return null;
            string t = type.TrimStart('*', ' ');
            int bracket = t.IndexOf('[');
            if (bracket > 0) t = t.Substring(0, bracket);
            return SourceModel.IsPlainName(t.Replace(".", "")) && t.Length > 0 ? t : null;
        }
    }
}
