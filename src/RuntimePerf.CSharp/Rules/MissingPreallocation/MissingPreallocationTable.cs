namespace RuntimePerf.CSharp.Rules.MissingPreallocation
{
    /// <summary>What RP0022 knows: collections with a capacity constructor, and what tells a loop's length in advance.</summary>
    internal static class MissingPreallocationTable
    {
        /// <summary>Collections that start at zero capacity and double as <c>Add</c> fills them; all have an (int capacity) constructor.</summary>
        public static readonly string[] Growable =
        {
            "System.Collections.Generic.List`1", "System.Collections.Generic.Dictionary`2", "System.Collections.Generic.HashSet`1",
        };

        /// <summary>Other calls that grow them: a collection filled by more than the one Add per iteration is not reported.</summary>
        public static readonly string[] OtherGrowing = { "AddRange", "Insert", "InsertRange", "TryAdd", "UnionWith", "EnsureCapacity" };

        /// <summary>A foreach over one of these knows its count before the first iteration.</summary>
        public static readonly string[] Counted =
        {
            "System.Collections.Generic.ICollection`1", "System.Collections.Generic.IReadOnlyCollection`1", "System.Collections.ICollection",
        };
    }
}
