using System.Text.RegularExpressions;
using RuntimePerf.Engine.Catalog;
using RuntimePerf.Engine.Model;
using RuntimePerf.Languages.Common;

namespace RuntimePerf.Languages.JavaScript.Rules
{
    /// <summary>
    /// RP0006 for JavaScript: an array copied only to be iterated — <c>for (const x of xs.slice())</c>, <c>[...xs].forEach(f)</c>,
    /// <c>Array.from(xs).map(f)</c> — where <c>xs</c> is an array the function built itself and nothing can change it while the
    /// loop runs. A copy of a parameter or a field, of a Set or an iterator (spreading makes the array), or of an array the
    /// loop (or a closure of the function) changes or hands to other code is the defensive copy it looks like: not flagged.
    /// </summary>
    public sealed partial class RedundantCopy : IRule
    {
        public string RuleId => RuleIds.RedundantCopy;

        /// <summary><c>xs.slice()</c>, <c>[...xs]</c>, <c>Array.from(xs)</c>: the copied name and whether the copy is a slice (any array-like).</summary>
        [GeneratedRegex(@"^(?:(?<name>[A-Za-z_$][\w$]*)\.slice\(\s*(?:0\s*)?\)|\[\s*\.\.\.\s*(?<spread>[A-Za-z_$][\w$]*)\s*\]|Array\.from\(\s*(?<spread>[A-Za-z_$][\w$]*)\s*\))$", RegexOptions.CultureInvariant)]
        private static partial Regex Copy();

        public void Check(FileAudit audit)
        {
            var model = audit.Model;
            foreach (var loop in model.Loops)
            {
                if (loop.Kind is not (LoopKind.For or LoopKind.Comprehension) || loop.IterableText is not { } text) continue;
                var m = Copy().Match(text);
                if (!m.Success) continue;
                string name = m.Groups["name"].Success ? m.Groups["name"].Value : m.Groups["spread"].Value;
                // A callback loop (xs.slice().forEach(f)) runs in the callback: the array belongs to the function that calls forEach.
                var outer = loop.Kind == LoopKind.Comprehension ? loop.Function.Parent : loop.Function;
                if (outer == null) continue;
                var (binding, owner) = outer.Lookup(name);
                if (owner != outer || binding?.Kind != ValueKinds.List || Touched(audit, outer, loop, name)) continue;
                int start = loop.IterableStartByte;
                audit.Report(RuleIds.RedundantCopy, outer, start, loop.IterableEndByte > start ? loop.IterableEndByte : start + text.Length,
                    "Redundant data copy: " + text + " in " + outer.Describe() + " copies " + name + " only to iterate it, and nothing changes " + name
                    + " while the loop runs",
                    "Iterate " + name + " directly", Confidence.High, Severity.Low);
            }
        }

        /// <summary>
        /// The array may change while the loop runs: the loop assigns or mutates it, calls a mutating method on it or passes it
        /// to a call; or a closure anywhere in the function does (it may run during the loop).
        /// </summary>
        private static bool Touched(FileAudit audit, FunctionModel outer, LoopModel loop, string name)
        {
            var model = audit.Model;
            for (int i = model.FirstUseAt(outer.StartByte); i < model.Uses.Count && model.Uses[i].Start < outer.EndByte; i++)
            {
                var use = model.Uses[i];
                bool inLoop = use.Start >= loop.StartByte && use.Start < loop.EndByte;
                if (use.Kind != UseKind.Read && (inLoop || use.Function != outer.Index) && model.NameIs(use, name)) return true;
            }
            foreach (var call in model.Calls)
            {
                // The copy itself, and the iteration call it starts.
                if (call.StartByte < outer.StartByte || call.StartByte >= outer.EndByte || call.StartByte == loop.IterableStartByte) continue;
                bool inLoop = call.StartByte >= loop.StartByte && call.StartByte < loop.EndByte;
                if (!inLoop && call.Function == outer) continue;
                if (call.Receiver == name && call.Method is { } method && audit.Knowledge.IsMutatingMethod(method)) return true;
                if (!inLoop) continue;
                foreach (var a in call.Arguments)
                {
                    if (a.Text == name) return true;
                }
            }
            return false;
        }
    }
}
