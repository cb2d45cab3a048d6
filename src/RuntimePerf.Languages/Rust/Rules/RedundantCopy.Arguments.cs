using System;
using System.Text.RegularExpressions;
using RuntimePerf.Engine.Catalog;
using RuntimePerf.Engine.Model;
using RuntimePerf.Languages.Common;

namespace RuntimePerf.Languages.Rust.Rules
{
    /// <summary>
    /// RP0006 for Rust, a borrowed value copied only to be lent again: <c>check(&amp;name.to_string())</c> where <c>name</c> is a
    /// parameter declared <c>&amp;str</c> and <c>check</c>, a function of the file, takes <c>&amp;str</c> at that place (also
    /// <c>&amp;Path</c> with <c>to_path_buf()</c>/<c>to_owned()</c>, <c>&amp;[T]</c> with <c>to_vec()</c>/<c>to_owned()</c>): the owned copy
    /// is dropped right after the call (clippy's unnecessary_to_owned). Not when the callee wants the owned type
    /// (<c>&amp;String</c>, <c>&amp;PathBuf</c>, <c>&amp;Vec</c>) or is not a function of the file.
    /// </summary>
    public sealed partial class RedundantCopy
    {
        private static readonly Regex LentCopy = new(@"^&\s*(?<name>\w+)\.(?<copy>to_string|to_owned|to_path_buf|to_vec)\(\)$", RegexOptions.CultureInvariant);

        /// <summary>Longer arguments are no <c>&amp;name.to_string()</c>.</summary>
        private const int MaxLentCopy = 80;

        private void CheckLentCopies(FileAudit audit)
        {
            var utf8 = audit.Model.Text.Utf8;
            foreach (var call in audit.Model.Calls)
            {
                if (call.Method != null || call.Resolved == null || !SourceModel.IsPlainName(call.Written)) continue;
                for (int i = 0; i < call.Arguments.Count; i++)
                {
                    var arg = call.Arguments[i];
                    // Most arguments are not `&x.copy()`: look at their first and last bytes before reading any text.
                    if (arg.Shape != Shape.Other || arg.EndByte - arg.StartByte > MaxLentCopy || utf8[arg.StartByte] != (byte)'&' || utf8[arg.EndByte - 1] != (byte)')') continue;
                    if (arg.Text is not { } text || LentCopy.Match(text) is not { Success: true } lent) continue;
                    string name = lent.Groups["name"].Value, copy = lent.Groups["copy"].Value;
                    if (BorrowedKind(call.Function, name) is not { } kind || !CopiesBorrowed(kind, copy)) continue;
                    if (OnlyFunction(audit.Model, call.Written) is not { } callee || callee.Parameters.Count <= i
                        || callee.Parameters[i].Annotation is not { } wanted || BorrowedKind(wanted) != kind) continue;
                    audit.Report(RuleIds.RedundantCopy, call.Function, call.Arguments[i].StartByte, call.Arguments[i].EndByte,
                        "Redundant data copy: " + text + " in " + call.Function.Describe() + " copies " + name + " into an owned value only to lend it to "
                        + call.Written + "(), which takes " + wanted,
                        "Pass " + name + " itself", Confidence.High, Severity.Low);
                }
            }
        }

        /// <summary>What a parameter of the function (never rebound) borrows: "str", "Path" or "slice"; else null.</summary>
        private static string? BorrowedKind(FunctionModel fn, string name) => fn.DeclaredParameterType(name) is { } type ? BorrowedKind(type) : null;

        private static string? BorrowedKind(string type)
        {
            string t = Regex.Replace(type.Trim(), @"^&\s*(?:'\w+\s+)?", "&");
            if (t is "&str") return "str";
            if (t is "&Path" or "&std::path::Path") return "Path";
            return t.StartsWith("&[", StringComparison.Ordinal) && t.EndsWith(']') ? "slice" : null;
        }

        private static bool CopiesBorrowed(string kind, string copy) => kind switch
        {
            "str" => copy is "to_string" or "to_owned",
            "Path" => copy is "to_path_buf" or "to_owned",
            _ => copy is "to_vec" or "to_owned",
        };

        /// <summary>The one free function of the file with that name.</summary>
        private static FunctionModel? OnlyFunction(SourceModel model, string name)
        {
            FunctionModel? found = null;
            foreach (var fn in model.Functions)
            {
                if (fn.Kind != FunctionKind.Function || fn.Name != name || fn.ClassName != null) continue;
                if (found != null) return null;
                found = fn;
            }
            return found;
        }
    }
}
