using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Collections.Concurrent;
using System.Threading;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using RuntimePerf.CSharp;
using RuntimePerf.Engine.Model;
using RuntimePerf.Languages;
using RuntimePerf.Languages.Common;
using RuntimePerf.Languages.FrontEnds;
using RuntimePerf.Build.Tasks.Configuration;
using RuntimePerf.Engine.Baselines;
using RuntimePerf.Engine.Catalog;
using RuntimePerf.Engine.Configuration;
using RuntimePerf.Engine.Suppressions;
using RuntimePerf.Engine.Reports;
using RuntimePerf.Engine.IO;
using RuntimePerf.Engine.Sources;

namespace RuntimePerf.Build.Tasks
{
    /// <summary>
    /// Audits one project and writes the JSON and SARIF reports. It logs no findings or notices itself: RuntimePerfGateTask
    /// does, from the report, so a skipped (up-to-date) audit shows and gates exactly the same.
    /// Cancelable: the audit runs on a worker thread, and a cancel returns at once, writing nothing, so the previous
    /// report stays as it was (and the stamp too, so the next build audits again).
    /// </summary>
    public sealed class RuntimePerfAuditTask : Task, ICancelableTask
    {
        [Required] public string ProjectFile { get; set; } = "";
        /// <summary>RuntimePerfRepositoryRoot; empty means: found from the project folder (<see cref="Engine.Sources.RepositoryRoot"/>).</summary>
        public string? RepositoryRoot { get; set; }
        [Required] public string JsonFile { get; set; } = "";
        [Required] public string SarifFile { get; set; } = "";
        public ITaskItem[] Compile { get; set; } = Array.Empty<ITaskItem>();
        public ITaskItem[] ReferencePath { get; set; } = Array.Empty<ITaskItem>();
        public ITaskItem[] ExtraSources { get; set; } = Array.Empty<ITaskItem>();

        /// <summary>The non-.NET sources under the project folder (RuntimePerfSourcesTask's list).</summary>
        public ITaskItem[] DiscoveredSources { get; set; } = Array.Empty<ITaskItem>();
        public ITaskItem[] Exclude { get; set; } = Array.Empty<ITaskItem>();
        public string? DefineConstants { get; set; }
        public string? LangVersion { get; set; }
        public string? MinScore { get; set; }
        public string? FailOnHigh { get; set; }

        /// <summary>RuntimePerfMaxFileSize: non-.NET sources larger than this are skipped with one notice each.</summary>
        public string? MaxFileSize { get; set; }

        /// <summary>RuntimePerfMinRating: the worst size-aware rating (A–E) that passes; unset means no rating gate.</summary>
        public string? MinRating { get; set; }

        /// <summary>RuntimePerfHtmlFile: where to write the HTML report too (none when unset).</summary>
        public string? HtmlFile { get; set; }

        /// <summary>runtimeperf.baseline.json (RuntimePerfBaseline); used when it exists, written with <see cref="UpdateBaseline"/>.</summary>
        public string? BaselineFile { get; set; }

        /// <summary>Where to write the gate's binary copy of the report (<see cref="ReportSnapshot"/>), after the JSON.</summary>
        public string? SnapshotFile { get; set; }

        /// <summary>The audit cache (<see cref="AuditCache"/>): read before the non-.NET audit, rewritten after it; none when unset.</summary>
        public string? CacheFile { get; set; }

        /// <summary>Write the baseline from this audit's findings (pruning entries that no longer match), then compare with it.</summary>
        public bool UpdateBaseline { get; set; }

        private readonly CancellationTokenSource _cancel = new CancellationTokenSource();
        // Written by the worker thread, logged by Execute's: a task must not log once it has returned.
        private readonly ConcurrentQueue<string> _trace = new ConcurrentQueue<string>();
        /// <summary>RP9997 as the worker found it, logged by Execute like the trace.</summary>
        private volatile string? _nativeMissing;

        public void Cancel() => _cancel.Cancel();

        public override bool Execute()
        {
            string projectFile = Path.GetFullPath(ProjectFile);
            string projectDir = Path.GetDirectoryName(projectFile)!;
            var editorConfig = new EditorConfigSettings();
            string root = Engine.Sources.RepositoryRoot.Find(projectDir, RepositoryRoot);
            string? problem =
                !Paths.IsInside(root, projectFile) ? $"RuntimePerfRepositoryRoot '{RepositoryRoot}' does not contain the project; set it to the repository's root folder, or leave it unset to use the folder with .git."
                : Settings.FolderInsteadOfFile("RuntimePerfJsonFile", JsonFile)
                ?? Settings.FolderInsteadOfFile("RuntimePerfSarifFile", SarifFile)
                ?? Settings.FolderInsteadOfFile("RuntimePerfBaseline", BaselineFile)
                ?? Settings.FolderInsteadOfFile("RuntimePerfHtmlFile", HtmlFile);
            long maxFileSize = 0;
            if (problem == null && !Settings.TryParseSize(MaxFileSize, out maxFileSize, out string sizeError)) problem = sizeError;
            // MSBuild properties win over .editorconfig; .editorconfig over the defaults. A bad value is named where it was set.
            GateSettings gate = new GateSettings(null, true);
            if (problem == null && !Settings.TryParseGate(
                    Settings.Prefer(MinScore, editorConfig.Option(projectFile, "min_score")),
                    string.IsNullOrWhiteSpace(MinScore) ? Settings.MinScoreKey : Settings.MinScoreProperty,
                    Settings.Prefer(FailOnHigh, editorConfig.Option(projectFile, "fail_on_high")),
                    string.IsNullOrWhiteSpace(FailOnHigh) ? Settings.FailOnHighKey : Settings.FailOnHighProperty,
                    out gate, out string gateError))
            {
                problem = gateError;
            }
            Engine.Scoring.Rating? minRating = null;
            if (problem == null && !Settings.TryParseRating(Settings.Prefer(MinRating, editorConfig.Option(projectFile, "min_rating")),
                    string.IsNullOrWhiteSpace(MinRating) ? Settings.MinRatingKey : Settings.MinRatingProperty, out minRating, out string ratingError))
            {
                problem = ratingError;
            }
            gate = gate with { MinRating = minRating };
            if (problem != null)
            {
                Log.LogError(null, DiagnosticCodes.BadSetting, null, ProjectFile, 0, 0, 0, 0, problem);
                return false;
            }
            try
            {
                var run = System.Threading.Tasks.Task.Run(() => Audit(editorConfig, root, maxFileSize, _cancel.Token), _cancel.Token);
                // Returns as soon as the build is cancelled: what the worker still computes is dropped unwritten.
                int done = WaitHandle.WaitAny(new[] { ((IAsyncResult)run).AsyncWaitHandle, _cancel.Token.WaitHandle });
                if (done == 1 || run.IsCanceled)
                {
                    Log.LogMessage(MessageImportance.High, "RuntimePerf: audit cancelled; the previous report is left as it was, and the next build audits again.");
                    return false;
                }
                var audit = run.GetAwaiter().GetResult();
                if (_nativeMissing != null) Log.LogWarning(null, DiagnosticCodes.NativeLibraryMissing, null, ProjectFile, 0, 0, 0, 0, _nativeMissing);
                while (_trace.TryDequeue(out string? line)) Log.LogMessage(MessageImportance.Low, line);
                var baseline = LoadBaseline(audit.Findings, audit.Sources, out string baselinePath);
                if (baseline == null && !string.IsNullOrEmpty(baselinePath)) return false;
                var report = AuditReport.Create(ToolVersion, audit.Sources.Relative(projectFile), audit.Findings, audit.Files,
                    audit.Notices, audit.DurationMs, gate, baseline, baselinePath);
                // The gate's copy must never outlive the JSON it copies: gone first, written last, and only a cache.
                if (!string.IsNullOrEmpty(SnapshotFile)) Snapshot(SnapshotFile!, () => File.Delete(SnapshotFile));
                JsonReport.WriteIfChanged(JsonFile, report);
                SarifReport.WriteIfChanged(SarifFile, report, SarifOptions.Default);
                if (!string.IsNullOrWhiteSpace(HtmlFile)) AtomicFile.WriteIfChanged(HtmlFile!, HtmlReport.Serialize(new[] { report }, HtmlOptions.Default));
                if (!string.IsNullOrEmpty(SnapshotFile)) Snapshot(SnapshotFile!, () => ReportSnapshot.Write(SnapshotFile!, report));
                if (audit.Cache != null) SaveCache(audit.Cache);
                foreach (string editorConfigProblem in editorConfig.Problems)
                    Log.LogWarning(null, DiagnosticCodes.BadSetting, null, null, 0, 0, 0, 0, "RuntimePerf .editorconfig: " + editorConfigProblem);
                return true;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // One clear error, not a stack trace; the trace goes to the detailed log for bug reports.
                Log.LogError(null, DiagnosticCodes.AuditFailed, null, ProjectFile, 0, 0, 0, 0,
                    $"RuntimePerf could not audit this project: {ex.GetType().Name}: {ex.Message} (set RuntimePerfEnabled=false to skip the audit).");
                Log.LogMessage(MessageImportance.Low, ex.ToString());
                return false;
            }
        }

        /// <summary>What the worker thread computes; the baseline and every write are left to Execute's thread.</summary>
        private sealed record AuditResult(SourceSet Sources, IReadOnlyList<Finding> Findings, IReadOnlyDictionary<string, FileCounts> Files,
            IReadOnlyList<AuditNotice> Notices, long DurationMs, AuditCache? Cache);

        private AuditResult Audit(EditorConfigSettings editorConfig, string root, long maxFileSize, CancellationToken cancel)
        {
            var clock = Stopwatch.StartNew();
            string projectFile = Path.GetFullPath(ProjectFile);
            string projectDir = Path.GetDirectoryName(projectFile)!;
            // runtimeperf.excluded_paths: globs relative to the project folder, like RuntimePerfExclude items.
            var excluded = (editorConfig.Option(projectFile, "excluded_paths") ?? "").Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries)
                .Select(g => g.Trim()).Where(g => g.Length > 0);
            var sources = new SourceSet(root, projectDir, Exclude.Select(i => i.ItemSpec).Concat(excluded));

            // Every Compile item takes part in the semantic model; findings in excluded files are dropped afterwards.
            var compile = Compile.Select(i => FullPath(projectDir, i.ItemSpec)).Distinct(StringComparer.Ordinal).ToList();
            var extras = ExtraSources.Select(i => FullPath(projectDir, i.ItemSpec)).ToList();
            var extraCSharp = extras.Where(p => LanguageFiles.CSharp.Owns(p) && !compile.Contains(p) && File.Exists(p)).ToList();
            // Non-.NET sources: the ones under the project folder, plus RuntimePerfSource items anywhere.
            var discovered = DiscoveredSources.Select(i => FullPath(projectDir, i.ItemSpec));

            var notices = new List<AuditNotice>();
            var listed = new HashSet<string>(extras, StringComparer.Ordinal);
            var classified = WithoutNativeLanguagesIfUnavailable(sources.Classify(compile.Concat(extras).Concat(discovered), FrontEndRegistry.AllFiles, IncludeTests)
                .Where(f => !IsBuildOutput(f.FullPath, projectDir))
                .Select(f => Limit(f, listed, maxFileSize, notices)).ToList());

            var csharp = AuditCSharp(compile, extraCSharp, sources, cancel);
            var cache = string.IsNullOrEmpty(CacheFile) ? null : AuditCache.Load(CacheFile!);
            if (cache?.Problem is { } unusable) _trace.Enqueue($"RuntimePerf: the audit cache {CacheFile} is not used ({unusable}); every file is audited.");
            var other = TreeSitterAudit.Run(classified.Where(f => f.IsAudited && f.Language != Language.CSharp).ToList(), cancel,
                configured: path => new LanguageOptions(editorConfig.ListOption(FullPath(root, path), "rp0001.blocking_calls"),
                    editorConfig.ListOption(FullPath(root, path), "handler_decorators")) { IncludeTests = IncludeTests }, cache);
            if (cache != null) _trace.Enqueue($"RuntimePerf: {cache.Reused} non-.NET file(s) from the audit cache, {cache.Fresh} audited.");
            cancel.ThrowIfCancellationRequested();
            // Files a front end declined once it read them (a minified bundle) count as skipped, with its reason.
            classified = classified.Select(f => other.Skipped.TryGetValue(f.RelativePath, out var why) ? f with { SkipReason = why } : f).ToList();
            var audited = new HashSet<string>(classified.Where(f => f.IsAudited).Select(f => f.FullPath), StringComparer.Ordinal);

            var raw = csharp.Findings.Where(f => audited.Contains(FullPath(root, f.Path))).Concat(other.Findings).ToList();
            // Suppression comments first, so a rule turned off below does not make its suppressions look unused.
            var suppressed = InlineSuppressions.Apply(raw, classified.Where(f => f.IsAudited && f.Language != null)
                .Select(f => new SuppressionSource(f.RelativePath, f.Files!, () => ReadText(f.FullPath))));
            var findings = RuleSetting.Apply(suppressed, f => editorConfig.For(FullPath(root, f.Path), f.RuleId));

            // No report shows a path outside the repository, nor one copied into a message from an exception.
            notices.AddRange(csharp.Notices.Concat(other.Notices).Select(n => new AuditNotice(
                Paths.IsInside(root, FullPath(root, n.Path)) ? n.Path : Path.GetFileName(n.Path), Paths.Scrub(n.Message, root), n.FileLeftOut)));
            // A file a front end could not read or parse was not audited, whatever its classification said.
            var failed = new HashSet<string>(notices.Where(n => n.FileLeftOut).Select(n => n.Path), StringComparer.Ordinal);
            var counted = classified.Select(f => f.IsAudited && failed.Contains(f.RelativePath) ? f with { SkipReason = "failed" } : f);
            return new AuditResult(sources, findings, SourceSet.Count(counted), notices, clock.ElapsedMilliseconds, cache);
        }

        /// <summary>
        /// Leaves out, with one notice each, RuntimePerfSource items (<paramref name="listed"/>) that do not exist or lie
        /// outside the repository root, and non-.NET files above RuntimePerfMaxFileSize (a front end's memory grows with
        /// the file). Compile items outside the root (a linked file, a source package's file) are skipped without one:
        /// nobody asked for them, they are there for the semantic model.
        /// </summary>
        private static SourceFile Limit(SourceFile file, ISet<string> listed, long maxFileSize, List<AuditNotice> notices)
        {
            string? reason = file.SkipReason == SkipReasons.OutsideRoot ? (listed.Contains(file.FullPath) ? file.SkipReason : null)
                : !file.IsAudited ? null
                : listed.Contains(file.FullPath) && !File.Exists(file.FullPath) ? SkipReasons.Missing
                : maxFileSize > 0 && file.Language is Language l && l != Language.CSharp && new FileInfo(file.FullPath).Length is long size && size > maxFileSize
                    ? $"{size:N0} bytes, more than RuntimePerfMaxFileSize ({maxFileSize:N0}); not audited (raise RuntimePerfMaxFileSize to audit it)"
                : null;
            if (reason == null) return file;
            notices.Add(new AuditNotice(file.RelativePath, reason));
            return file with { SkipReason = reason };
        }

        /// <summary>
        /// Where this platform has no usable native tree-sitter library, the files of its languages are skipped (counted as
        /// such in the report) with one warning (RP9997), and the C# audit and the gate go on as usual. Only asked when such files
        /// exist. Runs on the audit's worker: the warning is kept for Execute to log.
        /// </summary>
        private List<SourceFile> WithoutNativeLanguagesIfUnavailable(List<SourceFile> files)
        {
            // Every language but C# is parsed by tree-sitter.
            var native = files.Where(f => f.IsAudited && f.Language is Language l && l != Language.CSharp).ToList();
            if (native.Count == 0 || TreeSitter.NativeSupport.TryLoad(out string problem)) return files;
            string rid = TreeSitter.NativeSupport.RuntimeId;
            var packaged = TreeSitter.NativeSupport.PackagedRuntimeIds();
            string languages = string.Join(", ", native.Select(f => Names.Of(f.Language!.Value)).Distinct().OrderBy(n => n, StringComparer.Ordinal));
            _nativeMissing = $"RuntimePerf: no native tree-sitter library for {rid}, so {languages} ({native.Count} file(s)) is not audited on this platform; " +
                $"C# is audited and gated as usual.{(packaged.Count > 0 ? " The package carries " + string.Join(", ", packaged) + "." : "")}";
            _trace.Enqueue("RuntimePerf: " + problem);
            var skipped = new HashSet<SourceFile>(native);
            return files.Select(f => skipped.Contains(f) ? f with { SkipReason = "no native tree-sitter library for " + rid } : f).ToList();
        }

        /// <summary>
        /// The baseline to compare with: rewritten from the current findings when asked, read when it exists, none
        /// otherwise (empty path). Null with a path means it could not be read: an error is logged.
        /// </summary>
        private Baseline? LoadBaseline(IReadOnlyList<Finding> findings, SourceSet sources, out string relativePath)
        {
            relativePath = "";
            if (string.IsNullOrWhiteSpace(BaselineFile)) return null;
            string path = Path.GetFullPath(BaselineFile);
            if (UpdateBaseline)
            {
                var current = Baseline.Of(findings);
                relativePath = sources.Display(path);
                Log.LogMessage(MessageImportance.High, current.WriteIfChanged(path)
                    ? $"RuntimePerf: baseline {relativePath} written with {current.Entries.Sum(e => e.Count)} finding(s)."
                    : $"RuntimePerf: baseline {relativePath} is up to date ({current.Entries.Sum(e => e.Count)} finding(s)).");
                return current;
            }
            if (!File.Exists(path)) return null;
            relativePath = sources.Display(path);
            try
            {
                return Baseline.Read(path);
            }
            catch (Exception ex) when (ex is ReportFormatException || ex is IOException || ex is UnauthorizedAccessException)
            {
                // Deleting a baseline does not bring it back (it only turns the baseline off): say how to rewrite it.
                string why = ex is ReportFormatException format ? format.Problem : ex.Message;
                Log.LogError(null, DiagnosticCodes.BadSetting, null, path, 0, 0, 0, 0,
                    $"RuntimePerfBaseline '{path}' cannot be read: {why}. Fix it, or rewrite it from this build's findings with -p:RuntimePerfUpdateBaseline=true.");
                return null;
            }
        }

        private static string? ReadText(string path)
        {
            try
            {
                return File.ReadAllText(path);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                return null; // the front end reports an unreadable file once
            }
        }

        /// <summary>
        /// C# findings: from the analyzer's findings log when the compiler ran the analyzer on the current sources
        /// (no file is parsed twice), otherwise — standalone runs, analyzers off, sources newer than the log — by
        /// compiling here. C# files outside Compile are always audited here, with the Compile files as context.
        /// </summary>
        private void Snapshot(string path, Action change)
        {
            try
            {
                change();
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                // Left behind or missing, it is not used: the gate reads a snapshot only when it is not older than the JSON.
                Log.LogMessage(MessageImportance.Low, $"RuntimePerf: {path}: {ex.Message}; the gate reads the JSON report instead.");
            }
        }

        /// <summary>A cache that cannot be written costs the next build time, never its outcome: said in the detailed log only.</summary>
        private void SaveCache(AuditCache cache)
        {
            try
            {
                cache.Save(CacheFile!);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                Log.LogMessage(MessageImportance.Low, $"RuntimePerf: the audit cache {CacheFile} was not written ({ex.Message}); the next build audits these files again.");
            }
        }

        private CSharpAuditResult AuditCSharp(IReadOnlyList<string> compile, IReadOnlyList<string> extraCSharp, SourceSet sources,
            CancellationToken cancel)
        {
            var logged = ReadCompilerLog(compile, sources, out string why);
            if (logged != null && extraCSharp.Count == 0) return logged;
            _trace.Enqueue(logged != null
                ? $"RuntimePerf: {extraCSharp.Count} C# file(s) outside Compile audited in the task."
                : $"RuntimePerf: C# audited in the task ({why}).");
            var inTask = CSharpAudit.Run(new CSharpAuditInput
            {
                SourceFiles = compile.Concat(extraCSharp).ToList(),
                ReferencePaths = ReferencePath.Select(r => r.ItemSpec).ToList(),
                PreprocessorSymbols = (DefineConstants ?? "").Split(new[] { ';', ',' }, StringSplitOptions.RemoveEmptyEntries)
                    .Select(s => s.Trim()).Where(s => s.Length > 0).ToList(),
                LanguageVersion = string.IsNullOrWhiteSpace(LangVersion) ? null : LangVersion,
                RelativePath = sources.Relative,
            }, cancel);
            if (logged == null) return inTask;
            var extras = new HashSet<string>(extraCSharp.Select(sources.Relative), StringComparer.Ordinal);
            return new CSharpAuditResult(
                logged.Findings.Concat(inTask.Findings.Where(f => extras.Contains(f.Path))).ToList(),
                logged.Notices.Concat(inTask.Notices).ToList());
        }

        private CSharpAuditResult? ReadCompilerLog(IReadOnlyList<string> compile, SourceSet sources, out string why)
        {
            if (string.IsNullOrWhiteSpace(CompilerLogFile))
            {
                why = "the compiler did not run the analyzer";
                return null;
            }
            var log = new FileInfo(CompilerLogFile);
            if (!log.Exists)
            {
                why = "no findings log from the compiler at " + CompilerLogFile;
                return null;
            }
            if (compile.Any(f => File.GetLastWriteTimeUtc(f) > log.LastWriteTimeUtc))
            {
                why = "sources changed since the last compile";
                return null;
            }
            IReadOnlyList<LoggedDiagnostic> diagnostics;
            try
            {
                diagnostics = CompilerErrorLog.Read(log.FullName, "RP");
            }
            catch (ReportFormatException ex)
            {
                why = ex.Message;
                return null;
            }
            _trace.Enqueue($"RuntimePerf: C# findings from the compiler's run of the analyzer, {log.FullName}.");
            var lines = new Dictionary<string, string[]>(StringComparer.Ordinal);
            var findings = new List<Finding>();
            var notices = new List<AuditNotice>();
            foreach (var d in diagnostics)
            {
                string path = sources.Relative(d.FilePath);
                if (!RuleCatalog.TryGet(d.RuleId, out _))
                {
                    notices.Add(new AuditNotice(path, "C# analysis failed (" + d.RuleId + "): " + d.Message));
                    continue;
                }
                findings.Add(new AnalyzerDiagnostic(d.RuleId, d.Message, path, d.Span, d.Properties,
                    LineAt(lines, d.FilePath, d.Span.Line), d.Suppression).ToFinding());
            }
            why = "";
            // One notice per file, as in the in-task run.
            return new CSharpAuditResult(findings, notices.GroupBy(n => n.Path, StringComparer.Ordinal).Select(g => g.First()).ToList());
        }

        // The flagged line's text feeds the fingerprint; a file that vanished since the compile just gives an empty line.
        private static string LineAt(Dictionary<string, string[]> cache, string file, int line)
        {
            if (!cache.TryGetValue(file, out var text))
            {
                try
                {
                    text = File.ReadAllLines(file);
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                {
                    text = Array.Empty<string>();
                }
                cache[file] = text;
            }
            return line >= 1 && line <= text.Length ? text[line - 1] : "";
        }

        /// <summary>
        /// The findings log the package's analyzer writes when the compiler runs it (SARIF 2.1.0); the targets pass it
        /// only then. Empty means: audit C# in the task.
        /// </summary>
        public string? CompilerLogFile { get; set; }

        /// <summary>Test files of other ecosystems are audited only when asked (C# test projects are skipped by the targets).</summary>
        public bool IncludeTests { get; set; }

        internal static string ToolVersion =>
            typeof(RuntimePerfAuditTask).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

        // Generated sources under obj/ help the semantic model but are nobody's code to fix.
        /// <summary>The project's own build output (generated .cs in obj/): not the project's sources.</summary>
        private static bool IsBuildOutput(string fullPath, string projectDir)
        {
            string rel = Paths.Relative(projectDir, fullPath);
            return rel.StartsWith("obj/", StringComparison.Ordinal) || rel.StartsWith("bin/", StringComparison.Ordinal);
        }

        private static string FullPath(string baseDir, string path) => Path.GetFullPath(Path.Combine(baseDir, path));
    }
}
