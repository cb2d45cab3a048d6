using System;
using System.Text.RegularExpressions;
using RuntimePerf.Engine.Catalog;
using RuntimePerf.Engine.Model;
using RuntimePerf.Languages.Common;

namespace RuntimePerf.Languages.Rust.Rules
{
    /// <summary>
    /// RP0003 for Rust's per-item Strings: <c>xs.iter().map(|x| format!(…)).collect::&lt;String&gt;()</c> allocates a String for
    /// every item only to append it to the result (clippy's format_collect), and <c>s += &amp;format!(…)</c> /
    /// <c>s.push_str(&amp;format!(…))</c> in a loop allocates one per pass only to copy it into <c>s</c> (clippy's
    /// format_push_string); <c>write!(s, …)</c> formats in place. The collected-only-to-count forms (needless_collect,
    /// <c>collect::&lt;Vec&lt;_&gt;&gt;().join("")</c>) are the shared rule's, which this one runs first.
    /// </summary>
    public sealed class MaterializeToCount : ExtendedRule<Languages.Rules.MaterializeToCount>
    {
        protected override void CheckOwn(FileAudit audit)
        {
            var model = audit.Model;
            foreach (var call in model.Calls)
            {
                if (call.Method == "collect" && call.Arguments.Count == 0 && call.ReceiverCall is { Method: "map", Arguments.Count: 1 } map
                    && FormattedPerItem(map) && CollectsString(model, call))
                {
                    audit.Report(RuleIds.MaterializeToCount, call.Function, call.StartByte, call.EndByte,
                        "Unnecessary allocation: map(|…| format!(…)).collect() in " + call.Function.Describe()
                        + " allocates a String per item only to append it to the collected String",
                        "Fold into one String with write! (use std::fmt::Write; iter.fold(String::new(), |mut s, x| { let _ = write!(s, …); s }))",
                        Confidence.High, Severity.Low);
                }
                else if (call.Written == "format!" && call.Loop != null && AppendedToString(model, call) is { } how)
                {
                    audit.Report(RuleIds.MaterializeToCount, call.Function, call.StartByte, call.EndByte,
                        "Unnecessary allocation: " + how + "format!(…) in a loop in " + call.Function.Describe()
                        + " allocates a String on every pass only to copy it into the one being built",
                        "Format in place: write!(s, …) (use std::fmt::Write)", Confidence.High, Severity.Low);
                }
            }
        }

        /// <summary>The map's closure ends with a <c>format!</c>: the String it returns is the item.</summary>
        private static bool FormattedPerItem(CallModel map)
        {
            var closure = map.Arguments[0];
            if (closure.Shape != Shape.Function) return false;
            foreach (var c in map.Function.Calls)
            {
                if (c.Written != "format!" || c.StartByte < closure.StartByte || c.EndByte > closure.EndByte) continue;
                if (map.Function.File.Text.GetText(c.EndByte, closure.EndByte).Trim().Trim('}').Trim().Length == 0) return true;
            }
            return false;
        }

        /// <summary><c>collect::&lt;String&gt;()</c>, or a collect that is the tail of a function declared <c>-&gt; String</c>.</summary>
        private static bool CollectsString(SourceModel model, CallModel collect)
        {
            if (collect.Written.EndsWith("collect::<String>", StringComparison.Ordinal)) return true;
            if (!collect.Written.EndsWith(".collect", StringComparison.Ordinal) && collect.Written != "….collect") return false;
            var fn = collect.Function;
            if (fn.Kind != FunctionKind.Function || LineComment.Replace(model.Text.GetText(collect.EndByte, fn.EndByte), "").Trim().TrimEnd('}').Trim().Length != 0) return false;
            string header = model.Text.GetText(fn.StartByte, Math.Min(fn.EndByte, collect.StartByte));
            int body = header.IndexOf('{');
            return body > 0 && ReturnsString.IsMatch(header.Substring(0, body));
        }

        private static readonly Regex LineComment = new(@"//[^\n]*", RegexOptions.CultureInvariant);

        private static readonly Regex ReturnsString = new(@"->\s*(?:std::string::)?String\s*$", RegexOptions.CultureInvariant);

        /// <summary><c>s += &amp;format!(…)</c> or <c>s.push_str(&amp;format!(…))</c>: the form written before the macro, else null.</summary>
        private static string? AppendedToString(SourceModel model, CallModel format)
        {
            string before = model.Text.GetText(Math.Max(0, format.StartByte - 40), format.StartByte).TrimEnd();
            if (!before.EndsWith('&')) return null;
            before = before.Substring(0, before.Length - 1).TrimEnd();
            if (before.EndsWith("+=", StringComparison.Ordinal)) return "+= &";
            return before.EndsWith(".push_str(", StringComparison.Ordinal) ? "push_str(&" : null;
        }
    }
}
