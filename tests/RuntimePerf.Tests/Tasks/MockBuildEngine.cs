using System.Collections;
using System.Collections.Generic;
using Microsoft.Build.Framework;

namespace RuntimePerf.Tests.Tasks
{
    /// <summary>Records what a task logs, formatted the way MSBuild's console logger prints it.</summary>
    public sealed class MockBuildEngine : IBuildEngine
    {
        public List<string> Errors { get; } = new();
        public List<string> Warnings { get; } = new();
        public List<string> Messages { get; } = new();
        /// <summary>Messages below high importance (the detailed log).</summary>
        public List<string> Detailed { get; } = new();
        public List<BuildErrorEventArgs> ErrorEvents { get; } = new();

        public bool ContinueOnError => false;
        public int LineNumberOfTaskNode => 0;
        public int ColumnNumberOfTaskNode => 0;
        public string ProjectFileOfTaskNode => "test.csproj";

        public void LogErrorEvent(BuildErrorEventArgs e)
        {
            ErrorEvents.Add(e);
            Errors.Add(Format(e.File, e.LineNumber, e.ColumnNumber, e.EndLineNumber, e.EndColumnNumber, "error", e.Code, e.Message));
        }

        public void LogWarningEvent(BuildWarningEventArgs e) =>
            Warnings.Add(Format(e.File, e.LineNumber, e.ColumnNumber, e.EndLineNumber, e.EndColumnNumber, "warning", e.Code, e.Message));

        public void LogMessageEvent(BuildMessageEventArgs e)
        {
            if (e.Importance == MessageImportance.High)
                Messages.Add(e.Code is null ? e.Message! : Format(e.File, e.LineNumber, e.ColumnNumber, e.EndLineNumber, e.EndColumnNumber, "message", e.Code, e.Message));
            else
                Detailed.Add(e.Message!);
        }

        public void LogCustomEvent(CustomBuildEventArgs e) { }

        public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) => true;

        private static string Format(string? file, int line, int col, int endLine, int endCol, string kind, string? code, string? message)
        {
            string where = string.IsNullOrEmpty(file) ? "" : line > 0 ? $"{file}({line},{col},{endLine},{endCol}): " : $"{file}: ";
            return $"{where}{kind} {code}: {message}";
        }
    }
}
