using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using RuntimePerf.Engine.Catalog;
using RuntimePerf.Engine.Model;
using RuntimePerf.Languages.Common;

namespace RuntimePerf.Languages.Rust.Rules
{
    /// <summary>
    /// RP0006 for Rust, copies made by iterators: <c>xs.iter().cloned()</c> followed by a consumer that drops most of the
    /// clones (<c>.find(…)</c>, <c>.filter(…)</c>, <c>.last()</c>, <c>.nth(n)</c>, <c>.skip(n)</c>, <c>.count()</c>, <c>.any(…)</c>…:
    /// clippy's iter_overeager_cloned and redundant_clone), and a borrowed slice copied into a Vec only to be walked
    /// (<c>for k in kinds.to_vec()</c>, <c>xs.to_vec().into_iter()</c>: clippy's unnecessary_to_owned). Only where the
    /// items are known to own heap data (String, Vec, PathBuf, a struct or enum of the file that is not Copy) through the
    /// parameter's declared type, and only a shared borrow (a <c>&amp;mut Vec</c> is often copied so the loop may change it).
    /// </summary>
    public sealed partial class RedundantCopy
    {
        /// <summary>Consumers after <c>.cloned()</c> that clone items they then drop (or that need no clone at all).</summary>
        private static readonly HashSet<string> WastefulAfterCloned = new(StringComparer.Ordinal)
        {
            "find", "filter", "last", "nth", "skip", "skip_while", "step_by", "count", "any", "all", "position",
        };

        /// <summary>Adapters between <c>iter()</c> and <c>cloned()</c> that keep the borrowed items as they are.</summary>
        private static readonly HashSet<string> ItemPreserving = new(StringComparer.Ordinal) { "filter", "skip", "skip_while", "take_while", "rev" };

        /// <summary>Item types that own no heap data: cloning one is a plain copy.</summary>
        private static readonly HashSet<string> PlainItems = new(StringComparer.Ordinal)
        {
            "u8", "u16", "u32", "u64", "u128", "usize", "i8", "i16", "i32", "i64", "i128", "isize", "f32", "f64", "bool", "char", "()",
        };

        /// <summary>Std types that own heap data (a clone allocates and copies).</summary>
        private static readonly string[] HeapTypes = { "String", "PathBuf", "OsString", "Vec<", "Box<", "HashMap<", "BTreeMap<", "HashSet<", "BTreeSet<", "VecDeque<" };

        private void CheckIterators(FileAudit audit)
        {
            foreach (var call in audit.Model.Calls)
            {
                if (call.ReceiverCall is { Method: "cloned", Arguments.Count: 0 } cloned && call.Method is { } m && WastefulAfterCloned.Contains(m)
                    && BorrowedItems(cloned.ReceiverCall, out string? list) is { } item && OwnsHeap(item, audit.Model))
                {
                    audit.Report(RuleIds.RedundantCopy, call.Function, cloned.StartByte, call.EndByte,
                        "Redundant data copy: " + list + ".iter()….cloned()." + m + "(…) in " + call.Function.Describe() + " clones items ("
                        + item + ") that " + m + "() then drops",
                        m is "count" or "any" or "all" or "position"
                            ? "Drop the .cloned(): " + m + "() works on the borrowed items"
                            : "Call ." + m + "(…) before .cloned() so that only the items kept are cloned",
                        Confidence.High, Severity.Low);
                }
                else if (call.Method is "to_vec" or "to_owned" && call.Arguments.Count == 0 && call.Receiver is { } name && SourceModel.IsPlainName(name)
                    && OnlyWalked(audit.Model, call) && RustTypes.SequenceParameterItem(call.Function, name, sharedOnly: true) != null)
                {
                    audit.Report(RuleIds.RedundantCopy, call.Function, call.StartByte, call.EndByte,
                        "Redundant data copy: " + call.Written + "() in " + call.Function.Describe() + " copies the borrowed " + name
                        + " into a new Vec only to walk it once",
                        "Iterate " + name + ".iter() (add .cloned() if the loop needs owned items)", Confidence.High, Severity.Low);
                }
            }
        }

        /// <summary>
        /// The item type of the parameter that <c>list.iter()</c> (through filters and skips) borrows from, with the list's
        /// name; null when the chain does not start at <c>iter()</c> of a parameter declared as a shared slice or Vec.
        /// </summary>
        private static string? BorrowedItems(CallModel? source, out string? list)
        {
            list = null;
            while (source is { Method: { } m } && ItemPreserving.Contains(m)) source = source.ReceiverCall;
            if (source is not { Method: "iter", Arguments.Count: 0, Receiver: { } name } || !SourceModel.IsPlainName(name)) return null;
            list = name;
            return RustTypes.SequenceParameterItem(source.Function, name, sharedOnly: true);
        }

        /// <summary>
        /// The copy is a <c>for</c> loop's iterable, or is turned straight into an owning iterator (<c>.into_iter()</c>, or
        /// the same call spelled as a path: <c>IntoIterator::into_iter(xs.to_vec())</c>).
        /// </summary>
        private static bool OnlyWalked(SourceModel model, CallModel copy)
        {
            foreach (var loop in model.Loops)
            {
                if (loop.Kind != LoopKind.Comprehension && loop.IterableStartByte == copy.StartByte && loop.IterableEndByte == copy.EndByte) return true;
            }
            if (copy.ArgumentOf is { Method: null, Arguments.Count: 1 } outer && IntoIterPath().IsMatch(outer.Written)) return true;
            foreach (var next in copy.Function.Calls)
            {
                if (next.ReceiverCall == copy) return next is { Method: "into_iter", Arguments.Count: 0 };
            }
            return false;
        }

        /// <summary>A clone of the item allocates: a std type that owns heap data, a tuple holding one, or a non-Copy struct or enum of the file.</summary>
        private static bool OwnsHeap(string item, SourceModel file)
        {
            if (item.StartsWith('&') || PlainItems.Contains(item)) return false;
            foreach (var heap in HeapTypes)
            {
                if (item.StartsWith(heap, StringComparison.Ordinal) || item.StartsWith("std::", StringComparison.Ordinal) && item.EndsWith("::" + heap.TrimEnd('<'), StringComparison.Ordinal)) return true;
            }
            if (item.StartsWith('(') && item.EndsWith(')'))
            {
                foreach (var part in item.Substring(1, item.Length - 2).Split(','))
                {
                    if (OwnsHeap(part.Trim(), file)) return true;
                }
                return false;
            }
            return SourceModel.IsPlainName(item) && DeclaredNotCopy(file, item);
        }

        /// <summary>A struct or enum declared in the file whose derive list (if any) has no Copy.</summary>
        private static bool DeclaredNotCopy(SourceModel file, string type) =>
            Declarations.GetValue(file, ReadDeclarations).TryGetValue(type, out bool copy) && !copy;

        /// <summary>Each file's structs and enums, and whether each derives Copy: read once per file, in one pass over its text.</summary>
        private static readonly ConditionalWeakTable<SourceModel, Dictionary<string, bool>> Declarations = new();

        private static Dictionary<string, bool> ReadDeclarations(SourceModel file)
        {
            string text = file.Text.ToString();
            var types = new Dictionary<string, bool>(StringComparer.Ordinal);
            foreach (Match declaration in TypeDeclaration().Matches(text))
            {
                int from = Math.Max(0, declaration.Index - 300);
                string before = text.Substring(from, declaration.Index - from);
                int end = Math.Max(before.LastIndexOf('}'), before.LastIndexOf(';'));
                types.TryAdd(declaration.Groups["name"].Value, DerivesCopy().IsMatch(before.Substring(end + 1)));
            }
            return types;
        }

        [GeneratedRegex(@"\b(?:struct|enum)\s+(?<name>[A-Za-z_]\w*)", RegexOptions.CultureInvariant)]
        private static partial Regex TypeDeclaration();

        [GeneratedRegex(@"derive\([^)]*\bCopy\b", RegexOptions.CultureInvariant)]
        private static partial Regex DerivesCopy();

        /// <summary><c>IntoIterator::into_iter</c>, <c>std::iter::IntoIterator::into_iter</c> or <c>Vec::into_iter</c>.</summary>
        [GeneratedRegex(@"^(?:(?:std::iter::)?IntoIterator|Vec)::into_iter$", RegexOptions.CultureInvariant)]
        private static partial Regex IntoIterPath();
    }
}
