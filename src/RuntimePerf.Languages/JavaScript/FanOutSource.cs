using System;
using System.Linq;
using RuntimePerf.Languages.Common;

namespace RuntimePerf.Languages.JavaScript
{
    /// <summary>
    /// Where the items of a JavaScript fan-out come from (RP0010), read back through the locals that hold them: a fan-out
    /// matters when the input decides how many items there are. Items the code itself bounds are left alone — a list written
    /// in the code, what a synchronous call builds from the program's own state (<c>this.reflectProperties(type)</c>,
    /// <c>plugin._core._createCache(opts)</c>), the keys of an object (<c>Object.keys(payload)</c>: its fields), a name of the
    /// module or an import, a schema's parts (<c>info.tables</c>). Anything else counts: request, message or job data, what an
    /// await returned (the rows of a query, a listing), a parameter, a loop's item.
    /// </summary>
    internal static class FanOutSource
    {
        private enum Origin { Bounded, Parameter, Input }

        /// <summary>How far a local is followed back through the locals it was made from.</summary>
        private const int MaxHops = 4;

        /// <summary>The items of <paramref name="items"/> (a mapping call, a local holding promises, pMap's list) may be as many as the input has.</summary>
        public static bool InputSized(FunctionModel fn, SourceModel file, ArgumentModel items)
        {
            // items.map(f): the receiver; Array.from(items, f), pMap(items, f): the first argument
            string? text = file.CallAt(items.StartByte, items.EndByte) is not { } mapping ? items.Text
                : mapping.Method is { } m && JavaScriptTables.MappingMethods.Contains(m) ? mapping.Receiver : mapping.Positional(0)?.Text;
            return text == null || Classify(fn, text, items.StartByte, 0) != Origin.Bounded;
        }

        private static Origin Classify(FunctionModel fn, string text, int before, int hops)
        {
            if (IsChunk(text.Trim())) return Origin.Bounded;
            text = Root(text.Trim());
            if (text.Length == 0 || hops > MaxHops) return Origin.Input;
            if (text.StartsWith("await ", StringComparison.Ordinal) || text.StartsWith("yield ", StringComparison.Ordinal)) return Origin.Input;
            // subscribers.get(topic) ?? []: the items of either side (an empty fallback adds none)
            var sides = SplitTopLevel(text, "??");
            if (sides.Length == 1) sides = SplitTopLevel(text, "||");
            if (sides.Length > 1)
            {
                var either = Origin.Bounded;
                foreach (string side in sides)
                {
                    if (side.Trim() is not ("[]" or "{}")) either = Max(either, Classify(fn, side, before, hops + 1));
                }
                return either;
            }
            // cond ? [path] : []: the items of either branch (the condition only picks one)
            if (Branches(text) is var (then, otherwise))
            {
                return Max(Classify(fn, then, before, hops + 1), otherwise.Trim() == "[]" ? Origin.Bounded : Classify(fn, otherwise, before, hops + 1));
            }
            if (text[0] == '[') return ArrayLiteral(fn, text, before, hops);
            if (text is "{}" or "new Map()" or "new Set()") return Origin.Input; // filled later, from whatever
            if (text[0] is '{' or '\'' or '"' or '`' || char.IsDigit(text[0])) return Origin.Bounded;
            if (Wrapped(text) is var (callee, argument))
            {
                // Array.from({ length: pages }): as many as the count
                var inner = Origin.Bounded;
                foreach (string counted in Values(argument)) inner = Max(inner, Classify(fn, counted, before, hops + 1));
                // Object.keys(payload): an object's fields, as many as its shape has — unless the request sent the object, or its
                // name says it groups data by a key (usersByTeam, jobsPerQueue)
                return JavaScriptTables.ObjectListings.Contains(callee) && inner != Origin.Input && !GroupsData(argument) ? Origin.Bounded : inner;
            }
            if (text.EndsWith(')')) return SyncCall(fn, text, before, hops);
            string first = FirstName(text);
            if (first.Length == 0) return Origin.Input;
            if (first == "this") return Origin.Bounded;
            if (JavaScriptTables.SchemaParts.Contains(CallNames.LastWord(text))) return Origin.Bounded;
            if (JavaScriptTables.RequestNames.Contains(first) || JavaScriptTables.RequestParts().IsMatch(text)) return Origin.Input;
            if (ParameterOwner(fn, first) is { } taker) return ParameterOrigin(taker);
            var (binding, owner) = fn.Lookup(first);
            // an import, a global, a name of the module: what the program set up, not what a caller sent — unless the module's
            // collection starts empty and calls fill it (const subscribers = new Map(); subscribers.set(topic, …) in a handler)
            if (binding == null || owner == null) return Origin.Bounded;
            if (owner.Kind == FunctionKind.Module) return FilledByCalls(fn.File, first, binding.FirstPosition) ? Origin.Input : Origin.Bounded;
            if (binding.Count > 1) return Origin.Input;
            if (IsDestructuredParameter(owner, binding)) return ParameterOrigin(owner);
            if (IsLoopItem(owner, binding)) return Origin.Input;
            if (BoundValue(fn.File, binding.FirstPosition) is not { } value) return Origin.Input;
            return Classify(owner, value, binding.FirstPosition, hops + 1);
        }

        /// <summary>
        /// The two branches of a conditional written at the top level of <paramref name="text"/> (<c>c ? [a] : []</c>), not
        /// <c>a?.b</c> nor <c>a ?? b</c>; a conditional nested in the first branch is matched by counting.
        /// </summary>
        private static (string Then, string Otherwise)? Branches(string text)
        {
            int depth = 0, question = -1, open = 0;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c is '(' or '[' or '{') depth++;
                else if (c is ')' or ']' or '}') depth--;
                else if (c is '\'' or '"' or '`') return null; // a string may hold either mark: not read
                else if (depth != 0) continue;
                else if (c == '?' && (i + 1 >= text.Length || text[i + 1] is not ('.' or '?')) && (i == 0 || text[i - 1] != '?'))
                {
                    if (question < 0) question = i;
                    open++;
                }
                else if (c == ':' && question >= 0 && --open == 0) return (text[(question + 1)..i], text[(i + 1)..]);
            }
            return null;
        }

        /// <summary>
        /// <c>[a, b]</c>: as many as written; <c>[...ids]</c>: as many as spread; <c>[]</c> filled by <c>push</c> in a loop: as
        /// many as the loop's items, else what was pushed outside loops.
        /// </summary>
        private static Origin ArrayLiteral(FunctionModel fn, string text, int before, int hops)
        {
            if (text == "[]") return Origin.Input;
            if (MatchingClose(text, 0) != text.Length - 1) return Origin.Input;
            var origin = Origin.Bounded;
            foreach (string element in SplitArguments(text[1..^1]))
            {
                string item = element.Trim();
                if (item.StartsWith("...", StringComparison.Ordinal)) origin = Max(origin, Classify(fn, item[3..], before, hops + 1));
            }
            return origin;
        }

        /// <summary>
        /// A module's collection bound empty (<c>[]</c>, <c>new Map()</c>, <c>new Set()</c>) that a function other than start-up code
        /// adds to (<c>set</c>, <c>push</c>, <c>add</c>): it holds what callers registered, as many as they sent.
        /// </summary>
        private static bool FilledByCalls(SourceModel file, string name, int position)
        {
            string line = file.LineTextAt(position);
            int at = line.IndexOf(name, StringComparison.Ordinal);
            if (at < 0 || !JavaScriptTables.EmptyCollection().IsMatch(line[(at + name.Length)..])) return false;
            foreach (var call in file.Calls)
            {
                if (call.Function.Kind == FunctionKind.Module || call.Function.RunsOnce || call.Method is not ("set" or "push" or "add" or "unshift")
                    || call.Receiver is not { } receiver || !receiver.StartsWith(name, StringComparison.Ordinal)) continue;
                if (receiver.Length == name.Length || receiver[name.Length] is '.' or '[' or '?') return true;
            }
            return false;
        }

        /// <summary>
        /// <c>items.splice(0, concurrency)</c>, <c>rows.slice(i, i + batchSize)</c>: a chunk of at most the size its count is named
        /// for (looked at before <see cref="Root"/> drops the slice as keeping the items).
        /// </summary>
        private static bool IsChunk(string text)
        {
            if (!text.EndsWith(')') || MatchingOpen(text, text.Length - 1) is not (> 0 and var open)) return false;
            string callee = text[..open];
            return (callee.EndsWith(".slice", StringComparison.Ordinal) || callee.EndsWith(".splice", StringComparison.Ordinal))
                && SplitArguments(text[(open + 1)..^1]) is { Length: 2 } bounds && NamesLimit(bounds[1]);
        }

        /// <summary><c>concurrency</c>, <c>i + batchSize</c>, <c>this.options.chunkSize</c>: a count named for a pool's size or a chunk's.</summary>
        private static bool NamesLimit(string count)
        {
            string last = count[(count.LastIndexOf('+') + 1)..].Trim();
            string name = last[(last.LastIndexOf('.') + 1)..];
            return last.All(c => char.IsLetterOrDigit(c) || c is '_' or '$' or '.')
                && (JavaScriptTables.WorkerCountName.IsMatch(name) || JavaScriptTables.ChunkSizeName.IsMatch(name));
        }

        private static Origin Max(Origin a, Origin b) => a > b ? a : b;

        /// <summary><c>usersByTeam</c>, <c>jobsPerQueue</c>, <c>rows_by_id</c>: an object that groups data by a key, as many keys as the data has.</summary>
        private static bool GroupsData(string name)
        {
            name = name.Trim();
            if (!SourceModel.IsPlainName(name)) return false;
            foreach (System.Text.RegularExpressions.Match word in CallNames.Words(name))
            {
                if (word.Index > 0 && word.Value.ToLowerInvariant() is "by" or "per") return true;
            }
            return false;
        }

        /// <summary>
        /// <c>parseIds(req.query.ids)</c>, <c>fs.readdirSync(dir)</c>: a synchronous call gives input-sized items when it reads
        /// input or lists what is on disk; what it builds from the program's own state is bounded by the program.
        /// </summary>
        private static Origin SyncCall(FunctionModel fn, string text, int before, int hops)
        {
            int open = MatchingOpen(text, text.Length - 1);
            if (open <= 0) return Origin.Input;
            string callee = text[..open];
            if (JavaScriptTables.SyncSources.Contains(callee.Substring(callee.LastIndexOf('.') + 1))) return Origin.Input;
            int dot = callee.LastIndexOf('.');
            var owner = dot > 0 ? Classify(fn, callee[..dot], before, hops + 1) : Origin.Bounded;
            if (owner == Origin.Input) return Origin.Input;
            // regions.get(req.params.region): an entry of the map, as many items as the map holds whatever the key
            if (dot > 0 && callee[(dot + 1)..] == "get") return owner;
            // this.reflectProperties(type): built from the object's own state
            if (callee.StartsWith("this.", StringComparison.Ordinal)) return Origin.Bounded;
            var origin = Origin.Bounded;
            foreach (string argument in SplitArguments(text[(open + 1)..^1]))
            {
                foreach (string value in Values(argument))
                {
                    // _createCache(opts): what the configuration lists
                    if (JavaScriptTables.ConfigurationNames.Contains(value.Trim())) continue;
                    var given = Classify(fn, value, before, hops + 1);
                    if (given == Origin.Input) return Origin.Input;
                    if (given == Origin.Parameter) origin = Origin.Parameter;
                }
            }
            return origin;
        }

        /// <summary>An argument, or the values of an object literal written as one (<c>zipObj({ id: ids, data })</c>).</summary>
        private static string[] Values(string argument)
        {
            string text = argument.Trim();
            if (!text.StartsWith('{') || MatchingClose(text, 0) != text.Length - 1) return new[] { text };
            var values = SplitArguments(text[1..^1]);
            for (int i = 0; i < values.Length; i++)
            {
                int colon = values[i].IndexOf(':');
                values[i] = colon >= 0 ? values[i][(colon + 1)..] : values[i];
            }
            return values;
        }

        /// <summary>
        /// The expression without the calls that keep or narrow its items (<c>files.filter(f).slice(1)</c> → <c>files</c>,
        /// <c>(await load())</c> → <c>await load()</c>, <c>map.values()</c> → <c>map</c>).
        /// </summary>
        private static string Root(string text)
        {
            while (true)
            {
                text = text.TrimEnd(';').Trim();
                if (text.StartsWith('(') && MatchingClose(text, 0) == text.Length - 1) { text = text[1..^1].Trim(); continue; }
                if (!text.EndsWith(')')) return text;
                int open = MatchingOpen(text, text.Length - 1);
                if (open <= 0 || JavaScriptTables.ItemListings.Contains(text[..open])) return text;
                int nameEnd = open, nameStart = nameEnd;
                while (nameStart > 0 && (char.IsLetterOrDigit(text[nameStart - 1]) || text[nameStart - 1] is '_' or '$')) nameStart--;
                int dot = nameStart - 1;
                if (dot <= 0 || text[dot] != '.' || !JavaScriptTables.ItemPreservingMethods.Contains(text[nameStart..nameEnd])) return text;
                text = text[..(text[dot - 1] == '?' ? dot - 1 : dot)];
            }
        }

        /// <summary><c>Object.keys(x)</c>, <c>Array.from(x)</c>, <c>new Set(x)</c>: one argument whose items they list.</summary>
        private static (string Callee, string Argument)? Wrapped(string text)
        {
            if (!text.EndsWith(')')) return null;
            int open = MatchingOpen(text, text.Length - 1);
            if (open <= 0) return null;
            string callee = text[..open].Trim();
            if (!JavaScriptTables.ItemListings.Contains(callee)) return null;
            var arguments = SplitArguments(text[(open + 1)..^1]);
            return arguments.Length == 0 ? null : (callee, arguments[0]);
        }

        private static string FirstName(string text)
        {
            int end = 0;
            while (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] is '_' or '$')) end++;
            return end == text.Length || text[end] is '.' or '?' or '[' ? text[..end] : "";
        }

        /// <summary>What a request handler or a listener is given came from outside; another function's parameter, from its caller.</summary>
        private static Origin ParameterOrigin(FunctionModel owner) =>
            owner.IsHandler || owner.IsEventDriven && !owner.RunsInline && !AwaitedByCallers(owner) ? Origin.Input : Origin.Parameter;

        /// <summary>
        /// A named function or method event-driven only because it returns a promise (<c>#exeBins(pkg, dest) { return
        /// Promise.all(…) }</c>): its callers await it as they would an async function, and its parameters are theirs.
        /// </summary>
        private static bool AwaitedByCallers(FunctionModel fn) => fn.ReturnsAwaitable && fn.Kind == FunctionKind.Function;

        /// <summary>The function (this one or one it is nested in) that takes <paramref name="name"/> as a plain parameter.</summary>
        private static FunctionModel? ParameterOwner(FunctionModel fn, string name)
        {
            for (var f = fn; f != null; f = f.Parent)
            {
                foreach (var p in f.Parameters)
                {
                    if (p.Name == name) return f;
                }
                if (f.Locals.Contains(name)) return null;
            }
            return null;
        }

        /// <summary>Bound in the function's header by destructuring a parameter: <c>async ({ ctx, input }) =&gt; …</c>.</summary>
        private static bool IsDestructuredParameter(FunctionModel owner, Binding binding) =>
            binding.FirstPosition >= owner.StartByte && BodyStart(owner) is int body && binding.FirstPosition < body;

        /// <summary>Where the function's body begins: after its parameter list's closing parenthesis (or the arrow of <c>x =&gt; …</c>).</summary>
        private static int? BodyStart(FunctionModel fn)
        {
            var utf8 = fn.File.Text.Utf8;
            int depth = 0;
            for (int i = fn.StartByte; i < fn.EndByte; i++)
            {
                switch (utf8[i])
                {
                    case (byte)'(': depth++; break;
                    case (byte)')': if (--depth == 0) return i; break;
                    case (byte)'=' when depth == 0 && i + 1 < fn.EndByte && utf8[i + 1] == '>': return i;
                    case (byte)'{' when depth == 0: return i;
                }
            }
            return null;
        }

        /// <summary>Bound by a loop's header: <c>for (const order of orders)</c>.</summary>
        private static bool IsLoopItem(FunctionModel owner, Binding binding)
        {
            foreach (var loop in owner.File.Loops)
            {
                if (loop.Function == owner && binding.FirstPosition >= loop.StartByte && binding.FirstPosition < loop.BodyStartByte) return true;
            }
            return false;
        }

        /// <summary>
        /// The value a declaration gives the name at <paramref name="position"/>: the text after its <c>=</c> (past a
        /// destructuring pattern or a type) up to the end of the declarator; null when it has none.
        /// </summary>
        private static string? BoundValue(SourceModel file, int position)
        {
            var utf8 = file.Text.Utf8;
            int depth = 0, i = position;
            for (; i < utf8.Length; i++)
            {
                byte b = utf8[i];
                if (b is (byte)'(' or (byte)'[' or (byte)'{' or (byte)'<') depth++;
                else if (b is (byte)')' or (byte)']' or (byte)'}' or (byte)'>') { if (--depth < 0) return null; }
                else if (depth == 0 && b is (byte)';' or (byte)',' or (byte)'\n') return null;
                else if (depth == 0 && b == '=' && i + 1 < utf8.Length && utf8[i + 1] is not ((byte)'=' or (byte)'>')) break;
            }
            int start = ++i;
            for (depth = 0; i < utf8.Length && i - start < ArgumentModel.MaxText; i++)
            {
                byte b = utf8[i];
                if (b is (byte)'(' or (byte)'[' or (byte)'{') depth++;
                else if (b is (byte)')' or (byte)']' or (byte)'}') { if (--depth < 0) break; }
                else if (depth == 0 && b is (byte)';' or (byte)',' or (byte)'\n') break;
            }
            return i - start >= ArgumentModel.MaxText ? null : file.Text.GetText(start, i);
        }

        private static int MatchingOpen(string text, int close)
        {
            int depth = 0;
            for (int i = close; i >= 0; i--)
            {
                if (text[i] is ')' or ']' or '}') depth++;
                else if (text[i] is '(' or '[' or '{' && --depth == 0) return i;
            }
            return -1;
        }

        private static int MatchingClose(string text, int open)
        {
            int depth = 0;
            for (int i = open; i < text.Length; i++)
            {
                if (text[i] is '(' or '[' or '{') depth++;
                else if (text[i] is ')' or ']' or '}' && --depth == 0) return i;
            }
            return -1;
        }

        private static string[] SplitArguments(string text) => SplitTopLevel(text, ",");

        private static string[] SplitTopLevel(string text, string separator)
        {
            var parts = new System.Collections.Generic.List<string>();
            int depth = 0, start = 0;
            for (int i = 0; i < text.Length; i++)
            {
                if (text[i] is '(' or '[' or '{') depth++;
                else if (text[i] is ')' or ']' or '}') depth--;
                else if (depth == 0 && string.CompareOrdinal(text, i, separator, 0, separator.Length) == 0)
                {
                    parts.Add(text[start..i]);
                    start = i + separator.Length;
                    i = start - 1;
                }
            }
            if (text[start..].Trim().Length > 0) parts.Add(text[start..]);
            return parts.ToArray();
        }
    }
}
