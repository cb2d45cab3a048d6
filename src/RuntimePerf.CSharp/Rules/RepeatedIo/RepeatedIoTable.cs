using System.Collections.Generic;
using static RuntimePerf.CSharp.Analysis.MemberTable;

namespace RuntimePerf.CSharp.Rules.RepeatedIo
{
    /// <summary>What RP0016 knows: the calls that read a file or directory named by their first argument, and those that change files.</summary>
    internal static class RepeatedIoTable
    {
        /// <summary>Reads whose first (string) argument is the path read; <c>.ctor</c> for constructors.</summary>
        public static readonly KeyValuePair<string, string[]>[] Reads =
        {
            Row("System.IO.File", "ReadAllText", "ReadAllTextAsync", "ReadAllLines", "ReadAllLinesAsync", "ReadAllBytes", "ReadAllBytesAsync",
                "ReadLines", "ReadLinesAsync", "OpenRead", "OpenText"),
            Row("System.IO.Directory", "GetFiles", "GetDirectories", "GetFileSystemEntries"),
            Row("System.IO.StreamReader", ".ctor"),
            Row("System.Xml.Linq.XDocument", "Load"),
            Row("System.Xml.Linq.XElement", "Load"),
            Row("System.Xml.XmlDocument", "Load"),
        };

        /// <summary>Calls that change files: a loop that makes one may be reading back what it wrote, so its reads are not reported.</summary>
        public static readonly KeyValuePair<string, string[]>[] Writes =
        {
            Row("System.IO.File", "WriteAllText", "WriteAllTextAsync", "WriteAllLines", "WriteAllLinesAsync", "WriteAllBytes", "WriteAllBytesAsync",
                "AppendAllText", "AppendAllTextAsync", "AppendAllLines", "AppendAllLinesAsync", "AppendText", "Create", "CreateText", "OpenWrite",
                "Copy", "Move", "Delete", "Replace"),
            Row("System.IO.Directory", "CreateDirectory", "Delete", "Move"),
            Row("System.IO.StreamWriter", ".ctor"),
            Row("System.IO.FileStream", ".ctor"),
            Row("System.Xml.Linq.XDocument", "Save"),
            Row("System.Xml.Linq.XElement", "Save"),
            Row("System.Xml.XmlDocument", "Save"),
        };
    }
}
