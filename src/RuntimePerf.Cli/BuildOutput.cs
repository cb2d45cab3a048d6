using System;
using System.IO;
using System.Text.RegularExpressions;
using Microsoft.Build.Framework;

namespace RuntimePerf.Cli
{
    /// <summary>
    /// An MSBuild logger that prints what the build prints for the audit: each finding as file(line,col): level CODE:
    /// message, the task's summary and baseline lines, and every error; and sorts each project's errors into gate
    /// failures and configuration problems (for the exit code).
    /// </summary>
    public sealed class BuildOutput : ILogger
    {
        private static readonly Regex RuleCode = new Regex(@"^RP\d{4}$", RegexOptions.CultureInvariant);

        // Taken at start: MSBuild moves the process's current folder to each project's while it builds it.
        private readonly string _workingFolder = Environment.CurrentDirectory;
        private readonly TextWriter _out;
        private readonly Progress _progress;

        public BuildOutput(TextWriter output, Progress progress)
        {
            _out = output;
            _progress = progress;
        }

        public LoggerVerbosity Verbosity { get; set; } = LoggerVerbosity.Normal;
        public string? Parameters { get; set; }

        /// <summary>Errors of the current project that are the gate's: RPGATE, or a finding logged as an error.</summary>
        public int GateErrors { get; private set; }

        /// <summary>Other errors of the current project: it could not be evaluated, restored or audited.</summary>
        public int OtherErrors { get; private set; }

        /// <summary>Starts counting for the next project.</summary>
        public void Reset()
        {
            GateErrors = 0;
            OtherErrors = 0;
        }

        public void Initialize(IEventSource eventSource)
        {
            eventSource.ErrorRaised += (_, e) =>
            {
                if (e.Code == "RPGATE" || RuleCode.IsMatch(e.Code ?? "")) GateErrors++;
                else OtherErrors++;
                // The gate's verdict belongs to no file (MSBuild would name the targets file that ran it).
                Write(e.Code == "RPGATE" ? $"error {e.Code}: {e.Message}" : Line(e.File, e.LineNumber, e.ColumnNumber, e.EndLineNumber, e.EndColumnNumber, "error", e.Code, e.Message));
            };
            eventSource.WarningRaised += (_, e) =>
                Write(Line(e.File, e.LineNumber, e.ColumnNumber, e.EndLineNumber, e.EndColumnNumber, "warning", e.Code, e.Message));
            eventSource.MessageRaised += (_, e) =>
            {
                if (e.Importance != MessageImportance.High) return;
                // LOW findings are messages with their rule id; the task's summary and baseline lines start with its name.
                if (RuleCode.IsMatch(e.Code ?? "")) Write(Line(e.File, e.LineNumber, e.ColumnNumber, e.EndLineNumber, e.EndColumnNumber, "message", e.Code, e.Message));
                else if ((e.Message ?? "").StartsWith("RuntimePerf", StringComparison.Ordinal)) Write(e.Message!);
            };
        }

        public void Shutdown() { }

        private void Write(string line) => _progress.Above(() => _out.WriteLine(line));

        /// <summary>"path(l,c,el,ec): error RP0002: message", the path relative to the working folder when it is inside it.</summary>
        private string Line(string? file, int line, int column, int endLine, int endColumn, string level, string? code, string? message)
        {
            string where = "";
            if (!string.IsNullOrEmpty(file))
            {
                string path = Path.IsPathRooted(file) ? Relative(file!) : file!;
                where = line <= 0 ? path : endLine > 0 ? $"{path}({line},{column},{endLine},{endColumn})" : $"{path}({line},{column})";
                where += ": ";
            }
            return $"{where}{level}{(string.IsNullOrEmpty(code) ? "" : " " + code)}: {message}";
        }

        private string Relative(string path)
        {
            string rel = Path.GetRelativePath(_workingFolder, path);
            return rel.StartsWith("..", StringComparison.Ordinal) ? path : rel.Replace('\\', '/');
        }
    }

    /// <summary>"[2/5] src/Api/Api.csproj" on a terminal (standard error), nothing when it is redirected.</summary>
    public sealed class Progress
    {
        private readonly bool _enabled = !Console.IsErrorRedirected;
        private string _line = "";

        public void Show(string line)
        {
            if (!_enabled) return;
            _line = line;
            Console.Error.Write("\r\u001b[K" + line);
        }

        public void Clear() => Show("");

        /// <summary>Writes a line above the progress line.</summary>
        public void Above(Action write)
        {
            if (_enabled && _line.Length > 0) Console.Error.Write("\r\u001b[K");
            write();
            if (_enabled && _line.Length > 0) Console.Error.Write(_line);
        }
    }
}
