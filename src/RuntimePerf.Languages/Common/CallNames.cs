using System;
using System.Text.RegularExpressions;

namespace RuntimePerf.Languages.Common
{
    /// <summary>How a call is named, as the knowledge tables of method-name prefixes read it.</summary>
    public static partial class CallNames
    {
        /// <summary>The words of a name: <c>dbSession</c> → db, Session; <c>read_conn</c> → read, conn; <c>HTTPClient</c> → HTTP, Client.</summary>
        public static MatchCollection Words(string name) => WordPattern().Matches(name);

        /// <summary>The first word of a name's last segment, lower case: <c>this.sleepSync</c> → sleep, <c>delay_ms</c> → delay.</summary>
        public static string FirstWord(string name) => Words(name.Substring(name.LastIndexOf('.') + 1)) is { Count: > 0 } w ? w[0].Value.ToLowerInvariant() : "";

        /// <summary>
        /// The last word of a collection that holds the program's own parts, as many as the code registered (RP0010 does not count
        /// a fan-out over them, in any language): <c>requestListeners</c>, <c>getHandlers(ev)</c>, <c>plugins</c>.
        /// </summary>
        public static readonly System.Collections.Generic.HashSet<string> RegisteredParts = new(StringComparer.Ordinal)
        {
            "plugins", "listeners", "hooks", "middlewares", "middleware", "interceptors", "handlers", "callbacks", "extensions",
            // registered to change an event or a document one after another (a pipeline), not one named payment processor
            "processors", "preprocessors", "postprocessors",
        };

        /// <summary>The last word of a name's last segment, lower case: <c>requestListeners</c> → listeners.</summary>
        public static string LastWord(string name) => Words(name.Substring(name.LastIndexOf('.') + 1)) is { Count: > 0 } w ? w[^1].Value.ToLowerInvariant() : "";

        /// <summary>Some word of a name's last segment, lower case, is one of <paramref name="words"/>: <c>handleBatchSequential</c> has sequential.</summary>
        public static bool HasWordIn(string name, System.Collections.Generic.HashSet<string> words)
        {
            foreach (Match word in Words(name.Substring(name.LastIndexOf('.') + 1)))
            {
                if (words.Contains(word.Value.ToLowerInvariant())) return true;
            }
            return false;
        }

        [GeneratedRegex(@"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+", RegexOptions.CultureInvariant)]
        private static partial Regex WordPattern();

        /// <summary>The called function's own name: <c>saveAll</c> for <c>repo.saveAll</c>, without a private prefix (<c>_</c>, <c>#</c>).</summary>
        public static string Callee(CallModel call)
        {
            string name = call.Method ?? call.Resolved ?? call.Written;
            int dot = name.LastIndexOf('.');
            return (dot >= 0 ? name.Substring(dot + 1) : name).TrimStart('_', '#');
        }

        /// <summary><c>self.save</c>, <c>cls.load</c>, <c>this.fetchOne</c>: a method of the object's own class, called on it.</summary>
        public static bool IsOnSelf(string written) =>
            (written.StartsWith("self.", StringComparison.Ordinal) || written.StartsWith("cls.", StringComparison.Ordinal) || written.StartsWith("this.", StringComparison.Ordinal))
            && written.IndexOf('.', written.IndexOf('.') + 1) < 0;

        /// <summary>First words of work named for computing in memory: parsing, converting, encoding.</summary>
        private static readonly System.Collections.Generic.HashSet<string> InMemoryWords = new(StringComparer.Ordinal)
        {
            "parse", "serialize", "deserialize", "convert", "transform", "format", "normalize", "pluck", "encode", "decode",
        };

        /// <summary>
        /// <c>parseTypeName(t)</c>, <c>this.serializeAsync(a)</c>, <c>encodeTopic(t)</c>: named for work in memory and not a library's
        /// (imported) function. Resolving counts only for the program's own look-ups (<c>this.resolveInstance(x)</c>, a function of
        /// the file), not a resolver's (<c>resolver.resolve4(host)</c> asks DNS); <c>Promise.resolve(x)</c> only wraps a value.
        /// </summary>
        public static bool IsInMemoryWork(CallModel call) =>
            call.Written == "Promise.resolve" || !IsImported(call) && IsInMemoryName(Callee(call), call.Receiver, call.Function);

        /// <summary>The same for a function named where it is passed (<c>items.map(resolveParamValue)</c>), called bare.</summary>
        public static bool IsInMemoryName(string callee, string? receiver, FunctionModel where)
        {
            string first = FirstWord(callee);
            if (InMemoryWords.Contains(first)) return true;
            // fromEncoded(msg), WireMessage.fromValues(v): a conversion; not a query builder's bare from(table)
            if (first == "from" && callee.Length > first.Length) return true;
            return first == "resolve" && (receiver is "this" or "self" || receiver == null && where.File.FunctionsNamed(callee).Count > 0);
        }

        /// <summary>The call's first name is an import (of the module, or of an enclosing function): a library's function.</summary>
        public static bool IsImported(CallModel call)
        {
            int dot = call.Written.IndexOf('.');
            return call.Function.ImportTarget(dot < 0 ? call.Written : call.Written.Substring(0, dot)) != null;
        }

        /// <summary>
        /// The name's first word is a state, not the action a verb prefix would read in it: a participle (<c>closedOrders</c>,
        /// <c>started_jobs</c>) or <c>open</c> qualified by whom or what it is open for (<c>open_for_customer</c>,
        /// <c>openByAccount</c>: the open disputes, not opening) — not how to open (<c>openForWriting</c>, <c>openInNewTab</c>).
        /// </summary>
        public static bool NamesAState(string name)
        {
            var words = Words(name.TrimStart('_', '#'));
            if (words.Count == 0) return false;
            string first = words[0].Value.ToLowerInvariant();
            if (StateParticiples.Contains(first)) return true;
            return first == "open" && words.Count > 2 && Prepositions.Contains(words[1].Value.ToLowerInvariant())
                && !words[2].Value.EndsWith("ing", StringComparison.OrdinalIgnoreCase);
        }

        private static readonly System.Collections.Generic.HashSet<string> StateParticiples = new(StringComparer.Ordinal)
        {
            "closed", "started", "stopped", "locked", "cleared", "opened", "committed", "published", "cancelled", "canceled",
        };

        private static readonly System.Collections.Generic.HashSet<string> Prepositions = new(StringComparer.Ordinal)
        {
            "for", "by", "of", "since", "per",
        };

        /// <summary>The name starts with one of the prefixes, in any case (<c>SaveAll</c>, <c>saveAll</c>).</summary>
        public static bool StartsWithAny(string name, string[] prefixes)
        {
            foreach (string prefix in prefixes)
            {
                if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) return true;
            }
            return false;
        }
    }
}
