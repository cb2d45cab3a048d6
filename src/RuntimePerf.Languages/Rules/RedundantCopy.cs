using System;
using System.Text.RegularExpressions;
using RuntimePerf.Engine.Catalog;
using RuntimePerf.Engine.Model;
using RuntimePerf.Languages.Common;

namespace RuntimePerf.Languages.Rules
{
    /// <summary>
    /// RP0006: a loop iterates a copy of a local collection (<c>list(y)</c>, <c>dict(y)</c>, <c>y.copy()</c>, <c>y[:]</c>)
    /// and its body never mutates the original, so the copy buys nothing.
    /// </summary>
    public sealed class RedundantCopy : IRule
    {
        public string RuleId => RuleIds.RedundantCopy;

        private static readonly Regex FullSlice = new(@"^([A-Za-z_][A-Za-z_0-9]*)\[\s*:\s*\]$", RegexOptions.CultureInvariant);

        public void Check(FileAudit audit)
        {
            foreach (var loop in audit.Model.Loops)
            {
                if (loop.Kind is not (LoopKind.For or LoopKind.Comprehension)) continue;
                if (CopiedName(audit, loop) is not { } copied) continue;
                var (name, form) = copied;
                var fn = loop.Function;
                if (name == null)
                {
                    audit.Report(RuleIds.RedundantCopy, fn, loop.IterableStartByte, loop.IterableEndByte,
                        "Redundant data copy: " + form + " in " + fn.Describe() + " copies a literal collection only to iterate it",
                        "Iterate the literal directly", Confidence.High, Severity.Low);
                    continue;
                }
                if (fn.Lookup(name).Owner != fn || Touched(audit, fn, loop, name)) continue;
                audit.Report(RuleIds.RedundantCopy, fn, loop.IterableStartByte, loop.IterableEndByte,
                    "Redundant data copy: " + form + " in " + fn.Describe() + " copies " + name + " only to iterate it, and the loop never changes " + name,
                    "Iterate " + name + " directly", Confidence.High, Severity.Low);
            }
        }

        /// <summary>The name copied by the loop's iterable (null for a literal) and the copy as written, or null.</summary>
        private static (string? Name, string Form)? CopiedName(FileAudit audit, LoopModel loop)
        {
            if (loop.IterableText is not { } text) return null;
            if (loop.IterableShape == Shape.Subscript)
            {
                var m = FullSlice.Match(text);
                return m.Success ? (m.Groups[1].Value, text) : null;
            }
            if (loop.IterableShape != Shape.Call) return null;
            foreach (var call in loop.Function.Calls)
            {
                if (call.StartByte != loop.IterableStartByte || call.EndByte != loop.IterableEndByte) continue;
                if (call.Method == "copy" && call.Arguments.Count == 0 && call.Receiver is { } r && SourceModel.IsPlainName(r)) return (r, text);
                if (call.Resolved is "list" or "dict" && call.Arguments.Count == 1 && !call.Function.Shadows(call.Resolved))
                {
                    if (call.Positional(0) is { Shape: Shape.Name, Text: { } arg }) return (arg, text);
                    // list((1, 2, 3)): a literal is already iterable
                    if (call.Resolved == "list" && call.Positional(0) is { Shape: Shape.ListLiteral }) return (null, call.Written + "(…)");
                }
                return null;
            }
            return null;
        }

        /// <summary>
        /// The loop body may change the original: it is assigned, subscript-assigned, deleted from, has a mutating method
        /// called, is passed to a call (which might mutate it), or, for a name bound to an object's attribute, a method of that
        /// object is called (kivy's <c>nodes = self.selected_nodes</c>, then <c>self.deselect(node)</c> per node).
        /// </summary>
        private static bool Touched(FileAudit audit, FunctionModel fn, LoopModel loop, string name)
        {
            var model = audit.Model;
            foreach (var use in model.UsesOf(name, fn, loop.BodyStartByte, loop.BodyEndByte))
            {
                if (use.Kind != UseKind.Read) return true;
            }
            foreach (var st in model.Statements)
            {
                if (st.Kind == StatementKind.Delete && st.Function == fn && loop.BodyContains(st.StartByte)
                    && (st.Text == null || Regex.IsMatch(st.Text, @"\b" + name + @"\b"))) return true;
            }
            string? owner = AliasedOwner(model, fn, name, loop.StartByte);
            foreach (var call in fn.Calls)
            {
                if (call.StartByte < loop.BodyStartByte || call.StartByte >= loop.BodyEndByte) continue;
                if (call.StartByte == loop.IterableStartByte && call.EndByte == loop.IterableEndByte) continue; // the copy itself
                if (call.Receiver == name && call.Method is { } m && audit.Knowledge.IsMutatingMethod(m)) return true;
                // nodes = self.selected_nodes; for node in nodes[:]: self.deselect(node) — a method of the list's owner may change it,
                // also called through a name bound to it (deselect = self.deselect_node; … deselect(node): kivy's clear_selection)
                if (owner != null && (call.Receiver == owner
                    || call.Receiver == null && SourceModel.IsPlainName(call.Written) && AliasedOwner(model, fn, call.Written, loop.StartByte) == owner)) return true;
                foreach (var a in call.Arguments)
                {
                    if (a.Text == name) return true;
                }
            }
            return false;
        }

        /// <summary><c>nodes = self.selected_nodes</c> before <paramref name="before"/>: the object (<c>self</c>) whose attribute the name holds, or null.</summary>
        private static string? AliasedOwner(SourceModel model, FunctionModel fn, string name, int before)
        {
            if (fn.Lookup(name).Binding is not { Count: 1 } binding || binding.FirstPosition >= before) return null;
            int end = model.Text.Utf8.Slice(binding.FirstPosition).IndexOf((byte)'\n');
            string line = model.Text.GetText(binding.FirstPosition, end < 0 ? model.Text.Utf8.Length : binding.FirstPosition + end);
            var m = AttributeAlias.Match(line);
            return m.Success && m.Groups["name"].Value == name ? m.Groups["owner"].Value : null;
        }

        private static readonly Regex AttributeAlias = new(@"^(?<name>[A-Za-z_]\w*)\s*=\s*(?<owner>[A-Za-z_]\w*)\.[A-Za-z_]\w*\s*(?:#.*)?\r?$", RegexOptions.CultureInvariant);
    }
}
