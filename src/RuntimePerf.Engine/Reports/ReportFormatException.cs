using System;

namespace RuntimePerf.Engine.Reports
{
    /// <summary>A report file that cannot be read back (malformed, truncated, or missing a field): the message names the file and the problem.</summary>
    public sealed class ReportFormatException : Exception
    {
        public ReportFormatException(string? path, string problem)
            : base((path is null ? "The RuntimePerf report" : "The RuntimePerf report '" + path + "'")
                   + " cannot be read: " + problem + ". Delete it and build again to regenerate it.")
        {
            Path = path;
            Problem = problem;
        }

        /// <summary>The report file, or null when the report was parsed from memory.</summary>
        public string? Path { get; }
        public string Problem { get; }
    }
}
