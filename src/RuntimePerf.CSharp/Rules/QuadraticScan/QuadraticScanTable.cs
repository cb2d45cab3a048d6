using System.Collections.Generic;
using static RuntimePerf.CSharp.Analysis.MemberTable;

namespace RuntimePerf.CSharp.Rules.QuadraticScan
{
    /// <summary>What RP0017 knows: the linear searches on lists and arrays, and what makes a lambda a loop.</summary>
    internal static class QuadraticScanTable
    {
        /// <summary>List and array members that compare elements from the start until they find one.</summary>
        public static readonly KeyValuePair<string, string[]>[] Searches =
        {
            Row("System.Collections.Generic.List`1", "Contains", "IndexOf", "LastIndexOf", "Remove",
                "Exists", "Find", "FindIndex", "FindLast", "FindLastIndex"),
            Row("System.Array", "IndexOf", "LastIndexOf", "Exists", "Find", "FindIndex", "FindLast", "FindLastIndex"),
            // C# 14 binds array.Contains(x) to the span extensions (first-class spans), not to LINQ.
            Row("System.MemoryExtensions", "Contains", "IndexOf", "LastIndexOf"),
        };

        /// <summary>
        /// Names of the start-index parameter of those searches (<c>Array.IndexOf(array, value, startIndex)</c>,
        /// <c>List&lt;T&gt;.IndexOf(item, index)</c>): such a search starts where the caller says, not necessarily at the front.
        /// </summary>
        public static readonly string[] StartParameters = { "startIndex", "index" };

        /// <summary>LINQ calls that scan their source, when given a value or a predicate (Any() and Count() alone are O(1) on a list).</summary>
        public static readonly string[] LinqSearches =
        {
            "Contains", "Any", "All", "Count", "First", "FirstOrDefault", "Single", "SingleOrDefault", "Last", "LastOrDefault",
        };

        /// <summary>The fix per search; predicate searches (Find, Any, FirstOrDefault…) get <see cref="PredicateRecommendation"/>.</summary>
        public static readonly Dictionary<string, string> Recommendations = new Dictionary<string, string>(System.StringComparer.Ordinal)
        {
            ["Contains"] = "Build a HashSet<T> once before the loop (or keep one next to the list) and test membership against it",
            ["Remove"] = "Collect what to remove in a HashSet<T> and call RemoveAll(x => set.Contains(x)) once",
            ["IndexOf"] = "Build a Dictionary from value to index once before the loop and look the index up",
            ["LastIndexOf"] = "Build a Dictionary from value to its last index once before the loop and look the index up",
        };

        public const string PredicateRecommendation =
            "Index the list once before the loop (ToDictionary / ToLookup by the key the predicate compares) and look items up by key";

        /// <summary>Calls on a list inside the loop that make it grow: each search then scans everything found so far.</summary>
        public static readonly string[] Growing = { "Add", "AddRange", "Insert", "InsertRange" };

        /// <summary>Types whose methods run a lambda argument once per element (LINQ to Objects, List.ForEach/RemoveAll…, Array.FindAll…).</summary>
        public static readonly string[] PerElementCallers =
        {
            "System.Linq.Enumerable", "System.Collections.Generic.List`1", "System.Array",
        };
    }
}
