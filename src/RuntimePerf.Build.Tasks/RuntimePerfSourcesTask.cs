using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using RuntimePerf.Engine.Sources;
using RuntimePerf.Languages.FrontEnds;

namespace RuntimePerf.Build.Tasks
{
    /// <summary>
    /// Lists the non-.NET sources under the project folder, by the file conventions of the registered front ends, for
    /// the audit and for its incremental check (one list: what the audit reads is what the check watches), and the
    /// inputs the settings file lists so that a deleted one makes the audit run again.
    /// </summary>
    public sealed class RuntimePerfSourcesTask : Task
    {
        [Required] public string ProjectDirectory { get; set; } = "";

        /// <summary>The C# files the audit reads.</summary>
        public ITaskItem[] Compile { get; set; } = Array.Empty<ITaskItem>();

        /// <summary>The .editorconfig files the build already knows apply (the SDK's, those above RuntimePerfSource items).</summary>
        public ITaskItem[] EditorConfigs { get; set; } = Array.Empty<ITaskItem>();

        /// <summary>
        /// Folders whose files are not listed: what the build generates (obj/: assembly info, the generated editorconfig)
        /// or the SDK brings (analysis-level globalconfigs). A build adds them before CoreCompile and a standalone audit
        /// does not, so listing them made each entry point re-audit after the other (the runtimeperf tool runs the
        /// standalone target). A prefix test here, where a glob Remove in the targets cost a no-change build 20 ms.
        /// </summary>
        public string[] LeftOutFolders { get; set; } = Array.Empty<string>();

        [Output] public ITaskItem[] Sources { get; private set; } = Array.Empty<ITaskItem>();

        /// <summary>The <c>.editorconfig</c> files under the project folder that can apply to <see cref="Sources"/>.</summary>
        [Output] public ITaskItem[] FoundEditorConfigs { get; private set; } = Array.Empty<ITaskItem>();

        /// <summary><c>editorconfig=</c> and <c>compile=</c> lines, by full path, less the <see cref="LeftOutFolders"/>.</summary>
        [Output] public ITaskItem[] ListedInputs { get; private set; } = Array.Empty<ITaskItem>();

        public override bool Execute()
        {
            var found = new List<string>();
            Sources = SourceDiscovery.Find(Path.GetFullPath(ProjectDirectory), FrontEndRegistry.TreeSitterFiles, found)
                .Select(path => (ITaskItem)new TaskItem(path)).ToArray();
            found.Sort(StringComparer.Ordinal);
            FoundEditorConfigs = found.Select(path => (ITaskItem)new TaskItem(path)).ToArray();
            var leftOut = LeftOutFolders.Where(f => f.Length > 0).Select(f => Path.TrimEndingDirectorySeparator(Path.GetFullPath(f)) + Path.DirectorySeparatorChar).ToArray();
            var editorConfigs = EditorConfigs.Select(FullPath).Concat(found).Distinct(StringComparer.Ordinal);
            ListedInputs = editorConfigs.Select(p => "editorconfig=" + p).Concat(Compile.Select(c => "compile=" + FullPath(c)))
                .Where(line => !leftOut.Any(folder => line.AsSpan(line.IndexOf('=') + 1).StartsWith(folder, StringComparison.Ordinal)))
                .Select(line => (ITaskItem)new TaskItem(line)).ToArray();
            return true;
        }

        private static string FullPath(ITaskItem item) => item.GetMetadata("FullPath");
    }
}
