using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using RuntimePerf.Engine.IO;
using RuntimePerf.Engine.Model;
using RuntimePerf.Engine.Reports;
using RuntimePerf.Engine.Scoring;

namespace RuntimePerf.Cli
{
    /// <summary>`runtimeperf audit`: audits every project, then writes the run's SARIF, JSON and HTML and picks the exit code.</summary>
    public sealed class AuditCommand
    {
        private readonly Options _options;
        private readonly TextWriter _stdout;
        private readonly TextWriter _stderr;

        public AuditCommand(Options options, TextWriter stdout, TextWriter stderr)
        {
            _options = options;
            _stdout = stdout;
            _stderr = stderr;
        }

        public int Run()
        {
            try
            {
                return Audit();
            }
            catch (UsageException e)
            {
                _stderr.WriteLine("runtimeperf: " + e.Message);
                return ExitCodes.Usage;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // One line for the log; the exit code says "not judged", never "passed".
                _stderr.WriteLine($"runtimeperf: the audit could not run: {e.GetType().Name}: {e.Message}");
                return ExitCodes.Usage;
            }
        }

        private int Audit()
        {
            var target = AuditTarget.Resolve(_options.Path);
            // With a document on standard output, the build's lines go to standard error.
            var text = _options.Format == OutputFormat.Text ? _stdout : _stderr;
            var progress = new Progress();
            var results = new MsBuildAudit(_options, new BuildOutput(text, progress), progress).Run(target);
            var audited = results.Where(r => r.Report != null).ToList();
            var reports = audited.Select(r => r.Report!).ToList();

            foreach (var skipped in results.Where(r => r.Skipped != null)) text.WriteLine($"RuntimePerf: {skipped.Name} skipped: {skipped.Skipped}.");
            text.WriteLine(Total(results, reports));

            byte[]? sarif = _options.Sarif != null || _options.Format == OutputFormat.Sarif ? Sarif(reports) : null;
            byte[]? json = _options.Json != null || _options.Format == OutputFormat.Json ? Json(reports) : null;
            if (_options.Sarif != null) Write(_options.Sarif, sarif!);
            if (_options.Json != null) Write(_options.Json, json!);
            if (_options.Html != null)
            {
                var lines = new SourceLines();
                Write(_options.Html, HtmlReport.Serialize(reports, new HtmlOptions
                {
                    Title = "RuntimePerf report: " + Path.GetFileName(target.Path.TrimEnd(Path.DirectorySeparatorChar)),
                    CodeLine = f => f.LineText.Length > 0 ? f.LineText : lines.Line(audited, f),
                }));
            }
            if (_options.Format != OutputFormat.Text)
            {
                using var stdout = Console.OpenStandardOutput();
                stdout.Write(_options.Format == OutputFormat.Json ? json! : sarif!);
            }

            if (results.Any(r => r.Broken) || (results.Count > 0 && audited.Count == 0 && results.All(r => r.Skipped == null))) return ExitCodes.Usage;
            return results.Any(r => r.GateFailed) || reports.Any(r => !r.Gate.Passed) ? ExitCodes.GateFailed : ExitCodes.Clean;
        }

        private static string Total(IReadOnlyList<ProjectResult> results, IReadOnlyList<AuditReport> reports)
        {
            var counts = SeverityCounts.Of(reports.SelectMany(r => r.ActiveFindings));
            int failed = results.Count(r => r.GateFailed || (r.Report != null && !r.Report.Gate.Passed));
            int broken = results.Count(r => r.Broken);
            return string.Format(CultureInfo.InvariantCulture,
                "RuntimePerf total: {0} project(s) audited{1}{2}, {3} finding(s) ({4} critical, {5} high, {6} medium, {7} low); {8}",
                reports.Count, results.Any(r => r.Skipped != null) ? $", {results.Count(r => r.Skipped != null)} skipped" : "",
                broken > 0 ? $", {broken} could not be audited" : "",
                counts.Total, counts.Critical, counts.High, counts.Medium, counts.Low,
                failed > 0 ? $"gate failed in {failed} project(s)" : broken > 0 ? "gate not judged" : "gate passed");
        }

        /// <summary>One SARIF log, one run per project: each run is the package's own SARIF for that project.</summary>
        public static byte[] Sarif(IReadOnlyList<AuditReport> reports)
        {
            var runs = new JsonArray();
            foreach (var report in reports)
            {
                var log = JsonNode.Parse(SarifReport.Serialize(report, SarifOptions.Default))!;
                var run = log["runs"]![0]!;
                log["runs"]!.AsArray().Clear();
                runs.Add(run);
            }
            var merged = new JsonObject
            {
                ["$schema"] = SarifReport.SchemaUri,
                ["version"] = "2.1.0",
                ["runs"] = runs,
            };
            return Serialize(merged);
        }

        /// <summary>The run's JSON: a total, then each project's own runtimeperf.json as its section.</summary>
        public static byte[] Json(IReadOnlyList<AuditReport> reports)
        {
            var counts = SeverityCounts.Of(reports.SelectMany(r => r.ActiveFindings));
            var projects = new JsonArray();
            foreach (var report in reports) projects.Add(JsonNode.Parse(JsonReport.Serialize(report)));
            var total = new JsonObject
            {
                ["projects"] = reports.Count,
                ["total_issues"] = counts.Total,
                ["critical"] = counts.Critical,
                ["high"] = counts.High,
                ["medium"] = counts.Medium,
                ["low"] = counts.Low,
                ["gate_passed"] = reports.All(r => r.Gate.Passed),
            };
            var root = new JsonObject
            {
                ["tool"] = new JsonObject { ["name"] = AuditReport.ToolName, ["version"] = reports.FirstOrDefault()?.ToolVersion ?? "" },
                ["total"] = total,
                ["projects"] = projects,
            };
            return Serialize(root);
        }

        private static byte[] Serialize(JsonNode node)
        {
            var options = new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
            return System.Text.Encoding.UTF8.GetBytes(node.ToJsonString(options).Replace("\r\n", "\n") + "\n");
        }

        private void Write(string path, byte[] content)
        {
            string full = Path.GetFullPath(path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            AtomicFile.WriteIfChanged(full, content);
        }

        /// <summary>Flagged lines read from disk for the HTML page (reports read back from JSON do not carry them).</summary>
        private sealed class SourceLines
        {
            private readonly Dictionary<string, string[]> _files = new(StringComparer.Ordinal);

            public string Line(IReadOnlyList<ProjectResult> results, Finding f)
            {
                foreach (var r in results)
                {
                    string path = Path.GetFullPath(Path.Combine(r.RepositoryRoot, f.Path));
                    if (!_files.TryGetValue(path, out var lines))
                    {
                        try
                        {
                            lines = File.Exists(path) ? File.ReadAllLines(path) : Array.Empty<string>();
                        }
                        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                        {
                            lines = Array.Empty<string>();
                        }
                        _files[path] = lines;
                    }
                    if (f.Span.Line >= 1 && f.Span.Line <= lines.Length) return lines[f.Span.Line - 1];
                }
                return "";
            }
        }
    }
}
