using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using RuntimePerf.Engine.Catalog;
using RuntimePerf.Engine.Model;

namespace RuntimePerf.Languages.Common
{
    /// <summary>A rule: one concept, reading the model of one file.</summary>
    public interface IRule
    {
        /// <summary>The one rule it reports (its class is named after the rule's concept in <see cref="RuleIds"/>).</summary>
        string RuleId { get; }

        void Check(FileAudit audit);
    }

    /// <summary>
    /// A language's rule for the id of a shared rule: it runs the shared rule, then looks for the language's own shapes, so a
    /// front end still runs one rule per id.
    /// </summary>
    public abstract class ExtendedRule<TShared> : IRule where TShared : IRule, new()
    {
        private readonly TShared _shared = new();

        public string RuleId => _shared.RuleId;

        public void Check(FileAudit audit)
        {
            _shared.Check(audit);
            CheckOwn(audit);
        }

        /// <summary>The language's own shapes of the rule.</summary>
        protected abstract void CheckOwn(FileAudit audit);
    }

    /// <summary>
    /// A finding that depends on the whole program: a call to a helper that blocks only if the helper (perhaps in
    /// another file, perhaps through other helpers) makes a blocking call. Settled once every file has been read.
    /// </summary>
    /// <param name="IssueBefore">The issue's text before the chain of calls (kept as text, not a closure: the audit cache stores it).</param>
    /// <param name="WhenAsync">Reported when the helper is async (its dropped promise floats; the helper's name goes between the texts), rather than when it blocks.</param>
    public sealed record HelperCallFinding(Finding Draft, string RuleId, HelperTarget Target, string IssueBefore, string IssueAfter, bool WhenAsync = false)
    {
        public string Issue(string chain) => FileAudit.MessageLine(IssueBefore + chain + IssueAfter);
    }

    /// <summary>One file being audited: its model, the language's knowledge, the file's functions as helpers, and the findings so far.</summary>
    public sealed partial class FileAudit
    {
        public FileAudit(SourceModel model, ILanguageKnowledge knowledge)
        {
            Model = model;
            Knowledge = knowledge;
            Helpers = new FileHelpers(model, knowledge);
        }

        public SourceModel Model { get; }
        public ILanguageKnowledge Knowledge { get; }
        public FileHelpers Helpers { get; }
        public List<Finding> Findings { get; } = new();
        public List<HelperCallFinding> HelperCalls { get; } = new();

        /// <summary>
        /// Calls the team declared blocking for this file in .editorconfig (<c>runtimeperf.RP0001.blocking_calls</c>),
        /// by resolved dotted name (<c>legacy.db.query</c>).
        /// </summary>
        public IReadOnlyCollection<string> ConfiguredBlocking { get; init; } = Array.Empty<string>();

        public CallRow? Configured(CallModel call) =>
            ConfiguredBlocking.Count > 0 && call.Resolved is { } resolved && ConfiguredBlocking.Contains(resolved)
                ? new CallRow(RuleIds.BlockingIo, resolved, "Use an async alternative (listed as blocking in .editorconfig: runtimeperf.RP0001.blocking_calls)")
                : null;

        /// <summary>
        /// Adds a finding at [start, end) of the model's text. Severity defaults to the catalog's for the function's
        /// context; the span is cut to the first line so that editors underline the call, not its whole argument list.
        /// </summary>
        public void Report(string ruleId, FunctionModel function, int startByte, int endByte, string issue, string recommendation,
            Confidence confidence = Confidence.High, Severity? severity = null)
        {
            if (!Silent(function)) Findings.Add(Draft(ruleId, function, startByte, endByte, issue, recommendation, confidence, severity));
        }

        /// <summary>
        /// A call to <paramref name="target"/>, reported if the program-wide pass finds that it is a sync helper that
        /// blocks for <paramref name="ruleId"/>; its issue is <paramref name="issueBefore"/>, the chain of calls, <paramref name="issueAfter"/>.
        /// </summary>
        public void ReportIfHelperBlocks(string ruleId, FunctionModel function, CallModel call, HelperTarget target, string issueBefore,
            string issueAfter, string recommendation)
        {
            if (!Silent(function))
                HelperCalls.Add(new HelperCallFinding(Draft(ruleId, function, call.StartByte, call.EndByte, "", recommendation, Confidence.Medium, null),
                    ruleId, target, issueBefore, issueAfter));
        }

        /// <summary>
        /// A dropped call of <paramref name="target"/>, reported if the program-wide pass finds that it is async; its issue is
        /// <paramref name="issueBefore"/>, the function's name, <paramref name="issueAfter"/>.
        /// </summary>
        public void ReportIfHelperIsAsync(string ruleId, FunctionModel function, CallModel call, HelperTarget target, string issueBefore,
            string issueAfter, string recommendation)
        {
            if (!Silent(function))
                HelperCalls.Add(new HelperCallFinding(Draft(ruleId, function, call.StartByte, call.EndByte, "", recommendation, Confidence.High, null),
                    ruleId, target, issueBefore, issueAfter, WhenAsync: true));
        }

        /// <summary>
        /// A message as the one line it is printed on (<c>file(line,col): warning …</c>): code it quotes that spans lines
        /// (a callback handed to <c>Promise.all(items.map(…))</c>) has each line break, with the indentation around it, read as a space.
        /// </summary>
        internal static string MessageLine(string message) =>
            message.IndexOfAny(LineBreaks) < 0 ? message : LineBreak().Replace(message, " ");

        private static readonly char[] LineBreaks = { '\n', '\r' };

        [GeneratedRegex(@"[ \t]*[\r\n][\s]*", RegexOptions.CultureInvariant)]
        private static partial Regex LineBreak();

        /// <summary>Code that never runs in the program: a function whose text is data (build tooling is skipped whole).</summary>
        private static bool Silent(FunctionModel function) => function.IsSourceText;

        private Finding Draft(string ruleId, FunctionModel function, int startByte, int endByte, string issue, string recommendation,
            Confidence confidence, Severity? severity)
        {
            var rule = RuleCatalog.Get(ruleId);
            var context = function.Context;
            var span = Model.SpanOf(startByte, endByte);
            string line = Model.LineTextAt(startByte);
            if (span.EndLine != span.Line) span = span with { EndLine = span.Line, EndColumn = line.Length + 1 };
            return new Finding
            {
                RuleId = ruleId,
                Severity = severity ?? rule.SeverityFor(context),
                Confidence = confidence,
                Effort = rule.Effort,
                Path = Model.Path,
                Span = span,
                Issue = MessageLine(issue),
                Principle = rule.Principle,
                Recommendation = MessageLine(recommendation),
                Context = context,
                Language = Model.Language,
                EnclosingSymbol = function.Kind == FunctionKind.Module ? "" : function.QualifiedName,
                LineText = line,
            };
        }

        /// <summary><c>asyncio.to_thread(input_path.read_bytes)</c> / <c>asyncio.to_thread(open, …)</c> — the call as an offload argument.</summary>
        public static string CallArgument(CallModel call) => call.Written + (call.Arguments.Count > 0 ? ", …" : "");

        public static string Fill(string template, CallModel call) => template.Replace("{call}", CallArgument(call));
    }
}
