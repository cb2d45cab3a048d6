using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using RuntimePerf.Engine.Scoring;

namespace RuntimePerf.Cli
{
    public enum OutputFormat { Text, Json, Sarif }

    /// <summary>The command line of `runtimeperf audit`; a bad one is a single message, never a stack trace.</summary>
    public sealed record Options
    {
        public const string Help = """
            runtimeperf audit [PATH] [options]

            Audits a solution (.sln, .slnx), a project, or a folder for runtime-performance anti-patterns with the
            RuntimePerf.Build engine. A folder is audited through its solution (when it holds exactly one) or its
            projects; a folder without projects is audited as sources only (Python, …). PATH defaults to ".".

            Options:
              --sarif FILE         write one SARIF 2.1.0 log with one run per project
              --json FILE          write one JSON report with a section per project
              --html FILE          write one self-contained HTML report
              --format FORMAT      what goes to standard output: text (default), json or sarif
              --min-score N        fail when a project's score (0-10) is below N (RuntimePerfMinScore)
              --min-rating R       fail when a project's rating (A-E) is worse than R (RuntimePerfMinRating)
              --no-fail-on-high    report HIGH and CRITICAL findings without failing (RuntimePerfFailOnHigh=false)
              --baseline FILE      compare with this baseline (one project or folder only; RuntimePerfBaseline)
              --update-baseline    write the baselines from this run's findings (RuntimePerfUpdateBaseline=true)
              -h, --help           show this help

            Exit codes: 0 clean, 1 the gate failed, 2 usage or configuration error.

            """;

        public string Path { get; init; } = ".";
        public string? Sarif { get; init; }
        public string? Json { get; init; }
        public string? Html { get; init; }
        public OutputFormat Format { get; init; } = OutputFormat.Text;
        public double? MinScore { get; init; }
        public Rating? MinRating { get; init; }
        public bool NoFailOnHigh { get; init; }
        public string? Baseline { get; init; }
        public bool UpdateBaseline { get; init; }

        /// <summary>Options (null for --help) or an error message.</summary>
        public static (Options? Options, string? Error) Parse(IReadOnlyList<string> args)
        {
            if (args.Count == 0 || args[0] is "-h" or "--help" or "help") return (null, null);
            if (args[0] != "audit") return (null, $"unknown command '{args[0]}'; the command is: runtimeperf audit [PATH] [options]");
            var o = new Options();
            string? path = null;
            for (int i = 1; i < args.Count; i++)
            {
                string a = args[i];
                string? Value()
                {
                    if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal)) return null;
                    return args[++i];
                }
                switch (a)
                {
                    case "-h" or "--help":
                        return (null, null);
                    case "--sarif" or "--json" or "--html" or "--baseline":
                    {
                        string? v = Value();
                        if (v == null) return (null, $"{a} needs a file name");
                        o = a switch
                        {
                            "--sarif" => o with { Sarif = v },
                            "--json" => o with { Json = v },
                            "--html" => o with { Html = v },
                            _ => o with { Baseline = v },
                        };
                        break;
                    }
                    case "--format":
                    {
                        string? v = Value();
                        if (v == null || !Enum.TryParse<OutputFormat>(v, ignoreCase: true, out var format) || !char.IsLetter(v[0]))
                            return (null, $"--format must be text, json or sarif, not '{v}'");
                        o = o with { Format = format };
                        break;
                    }
                    case "--min-score":
                    {
                        string? v = Value();
                        if (v == null || !double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out double min) || double.IsNaN(min) || min < 0 || min > 10)
                            return (null, $"--min-score must be a number from 0 to 10 (with a dot, e.g. 9.5), not '{v}'");
                        o = o with { MinScore = min };
                        break;
                    }
                    case "--min-rating":
                    {
                        string? v = Value();
                        if (!SizeRating.TryParse(v, out var rating)) return (null, $"--min-rating must be one of A, B, C, D, E, not '{v}'");
                        o = o with { MinRating = rating };
                        break;
                    }
                    case "--no-fail-on-high":
                        o = o with { NoFailOnHigh = true };
                        break;
                    case "--update-baseline":
                        o = o with { UpdateBaseline = true };
                        break;
                    default:
                        if (a.StartsWith("-", StringComparison.Ordinal)) return (null, $"unknown option '{a}'");
                        if (path != null) return (null, $"one PATH only (got '{path}' and '{a}')");
                        path = a;
                        break;
                }
            }
            path ??= ".";
            if (!File.Exists(path) && !Directory.Exists(path)) return (null, $"'{path}' is neither a file nor a folder");
            return (o with { Path = path }, null);
        }
    }
}
