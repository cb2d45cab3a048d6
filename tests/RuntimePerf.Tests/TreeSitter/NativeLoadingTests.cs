using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Threading;
using RuntimePerf.TreeSitter;
using Xunit;

namespace RuntimePerf.Tests.TreeSitter
{
    // RuntimePerf.Languages (the language front ends) would otherwise win the lookup of `Languages`.
    using Languages = RuntimePerf.TreeSitter.Languages;

    /// <summary>
    /// Loads the binding the way MSBuild loads the task from the NuGet package: in its own load context,
    /// from tasks/net8.0/, with the native library under runtimes/&lt;rid&gt;/native/ at the package root.
    /// </summary>
    public class NativeLoadingTests : IDisposable
    {
        private readonly DirectoryInfo _package = Directory.CreateTempSubdirectory("runtimeperf-package-");

        [Fact]
        public void The_resolver_finds_the_library_in_the_package_layout()
        {
            string nativeFile = NativeFilesInOutput().Single();
            string rid = Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(nativeFile)))!;
            string nativeDir = Directory.CreateDirectory(Path.Combine(_package.FullName, "runtimes", rid, "native")).FullName;
            File.Copy(nativeFile, Path.Combine(nativeDir, Path.GetFileName(nativeFile)));

            Assert.Equal("module", ParseInPackageContext("x = 1\n"));
            if (OperatingSystem.IsLinux())
                Assert.Contains(Path.Combine(nativeDir, Path.GetFileName(nativeFile)), File.ReadAllText("/proc/self/maps"));
        }

        [Fact]
        public void A_missing_library_is_reported_with_every_place_searched()
        {
            var e = Assert.IsType<DllNotFoundException>(Record.Exception(() => ParseInPackageContext("x = 1\n")));

            Assert.Contains("was not found", e.Message);
            Assert.Contains(Path.Combine(_package.FullName, "tasks", "net8.0", "runtimes"), e.Message);
            Assert.Contains(Path.Combine(_package.FullName, "runtimes"), e.Message);
            Assert.Contains("build-native.sh", e.Message);
        }

        public void Dispose() => _package.Delete(recursive: true);

        private static string[] NativeFilesInOutput() =>
            Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "runtimes"), "*runtimeperf_treesitter*", SearchOption.AllDirectories);

        /// <summary>Returns the root node type, going through reflection because the types live in another load context.</summary>
        private string ParseInPackageContext(string code)
        {
            string tasks = Directory.CreateDirectory(Path.Combine(_package.FullName, "tasks", "net8.0")).FullName;
            string binding = Path.Combine(tasks, Path.GetFileName(typeof(Parser).Assembly.Location));
            File.Copy(typeof(Parser).Assembly.Location, binding, overwrite: true);

            var context = new AssemblyLoadContext("package", isCollectible: true);
            try
            {
                var assembly = context.LoadFromAssemblyPath(binding);
                Assert.NotSame(typeof(Parser).Assembly, assembly);
                var text = assembly.GetType(typeof(SourceText).FullName!)!.GetMethod(nameof(SourceText.From), new[] { typeof(string) })!.Invoke(null, new object[] { code });
                var parser = assembly.GetType(typeof(Languages).FullName!)!.GetMethod(nameof(Languages.CreateParser))!.Invoke(null, new object[] { "python" })!;
                var parse = parser.GetType().GetMethods().Single(m => m.Name == nameof(Parser.Parse) && m.GetParameters().Length == 3);
                var tree = parse.Invoke(parser, new[] { text, null, CancellationToken.None })!;
                var root = tree.GetType().GetProperty(nameof(SyntaxTree.Root))!.GetValue(tree)!;
                string type = (string)root.GetType().GetProperty(nameof(SyntaxNode.Type))!.GetValue(root)!;
                ((IDisposable)tree).Dispose();
                ((IDisposable)parser).Dispose();
                return type;
            }
            catch (TargetInvocationException e) when (e.InnerException != null)
            {
                throw e.InnerException;
            }
            finally
            {
                context.Unload();
            }
        }
    }
}
