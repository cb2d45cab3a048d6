using RuntimePerf.Engine.Catalog;
using RuntimePerf.Engine.Model;
using RuntimePerf.Languages.Common;

namespace RuntimePerf.Languages.Rules
{
    /// <summary>
    /// RP0015: a regex with a constant pattern, a parser, encoder or client built on every loop iteration; and, in languages
    /// where building one costs on every call (<see cref="ILanguageKnowledge.CostlyPerCall"/>), built per call of an ordinary function.
    /// </summary>
    public sealed class ExpensiveObject : IRule
    {
        public string RuleId => RuleIds.ExpensiveObject;

        public void Check(FileAudit audit)
        {
            foreach (var call in audit.Model.Calls)
            {
                if (audit.Knowledge.ExpensiveConstruction(call) is not { } what) continue;
                var fn = call.Function;
                if (call.Loop == null)
                {
                    if (!audit.Knowledge.CostlyPerCall(call) || !RunsPerCall(fn) || call.ArgumentOf is { IsLiteral: true }
                        || LazilyCached(audit.Model, call, fn.StartByte, fn.StartByte, fn.EndByte, handsBack: true)) continue;
                    audit.Report(RuleIds.ExpensiveObject, fn, call.StartByte, call.EndByte,
                        "Expensive object per call: " + call.Display + " builds a " + what + " on every call of " + fn.Describe(),
                        audit.Knowledge.Advice.ExpensiveObject, Confidence.High, fn.IsHandler ? null : Severity.Low);
                    continue;
                }
                // A client per iteration in async code is RP0011's finding.
                if (fn.IsAsync && audit.Knowledge.IsClientConstruction(call) || LazilyCached(audit.Model, call, call.Loop.BodyStartByte, call.Loop.StartByte, call.Loop.EndByte)
                    || LeavesAfter(audit.Model, call, call.Loop) || UnderOnceFlag(audit.Model, call, call.Loop)) continue;
                audit.Report(RuleIds.ExpensiveObject, fn, call.StartByte, call.EndByte,
                    "Expensive object per iteration: " + call.Display + " builds a " + what + " on every iteration of a loop in " + fn.Describe(),
                    audit.Knowledge.Advice.ExpensiveObject);
            }
        }

        /// <summary>
        /// A <c>break</c>, <c>return</c> or <c>raise</c> follows the construction in the same branch of the loop's body and in its own
        /// block (not in a <c>try</c>'s <c>else</c> or <c>except</c>, which run only when something holds), not inside a loop nested in
        /// it: whenever it is built, the loop ends (xhtml2pdf compiles the pattern of an <c>@media … and</c> rule, uses it, then
        /// breaks), so it is built once per run of the loop, not per iteration.
        /// </summary>
        private static bool LeavesAfter(SourceModel model, CallModel call, LoopModel loop)
        {
            // a return in a map or filter callback only ends its item
            if (loop.Kind == LoopKind.Comprehension) return false;
            var branch = InnermostBranch(model, call.Function, loop, call.StartByte);
            foreach (var st in model.Statements)
            {
                if (st.Kind is not (StatementKind.Break or StatementKind.Return or StatementKind.Raise) || st.Function != call.Function
                    || st.StartByte < call.EndByte || !loop.BodyContains(st.StartByte)
                    || InnermostBranch(model, call.Function, loop, st.StartByte) != branch || !LoopExits.InSameBlock(model, call.StartByte, call.EndByte, st.StartByte)) continue;
                if (!model.Loops.Exists(inner => inner != loop && inner.Function == loop.Function && inner.StartByte > loop.StartByte && inner.EndByte <= loop.EndByte
                    && inner.BodyContains(st.StartByte) && !inner.BodyContains(call.StartByte))) return true;
            }
            return false;
        }

        /// <summary>
        /// <c>if (!sawHeader) { …; sawHeader = true }</c>, <c>if not seen: …; seen = True</c>: the call is in the part of an if that
        /// sets the flag its test reads — a local bound before the loop, written in the loop only there, at that part's own level
        /// (not under a nested if or loop), to a true literal — so it runs on the first pass that reaches it, not on every iteration
        /// (@gmod/bam decodes the header text once per stream).
        /// </summary>
        private static bool UnderOnceFlag(SourceModel model, CallModel call, LoopModel loop)
        {
            foreach (var b in model.Branches)
            {
                int end = b.AlternativeStartByte >= 0 ? b.AlternativeStartByte : b.EndByte;
                if (!b.IsIf || b.Function != call.Function || !loop.BodyContains(b.StartByte)
                    || call.StartByte < b.ConditionEndByte || call.StartByte >= end) continue;
                var test = OnceTest.Match(model.Text.GetText(b.ConditionStartByte, b.ConditionEndByte));
                if (!test.Success) continue;
                string flag = test.Groups["name"].Value;
                if (!OutlivesRegion(call.Function.Lookup(flag).Binding, loop.StartByte, loop.EndByte)) continue;
                int writes = 0, set = -1;
                foreach (var use in model.UsesIn(loop.BodyStartByte, loop.BodyEndByte))
                {
                    if (use.Kind != UseKind.Write || !model.NameIs(use, flag)) continue;
                    writes++;
                    set = use.Start;
                }
                if (writes != 1 || set < b.ConditionEndByte || set >= end || InnermostBranch(model, call.Function, loop, set) != b
                    || model.Loops.Exists(inner => inner != loop && inner.StartByte > b.StartByte && inner.EndByte <= end && inner.BodyContains(set))) continue;
                if (FlagSet.IsMatch(model.Text.GetText(set, System.Math.Min(end, set + flag.Length + 16)))) return true;
            }
            return false;
        }

        /// <summary><c>!flag</c>, <c>(!flag)</c>, <c>not flag</c>: the test of a once-flag.</summary>
        private static readonly System.Text.RegularExpressions.Regex OnceTest = new(
            @"^\(?\s*(?:!|not\s+)(?<name>[A-Za-z_$][\w$]*)\s*\)?$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

        /// <summary><c>flag = true</c> (True, 1) at the write.</summary>
        private static readonly System.Text.RegularExpressions.Regex FlagSet = new(
            @"^[\w$]+\s*=\s*(?:true|True|1)\b", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

        /// <summary>
        /// The innermost branch (if, switch arm; with <paramref name="ifsOnly"/>, if) of the loop's body that holds
        /// <paramref name="position"/>, or null.
        /// </summary>
        internal static BranchModel? InnermostBranch(SourceModel model, FunctionModel fn, LoopModel loop, int position, bool ifsOnly = false)
        {
            BranchModel? innermost = null;
            foreach (var b in model.Branches)
            {
                // a position in the branch's header (Go's if re, err := regexp.Compile(…); err != nil) is not in its body
                if (b.Function != fn || ifsOnly && !b.IsIf || !loop.BodyContains(b.StartByte) || !b.Contains(position) || position < b.ConditionEndByte) continue;
                // the part of an if that holds the position: its branch is the if's consequence or its else
                if (innermost == null || b.StartByte >= innermost.StartByte) innermost = b;
            }
            return innermost;
        }

        /// <summary>
        /// <c>if (!emojiRegex) emojiRegex = new RegExp(…)</c>, <c>if _re is None: _re = re.compile(…)</c>, <c>cache ??= new X()</c>,
        /// <c>if re.is_none() { re = Some(Regex::new(…)?) }</c>, <c>if (!cached) cached = await MongoClient.connect(url)</c>: built
        /// once into a name that outlives the region (a loop, a handler, a function), under a test that it is not built yet (or
        /// with <paramref name="handsBack"/>, for a function, <c>if (cached) return cached;</c> before it) — a cache, not a rebuild. The
        /// test is looked for between <paramref name="from"/> and the call.
        /// </summary>
        internal static bool LazilyCached(SourceModel model, CallModel call, int from, int regionStart, int regionEnd, bool handsBack = false)
        {
            string before = WithoutCommentLines(model, model.Text.GetText(System.Math.Max(from, call.StartByte - 4 * GuardWindow), call.StartByte));
            if (before.Length > GuardWindow) before = before.Substring(before.Length - GuardWindow);
            if ((call.AssignedTo ?? AssignedName(before)) is not { } name) return false;
            // this.stemmer = …, self._re = …: a field outlives any call of its methods; m.shortenerRe = … (Go's receiver m, or any
            // object bound once, before the region) outlives the region with its object
            int dot = name.IndexOf('.');
            bool field = (name.StartsWith("this.", System.StringComparison.Ordinal) || name.StartsWith("self.", System.StringComparison.Ordinal))
                && SourceModel.IsPlainName(name.Substring(5))
                || dot > 0 && SourceModel.IsPlainName(name.Substring(0, dot)) && SourceModel.IsPlainName(name.Substring(dot + 1))
                   && call.Function.Lookup(name.Substring(0, dot)).Binding is { Count: 1 } owner && OutlivesRegion(owner, regionStart, regionEnd);
            if (!field && !SourceModel.IsPlainName(name)) return false;
            if (!field && !OutlivesRegion(call.Function.Lookup(name).Binding, regionStart, regionEnd)) return false;
            foreach (string guard in LazyGuards)
            {
                if (before.Contains(guard.Replace("{x}", name), System.StringComparison.Ordinal)) return true;
            }
            // if (sysLocaleCache) { return sysLocaleCache; } else { sysLocaleCache = new Intl.DateTimeFormat()… } (luxon)
            if (!handsBack) return false;
            foreach (System.Text.RegularExpressions.Match m in HandsBackCache.Matches(before))
            {
                if (m.Groups["name"].Value == name) return true;
            }
            return false;
        }

        /// <summary><c>if (x) return x</c>, <c>if (x) { return x; }</c>, Python's <c>if x: return x</c>: a cache handed back when it is set.</summary>
        private static readonly System.Text.RegularExpressions.Regex HandsBackCache = new(
            @"\bif\s*\(?\s*(?<name>[\w$.]+)\s*\)?\s*[:{]?\s*return\s+\k<name>\b", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

        /// <summary>The name was bound before the region, or after its end (a module variable declared below the function).</summary>
        private static bool OutlivesRegion(Binding? binding, int regionStart, int regionEnd) =>
            binding != null && !(binding.FirstPosition >= regionStart && binding.FirstPosition < regionEnd);

        /// <summary><c>emojiRegex = </c>, <c>_re ??= </c>, <c>this.re = </c>, <c>re = Some(</c> right before the call: the name it is assigned to.</summary>
        private static string? AssignedName(string before)
        {
            string t = before.TrimEnd();
            // cached = await MongoClient.connect(url)
            if (t.EndsWith("await", System.StringComparison.Ordinal)) t = t.Substring(0, t.Length - 5).TrimEnd();
            // Rust: id_re = Some(Regex::new(…)…)
            if (t.EndsWith("Some(", System.StringComparison.Ordinal)) t = t.Substring(0, t.Length - 5).TrimEnd();
            if (!t.EndsWith('=') || t.EndsWith("==", System.StringComparison.Ordinal) || t.EndsWith("=>", System.StringComparison.Ordinal)) return null;
            t = t.Substring(0, t.Length - 1).TrimEnd('?', '|', ':').TrimEnd();
            int start = t.Length;
            while (start > 0 && (char.IsLetterOrDigit(t[start - 1]) || t[start - 1] is '_' or '$' or '.')) start--;
            return start < t.Length ? t.Substring(start) : null;
        }

        /// <summary>How much code before a call is read for its cache test, comment lines aside.</summary>
        private const int GuardWindow = 160;

        /// <summary>The text without its whole-line comments (a note between <c>if files is None:</c> and the listing it guards).</summary>
        private static string WithoutCommentLines(SourceModel model, string text)
        {
            string mark = model.Language == Language.Python ? "#" : "//";
            var kept = new System.Text.StringBuilder(text.Length);
            foreach (string line in text.Split('\n'))
            {
                if (line.TrimStart().StartsWith(mark, System.StringComparison.Ordinal)) continue;
                if (kept.Length > 0) kept.Append('\n');
                kept.Append(line);
            }
            return kept.ToString();
        }

        private static readonly string[] LazyGuards =
        {
            "!{x}", "{x} == null", "{x} === null", "{x} === undefined", "{x} == nil", "{x} is None", "not {x}", "{x} ??=", "{x} ||=", "{x}.is_none()",
            // this.re || (this.re = new RegExp(…))
            "{x} || (",
        };

        /// <summary>
        /// A function that runs again and again: not the module's start-up, an entry point, a constructor (<c>NewX</c>), set-up
        /// code (<see cref="FunctionModel.RunsOnce"/>: Go's function that builds a handler or middleware) or a function literal
        /// (often run once, as with <c>sync.Once</c>).
        /// </summary>
        internal static bool RunsPerCall(FunctionModel fn) =>
            fn.IsHandler || fn.Kind == FunctionKind.Function && !fn.IsEntryPoint && !fn.RunsOnce
            && !(fn.Name.Length > 3 && fn.Name.StartsWith("New", System.StringComparison.OrdinalIgnoreCase) && char.IsUpper(fn.Name[3]))
            && !fn.Name.StartsWith("init", System.StringComparison.OrdinalIgnoreCase) && !fn.Name.StartsWith("must", System.StringComparison.OrdinalIgnoreCase);
    }
}
