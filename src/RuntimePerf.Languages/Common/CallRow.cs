using System;
using System.Collections.Generic;
using RuntimePerf.Engine.Model;

namespace RuntimePerf.Languages.Common
{
    /// <summary>
    /// One known API: which rule it triggers in async code, and the concrete replacement. <see cref="Replacement"/>
    /// may contain <c>{call}</c>, replaced by the callee as written plus ", …" when the call has arguments.
    /// <see cref="MaxSeverity"/> caps the context's severity for calls that block only briefly (a file-system
    /// metadata look-up such as <c>os.path.exists</c>): still a finding, never one that fails the build alone.
    /// </summary>
    public sealed record CallRow(string RuleId, string Api, string Replacement, Confidence Confidence = Confidence.High, Severity? MaxSeverity = null)
    {
        /// <summary>Where to report, when not at the call: a busy-wait is reported at its loop, not at the clock it reads.</summary>
        public (int Start, int End)? Span { get; init; }

        /// <summary>The severity to report in a context whose catalog severity is <paramref name="contextSeverity"/>.</summary>
        public Severity SeverityIn(Severity contextSeverity) =>
            MaxSeverity is { } cap && cap < contextSeverity ? cap : contextSeverity;
    }

    /// <summary>
    /// A table of APIs keyed by resolved dotted name (<c>subprocess.run</c>), by receiver kind and method
    /// (<c>Path</c> + <c>read_text</c>) or by resolved-name prefix (<c>pandas.read_</c>). Adding an API is adding a row.
    /// </summary>
    public sealed class CallTable
    {
        private readonly Dictionary<string, CallRow> _functions = new(StringComparer.Ordinal);
        private readonly Dictionary<(string Kind, string Method), CallRow> _methods = new();
        private readonly HashSet<string> _methodNames = new(StringComparer.Ordinal);
        private readonly List<(string Prefix, CallRow Row)> _prefixes = new();

        /// <summary>Rows for module functions: <c>Functions("RP0001", "Use …", "os.remove", "os.unlink")</c>.</summary>
        public CallTable Functions(string ruleId, string replacement, params string[] names) =>
            Functions(new CallRow(ruleId, "", replacement), names);

        public CallTable Functions(string ruleId, string replacement, Confidence confidence, params string[] names) =>
            Functions(new CallRow(ruleId, "", replacement, confidence), names);

        /// <summary>Rows shaped like <paramref name="template"/> (rule, replacement, confidence, severity cap), one per name.</summary>
        public CallTable Functions(CallRow template, params string[] names)
        {
            foreach (string n in names) _functions[n] = template with { Api = n };
            return this;
        }

        /// <summary>Rows for methods called on a value of a known kind (<c>Path</c>, <c>requests.Session</c>).</summary>
        public CallTable Methods(string ruleId, string kind, string replacement, params string[] methods) =>
            Methods(new CallRow(ruleId, "", replacement), kind, methods);

        public CallTable Methods(string ruleId, string kind, string replacement, Confidence confidence, params string[] methods) =>
            Methods(new CallRow(ruleId, "", replacement, confidence), kind, methods);

        public CallTable Methods(CallRow template, string kind, params string[] methods)
        {
            foreach (string m in methods)
            {
                _methods[(kind, m)] = template with { Api = kind + "." + m };
                _methodNames.Add(m);
            }
            return this;
        }

        public CallTable Prefix(string ruleId, string prefix, string replacement)
        {
            _prefixes.Add((prefix, new CallRow(ruleId, prefix + "*", replacement)));
            return this;
        }

        public CallRow? Function(string? resolved)
        {
            if (resolved == null) return null;
            if (_functions.TryGetValue(resolved, out var row)) return row;
            foreach (var (prefix, r) in _prefixes)
            {
                if (resolved.StartsWith(prefix, StringComparison.Ordinal)) return r;
            }
            return null;
        }

        /// <summary>Some kind has a row for a method of this name: worth working out the receiver's kind.</summary>
        public bool HasMethod(string method) => _methodNames.Contains(method);

        public CallRow? Method(string? kind, string? method) =>
            kind != null && method != null && _methods.TryGetValue((kind, method), out var row) ? row : null;
    }
}
