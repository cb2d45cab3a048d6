using RuntimePerf.Engine.Catalog;
using RuntimePerf.Engine.Model;
using RuntimePerf.Languages.Common;

namespace RuntimePerf.Languages.Rust.Rules
{
    /// <summary>
    /// RP0006 for Rust: <c>x.clone()</c> (or <c>to_owned()</c>/<c>to_string()</c> of a String, <c>to_vec()</c>/<c>to_owned()</c> of a Vec) where
    /// <c>x</c> is a String or Vec the function owns and never uses again: moving <c>x</c> would do, without copying the
    /// heap data (clippy's redundant_clone). Not when <c>x</c> is a reference, when the copy runs in a loop that
    /// <c>x</c> outlives or in a closure (the next pass or call needs it), or when <c>x</c> is used afterwards — macros'
    /// tokens and inline format arguments included. Also a copy of a temporary that is already owned
    /// (<c>parts.join(" ").to_string()</c>).
    /// </summary>
    public sealed partial class RedundantCopy : IRule
    {
        public string RuleId => RuleIds.RedundantCopy;

        public void Check(FileAudit audit)
        {
            var model = audit.Model;
            foreach (var call in model.Calls)
            {
                if (call.Arguments.Count == 0 && call.ReceiverCall is { } producer && CopiesTemporary(call, producer))
                {
                    audit.Report(RuleIds.RedundantCopy, call.Function, call.StartByte, call.EndByte,
                        "Redundant data copy: " + call.Method + "() in " + call.Function.Describe() + " copies the value " + producer.Written
                        + "() has just made, which nothing else holds, so the copy only costs an allocation",
                        "Drop the ." + call.Method + "(): " + producer.Written + "() already returns an owned value", Confidence.High, Severity.Low);
                    continue;
                }
                if (call.Arguments.Count != 0 || call.Receiver is not { } name || !SourceModel.IsPlainName(name) || call.ReceiverCall != null) continue;
                var (binding, owner) = call.Function.Lookup(name);
                if (owner != call.Function || binding?.Kind is not { } kind || !Copies(call.Method, kind)) continue;
                // In a loop the value outlives, or in a closure (which may run again), the next pass needs the original.
                if (call.Loop is { } loop && binding.FirstPosition < loop.StartByte || call.InClosure) continue;
                if (IsBorrowedParameter(owner, name, binding) || UsedAfter(model, owner, name, call.EndByte)) continue;
                audit.Report(RuleIds.RedundantCopy, call.Function, call.StartByte, call.EndByte,
                    "Redundant data copy: " + call.Written + "() in " + call.Function.Describe() + " copies " + name
                    + ", which is never used afterwards, so moving it would do without copying its heap data",
                    "Use " + name + " itself (move it) instead of " + call.Written + "()", Confidence.High, Severity.Low);
            }
            CheckIterators(audit);
            CheckLentCopies(audit);
        }

        private static bool Copies(string? method, string kind) => method switch
        {
            "clone" => kind is ValueKinds.String or ValueKinds.List,
            "to_owned" => kind is ValueKinds.String or ValueKinds.List,
            "to_string" => kind == ValueKinds.String,
            "to_vec" => kind == ValueKinds.List,
            _ => false,
        };

        /// <summary>
        /// <c>["a", "b"].join(" ").to_string()</c>, <c>Path::new(p).join("c").to_path_buf()</c>, <c>String::from(s).clone()</c>: a copy of
        /// a temporary that a call known to return an owned value has just made (clippy's redundant_clone on temporaries).
        /// <c>to_string()</c> only of producers of a String (of another owned type it converts, as <c>n.to_owned().to_string()</c> does).
        /// </summary>
        private static bool CopiesTemporary(CallModel copy, CallModel producer)
        {
            // Right after the producer's parenthesis: not through `?` or `.await` (url.join(p)?.to_string() formats a Url).
            if (copy.Method is not { } m || !RustTables.CopyMethods.Contains(m) || !copy.Written.EndsWith(")." + m, System.StringComparison.Ordinal)) return false;
            if (producer.Resolved is { } r)
            {
                return RustTables.OwnedConstructors.TryGetValue(r, out var kind) && (m != "to_string" || kind == ValueKinds.String);
            }
            if (producer.Method is not { } made || !RustTables.OwnedResults.TryGetValue(made, out var result) || producer.Arguments.Count != result.Arguments) return false;
            return m != "to_string" || result.IsString;
        }

        /// <summary>A parameter taken by reference: the copy is how the function gets a value of its own.</summary>
        private static bool IsBorrowedParameter(FunctionModel fn, string name, Binding binding)
        {
            foreach (var p in fn.Parameters)
            {
                if (p.Name == name) return p.Annotation is not { } type || type.TrimStart().StartsWith('&') || binding.Count > 1;
            }
            return false;
        }

        /// <summary>
        /// The name is read after the copy — in the function or in async blocks and functions nested in it — before it is
        /// next assigned or shadowed by a <c>let</c> (which ends the copied value's life).
        /// </summary>
        private static bool UsedAfter(SourceModel model, FunctionModel owner, string name, int after)
        {
            int end = owner.EndByte;
            foreach (var use in model.UsesOf(name, owner, after, owner.EndByte))
            {
                if (use.Kind == UseKind.Write) end = use.Start;
                else return true;
                break;
            }
            foreach (var fn in model.Functions)
            {
                if (fn == owner || fn.StartByte < owner.StartByte || fn.EndByte > owner.EndByte || fn.Kind == FunctionKind.Module) continue;
                foreach (var _ in model.UsesOf(name, fn, after, end)) return true;
            }
            return false;
        }
    }
}
