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
using RuntimePerf.Languages.FrontEnds;
using RuntimePerf.TreeSitter;

namespace RuntimePerf.Languages
{
    /// <param name="Skipped">Files not audited once their text was read (a minified bundle), by path, with the reason.</param>
    public sealed record LanguageAuditResult(IReadOnlyList<Finding> Findings, IReadOnlyList<AuditNotice> Notices,
        IReadOnlyDictionary<string, string> Skipped);

    /// <summary>
    /// Audits the non-.NET sources with the tree-sitter front ends of <see cref="FrontEndRegistry"/>. Each file is parsed
    /// once and walked once into a <see cref="SourceModel"/> (the tree is disposed right after), which its front end's
    /// rules read right away; a file above <see cref="PartSizes.CutAbove"/> whose front end can cut it
    /// (<see cref="ITopLevelParts"/>) is parsed and walked one top-level part at a time, so its whole tree never exists.
    /// Files run in parallel with one parser per grammar and thread; a file that cannot be read or parsed becomes one notice.
    /// </summary>
    public static class TreeSitterAudit
    {
        /// <param name="configured">Per file (relative path), what .editorconfig adds (may be null).</param>
        /// <param name="cache">
        /// The previous run's per-file results: a file whose key matches is not parsed again; every file audited is put
        /// in it for <see cref="AuditCache.Save"/>. Null: every file is audited, nothing is kept.
        /// </param>
        public static LanguageAuditResult Run(IReadOnlyList<SourceFile> files, CancellationToken cancellationToken = default,
            Func<string, LanguageOptions>? configured = null, AuditCache? cache = null) => Run(files, cancellationToken, configured, PartSizes.Default, cache);

        /// <param name="sizes">When a file is modelled from top-level parts instead of one tree.</param>
        internal static LanguageAuditResult Run(IReadOnlyList<SourceFile> files, CancellationToken cancellationToken,
            Func<string, LanguageOptions>? configured, PartSizes sizes, AuditCache? cache = null)
        {
            var notices = new ConcurrentBag<AuditNotice>();
            var skipped = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
            var audited = files.Where(f => f.IsAudited && f.Language is { } l && FrontEndRegistry.For(l) != null).ToList();
            var frontEnds = audited.Select(f => FrontEndRegistry.For(f.Language!.Value)!).ToArray();
            var run = new AuditRun();
            var options = audited.Select(f => (configured?.Invoke(f.RelativePath) ?? LanguageOptions.None) with { FullPath = f.FullPath, Run = run }).ToArray();
            var results = new FileResult?[audited.Count];
            var parallel = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount };
            var units = Units(audited, frontEnds);

            // Each file (or unit: a Go package) is parsed, modelled and audited in one go, so its models are garbage as
            // soon as its rules have run (kept alive until the end, the models of a whole code base cost more in GC than
            // building them); what needs the whole program — calls to helpers that may block in another file — waits for the index.
            Parallel.For(0, units.Count, parallel, () => new Parsers(), (u, _, parsers) =>
            {
                var unit = units[u];
                if (unit.Count == 1)
                {
                    int i = unit[0];
                    results[i] = AuditFile(audited[i], frontEnds[i], options[i], parsers, sizes, cache, notices, skipped, cancellationToken);
                }
                else
                {
                    var files = unit.Select(i => audited[i]).ToList();
                    var done = AuditUnit(files, frontEnds[unit[0]], unit.Select(i => options[i]).ToList(), parsers, sizes, cache, notices, skipped, cancellationToken);
                    for (int k = 0; k < unit.Count; k++) results[unit[k]] = done[k];
                }
                return parsers;
            }, parsers => parsers.Dispose());

            var findings = new List<Finding>();
            // Helpers are resolved within one front end's files: a Python module never imports a JavaScript one.
            foreach (var group in Enumerable.Range(0, audited.Count).Where(i => results[i] != null).GroupBy(i => frontEnds[i]))
            {
                var done = group.Select(i => results[i]!).ToList();
                var index = new ProgramIndex(done.Select(r => r.Functions));
                findings.AddRange(done.SelectMany(r => r.Findings));
                foreach (var call in done.SelectMany(r => r.HelperCalls))
                {
                    if (index.Resolve(call.Target) is not { } helper) continue;
                    if (call.WhenAsync)
                    {
                        if (helper.IsAsync) findings.Add(call.Draft with { Issue = call.Issue(helper.Name) });
                    }
                    else if (!helper.IsAsync && index.BlockingChain(helper, call.RuleId) is { } chain)
                    {
                        findings.Add(call.Draft with { Issue = call.Issue(chain) });
                    }
                }
            }
            // One finding per rule where calls chain from one start: open(p).read() is one blocking read, not two.
            var ordered = findings.OrderBy(f => f, FindingOrder.Instance)
                .GroupBy(f => (f.Path, f.Span.Line, f.Span.Column, f.RuleId)).Select(g => g.First()).ToList();
            return new LanguageAuditResult(ordered, notices.OrderBy(n => n.Path, StringComparer.Ordinal).ToList(),
                new SortedDictionary<string, string>(skipped, StringComparer.Ordinal));
        }

        /// <summary>The files modelled together (by index): one unit per front end's <see cref="ILanguageFrontEnd.UnitOf"/> key, else one per file.</summary>
        private static List<List<int>> Units(List<SourceFile> audited, ILanguageFrontEnd[] frontEnds)
        {
            var units = new List<List<int>>(audited.Count);
            var byKey = new Dictionary<(ILanguageFrontEnd, string), List<int>>();
            for (int i = 0; i < audited.Count; i++)
            {
                if (frontEnds[i].UnitOf(audited[i].RelativePath) is not { } key) { units.Add(new List<int> { i }); continue; }
                if (!byKey.TryGetValue((frontEnds[i], key), out var unit)) units.Add(byKey[(frontEnds[i], key)] = unit = new List<int>());
                unit.Add(i);
            }
            return units;
        }

        /// <summary>What is kept of a file once its model is gone (nothing here refers to the model), and what the cache keeps.</summary>
        internal sealed record FileResult(List<Finding> Findings, List<HelperCallFinding> HelperCalls, List<HelperFunction> Functions);

        /// <summary>One parser per grammar for one thread (parsers are not thread-safe).</summary>
        private sealed class Parsers : IDisposable
        {
            private readonly Dictionary<TreeSitter.Language, Parser> _byGrammar = new();

            public Parser For(TreeSitter.Language grammar)
            {
                if (!_byGrammar.TryGetValue(grammar, out var parser)) _byGrammar[grammar] = parser = grammar.CreateParser();
                return parser;
            }

            public void Dispose()
            {
                foreach (var parser in _byGrammar.Values) parser.Dispose();
            }
        }

        /// <summary>Runs the front end's rules on one file's model; null (with one notice) when a rule fails on it.</summary>
        private static FileResult? AuditModel(SourceModel model, ILanguageFrontEnd frontEnd, LanguageOptions options, ConcurrentBag<AuditNotice> notices)
        {
            try
            {
                var audit = new FileAudit(model, frontEnd.Knowledge) { ConfiguredBlocking = options.BlockingCalls };
                foreach (var rule in frontEnd.Rules) rule.Check(audit);
                return new FileResult(audit.Findings, audit.HelperCalls, audit.Helpers.Functions);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                notices.Add(new AuditNotice(model.Path, "audit failed (" + e.GetType().Name + "); no findings for this file", FileLeftOut: true));
                return null;
            }
        }

        /// <summary>
        /// Reads, parses, models and audits one file, or takes its result from the cache when the file and its settings
        /// are as they were; null (with one notice, or a skip reason) when it cannot be audited.
        /// </summary>
        private static FileResult? AuditFile(SourceFile file, ILanguageFrontEnd frontEnd, LanguageOptions options, Parsers parsers, PartSizes sizes, AuditCache? cache,
            ConcurrentBag<AuditNotice> notices, ConcurrentDictionary<string, string> skipped, CancellationToken cancellationToken) =>
            Guard(file, notices, () =>
            {
                byte[] bytes = File.ReadAllBytes(file.FullPath);
                if (LooksBinary(bytes))
                {
                    notices.Add(new AuditNotice(file.RelativePath, "binary file; not audited", FileLeftOut: true));
                    return null;
                }
                var text = SourceText.From(bytes);
                byte[]? key = cache == null ? null : AuditCache.Key(bytes, file.Language!.Value, options, frontEnd);
                var outcome = key != null ? cache!.TryGet(file.RelativePath, key, text) : null;
                if (outcome == null)
                {
                    outcome = Audit(file, text, frontEnd, options, parsers, sizes, notices, cancellationToken);
                    if (outcome == null) return null;
                    if (key != null) cache!.Put(file.RelativePath, key, outcome);
                }
                if (outcome.SkipReason != null) skipped[file.RelativePath] = outcome.SkipReason;
                if (outcome.ParseErrors) notices.Add(new AuditNotice(file.RelativePath, "parse errors; audited what parsed"));
                return outcome.Result;
            });

        /// <summary>Skips, or parses, models and audits one file's text; null (with one notice) when a rule fails on it.</summary>
        private static CachedFile? Audit(SourceFile file, SourceText text, ILanguageFrontEnd frontEnd, LanguageOptions options, Parsers parsers,
            PartSizes sizes, ConcurrentBag<AuditNotice> notices, CancellationToken cancellationToken)
        {
            if (frontEnd.SkipReason(file.RelativePath, text) is { } reason) return new CachedFile(reason, false, null);
            var (model, errors) = Model(file, text, frontEnd, options, parsers, sizes, cancellationToken);
            return AuditModel(model, frontEnd, options, notices) is { } result ? new CachedFile(null, errors, result) : null;
        }

        /// <summary>
        /// The files of one unit (<see cref="ILanguageFrontEnd.UnitOf"/>): each file's cache key also holds its unit's (a file
        /// elsewhere in the package changes what is a request path here), and when any of them must be audited again, all
        /// are modelled and linked before the rules run on those. Results in the files' order; null where a file cannot be audited.
        /// </summary>
        private static FileResult?[] AuditUnit(List<SourceFile> files, ILanguageFrontEnd frontEnd, List<LanguageOptions> options, Parsers parsers,
            PartSizes sizes, AuditCache? cache, ConcurrentBag<AuditNotice> notices, ConcurrentDictionary<string, string> skipped, CancellationToken cancellationToken)
        {
            int n = files.Count;
            var texts = new SourceText?[n];
            var keys = new byte[]?[n];
            var outcomes = new CachedFile?[n];
            for (int k = 0; k < n; k++)
            {
                texts[k] = Guard(files[k], notices, () =>
                {
                    byte[] bytes = File.ReadAllBytes(files[k].FullPath);
                    if (LooksBinary(bytes))
                    {
                        notices.Add(new AuditNotice(files[k].RelativePath, "binary file; not audited", FileLeftOut: true));
                        return null;
                    }
                    if (cache != null) keys[k] = AuditCache.Key(bytes, files[k].Language!.Value, options[k], frontEnd);
                    return SourceText.From(bytes);
                });
            }
            if (cache != null)
            {
                byte[] unitKey = AuditCache.UnitKey(Enumerable.Range(0, n).Where(k => keys[k] != null).Select(k => (files[k].RelativePath, keys[k]!)));
                for (int k = 0; k < n; k++)
                {
                    if (keys[k] == null) continue;
                    keys[k] = AuditCache.InUnit(keys[k]!, unitKey);
                    outcomes[k] = cache.TryGet(files[k].RelativePath, keys[k]!, texts[k]!);
                }
            }
            if (Enumerable.Range(0, n).Any(k => texts[k] != null && outcomes[k] == null))
            {
                var models = new SourceModel?[n];
                var errors = new bool[n];
                for (int k = 0; k < n; k++)
                {
                    if (texts[k] == null) continue;
                    if (frontEnd.SkipReason(files[k].RelativePath, texts[k]!) is { } reason) { outcomes[k] ??= new CachedFile(reason, false, null); continue; }
                    models[k] = Guard(files[k], notices, () =>
                    {
                        var (model, hasErrors) = Model(files[k], texts[k]!, frontEnd, options[k], parsers, sizes, cancellationToken);
                        errors[k] = hasErrors;
                        return model;
                    });
                }
                Link(frontEnd, models, files[0].RelativePath, notices);
                for (int k = 0; k < n; k++)
                {
                    // Audited only where the cache had nothing: a file it had was modelled for the others' sake.
                    if (models[k] is { } model && outcomes[k] == null && AuditModel(model, frontEnd, options[k], notices) is { } result)
                    {
                        outcomes[k] = new CachedFile(null, errors[k], result);
                        if (keys[k] != null) cache!.Put(files[k].RelativePath, keys[k]!, outcomes[k]!);
                    }
                    models[k] = null;
                }
            }
            var results = new FileResult?[n];
            for (int k = 0; k < n; k++)
            {
                if (outcomes[k] is not { } outcome) continue;
                if (outcome.SkipReason != null) skipped[files[k].RelativePath] = outcome.SkipReason;
                if (outcome.ParseErrors) notices.Add(new AuditNotice(files[k].RelativePath, "parse errors; audited what parsed"));
                results[k] = outcome.Result;
            }
            return results;
        }

        /// <summary>Links a unit's models; a failure leaves each model as its file alone made it (one notice).</summary>
        private static void Link(ILanguageFrontEnd frontEnd, SourceModel?[] models, string firstPath, ConcurrentBag<AuditNotice> notices)
        {
            var built = models.Where(m => m != null).Select(m => m!).ToList();
            if (built.Count < 2) return;
            try
            {
                frontEnd.Link(built);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                notices.Add(new AuditNotice(firstPath, "could not link the files of its package (" + e.GetType().Name + "); each audited alone"));
            }
        }

        /// <summary>Runs one file's step; a file that cannot be read or parsed becomes one notice (and null).</summary>
        private static T? Guard<T>(SourceFile file, ConcurrentBag<AuditNotice> notices, Func<T?> step) where T : class
        {
            try
            {
                return step();
            }
            catch (ParseRefusedException e)
            {
                notices.Add(new AuditNotice(file.RelativePath, e.Reason == ParseRefusal.TooLarge ? "file too large; not audited" : "parse timed out; not audited", FileLeftOut: true));
            }
            catch (OperationCanceledException)
            {
                throw;
            }
            catch (Exception e)
            {
                notices.Add(new AuditNotice(file.RelativePath, "could not audit (" + e.GetType().Name + ": " + e.Message + ")", FileLeftOut: true));
            }
            return null;
        }

        /// <summary>Parses and models one file's text (one top-level part at a time when its front end can cut a large file).</summary>
        private static (SourceModel Model, bool Errors) Model(SourceFile file, SourceText text, ILanguageFrontEnd frontEnd, LanguageOptions options,
            Parsers parsers, PartSizes sizes, CancellationToken cancellationToken)
        {
            var parser = parsers.For(frontEnd.Grammar(file.RelativePath));
            text = frontEnd.ForParsing(text);
            SourceModel model;
            bool errors;
            if (text.Length > sizes.CutAbove && frontEnd is ITopLevelParts cut)
            {
                var parts = new FileParts(text, cut.TopLevelStarts(text), sizes);
                model = cut.Build(text, parts.Parse(parser, cancellationToken), file.RelativePath, options);
                errors = parts.HasErrors;
            }
            else
            {
                using var tree = parser.Parse(text, null, cancellationToken);
                model = frontEnd.Build(tree, file.RelativePath, options);
                errors = tree.HasErrors;
            }
            return (model, errors);
        }

        /// <summary>A NUL byte in the first 8 KB: not source text.</summary>
        private static bool LooksBinary(byte[] bytes) => Array.IndexOf(bytes, (byte)0, 0, Math.Min(bytes.Length, 8192)) >= 0;
    }
}
