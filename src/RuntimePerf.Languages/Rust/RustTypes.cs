using System.Text.RegularExpressions;
using RuntimePerf.Languages.Common;

namespace RuntimePerf.Languages.Rust
{
    /// <summary>What a parameter's declared type says about a name: the item type of a slice or Vec it holds.</summary>
    internal static class RustTypes
    {
        private static readonly Regex SharedSequence = new(@"^&\s*(?:'\w+\s+)?(?:\[(?<item>.+)\]|(?:std::vec::)?Vec<(?<item>.+)>)$", RegexOptions.CultureInvariant);

        private static readonly Regex AnySequence = new(@"^(?:&\s*(?:'\w+\s+)?(?:mut\s+)?)?(?:\[(?<item>.+)\]|(?:std::vec::)?Vec<(?<item>.+)>)$", RegexOptions.CultureInvariant);

        /// <summary>
        /// The item type of <paramref name="name"/> when it is a parameter (of the function or one it is nested in), never
        /// rebound, declared <c>&amp;[T]</c> or <c>&amp;Vec&lt;T&gt;</c> (with <paramref name="sharedOnly"/> false also
        /// <c>&amp;mut [T]</c>, <c>Vec&lt;T&gt;</c>); else null.
        /// </summary>
        public static string? SequenceParameterItem(FunctionModel fn, string name, bool sharedOnly)
        {
            if (fn.DeclaredParameterType(name) is not { } type) return null;
            var match = (sharedOnly ? SharedSequence : AnySequence).Match(type.Trim());
            return match.Success ? match.Groups["item"].Value.Trim() : null;
        }
    }
}
