using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;

namespace RuntimePerf.Languages.Common
{
    /// <summary>
    /// One instance per distinct text for the names models keep (<c>self</c>, <c>request</c>, <c>json.loads</c>).
    /// All models of a code base stay alive until the rules have run, so every copy of a short name would be copied
    /// by the GC from generation to generation; one pool per audit and thread keeps one copy.
    /// </summary>
    public sealed class StringPool
    {
        private readonly HashSet<string> _strings = new(StringComparer.Ordinal);

        [return: NotNullIfNotNull(nameof(text))]
        public string? Intern(string? text)
        {
            if (text == null) return null;
            if (_strings.TryGetValue(text, out var pooled)) return pooled;
            _strings.Add(text);
            return text;
        }
    }
}
