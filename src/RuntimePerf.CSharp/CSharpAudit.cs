using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using RuntimePerf.CSharp.Analysis;
using RuntimePerf.Engine.Catalog;
using RuntimePerf.Engine.Model;
using Suppression = RuntimePerf.Engine.Model.Suppression;

namespace RuntimePerf.CSharp
{
    public sealed record CSharpAuditInput
    {
        /// <summary>Full paths of the .cs files to audit.</summary>
        public required IReadOnlyList<string> SourceFiles { get; init; }
        /// <summary>Full paths of reference assemblies; may be empty (then only what resolves from source is understood).</summary>
        public required IReadOnlyList<string> ReferencePaths { get; init; }
        public IReadOnlyList<string> PreprocessorSymbols { get; init; } = Array.Empty<string>();
        /// <summary>"latest", "12.0", "preview"…; null means latest.</summary>
        public string? LanguageVersion { get; init; }
        /// <summary>Full path → repository-relative path with '/'.</summary>
        public required Func<string, string> RelativePath { get; init; }
    }

    public sealed record CSharpAuditResult(IReadOnlyList<Finding> Findings, IReadOnlyList<AuditNotice> Notices);

    /// <summary>
    /// Audits a set of C# files: parses them, compiles them against the references (compile errors do not stop it)
    /// and runs the detectors of <see cref="RuntimePerfAnalyzer"/> (<see cref="StandaloneAnalysis"/>). File and analyzer
    /// problems become notices, never exceptions. Generated files are compiled (other code may use their types) but not audited.
    /// </summary>
    public static class CSharpAudit
    {
        public static CSharpAuditResult Run(CSharpAuditInput input, CancellationToken cancellationToken = default)
        {
            var notices = new ConcurrentQueue<AuditNotice>();
            var compilation = Compile(input, notices, cancellationToken);

            var analyzerFailures = new ConcurrentQueue<Diagnostic>();
            var diagnostics = StandaloneAnalysis.Run(compilation, analyzerFailures.Enqueue, cancellationToken);

            var findings = new List<Finding>();
            foreach (var diagnostic in diagnostics.Concat(analyzerFailures))
            {
                if (Descriptors.Rules.ContainsKey(diagnostic.Id))
                {
                    findings.Add(ToFinding(diagnostic, compilation, input.RelativePath));
                }
                else
                {
                    string? path = diagnostic.Location.SourceTree?.FilePath;
                    notices.Enqueue(new AuditNotice(path == null ? "" : input.RelativePath(path),
                        "C# analysis failed (" + diagnostic.Id + "): " + diagnostic.GetMessage(CultureInfo.InvariantCulture)));
                }
            }
            findings.Sort(FindingOrder.Instance);
            // One notice per file: a detector that fails on one construct may fail on many.
            var distinct = notices.GroupBy(n => n.Path, StringComparer.Ordinal).Select(g => g.First())
                .OrderBy(n => n.Path, StringComparer.Ordinal).ToList();
            return new CSharpAuditResult(findings, distinct);
        }

        /// <summary>The compilation the audit runs on (internal: tests check fixtures compile cleanly).</summary>
        internal static CSharpCompilation Compile(CSharpAuditInput input, ConcurrentQueue<AuditNotice> notices, CancellationToken ct)
        {
            // Nullable analysis never runs: no detector reads nullability, and for a semantic model it is a second pass
            // over every body that also rewrites its bound tree (a third of the audit's time on a 120k-line web project).
            var parseOptions = new CSharpParseOptions(ParseLanguageVersion(input.LanguageVersion, notices), DocumentationMode.None,
                SourceCodeKind.Regular, input.PreprocessorSymbols)
                .WithFeatures(new[] { new KeyValuePair<string, string>("run-nullable-analysis", "never") });
            return CSharpCompilation.Create("RuntimePerfAudit", Parse(input, parseOptions, notices, ct), LoadReferences(input.ReferencePaths, notices),
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: true));
        }

        private static LanguageVersion ParseLanguageVersion(string? text, ConcurrentQueue<AuditNotice> notices)
        {
            if (string.IsNullOrWhiteSpace(text)) return LanguageVersion.Latest;
            if (LanguageVersionFacts.TryParse(text, out var version)) return version;
            notices.Enqueue(new AuditNotice("", "Unknown C# LanguageVersion '" + text + "'; audited as latest."));
            return LanguageVersion.Latest;
        }

        private static List<SyntaxTree> Parse(CSharpAuditInput input, CSharpParseOptions options, ConcurrentQueue<AuditNotice> notices, CancellationToken ct)
        {
            var trees = new SyntaxTree?[input.SourceFiles.Count];
            Parallel.For(0, trees.Length, new ParallelOptions { CancellationToken = ct }, i =>
            {
                string path = input.SourceFiles[i];
                try
                {
#pragma warning disable RS1035 // this runner hosts the analyzer (MSBuild task, tests); the compiler never loads it as one
                    byte[] bytes = File.ReadAllBytes(path);
#pragma warning restore RS1035
                    var text = SourceText.From(bytes, bytes.Length, encoding: null, SourceHashAlgorithm.Sha256, throwIfBinaryDetected: true);
                    trees[i] = CSharpSyntaxTree.ParseText(text, options, path, ct);
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is InvalidDataException)
                {
                    string why = ex is InvalidDataException ? "binary file" : ex.Message;
                    notices.Enqueue(new AuditNotice(input.RelativePath(path), "Not audited: " + why, FileLeftOut: true));
                }
            });
            return trees.Where(t => t != null).ToList()!;
        }

        private static List<MetadataReference> LoadReferences(IReadOnlyList<string> paths, ConcurrentQueue<AuditNotice> notices)
        {
            var references = new List<MetadataReference>(paths.Count);
            foreach (string path in paths.Distinct(StringComparer.Ordinal))
            {
                try
                {
                    var metadata = AssemblyMetadata.CreateFromFile(path);
                    metadata.GetModules(); // reads the headers now, so a bad file is a notice here, not an error later
                    references.Add(metadata.GetReference(filePath: path));
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is BadImageFormatException)
                {
                    // Reference paths live outside the repository: name the file only, never an absolute path.
                    notices.Enqueue(new AuditNotice(Path.GetFileName(path), "Reference not loaded: " + ex.Message));
                }
            }
            return references;
        }

        private static Finding ToFinding(Diagnostic diagnostic, Compilation compilation, Func<string, string> relativePath)
        {
            var span = diagnostic.Location.GetLineSpan();
            var tree = diagnostic.Location.SourceTree!;
            return new AnalyzerDiagnostic(
                diagnostic.Id,
                diagnostic.GetMessage(CultureInfo.InvariantCulture),
                relativePath(tree.FilePath),
                new SourceSpan(span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1,
                    span.EndLinePosition.Line + 1, span.EndLinePosition.Character + 1),
                diagnostic.Properties,
                tree.GetText().Lines[span.StartLinePosition.Line].ToString(),
                SuppressionOf(diagnostic, compilation)).ToFinding();
        }

        // The same kinds the analyzer's findings log names: "#pragma warning disable" or [SuppressMessage] with its justification.
        private static Suppression? SuppressionOf(Diagnostic diagnostic, Compilation compilation)
        {
            if (!diagnostic.IsSuppressed) return null;
            var attribute = diagnostic.GetSuppressionInfo(compilation)?.Attribute;
            if (attribute == null) return new Suppression(SuppressionKinds.Pragma, "");
            string justification = attribute.NamedArguments
                .Where(a => a.Key == "Justification").Select(a => a.Value.Value as string).FirstOrDefault() ?? "";
            return new Suppression(SuppressionKinds.Attribute, justification);
        }
    }
}
