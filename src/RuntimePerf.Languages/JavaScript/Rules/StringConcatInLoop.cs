using System.Collections.Generic;
using RuntimePerf.Engine.Catalog;
using RuntimePerf.Engine.Model;
using RuntimePerf.Languages.Common;

namespace RuntimePerf.Languages.JavaScript.Rules
{
    /// <summary>
    /// RP0004 for JavaScript: the shared rule's appends to a local string (which it runs first), and the DOM's
    /// <c>list.innerHTML += row</c> (or <c>outerHTML</c>) inside a loop or an array callback. Each such append reads the
    /// element's markup back as a string (serialising it), concatenates, and parses the whole of it again, rebuilding every
    /// child node: the work grows with everything appended so far. V8's ropes do not help, the setter flattens the string.
    /// </summary>
    public sealed class StringConcatInLoop : ExtendedRule<Languages.Rules.StringConcatInLoop>
    {
        protected override void CheckOwn(FileAudit audit)
        {
            var reported = new HashSet<(LoopModel, string)>();
            foreach (var update in audit.Model.Updates)
            {
                if (update.Loop is not { } loop || update.Operator != "+=" || !IsMarkup(update.Name) || PerItem(update, loop)
                    || !reported.Add((loop, update.Name))) continue;
                audit.Report(RuleIds.StringConcatInLoop, update.Function, update.StartByte, update.EndByte,
                    "Markup rebuilt in a loop: " + update.Name + " += … in " + update.Function.Describe()
                    + " serialises and re-parses the element's whole content on every iteration",
                    "Collect the markup in an array and assign it once after the loop (or use insertAdjacentHTML('beforeend', …))",
                    Confidence.High, Severity.Medium);
            }
        }

        /// <summary>
        /// <c>cell.innerHTML += '*'</c> over cells, <c>rows.forEach((r) =&gt; r.el.innerHTML += …)</c>: each iteration's own element,
        /// appended to once — bound by the loop or its callback, or declared in its body.
        /// </summary>
        private static bool PerItem(UpdateModel update, LoopModel loop)
        {
            string root = update.Name.Substring(0, update.Name.IndexOfAny(new[] { '.', '[' }) is var end and > 0 ? end : update.Name.Length);
            var (binding, owner) = update.Function.Lookup(root);
            if (binding == null) return false; // document.body: a global, the same element every time
            return owner != null && owner.Kind != FunctionKind.Module && owner.StartByte >= loop.StartByte
                || binding.FirstPosition >= loop.StartByte && binding.FirstPosition < loop.EndByte;
        }

        private static bool IsMarkup(string name)
        {
            int dot = name.LastIndexOf('.');
            return dot > 0 && JavaScriptTables.MarkupProperties.Contains(name.Substring(dot + 1));
        }
    }
}
