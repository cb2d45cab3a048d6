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
    /// <see cref="SourceModel"/> (the tree is disposed right after); rules then read the models. Files run in
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
            var models = new SourceModel?[audited.Count];
            var parallel = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount };

            Parallel.For(0, audited.Count, parallel, () => (Parser?)null, (i, _, parser) =>
            {
                parser ??= TreeSitter.Languages.Python.CreateParser();
                models[i] = BuildModel(audited[i], parser, notices, cancellationToken);
                if (models[i] is { } model) PythonFrameworks.MarkConfigured(model, options[i].HandlerDecorators);
                return parser;
            }, parser => parser?.Dispose());

            var built = Enumerable.Range(0, audited.Count).Where(i => models[i] != null).Select(i => (Model: models[i]!, Options: options[i])).ToList();
            var index = new ProgramIndex(built.Select(b => b.Model).ToList(), _ => PythonKnowledge.Instance);
            var findings = new ConcurrentBag<Finding>();
            Parallel.ForEach(built, parallel, item =>
            {
                var model = item.Model;
                try
                {
                    var audit = new FileAudit(model, PythonKnowledge.Instance, index) { ConfiguredBlocking = item.Options.BlockingCalls };
                    foreach (var rule in PythonRules) rule.Check(audit);
                    foreach (var f in audit.Findings) findings.Add(f);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    notices.Add(new AuditNotice(model.Path, "audit failed (" + e.GetType().Name + "); no findings for this file"));
                }
            });
            // One finding per rule where calls chain from one start: open(p).read() is one blocking read, not two.
            var ordered = findings.OrderBy(f => f, FindingOrder.Instance)
                .GroupBy(f => (f.Path, f.Span.Line, f.Span.Column, f.RuleId)).Select(g => g.First()).ToList();
            return new LanguageAuditResult(ordered, notices.OrderBy(n => n.Path, StringComparer.Ordinal).ToList());
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
