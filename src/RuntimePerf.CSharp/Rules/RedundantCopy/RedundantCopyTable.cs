namespace RuntimePerf.CSharp.Rules.RedundantCopy
{
    /// <summary>What RP0006 knows about collections.</summary>
    internal static class RedundantCopyTable
    {
        /// <summary>Collection members that only read: calling them on the source inside the loop does not need the copy.</summary>
        public static readonly string[] ReadOnlyMembers =
        {
            "Contains", "ContainsKey", "ContainsValue", "TryGetValue", "GetValueOrDefault", "IndexOf", "LastIndexOf",
            "Exists", "Find", "FindAll", "FindIndex", "FindLast", "TrueForAll", "BinarySearch", "CopyTo",
            "Peek", "TryPeek", "ToString", "Equals", "GetHashCode", "ToArray",
        };
    }
}
