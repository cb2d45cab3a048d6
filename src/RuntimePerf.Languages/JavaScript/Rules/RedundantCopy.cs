using System;
using System.Text.RegularExpressions;
using RuntimePerf.Engine.Catalog;
using RuntimePerf.Engine.Model;
using RuntimePerf.Languages.Common;

namespace RuntimePerf.Languages.JavaScript.Rules
{
    /// <summary>
    /// RP0006 for JavaScript: an array copied only to be iterated — <c>for (const x of xs.slice())</c>, <c>[...xs].forEach(f)</c>,
    /// <c>Array.from(xs).map(f)</c> — where <c>xs</c> is an array the function built itself and nothing can change it while the
    /// loop runs; also <c>items.slice().map((i) => i.price)</c> on a parameter when the body calls nothing (but <c>console</c>)
    /// and awaits nothing. Any other copy of a parameter or a field, of a Set or an iterator (spreading makes the array), or of
    /// an array the loop (or a closure of the function) changes or hands to other code is the defensive copy it looks like.
    /// Also a copy nothing could need: an iterable spread into an array only to be passed to a call that reads any iterable
    /// once (<c>new Set([...xs])</c>, <c>Promise.all([...ps])</c>), and a new array copied again (<c>[...xs.slice(1)]</c>,
    /// <c>[...Object.keys(o)]</c>).
    /// </summary>
    public sealed partial class RedundantCopy : IRule
    {
        public string RuleId => RuleIds.RedundantCopy;

        /// <summary>
        /// <c>xs.slice()</c>, <c>[...xs]</c>, <c>Array.from(xs)</c>, <c>xs.concat()</c>: the copied name and whether the copy is a slice
        /// (any array-like).
        /// </summary>
        [GeneratedRegex(@"^(?:(?<name>[A-Za-z_$][\w$]*)\.slice\(\s*(?:0\s*)?\)|\[\s*\.\.\.\s*(?<spread>[A-Za-z_$][\w$]*)\s*\]|Array\.from\(\s*(?<spread>[A-Za-z_$][\w$]*)\s*\)|(?<spread>[A-Za-z_$][\w$]*)\.concat\(\s*\))$", RegexOptions.CultureInvariant)]
        private static partial Regex Copy();

        /// <summary>A function literal whose parameter list has a rest parameter: <c>(...args) =&gt;</c>, <c>function (a, ...rest)</c>.</summary>
        [GeneratedRegex(@"^(?:async\s*)?(?:function\b[^(]*)?\([^)]*\.\.\.", RegexOptions.CultureInvariant)]
        private static partial Regex RestParameter();

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
                if (owner != outer || Touched(audit, outer, loop, name)) continue;
                // items.slice().map((i) => i.price): a parameter (slice makes it an array) and a body that can reach it through nothing
                if (binding?.Kind != ValueKinds.List && !(m.Groups["name"].Success && outer.Parameters.Exists(p => p.Name == name) && Inert(audit.Model, loop))) continue;
                int start = loop.IterableStartByte;
                audit.Report(RuleIds.RedundantCopy, outer, start, loop.IterableEndByte > start ? loop.IterableEndByte : start + text.Length,
                    "Redundant data copy: " + text + " in " + outer.Describe() + " copies " + name + " only to iterate it, and nothing changes " + name
                    + " while the loop runs",
                    "Iterate " + name + " directly", Confidence.High, Severity.Low);
            }
            foreach (var update in model.Updates)
            {
                if (update.Kind != UpdateKind.SelfCopy || update.Loop is not { } growing || !Accumulates(model, update, growing)) continue;
                audit.Report(RuleIds.RedundantCopy, update.Function, update.StartByte, update.EndByte,
                    "Redundant data copy: " + update.Name + " is copied whole into a new " + (model.Text.Utf8[update.StartByte] == (byte)'{' ? "object" : "array")
                    + " on every iteration in " + update.Function.Describe() + ", so the work grows with the square of the items",
                    update.Operator == "return" ? "Add to the accumulator in place (acc[key] = value or acc.push(item); return acc), or build it with Object.fromEntries / map"
                        : "Add to " + update.Name + " in place (push, or property assignment) instead of rebuilding it",
                    Confidence.High, Severity.Medium);
            }
            foreach (var call in model.Calls)
            {
                if (call.ResultUse == ResultUse.Copied && IsFreshArray(audit, call))
                {
                    audit.Report(RuleIds.RedundantCopy, call.Function, call.StartByte, call.EndByte,
                        "Redundant data copy: " + call.Display + " in " + call.Function.Describe() + " already returns a new array, and [...…] copies it again",
                        "Use the array " + call.Display + " returns", Confidence.High, Severity.Low);
                }
                else if (SpreadIntoConsumer(call) is { } spread)
                {
                    audit.Report(RuleIds.RedundantCopy, call.Function, spread.StartByte, spread.EndByte,
                        "Redundant data copy: " + call.Written + "(" + spread.Text + ") in " + call.Function.Describe() + " copies an iterable into an array that "
                        + call.Written + " only reads once",
                        "Pass the iterable itself: " + call.Written + "(" + SpreadInner(spread.Text!) + ")", Confidence.High, Severity.Low);
                }
                else if ((SpreadThenMapped(audit, call) ?? CopiedThenMapped(call)) is { } iterable && !ReadsTheArray(audit.Model, call))
                {
                    audit.Report(RuleIds.RedundantCopy, call.Function, call.StartByte, call.EndByte,
                        "Redundant data copy: " + call.Receiver + ".map(…) in " + call.Function.Describe()
                        + (call.ReceiverCall == null ? " spreads " : " copies ") + iterable
                        + " into an array only to map it into a second one",
                        call.ReceiverCall is { Arguments.Count: > 1 } ? "Do both mappings in Array.from's own mapper" : "Map while the array is built: Array.from(" + iterable + ", f)",
                        Confidence.High, Severity.Low);
                }
            }
        }

        /// <summary>
        /// <c>[...set].map(f)</c>, <c>[...m.values()].map(f)</c>: two arrays where <c>Array.from(set, f)</c> builds one. Not a
        /// spread of an array the function built (the loop check above decides those), nor of a fresh array (reported as copied
        /// again), nor with <c>map</c>'s second argument (<c>Array.from</c>'s differs).
        /// </summary>
        private static string? SpreadThenMapped(FileAudit audit, CallModel call)
        {
            if (call.Method != "map" || call.Arguments.Count != 1 || call.Arguments[0].IsSpread || call.Receiver is not { } receiver
                || SpreadInner(receiver) is not { Length: > 0 } iterable)
            {
                return null;
            }
            if (SourceModel.IsPlainName(iterable) && call.Function.KindOf(iterable) == ValueKinds.List) return null;
            foreach (var inner in call.Function.Calls)
            {
                if (inner.StartByte > call.StartByte && inner.EndByte < call.EndByte && inner.ResultUse == ResultUse.Copied && IsFreshArray(audit, inner)) return null;
            }
            return JavaScriptKnowledge.Shadowed(call, "Array") ? null : iterable;
        }

        /// <summary>
        /// <c>Array.from(set).map(f)</c>, <c>Array.from(nodes).map(f)</c>: the same two arrays, where <c>Array.from</c>'s own
        /// second argument maps while it copies; so does <c>Array.from(xs, f).map(g)</c>, whose two mappers fold into one. Not when
        /// the name copied without a mapper is an array the function built (the loop check above decides those), nor with a
        /// <c>thisArg</c> to <c>map</c>.
        /// </summary>
        private static string? CopiedThenMapped(CallModel call)
        {
            if (call.Method != "map" || call.Arguments.Count != 1 || call.Arguments[0].IsSpread
                || call.ReceiverCall is not { Resolved: "Array.from" } from || from.Arguments.Count is 0 or > 3
                || from.Arguments.Exists(a => a.IsSpread) || from.Arguments[0].Text is not { } source) return null;
            if (from.Arguments.Count == 1 && SourceModel.IsPlainName(source) && call.Function.KindOf(source) == ValueKinds.List) return null;
            return JavaScriptKnowledge.Shadowed(from, "Array.from") ? null : source;
        }

        /// <summary>
        /// <c>.map((v, i, arr) =&gt; …)</c>, <c>.map((...args) =&gt; …)</c>: <c>Array.from</c>'s mapper gets no third argument, so the
        /// array is needed.
        /// </summary>
        private static bool ReadsTheArray(SourceModel model, CallModel call)
        {
            if (call.Arguments[0].Text is { } callback && RestParameter().IsMatch(callback)) return true;
            int start = call.Arguments[0].StartByte;
            foreach (var fn in model.Functions)
            {
                if (fn.StartByte == start) return fn.Parameters.Count > 2;
            }
            return false;
        }

        /// <summary>
        /// <c>acc</c> returned spread (or concatenated) by a <c>reduce</c>/<c>reduceRight</c> callback (called with an initial value,
        /// as the accumulator's first argument); <c>x = [...x, y]</c> / <c>x = x.concat(y)</c> on a name bound before the loop (not
        /// restarted by each iteration). A <c>concat</c> copies only an array: the initial value or the binding before the loop is
        /// one (a string's concat builds a rope).
        /// </summary>
        private static bool Accumulates(SourceModel model, UpdateModel update, LoopModel loop)
        {
            // for (const k of ['anyOf', 'oneOf']), Object.entries(DEFINITIONS).reduce(…): a fixed, short list written in the code
            if (loop.OverConstants || loop.IterableText is { } items && items.StartsWith('[') && !items.Contains("...", StringComparison.Ordinal)) return false;
            bool concat = model.Text.Utf8[update.StartByte] is not ((byte)'[' or (byte)'{');
            if (update.Operator != "return")
            {
                var (binding, owner) = update.Function.Lookup(update.Name);
                return binding != null && binding.FirstPosition < loop.StartByte
                    && (!concat || owner!.Locals.KindAt(update.Name, loop.StartByte) == ValueKinds.List);
            }
            if (loop.Kind != LoopKind.Comprehension || loop.Function != update.Function || update.Function.Parent is not { } outer) return false;
            foreach (var call in outer.Calls)
            {
                if (call.StartByte == loop.IterableStartByte && call.Method is "reduce" or "reduceRight")
                {
                    return call.Arguments.Count == 2 && call.Arguments[0].StartByte == update.Function.StartByte
                        && (!concat || call.Arguments[1].Text is { } initial && initial.StartsWith('['));
                }
            }
            return false;
        }

        /// <summary><c>xs.slice(1)</c>, <c>s.split('|')</c>, <c>Object.keys(o)</c>, <c>await Promise.all(ps)</c>: always a new array.</summary>
        private static bool IsFreshArray(FileAudit audit, CallModel call)
        {
            if (call.Written.StartsWith("new ", StringComparison.Ordinal)) return false;
            if (call.IsAwaited) return call.Resolved is { } awaited && JavaScriptTables.FreshArrayAwaits.Contains(awaited) && !JavaScriptKnowledge.Shadowed(call, awaited);
            if (call.Resolved is { } r && JavaScriptTables.FreshArrayFunctions.Contains(r)) return !JavaScriptKnowledge.Shadowed(call, r);
            // a string's slice or concat is a string: [...s.slice(1)] makes its characters an array
            return call.Method is { } m && JavaScriptTables.FreshArrayMethods.Contains(m)
                && (m == "split" || audit.Knowledge.ReceiverKind(call) is not ValueKinds.String && call.Receiver?[0] is not ('\'' or '"' or '`'));
        }

        /// <summary>The argument <c>[...xs]</c> of <c>new Set([...xs])</c>, <c>Promise.all([...ps])</c>…, or null.</summary>
        private static ArgumentModel? SpreadIntoConsumer(CallModel call)
        {
            string callee = call.Written.StartsWith("new ", StringComparison.Ordinal) ? call.Written : call.Resolved ?? "";
            if (!JavaScriptTables.IterableConsumers.TryGetValue(callee, out int most) || call.Arguments.Count == 0 || call.Arguments.Count > most) return null;
            var first = call.Arguments[0];
            if (first.IsSpread || first.Text is not { } text || SpreadInner(text) is not { Length: > 0 }) return null;
            string global = callee.StartsWith("new ", StringComparison.Ordinal) ? callee.Substring(4) : callee;
            return JavaScriptKnowledge.Shadowed(call, global) ? null : first;
        }

        /// <summary><c>[...xs]</c> → <c>xs</c>; null when the array literal holds anything besides one spread.</summary>
        private static string? SpreadInner(string text)
        {
            if (text.Length < 6 || text[0] != '[' || text[^1] != ']') return null;
            string inner = text.Substring(1, text.Length - 2).Trim();
            if (inner.EndsWith(',')) inner = inner.Substring(0, inner.Length - 1).TrimEnd();
            if (!inner.StartsWith("...", StringComparison.Ordinal)) return null;
            inner = inner.Substring(3).Trim();
            int depth = 0;
            foreach (char ch in inner)
            {
                if (ch is '(' or '[' or '{') depth++;
                else if (ch is ')' or ']' or '}') depth--;
                else if (ch == ',' && depth == 0 || ch is '\'' or '"' or '`') return null;
            }
            return depth == 0 ? inner : null;
        }

        /// <summary>The loop body awaits, yields and calls nothing but <c>console</c>: no other code runs while it walks the array.</summary>
        private static bool Inert(SourceModel model, LoopModel loop)
        {
            foreach (var call in model.Calls)
            {
                if (call.StartByte >= loop.BodyStartByte && call.StartByte < loop.BodyEndByte
                    && !(call.Resolved is { } r && r.StartsWith("console.", StringComparison.Ordinal))) return false;
            }
            foreach (var aw in model.Awaits)
            {
                if (aw.StartByte >= loop.BodyStartByte && aw.StartByte < loop.BodyEndByte) return false;
            }
            // a generator's caller runs between its yields
            var body = model.Text.Utf8.Slice(loop.BodyStartByte, loop.BodyEndByte - loop.BodyStartByte);
            return body.IndexOf("yield"u8) < 0;
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
