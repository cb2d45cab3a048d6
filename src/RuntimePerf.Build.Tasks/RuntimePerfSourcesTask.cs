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
    /// the audit and for its incremental check (one list: what the audit reads is what the check watches).
    /// </summary>
    public sealed class RuntimePerfSourcesTask : Task
    {
        [Required] public string ProjectDirectory { get; set; } = "";

        [Output] public ITaskItem[] Sources { get; private set; } = Array.Empty<ITaskItem>();

        /// <summary>The <c>.editorconfig</c> files under the project folder that can apply to <see cref="Sources"/>.</summary>
        [Output] public ITaskItem[] EditorConfigs { get; private set; } = Array.Empty<ITaskItem>();

        public override bool Execute()
        {
            var editorConfigs = new List<string>();
            Sources = SourceDiscovery.Find(Path.GetFullPath(ProjectDirectory), FrontEndRegistry.TreeSitterFiles, editorConfigs)
                .Select(path => (ITaskItem)new TaskItem(path)).ToArray();
            EditorConfigs = editorConfigs.OrderBy(path => path, StringComparer.Ordinal).Select(path => (ITaskItem)new TaskItem(path)).ToArray();
            return true;
        }
    }
}
