using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
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
using RuntimePerf.Engine.Sources;

namespace RuntimePerf.Build.Tasks
{
    /// <summary>
    /// Audits one project and writes the JSON and SARIF reports. It logs no findings itself: RuntimePerfGateTask
    /// does, from the report, so a skipped (up-to-date) audit shows and gates exactly the same findings.
    /// </summary>
    public sealed class RuntimePerfAuditTask : Task
    {
        [Required] public string ProjectFile { get; set; } = "";
        [Required] public string RepositoryRoot { get; set; } = "";
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

        /// <summary>runtimeperf.baseline.json (RuntimePerfBaseline); used when it exists, written with <see cref="UpdateBaseline"/>.</summary>
        public string? BaselineFile { get; set; }

        /// <summary>Where to write the gate's binary copy of the report (<see cref="ReportSnapshot"/>), after the JSON.</summary>
        public string? SnapshotFile { get; set; }

        /// <summary>Write the baseline from this audit's findings (pruning entries that no longer match), then compare with it.</summary>
        public bool UpdateBaseline { get; set; }

        public override bool Execute()
        {
            string projectFile = Path.GetFullPath(ProjectFile);
            var editorConfig = new EditorConfigSettings();
            // MSBuild properties win over .editorconfig; .editorconfig over the defaults.
            if (!Settings.TryParseGate(Settings.Prefer(MinScore, editorConfig.Option(projectFile, "min_score")),
                    Settings.Prefer(FailOnHigh, editorConfig.Option(projectFile, "fail_on_high")), out var gate, out string error))
            {
                Log.LogError(null, DiagnosticCodes.BadSetting, null, ProjectFile, 0, 0, 0, 0, error);
                return false;
            }
            try
            {
                var report = Audit(gate, editorConfig);
                if (report == null) return false;
                // The gate's copy must never outlive the JSON it copies: gone first, written last, and only a cache.
                if (!string.IsNullOrEmpty(SnapshotFile)) Snapshot(SnapshotFile!, () => File.Delete(SnapshotFile));
                JsonReport.WriteIfChanged(JsonFile, report);
                SarifReport.WriteIfChanged(SarifFile, report, SarifOptions.Default);
                if (!string.IsNullOrEmpty(SnapshotFile)) Snapshot(SnapshotFile!, () => ReportSnapshot.Write(SnapshotFile!, report));
                foreach (var notice in report.Notices)
                {
                    Log.LogMessage(MessageImportance.High, $"RuntimePerf: {notice.Path}: {notice.Message}");
                }
                foreach (string problem in editorConfig.Problems) Log.LogWarning(null, DiagnosticCodes.BadSetting, null, null, 0, 0, 0, 0, "RuntimePerf .editorconfig: " + problem);
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

        private AuditReport? Audit(GateSettings gate, EditorConfigSettings editorConfig)
        {
            var clock = Stopwatch.StartNew();
            string projectFile = Path.GetFullPath(ProjectFile);
            string projectDir = Path.GetDirectoryName(projectFile)!;
            string root = ChooseRoot(RepositoryRoot, projectDir);
            // runtimeperf.excluded_paths: globs relative to the project folder, like RuntimePerfExclude items.
            var excluded = (editorConfig.Option(projectFile, "excluded_paths") ?? "").Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries)
                .Select(g => g.Trim()).Where(g => g.Length > 0);
            var sources = new SourceSet(root, projectDir, Exclude.Select(i => i.ItemSpec).Concat(excluded));

            // Every Compile item takes part in the semantic model; findings in excluded files are dropped afterwards.
            var compile = Compile.Select(i => FullPath(projectDir, i.ItemSpec)).Distinct(StringComparer.Ordinal).ToList();
            var extras = ExtraSources.Select(i => FullPath(projectDir, i.ItemSpec)).ToList();
            var extraCSharp = extras.Where(p => LanguageFiles.CSharp.Owns(p) && !compile.Contains(p)).ToList();
            // Non-.NET sources: the ones under the project folder, plus RuntimePerfSource items anywhere.
            var discovered = DiscoveredSources.Select(i => FullPath(projectDir, i.ItemSpec));

            var classified = sources.Classify(compile.Concat(extras).Concat(discovered), FrontEndRegistry.AllFiles, IncludeTests)
                .Where(f => !IsBuildOutput(f.FullPath, projectDir)).ToList();

            var csharp = AuditCSharp(compile, extraCSharp, sources);
            var other = TreeSitterAudit.Run(classified.Where(f => f.IsAudited && f.Language != Language.CSharp).ToList(),
                configured: path => new LanguageOptions(editorConfig.ListOption(FullPath(root, path), "rp0001.blocking_calls"),
                    editorConfig.ListOption(FullPath(root, path), "handler_decorators")));
            // Files a front end declined once it read them (a minified bundle) count as skipped, with its reason.
            classified = classified.Select(f => other.Skipped.TryGetValue(f.RelativePath, out var why) ? f with { SkipReason = why } : f).ToList();
            var audited = new HashSet<string>(classified.Where(f => f.IsAudited).Select(f => f.FullPath), StringComparer.Ordinal);

            var raw = csharp.Findings.Where(f => audited.Contains(FullPath(root, f.Path))).Concat(other.Findings).ToList();
            // Suppression comments first, so a rule turned off below does not make its suppressions look unused.
            var suppressed = InlineSuppressions.Apply(raw, classified.Where(f => f.IsAudited && f.Language != null)
                .Select(f => new SuppressionSource(f.RelativePath, f.Files!, () => ReadText(f.FullPath))));
            var findings = RuleSetting.Apply(suppressed, f => editorConfig.For(FullPath(root, f.Path), f.RuleId));

            var baseline = LoadBaseline(findings, sources, out string baselinePath);
            if (baseline == null && !string.IsNullOrEmpty(baselinePath)) return null;
            return AuditReport.Create(ToolVersion, sources.Relative(ProjectFile), findings, SourceSet.Count(classified),
                csharp.Notices.Concat(other.Notices).ToList(), clock.ElapsedMilliseconds, gate, baseline, baselinePath);
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
                relativePath = sources.Relative(path);
                Log.LogMessage(MessageImportance.High, current.WriteIfChanged(path)
                    ? $"RuntimePerf: baseline {relativePath} written with {current.Entries.Sum(e => e.Count)} finding(s)."
                    : $"RuntimePerf: baseline {relativePath} is up to date ({current.Entries.Sum(e => e.Count)} finding(s)).");
                return current;
            }
            if (!File.Exists(path)) return null;
            relativePath = sources.Relative(path);
            try
            {
                return Baseline.Read(path);
            }
            catch (Exception ex) when (ex is ReportFormatException || ex is IOException || ex is UnauthorizedAccessException)
            {
                Log.LogError(null, DiagnosticCodes.BadSetting, null, path, 0, 0, 0, 0,
                    $"RuntimePerf baseline is unreadable: {ex.Message} Fix it, or regenerate it with -p:RuntimePerfUpdateBaseline=true.");
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

        private CSharpAuditResult AuditCSharp(IReadOnlyList<string> compile, IReadOnlyList<string> extraCSharp, SourceSet sources)
        {
            var logged = ReadCompilerLog(compile, sources, out string why);
            if (logged != null && extraCSharp.Count == 0) return logged;
            Log.LogMessage(MessageImportance.Low, logged != null
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
            });
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
            Log.LogMessage(MessageImportance.Low, $"RuntimePerf: C# findings from the compiler's run of the analyzer, {log.FullName}.");
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

        /// <summary>The repository root; several candidates (e.g. submodules) resolve to the nearest one above the project.</summary>
        internal static string ChooseRoot(string candidates, string projectDir)
        {
            string project = Paths.NormaliseDirectory(projectDir);
            var roots = candidates.Split(';').Where(c => !string.IsNullOrWhiteSpace(c))
                .Select(c => Paths.NormaliseDirectory(c.Trim()))
                .Where(c => project.StartsWith(c, StringComparison.Ordinal))
                .OrderByDescending(c => c.Length).ToList();
            return roots.Count > 0 ? roots[0] : project;
        }

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
