using System;
using System.Collections.Generic;
using RuntimePerf.Languages.Common;
using RuntimePerf.TreeSitter;

namespace RuntimePerf.Languages.JavaScript
{
    /// <summary>
    /// Imports and requires: what a local name refers to (<c>cp</c> → <c>child_process</c>, <c>loadConfig</c> →
    /// <c>src.lib.config.loadConfig</c>). Packages keep their name (<c>node:fs</c> is <c>fs</c>); a relative path
    /// becomes the dotted module name of the project file it names, the key the program-wide pass finds helpers by.
    /// </summary>
    internal sealed partial class JavaScriptModelBuilder
    {
        private Dictionary<string, string> ImportsHere =>
            Current.Kind == FunctionKind.Module ? _model.Imports : Current.LocalImports ??= new Dictionary<string, string>(StringComparer.Ordinal);

        private void RecordImport(SyntaxNode node)
        {
            if (node.ChildByFieldId(_g.Source) is not { } source || ModuleKey(source) is not { } module) return;
            var imports = ImportsHere;
            foreach (var child in node.NamedChildren)
            {
                if (child.Type != "import_clause") continue;
                foreach (var part in child.NamedChildren)
                {
                    switch (part.Type)
                    {
                        case "identifier": // import fs from 'fs': the module (CommonJS interop)
                            imports[part.Text] = module;
                            break;
                        case "namespace_import":
                            if (part.NamedChild(0) is { } ns) imports[ns.Text] = module;
                            break;
                        case "named_imports":
                            foreach (var spec in part.NamedChildren)
                            {
                                if (spec.Type != "import_specifier" || spec.ChildByFieldId(_g.Name) is not { } name) continue;
                                string local = spec.ChildByFieldId(_g.Alias) is { } alias ? alias.Text : name.Text;
                                imports[local] = module + "." + name.Text.Trim('\'', '"');
                            }
                            break;
                    }
                }
            }
        }

        /// <summary>
        /// <c>const fs = require('fs')</c>, <c>const { execSync } = require('child_process')</c>, <c>const x = require('y').z</c>,
        /// <c>const PassThrough = stream.PassThrough</c> of an imported <c>stream</c>.
        /// </summary>
        private void EnterDeclarator(SyntaxNode node)
        {
            if (node.ChildByFieldId(_g.Value) is not { } value || node.ChildByFieldId(_g.Name) is not { } name) return;
            string? module = RequiredModule(value);
            if (module == null && _g.KindOf(value.Symbol) == NodeKind.MemberExpression && value.ChildByFieldId(_g.Object) is { } o
                && RequiredModule(o) is { } m && value.ChildByFieldId(_g.Property) is { } p)
            {
                module = m + "." + p.Text;
            }
            // var stream = require('stream'); var PassThrough = stream.PassThrough: a member of an imported module, under its own name
            if (module == null && _g.KindOf(value.Symbol) == NodeKind.MemberExpression && value.ChildByFieldId(_g.Object) is { } owner
                && _g.KindOf(owner.Symbol) == NodeKind.Identifier && Current.ImportTarget(owner.Text) is { } imported
                && Current.Lookup(owner.Text) is { Binding: null } or { Owner.Kind: FunctionKind.Module } && value.ChildByFieldId(_g.Property) is { } member)
            {
                module = imported + "." + member.Text;
            }
            if (module == null) return;
            var imports = ImportsHere;
            var kind = _g.KindOf(name.Symbol);
            if (kind == NodeKind.Identifier)
            {
                imports[name.Text] = module;
                return;
            }
            if (kind != NodeKind.ObjectPattern) return;
            foreach (var c in name.NamedChildren)
            {
                var ck = _g.KindOf(c.Symbol);
                if (ck == NodeKind.ShorthandPropertyIdentifierPattern) imports[c.Text] = module + "." + c.Text;
                else if (ck == NodeKind.PairPattern && c.ChildByFieldId(_g.Key) is { } k && c.ChildByFieldId(_g.Value) is { } v
                         && _g.KindOf(v.Symbol) == NodeKind.Identifier)
                {
                    imports[v.Text] = module + "." + k.Text.Trim('\'', '"');
                }
            }
        }

        /// <summary>The module of a <c>require('…')</c> call with a constant argument, or null.</summary>
        private string? RequiredModule(SyntaxNode node)
        {
            if (_g.KindOf(node.Symbol) != NodeKind.CallExpression) return null;
            if (node.ChildByFieldId(_g.Function) is not { } f || f.EndByte - f.StartByte != 7 || f.Text != "require") return null;
            if (node.ChildByFieldId(_g.Arguments) is not { } args || args.NamedChildCount != 1 || args.NamedChild(0) is not { } arg || arg.Type != "string") return null;
            return ModuleKey(arg);
        }

        /// <summary>The key of a module specifier: a package's name, or the dotted module name of a relative path.</summary>
        private string? ModuleKey(SyntaxNode specifier)
        {
            if (Short(specifier) is not { } quoted || quoted.Length < 2) return null;
            string spec = quoted.Substring(1, quoted.Length - 2);
            if (spec.StartsWith("node:", StringComparison.Ordinal)) return spec.Substring(5);
            if (!spec.StartsWith(".", StringComparison.Ordinal)) return spec;
            var parts = new List<string>(_model.Path.Replace('\\', '/').Split('/'));
            parts.RemoveAt(parts.Count - 1); // the importing file's folder
            foreach (string segment in spec.Split('/'))
            {
                if (segment is "." or "") continue;
                if (segment == "..")
                {
                    if (parts.Count == 0) return null;
                    parts.RemoveAt(parts.Count - 1);
                }
                else parts.Add(segment);
            }
            string key = ModuleNameOf(string.Join("/", parts) + (LooksLikeFile(parts) ? "" : ".js"));
            _model.ProjectModules.Add(key);
            return key;
        }

        /// <summary>The last segment has a source extension (<c>./config.js</c>, <c>./config.ts</c>), which the module name drops.</summary>
        private static bool LooksLikeFile(List<string> parts)
        {
            if (parts.Count == 0) return false;
            string last = parts[^1];
            foreach (string ext in JavaScriptTables.SourceExtensions)
            {
                if (last.EndsWith(ext, StringComparison.OrdinalIgnoreCase)) return true;
            }
            return false;
        }

        /// <summary>
        /// A dotted name resolved through the imports visible here: <c>cp.execSync</c> → <c>child_process.execSync</c>;
        /// null when its first name is a function's own variable or parameter (a parameter <c>fs</c> is not the module).
        /// </summary>
        private string? Resolve(string dotted)
        {
            int dot = dotted.IndexOf('.');
            string first = dot < 0 ? dotted : dotted.Substring(0, dot);
            var target = Current.ImportTarget(first);
            if (Current.Lookup(first).Owner is { Kind: not FunctionKind.Module } owner && (target == null || owner.LocalImports?.ContainsKey(first) != true)) return null;
            if (target == null) return dotted;
            return dot < 0 ? target : target + dotted.Substring(dot);
        }
    }
}
