namespace RuntimePerf.CSharp.Rules.MissingPreallocation
{
    /// <summary>A collection that starts at zero capacity and doubles as <c>Add</c> fills it, and has an (int capacity) constructor.</summary>
    /// <param name="Alternative">Completes the recommendation after the capacity: building it in one go instead.</param>
    /// <param name="Dedupes">A set: adding a value already in it does not grow it, so only the loop's own items give a known size.</param>
    internal sealed record Growable(string Type, string Alternative, bool Dedupes = false);

    /// <summary>What RP0022 knows: collections with a capacity constructor, and what tells a loop's length in advance.</summary>
    internal static class MissingPreallocationTable
    {
        public static readonly Growable[] Collections =
        {
            new Growable("System.Collections.Generic.List`1", ", or build it in one go with Select(…).ToList()"),
            new Growable("System.Collections.Generic.Dictionary`2", ", or build it in one go with ToDictionary(…)"),
            new Growable("System.Collections.Generic.HashSet`1", "", Dedupes: true),
        };

        /// <summary>Other calls that grow them: a collection filled by more than the one Add per iteration is not reported.</summary>
        public static readonly string[] OtherGrowing = { "AddRange", "Insert", "InsertRange", "TryAdd", "UnionWith", "EnsureCapacity" };

        /// <summary>
        /// Members that name an item's own identity: a set of them grows once per item. Exact names only: a foreign key
        /// (<c>CustomerId</c>) or a group key repeats across items.
        /// </summary>
        public static readonly string[] IdentityMembers = { "Id", "ID", "Key", "Guid", "Uuid" };

        /// <summary>A foreach over one of these knows its count before the first iteration.</summary>
        public static readonly string[] Counted =
        {
            "System.Collections.Generic.ICollection`1", "System.Collections.Generic.IReadOnlyCollection`1", "System.Collections.ICollection",
        };
    }
}
