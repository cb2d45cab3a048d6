using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Xml;
using Microsoft.Build.Construction;
using Microsoft.Build.Evaluation;
using Microsoft.Build.Exceptions;
using Microsoft.Build.Execution;
using Microsoft.Build.Framework;
using RuntimePerf.Engine.Model;
using RuntimePerf.Engine.Reports;
using RuntimePerf.Engine.Sources;

namespace RuntimePerf.Cli
{
    /// <summary>The outcome of one project: its report when the audit wrote one, and what went wrong.</summary>
    public sealed record ProjectResult(string Name, AuditReport? Report, string RepositoryRoot, bool GateFailed, bool Broken, string? Skipped);

    /// <summary>
    /// Runs the package's RuntimePerfAudit target on each project in this process, with the SDK's MSBuild: restore,
    /// evaluation with the project's real properties and items, then the same task as in `dotnet build` writes the
    /// project's report, which is read back here.
    /// </summary>
    public sealed class MsBuildAudit
    {
        private readonly Options _options;
        private readonly BuildOutput _output;
        private readonly Progress _progress;
        private readonly string _toolDir = AppContext.BaseDirectory;

        public MsBuildAudit(Options options, BuildOutput output, Progress progress)
        {
            _options = options;
            _output = output;
            _progress = progress;
        }

        private string PackageDir => Path.Combine(_toolDir, "package");

        /// <summary>The RuntimePerf* properties the command line sets, as global properties of every project.</summary>
        private Dictionary<string, string> GlobalProperties()
        {
            var p = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
            {
                ["CustomAfterMicrosoftCommonTargets"] = Path.Combine(_toolDir, "RuntimePerf.Cli.targets"),
                ["CustomAfterMicrosoftCommonCrossTargetingTargets"] = Path.Combine(_toolDir, "RuntimePerf.Cli.CrossTargeting.targets"),
            };
            if (_options.MinScore is double min) p["RuntimePerfMinScore"] = min.ToString(CultureInfo.InvariantCulture);
            if (_options.MinRating is { } rating) p["RuntimePerfMinRating"] = rating.ToString();
            if (_options.NoFailOnHigh) p["RuntimePerfFailOnHigh"] = "false";
            if (_options.Baseline != null) p["RuntimePerfBaseline"] = Path.GetFullPath(_options.Baseline);
            if (_options.UpdateBaseline) p["RuntimePerfUpdateBaseline"] = "true";
            return p;
        }

        public IReadOnlyList<ProjectResult> Run(AuditTarget target)
        {
            if (!File.Exists(Path.Combine(PackageDir, "build", "RuntimePerf.Build.targets")))
                throw new UsageException("the RuntimePerf.Build package is missing next to the tool (" + PackageDir + "); reinstall the tool");
            var globals = GlobalProperties();
            if (target.SourcesFolder != null)
            {
                globals.Remove("CustomAfterMicrosoftCommonTargets");
                globals.Remove("CustomAfterMicrosoftCommonCrossTargetingTargets");
                return new[] { AuditFolder(target.SourcesFolder, globals) };
            }
            if (_options.Baseline != null && target.Projects.Count > 1)
                throw new UsageException($"--baseline names one project's baseline, but '{_options.Path}' has {target.Projects.Count} projects; each project uses its own runtimeperf.baseline.json");

            _progress.Show("restoring " + Path.GetFileName(target.Path));
            // A solution restores as a whole, as `dotnet build` does; projects found in a folder one by one.
            bool restored = Path.GetExtension(target.Path).StartsWith(".sln", StringComparison.OrdinalIgnoreCase)
                ? Restore(target.Path, globals)
                : target.Projects.All(p => Restore(p, globals));
            if (!restored) return target.Projects.Select(p => new ProjectResult(Name(p), null, "", false, true, null)).ToList();

            var results = new List<ProjectResult>();
            for (int i = 0; i < target.Projects.Count; i++)
            {
                string project = target.Projects[i];
                _progress.Show($"[{i + 1}/{target.Projects.Count}] {Name(project)}");
                results.Add(AuditProject(project, globals));
            }
            _progress.Clear();
            return results;
        }

        private bool Restore(string path, Dictionary<string, string> globals)
        {
            var properties = new Dictionary<string, string>(globals, StringComparer.OrdinalIgnoreCase)
            {
                // What `dotnet build` sets for its implicit restore: one session, no imports of the packages being restored.
                ["MSBuildRestoreSessionId"] = Guid.NewGuid().ToString("D"),
                ["MSBuildIsRestoring"] = "true",
                ["ExcludeRestorePackageImports"] = "true",
            };
            _output.Reset();
            var request = new BuildRequestData(path, properties, null, new[] { "Restore" }, null,
                BuildRequestDataFlags.ClearCachesAfterBuild | BuildRequestDataFlags.SkipNonexistentTargets | BuildRequestDataFlags.IgnoreMissingEmptyAndInvalidImports);
            var result = Build(request, new ProjectCollection());
            return result?.OverallResult == BuildResultCode.Success && _output.OtherErrors == 0;
        }

        private ProjectResult AuditProject(string path, Dictionary<string, string> globals)
        {
            string name = Name(path);
            using var collection = new ProjectCollection(globals);
            ProjectInstance instance;
            _output.Reset();
            try
            {
                instance = new ProjectInstance(path, globals, null, collection);
            }
            catch (InvalidProjectFileException e)
            {
                _progress.Above(() => Console.Error.WriteLine($"{name}: error: the project cannot be evaluated: {e.Message}"));
                return new ProjectResult(name, null, "", false, true, null);
            }
            if (!IsTrue(instance.GetPropertyValue("RuntimePerfEnabled"), true))
                return new ProjectResult(name, null, "", false, false, "RuntimePerfEnabled is false");
            if (IsTrue(instance.GetPropertyValue("IsTestProject"), false) && !IsTrue(instance.GetPropertyValue("RuntimePerfIncludeTests"), false))
                return new ProjectResult(name, null, "", false, false, "a test project (RuntimePerfIncludeTests=true audits it)");

            // A multi-targeted project is audited in its first target framework; that inner build knows the report's path.
            var inner = instance;
            string frameworks = instance.GetPropertyValue("TargetFrameworks");
            if (instance.GetPropertyValue("TargetFramework").Length == 0 && frameworks.Length > 0)
            {
                var innerGlobals = new Dictionary<string, string>(globals) { ["TargetFramework"] = frameworks.Split(';')[0].Trim() };
                inner = new ProjectInstance(path, innerGlobals, null, collection);
            }
            // Property values keep the project's own separators ("obj\Debug/…"); the file system wants this OS's.
            string json = inner.GetPropertyValue("RuntimePerfJsonFile").Replace('\\', '/');
            if (json.Length == 0) return new ProjectResult(name, null, "", false, false, "not a project the RuntimePerf.Build targets apply to");
            // The root the task reports paths from (the same function): the flagged lines are read from there for the HTML.
            string root = RepositoryRoot.Find(inner.Directory, inner.GetPropertyValue("RuntimePerfRepositoryRoot"));
            return Audit(name, instance, Path.Combine(inner.Directory, json), root);
        }

        /// <summary>
        /// A folder without projects: a project the tool makes in memory, as if it were in the folder (so the package's
        /// targets discover the folder's sources and find its repository root exactly as for a project there), that
        /// imports the package's targets. It is never written to disk, and its intermediate files (reports, stamp) go
        /// to a temporary folder: nothing is written into the user's tree but what they asked for (a baseline).
        /// </summary>
        private ProjectResult AuditFolder(string folder, Dictionary<string, string> globals)
        {
            string root = RepositoryRoot.Find(folder, null);
            string name = Path.GetRelativePath(root, folder).Replace('\\', '/');
            if (name == ".") name = Path.GetFileName(folder.TrimEnd(Path.DirectorySeparatorChar));
            string hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(folder))).Substring(0, 16).ToLowerInvariant();
            // Stable per folder, so that a second run finds its previous report and settings like a second build.
            string obj = Path.Combine(Path.GetTempPath(), "runtimeperf-folder-" + hash) + Path.DirectorySeparatorChar;
            Directory.CreateDirectory(obj);
            _progress.Show("[1/1] " + name);
            using var collection = new ProjectCollection(globals);
            ProjectRootElement xml;
            using (var reader = XmlReader.Create(new StringReader(FolderProject(obj))))
            {
                xml = ProjectRootElement.Create(reader, collection);
            }
            xml.FullPath = Path.Combine(folder, "runtimeperf-sources.proj");
            var instance = new ProjectInstance(xml, globals, null, collection);
            _output.Reset();
            var result = Audit(name, instance, Path.Combine(obj, "runtimeperf.json"), root);
            _progress.Clear();
            // The in-memory project's name means nothing to the reader: the folder names the run (and its SARIF category).
            return result with { Report = result.Report == null ? null : result.Report with { Project = name } };
        }

        private string FolderProject(string obj)
        {
            string Xml(string s) => System.Security.SecurityElement.Escape(s);
            string build = Path.Combine(PackageDir, "build");
            return $"""
                <Project>
                  <PropertyGroup>
                    <IntermediateOutputPath>{Xml(obj)}</IntermediateOutputPath>
                  </PropertyGroup>
                  <Import Project="{Xml(Path.Combine(build, "RuntimePerf.Build.props"))}" />
                  <Import Project="{Xml(Path.Combine(build, "RuntimePerf.Build.targets"))}" />
                  <!-- Asked for by the audit's inputs step; a folder of sources has no references and no generated usings. -->
                  <Target Name="ResolveAssemblyReferences" />
                  <Target Name="PrepareForBuild" />
                  <Target Name="GenerateGlobalUsings" />
                </Project>
                """;
        }

        private ProjectResult Audit(string name, ProjectInstance instance, string jsonFile, string root)
        {
            var result = Build(new BuildRequestData(instance, new[] { "RuntimePerfAudit" }), null);
            bool broken = result == null || _output.OtherErrors > 0 || (result.OverallResult != BuildResultCode.Success && _output.GateErrors == 0);
            bool gateFailed = !broken && result!.OverallResult != BuildResultCode.Success;
            AuditReport? report = null;
            if (!broken)
            {
                try
                {
                    report = JsonReport.Read(jsonFile);
                }
                catch (Exception e) when (e is ReportFormatException || e is IOException)
                {
                    _progress.Above(() => Console.Error.WriteLine($"{name}: error: cannot read the report {jsonFile}: {e.Message}"));
                    broken = true;
                }
            }
            return new ProjectResult(name, report, root, gateFailed, broken, null);
        }

        private BuildResult? Build(BuildRequestData request, ProjectCollection? collection)
        {
            var parameters = new BuildParameters(collection ?? new ProjectCollection())
            {
                Loggers = new ILogger[] { _output },
                EnableNodeReuse = false,
                MaxNodeCount = 1,
            };
            try
            {
                return BuildManager.DefaultBuildManager.Build(parameters, request);
            }
            catch (Exception e) when (e is InvalidProjectFileException || e is InvalidOperationException || e is IOException)
            {
                _progress.Above(() => Console.Error.WriteLine("error: " + e.Message));
                return null;
            }
        }

        /// <summary>The project as its report names it: relative to its repository root.</summary>
        private static string Name(string projectPath) =>
            Path.GetRelativePath(RepositoryRoot.Find(Path.GetDirectoryName(projectPath)!, null), projectPath).Replace('\\', '/');

        private static bool IsTrue(string value, bool fallback) => bool.TryParse(value.Trim(), out bool b) ? b : fallback;
    }
}
