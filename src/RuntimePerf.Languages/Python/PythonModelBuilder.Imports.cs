using System;
using System.Collections.Generic;
using RuntimePerf.Languages.Common;
using RuntimePerf.TreeSitter;

namespace RuntimePerf.Languages.Python
{
    /// <summary>Imports and aliases: what a local name refers to (<c>sp</c> → <c>subprocess</c>), annotations resolved through them.</summary>
    internal sealed partial class PythonModelBuilder
    {
        // ---- imports ----

        private void RecordImport(SyntaxNode node, string type)
        {
            // An import inside a def binds names in that function only (`from trio import Path` in one coroutine).
            var imports = Current.Kind == FunctionKind.Module ? _model.Imports : Current.LocalImports ??= new Dictionary<string, string>(StringComparer.Ordinal);
            if (type == "import_statement")
            {
                foreach (var child in node.NamedChildren)
                {
                    if (child.Type == "dotted_name")
                    {
                        string name = child.Text;
                        int dot = name.IndexOf('.');
                        string first = dot < 0 ? name : name.Substring(0, dot);
                        imports[first] = first;
                    }
                    else if (child.Type == "aliased_import")
                    {
                        var alias = child.ChildByFieldId(Field.Alias);
                        var name = child.ChildByFieldId(Field.Name);
                        if (alias is { } a && name is { } n) imports[a.Text] = n.Text;
                    }
                }
                return;
            }
            var moduleNode = node.ChildByFieldId(Field.ModuleName);
            if (moduleNode is not { } m) return;
            string module = m.Type == "relative_import" ? ResolveRelative(m.Text) : m.Text;
            foreach (var child in node.NamedChildren)
            {
                if (child.StartByte == m.StartByte) continue;
                if (child.Type == "dotted_name")
                {
                    string name = child.Text;
                    imports[name] = module.Length == 0 ? name : module + "." + name;
                }
                else if (child.Type == "aliased_import")
                {
                    var alias = child.ChildByFieldId(Field.Alias);
                    var name = child.ChildByFieldId(Field.Name);
                    if (alias is { } a && name is { } n) imports[a.Text] = module.Length == 0 ? n.Text : module + "." + n.Text;
                }
            }
        }

        private string ResolveRelative(string text)
        {
            int level = 0;
            while (level < text.Length && text[level] == '.') level++;
            string rest = text.Substring(level);
            var parts = new List<string>(_model.ModuleName.Split('.', StringSplitOptions.RemoveEmptyEntries));
            bool isPackage = _model.Path.EndsWith("__init__.py", StringComparison.Ordinal);
            int drop = isPackage ? level - 1 : level;
            for (int i = 0; i < drop && parts.Count > 0; i++) parts.RemoveAt(parts.Count - 1);
            if (rest.Length > 0) parts.Add(rest);
            return string.Join(".", parts);
        }

        /// <summary>
        /// A dotted name resolved through the imports visible here (the current function's and its enclosing
        /// functions' own imports, then the module's): <c>sp.run</c> → <c>subprocess.run</c>.
        /// </summary>
        private string Resolve(string dotted)
        {
            int dot = dotted.IndexOf('.');
            string first = dot < 0 ? dotted : dotted.Substring(0, dot);
            if (Current.ImportTarget(first) is not { } target) return Canonical(dotted);
            return Canonical(dot < 0 ? target : target + dotted.Substring(dot));
        }

        /// <summary>
        /// A function around the current point binds the name itself (a parameter, an assignment, a nested class:
        /// <c>class time: …</c>) after any import of it there: the module's import of that name is hidden.
        /// </summary>
        private bool ShadowedLocally(string dotted)
        {
            int dot = dotted.IndexOf('.');
            string name = dot < 0 ? dotted : dotted.Substring(0, dot);
            for (var f = Current; f != null && f.Kind != FunctionKind.Module; f = f.Parent)
            {
                if (f.LocalImports != null && f.LocalImports.ContainsKey(name)) return false;
                if (f.Locals.Contains(name) && !f.NonLocals.Contains(name)) return true;
            }
            return false;
        }

        /// <summary>A name in a maintained fork or successor of a known library, as the original's (<c>httpx2.get</c> → <c>httpx.get</c>).</summary>
        internal static string Canonical(string resolved)
        {
            foreach (var (fork, original) in PythonTables.Successors)
            {
                if (resolved.StartsWith(fork, StringComparison.Ordinal) && (resolved.Length == fork.Length || resolved[fork.Length] == '.'))
                {
                    return original + resolved.Substring(fork.Length);
                }
            }
            return resolved;
        }

        /// <summary>
        /// The value kind an annotation declares, seen through <c>Optional[T]</c>, <c>T | None</c>,
        /// <c>Union[T, None]</c> and string forward references; null when it names no known kind.
        /// </summary>
        private string? AnnotationKind(string? written, out string? resolved)
        {
            resolved = null;
            if (written == null || NonOptional(written) is not { } type) return null;
            resolved = Resolve(type);
            if (PythonTables.Annotations.TryGetValue(resolved, out var kind)) return kind;
            return PythonTables.Annotations.TryGetValue(type, out kind) ? kind : null;
        }

        /// <summary>The one non-None member of an optional annotation, or the annotation itself; null when not a dotted name.</summary>
        private string? NonOptional(string annotation)
        {
            if (IsDotted(annotation)) return annotation; // the common case: a plain type name
            string t = annotation.Trim();
            if (t.Length > 1 && (t[0] is '"' or '\'') && t[^1] == t[0]) t = t.Substring(1, t.Length - 2).Trim();
            int bracket = t.IndexOf('[');
            if (bracket > 0 && t[^1] == ']' && PythonTables.OptionalWrappers.Contains(Resolve(t.Substring(0, bracket).Trim())))
            {
                t = t.Substring(bracket + 1, t.Length - bracket - 2);
            }
            string? only = null;
            foreach (string part in t.Split(t.IndexOf('|') >= 0 ? '|' : ','))
            {
                string p = part.Trim();
                if (p == "None") continue;
                if (only != null) return null; // a real union: no single kind
                only = p;
            }
            return IsDotted(only) ? only : null;
        }
    }
}
