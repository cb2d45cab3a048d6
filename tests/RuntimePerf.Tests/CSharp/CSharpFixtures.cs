using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using RuntimePerf.CSharp;

namespace RuntimePerf.Tests.CSharp
{
    /// <summary>Runs the C# audit on fixture files with the test process's own framework (.NET + ASP.NET Core) as references.</summary>
    internal static class CSharpFixtures
    {
        public static string Folder => Path.Combine(AppContext.BaseDirectory, "fixtures", "csharp");

        /// <summary>The assemblies the runtime trusts for this process: the .NET and ASP.NET Core shared frameworks and the test's dependencies.</summary>
        public static IReadOnlyList<string> References { get; } =
            ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
                .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Where(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
                .OrderBy(p => p, StringComparer.Ordinal)
                .ToList();

        public static IEnumerable<string> All() =>
            Directory.EnumerateFiles(Folder, "*.cs", SearchOption.AllDirectories).OrderBy(p => p, StringComparer.Ordinal);

        public static CSharpAuditInput Input(params string[] files) => new CSharpAuditInput
        {
            SourceFiles = files,
            ReferencePaths = References,
            RelativePath = p => Path.GetRelativePath(Folder, p).Replace('\\', '/'),
        };

        public static CSharpAuditResult Audit(params string[] files) => CSharpAudit.Run(Input(files));
    }
}
