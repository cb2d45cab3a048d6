using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace RuntimePerf.CSharp.Analysis
{
    /// <summary>
    /// The analyzer's findings for the audit task, written at compilation end as a SARIF 2.1.0 log in the shape the
    /// compiler's own <c>-errorlog</c> has (in-source suppressions included, marked). The compiler's error log is not
    /// used for this: setting it makes the compiler run every analyzer of the project whose rules are all info-level
    /// (they are skipped in command-line builds otherwise), which cost the 120k-line benchmark project 30% of its
    /// build time. The targets pass the path as <c>build_property._RuntimePerfCompilerLog</c>; without it (tests, other
    /// hosts) nothing is written. An editor running compilation-end analysis may rewrite the file from its open
    /// sources: the task only trusts it when it is newer than every source file.
    /// </summary>
    internal sealed class FindingsLog
    {
        public const string PathProperty = "build_property._RuntimePerfCompilerLog";

        private readonly string _path;
        private readonly ConcurrentQueue<Diagnostic> _diagnostics = new ConcurrentQueue<Diagnostic>();

        private FindingsLog(string path) => _path = path;

        /// <summary>A log for this compilation when the build asked for one, else null.</summary>
        public static FindingsLog? For(AnalyzerOptions options) =>
            options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue(PathProperty, out string? path) && !string.IsNullOrWhiteSpace(path)
                ? new FindingsLog(path.Trim())
                : null;

        public void Record(Diagnostic diagnostic) => _diagnostics.Enqueue(diagnostic);

        /// <summary>Writes the log (replacing the previous build's); a failure becomes one RP9998 warning.</summary>
        public void Write(CompilationAnalysisContext context)
        {
            try
            {
                string json = Sarif(context.Compilation, context.CancellationToken);
                string temp = _path + ".tmp";
#pragma warning disable RS1035 // the build asked for this file (never an editor); see the class comment
                Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
                File.WriteAllText(temp, json, new UTF8Encoding(false));
                if (File.Exists(_path)) File.Delete(_path);
                File.Move(temp, _path);
#pragma warning restore RS1035
            }
            catch (Exception e) when (!(e is OperationCanceledException))
            {
                // Never an analyzer crash (AD0001, an error under TreatWarningsAsErrors): one warning, and the task compiles itself.
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.LogFailure, Location.None, _path, e.Message));
            }
        }

        private string Sarif(Compilation compilation, CancellationToken ct)
        {
            var pragmas = new Dictionary<SyntaxTree, List<PragmaWarningDirectiveTriviaSyntax>>();
            var json = new StringBuilder();
            json.Append("{\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\",\"version\":\"2.1.0\",\"runs\":[{\"tool\":{\"driver\":{\"name\":\"RuntimePerf.CSharp\"}},\"results\":[");
            bool first = true;
            // Sorted: the same sources give the same file, whatever order the concurrent actions reported in.
            foreach (var d in _diagnostics.OrderBy(d => d.Location.SourceTree?.FilePath, StringComparer.Ordinal).ThenBy(d => d.Location.SourceSpan.Start)
                         .ThenBy(d => d.Id, StringComparer.Ordinal))
            {
                if (!(d.Location.SourceTree is { } tree) || IsTurnedOff(compilation, tree, d.Id, ct)) continue;
                var span = d.Location.GetLineSpan();
                json.Append(first ? "" : ",").Append("{\"ruleId\":").Append(Quote(d.Id))
                    .Append(",\"message\":{\"text\":").Append(Quote(d.GetMessage(CultureInfo.InvariantCulture))).Append('}')
                    .Append(",\"locations\":[{\"physicalLocation\":{\"artifactLocation\":{\"uri\":").Append(Quote(FileUri(tree.FilePath)))
                    .Append("},\"region\":{\"startLine\":").Append(span.StartLinePosition.Line + 1)
                    .Append(",\"startColumn\":").Append(span.StartLinePosition.Character + 1)
                    .Append(",\"endLine\":").Append(span.EndLinePosition.Line + 1)
                    .Append(",\"endColumn\":").Append(span.EndLinePosition.Character + 1).Append("}}}]");
                AppendSuppression(json, d, compilation, PragmasOf(pragmas, tree, ct));
                json.Append(",\"properties\":{\"customProperties\":{");
                json.Append(string.Join(",", d.Properties.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => Quote(p.Key) + ":" + Quote(p.Value ?? ""))));
                json.Append("}}}");
                first = false;
            }
            return json.Append("]}]}").ToString();
        }

        /// <summary>NoWarn, a .globalconfig or the file's .editorconfig set the rule to none: the compiler would not report it.</summary>
        private static bool IsTurnedOff(Compilation compilation, SyntaxTree tree, string id, CancellationToken ct)
        {
            if (compilation.Options.SpecificDiagnosticOptions.TryGetValue(id, out var specific) && specific == ReportDiagnostic.Suppress) return true;
            var provider = compilation.Options.SyntaxTreeOptionsProvider;
            if (provider == null) return false;
            if (provider.TryGetDiagnosticValue(tree, id, ct, out var own)) return own == ReportDiagnostic.Suppress;
            return provider.TryGetGlobalDiagnosticValue(id, ct, out var global) && global == ReportDiagnostic.Suppress;
        }

        /// <summary>As the compiler logs it: <c>[SuppressMessage]</c> with its justification, or <c>#pragma warning disable</c>.</summary>
        private static void AppendSuppression(StringBuilder json, Diagnostic d, Compilation compilation, List<PragmaWarningDirectiveTriviaSyntax> pragmas)
        {
            // Roslyn's own attribute matching (member, type, assembly-level targets): asked as if the diagnostic were suppressed.
            var probe = Diagnostic.Create(d.Id, d.Descriptor.Category, "", d.Severity, d.DefaultSeverity, isEnabledByDefault: true, d.WarningLevel,
                isSuppressed: true, location: d.Location);
            var attribute = probe.GetSuppressionInfo(compilation)?.Attribute;
            string? type = attribute != null ? "SuppressMessageAttribute" : IsDisabledByPragma(pragmas, d.Id, d.Location.SourceSpan.Start) ? "Pragma Directive" : null;
            if (type == null) return;
            string justification = attribute?.NamedArguments.FirstOrDefault(a => a.Key == "Justification").Value.Value as string ?? "";
            json.Append(",\"suppressions\":[{\"kind\":\"inSource\",\"justification\":").Append(Quote(justification))
                .Append(",\"properties\":{\"suppressionType\":").Append(Quote(type)).Append("}}]");
        }

        private static List<PragmaWarningDirectiveTriviaSyntax> PragmasOf(Dictionary<SyntaxTree, List<PragmaWarningDirectiveTriviaSyntax>> cache, SyntaxTree tree,
            CancellationToken ct)
        {
            if (!cache.TryGetValue(tree, out var list))
            {
                // Directive to directive (the tree knows where they are); ones in inactive #if branches do not count.
                list = new List<PragmaWarningDirectiveTriviaSyntax>();
                if (tree.GetRoot(ct) is CSharpSyntaxNode root && root.ContainsDirectives)
                {
                    for (var directive = root.GetFirstDirective(); directive != null; directive = directive.GetNextDirective())
                    {
                        if (directive is PragmaWarningDirectiveTriviaSyntax pragma && pragma.IsActive) list.Add(pragma);
                    }
                }
                cache[tree] = list;
            }
            return list;
        }

        /// <summary>The last <c>#pragma warning disable|restore</c> before the position that names the id (or names none) decides.</summary>
        private static bool IsDisabledByPragma(List<PragmaWarningDirectiveTriviaSyntax> pragmas, string id, int position)
        {
            bool disabled = false;
            foreach (var pragma in pragmas)
            {
                if (pragma.SpanStart >= position) break;
                if (pragma.ErrorCodes.Count > 0 && !pragma.ErrorCodes.Any(c => string.Equals(c.ToString().Trim(), id, StringComparison.OrdinalIgnoreCase))) continue;
                disabled = pragma.DisableOrRestoreKeyword.IsKind(SyntaxKind.DisableKeyword);
            }
            return disabled;
        }

        /// <summary>A file URI for a full path; any other path (an in-memory tree's name) as it is, which the reader takes as a path.</summary>
        private static string FileUri(string path) => Path.IsPathRooted(path) ? new Uri(path).AbsoluteUri : path;

        /// <summary>A JSON string (no System.Text.Json here: analyzers run in the compiler's process, with only its dependencies).</summary>
        private static string Quote(string text)
        {
            var sb = new StringBuilder(text.Length + 2).Append('"');
            foreach (char c in text)
            {
                switch (c)
                {
                    case '"': sb.Append("\\\""); break;
                    case '\\': sb.Append("\\\\"); break;
                    case '\n': sb.Append("\\n"); break;
                    case '\r': sb.Append("\\r"); break;
                    case '\t': sb.Append("\\t"); break;
                    default:
                        if (c < ' ') sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        else sb.Append(c);
                        break;
                }
            }
            return sb.Append('"').ToString();
        }
    }
}
