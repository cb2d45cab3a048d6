using RuntimePerf.Engine.Catalog;
using RuntimePerf.Engine.Model;
using RuntimePerf.Languages.Common;

namespace RuntimePerf.Languages.Rules
{
    /// <summary>
    /// RP0017: a linear search (<c>x in items</c>, <c>items.index(x)</c>, <c>items.remove(x)</c>) on a name known to be a
    /// list, inside a loop over data.
    /// </summary>
    public sealed class QuadraticScan : IRule
    {
        public string RuleId => RuleIds.QuadraticScan;

        public void Check(FileAudit audit)
        {
            var model = audit.Model;
            foreach (var test in model.Memberships)
            {
                if (test.ContainerName is not { } name || Scanned(audit, test.Function, test.Loop, name, test.StartByte, test.EndByte, test.ElementTest) is not { } severity) continue;
                Report(audit, test.Function, test.StartByte, test.EndByte, "`" + test.Text + "`", name, severity);
            }
            foreach (var call in model.Calls)
            {
                if (!audit.Knowledge.SearchesByValue(call) || call.Receiver is not { } name
                    || Scanned(audit, call.Function, call.Loop, name, call.StartByte, call.EndByte) is not { } severity) continue;
                Report(audit, call.Function, call.StartByte, call.EndByte, call.Written + "()", name, severity);
            }
        }

        private static void Report(FileAudit audit, FunctionModel fn, int start, int end, string what, string list, Severity severity)
        {
            audit.Report(RuleIds.QuadraticScan, fn, start, end,
                "Quadratic scan: " + what + " searches the list " + list + " from the start on every iteration of a loop in " + fn.Describe(),
                audit.Knowledge.Advice.QuadraticScan,
                Confidence.High, severity);
        }

        /// <summary>
        /// MEDIUM for a list the code builds (<see cref="IsScannedList"/>); LOW for a parameter declared as a list
        /// (<see cref="ILanguageKnowledge.IsListParameter"/>) and never reassigned: a list of unknown size, perhaps small.
        /// </summary>
        private static Severity? Scanned(FileAudit audit, FunctionModel fn, LoopModel? loop, string name, int position, int end, bool elementTest = false)
        {
            // a loop over a few fixed items, or over a table written in the code, repeats the scan a fixed number of times
            if (loop == null || loop.ConstantRange is { } n && n <= 16 || loop.OverConstants || name.IndexOf('.') >= 0) return null;
            // found = items.index(x); break: the search ends the loop, so it runs once
            if (LoopExits.EndsLoopAfter(audit.Model, fn, position, end, loop)) return null;
            Severity? severity = null;
            if (IsScannedList(audit.Knowledge, audit.Model, fn, loop, name, elementTest)) severity = Severity.Medium;
            // items.filter((it) => items.includes(it.parent)): a search of the list being walked, not of another one
            else if (loop.IterableText == name) return null;
            else if (fn.Lookup(name) is { Owner: { } owner, Binding.Count: 1 } && owner.Parameters.Find(p => p.Name == name) is { } parameter
                && audit.Knowledge.IsListParameter(parameter)) severity = Severity.Low;
            return severity != null && DrainsOccurrences(audit.Model, position, name) ? null : severity;
        }

        /// <summary>
        /// A block that opens after <paramref name="start"/> is not what closes: a <c>}</c> between the two positions that no
        /// <c>{</c> after <paramref name="start"/> opened ends the block that holds <paramref name="start"/> (a <c>let</c> in an
        /// <c>if</c> block, out of scope at the loop).
        /// </summary>
        private static bool BlockClosesBetween(SourceModel model, int start, int end)
        {
            int depth = 0;
            foreach (byte c in model.Text.Utf8.Slice(start, end - start))
            {
                if (c == (byte)'{') depth++;
                else if (c == (byte)'}' && --depth < 0) return true;
            }
            return false;
        }

        /// <summary>
        /// <c>while p in path: path.remove(p)</c>: the search at <paramref name="position"/> is that of a loop that runs once per
        /// occurrence of one value, removing it (its condition, or the removal in its body) — not a scan repeated over other data.
        /// </summary>
        private static bool DrainsOccurrences(SourceModel model, int position, string name)
        {
            foreach (var loop in model.Loops)
            {
                if (loop.Kind != LoopKind.While || position < loop.StartByte || position >= loop.BodyEndByte) continue;
                // the search is the loop's own condition or its removal, not another scan nested in the loop
                if (position >= loop.BodyStartByte && !loop.Function.Calls.Exists(c => c.StartByte == position && c.Method == "remove" && c.Receiver == name)) continue;
                bool tested = false, removed = false;
                foreach (var test in model.Memberships)
                {
                    tested |= test.ContainerName == name && test.StartByte >= loop.StartByte && test.StartByte < loop.BodyStartByte;
                }
                foreach (var call in loop.Function.Calls)
                {
                    removed |= call.Method == "remove" && call.Receiver == name && loop.BodyContains(call.StartByte);
                }
                if (tested && removed) return true;
            }
            return false;
        }

        /// <summary>
        /// A plain local or module name assigned a list that is not a literal of constants, searched in a loop over data; for a
        /// search by an element test (<paramref name="elementTest"/>), any value of unknown kind assigned before the loop
        /// (<c>const customers = await db.customers()</c>): the method alone says it is an array.
        /// </summary>
        private static bool IsScannedList(ILanguageKnowledge knowledge, SourceModel model, FunctionModel fn, LoopModel loop, string name, bool elementTest)
        {
            var (binding, owner) = fn.Lookup(name);
            if (owner == null || binding is not { IsConstant: false } b) return false;
            // declared in this loop's own body: a new value each iteration, searched once (let rest = path.slice(n); rest.indexOf('.'))
            if (b.FirstPosition >= loop.BodyStartByte && b.FirstPosition < loop.BodyEndByte) return false;
            // let suppliers: Vec<_> = suppliers.into_iter().filter(…).collect(): what a shadowed local (or parameter: let avoid:
            // Vec<String> = avoid.iter().map(…).collect()) holds where the loop starts
            string? kind = b.Count > 1 && knowledge.RebindsInSequence && owner == fn
                && owner.Locals.LastSiteBefore(name, loop.StartByte) is { } site && !BlockClosesBetween(model, site, loop.StartByte)
                ? fn.KindAt(name, loop.StartByte) : b.Kind;
            if (kind != ValueKinds.List && !(elementTest && kind == null && b.FirstPosition < loop.StartByte) || knowledge.HoldsWrittenItems(owner, name)) return false;
            // Known from an assignment (not only from an annotation on a parameter), and the same list on every iteration: one
            // the loop reassigns (fields = field.children, walking down a tree) is searched once per level, not over and over.
            bool assigned = false;
            foreach (var use in model.UsesOf(name, owner, owner.StartByte, owner.EndByte))
            {
                if (use.Kind != UseKind.Write) continue;
                if (use.Start >= loop.BodyStartByte && use.Start < loop.BodyEndByte && b.Kind != ValueKinds.List) return false;
                assigned = true;
            }
            return assigned;
        }
    }
}
