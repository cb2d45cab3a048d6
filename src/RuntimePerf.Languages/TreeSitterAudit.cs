using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RuntimePerf.Engine.Model;
using RuntimePerf.Engine.Sources;
using RuntimePerf.Languages.Common;
using RuntimePerf.Languages.Python;
using RuntimePerf.Languages.Rules;
using RuntimePerf.TreeSitter;
using Language = RuntimePerf.Engine.Model.Language;

namespace RuntimePerf.Languages
{
    public sealed record LanguageAuditResult(IReadOnlyList<Finding> Findings, IReadOnlyList<AuditNotice> Notices);

    /// <summary>
    /// Audits the non-.NET sources with tree-sitter front ends. Each file is parsed once and walked once into a
    /// <see cref="SourceModel"/> (the tree is disposed right after), which the rules read right away. Files run in
    /// parallel with one parser per thread; a file that cannot be read or parsed becomes one notice.
    /// </summary>
    public static class TreeSitterAudit
    {
        public static IReadOnlyCollection<Language> Supported { get; } = new[] { Language.Python };

        private static readonly IRule[] PythonRules = RuleSet.All;

        /// <param name="configured">Per file (relative path), what .editorconfig adds (may be null).</param>
        public static LanguageAuditResult Run(IReadOnlyList<SourceFile> files, CancellationToken cancellationToken = default,
            Func<string, LanguageOptions>? configured = null)
        {
            var notices = new ConcurrentBag<AuditNotice>();
            var audited = files.Where(f => f.IsAudited && f.Language == Language.Python).ToList();
            var options = audited.Select(f => configured?.Invoke(f.RelativePath) ?? LanguageOptions.None).ToArray();
            var results = new FileResult?[audited.Count];
            var parallel = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount };

            // Each file is parsed, modelled and audited in one go, so its model is garbage as soon as its rules have
            // run (kept alive until the end, the models of a whole code base cost more in GC than building them);
            // what needs the whole program — calls to helpers that may block in another file — waits for the index.
            Parallel.For(0, audited.Count, parallel, () => (Parser?)null, (i, _, parser) =>
            {
                parser ??= TreeSitter.Languages.Python.CreateParser();
                if (BuildModel(audited[i], parser, notices, cancellationToken) is { } model) results[i] = AuditModel(model, options[i], notices);
                return parser;
            }, parser => parser?.Dispose());

            var done = results.Where(r => r != null).Select(r => r!).ToList();
            var index = new ProgramIndex(done.Select(r => r.Functions));
            var findings = done.SelectMany(r => r.Findings).ToList();
            foreach (var call in done.SelectMany(r => r.HelperCalls))
            {
                if (index.Resolve(call.Target) is { IsAsync: false } helper && index.BlockingChain(helper, call.RuleId) is { } chain)
                    findings.Add(call.Draft with { Issue = call.Issue(chain) });
            }
            // One finding per rule where calls chain from one start: open(p).read() is one blocking read, not two.
            var ordered = findings.OrderBy(f => f, FindingOrder.Instance)
                .GroupBy(f => (f.Path, f.Span.Line, f.Span.Column, f.RuleId)).Select(g => g.First()).ToList();
            return new LanguageAuditResult(ordered, notices.OrderBy(n => n.Path, StringComparer.Ordinal).ToList());
        }

        /// <summary>What is kept of a file once its model is gone (nothing here refers to the model).</summary>
        private sealed record FileResult(List<Finding> Findings, List<HelperCallFinding> HelperCalls, List<HelperFunction> Functions);

        /// <summary>Runs every rule on one file's model; null (with one notice) when a rule fails on it.</summary>
        private static FileResult? AuditModel(SourceModel model, LanguageOptions options, ConcurrentBag<AuditNotice> notices)
        {
            try
            {
                PythonFrameworks.MarkConfigured(model, options.HandlerDecorators);
                var audit = new FileAudit(model, PythonKnowledge.Instance) { ConfiguredBlocking = options.BlockingCalls };
                foreach (var rule in PythonRules) rule.Check(audit);
                return new FileResult(audit.Findings, audit.HelperCalls, audit.Helpers.Functions);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                notices.Add(new AuditNotice(model.Path, "audit failed (" + e.GetType().Name + "); no findings for this file"));
                return null;
            }
        }

        /// <summary>Reads, parses and models one file; null (with one notice) when it cannot be audited.</summary>
        internal static SourceModel? BuildModel(SourceFile file, Parser parser, ConcurrentBag<AuditNotice> notices, CancellationToken cancellationToken)
        {
            try
            {
                byte[] bytes = File.ReadAllBytes(file.FullPath);
                if (LooksBinary(bytes))
                {
                    notices.Add(new AuditNotice(file.RelativePath, "binary file; not audited"));
                    return null;
                }
                var text = SourceText.From(bytes);
                using var tree = parser.Parse(text, null, cancellationToken);
                var model = PythonModelBuilder.Build(tree, file.RelativePath);
                if (tree.HasErrors) notices.Add(new AuditNotice(file.RelativePath, "parse errors; audited what parsed"));
                return model;
            }
            catch (ParseRefusedException e)
            {
                notices.Add(new AuditNotice(file.RelativePath, e.Reason == ParseRefusal.TooLarge ? "file too large; not audited" : "parse timed out; not audited"));
            }
            catch (OperationCanceledException)
            {
                throw;
            }
            catch (Exception e)
            {
                notices.Add(new AuditNotice(file.RelativePath, "could not audit (" + e.GetType().Name + ": " + e.Message + ")"));
            }
            return null;
        }

        /// <summary>A NUL byte in the first 8 KB: not source text.</summary>
        private static bool LooksBinary(byte[] bytes) => Array.IndexOf(bytes, (byte)0, 0, Math.Min(bytes.Length, 8192)) >= 0;
    }
}
