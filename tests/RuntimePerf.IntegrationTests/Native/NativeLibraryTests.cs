using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Runtime.InteropServices;
using Xunit;

namespace RuntimePerf.IntegrationTests.Native
{
    /// <summary>
    /// The native tree-sitter libraries the package carries: one per RID, each of its RID's format and architecture,
    /// each exporting every function the binding imports. Read with the binutils a Linux machine has (file, objdump, nm).
    /// </summary>
    [Collection(PackageCollection.Name)]
    public sealed class NativeLibraryTests : IDisposable
    {
        /// <summary>What `file` says of each RID's library, and its file name.</summary>
        private static readonly Dictionary<string, (string Library, string Format)> Formats = new()
        {
            ["linux-x64"] = ("libruntimeperf_treesitter.so", "ELF 64-bit LSB shared object, x86-64"),
            ["linux-arm64"] = ("libruntimeperf_treesitter.so", "ELF 64-bit LSB shared object, ARM aarch64"),
            ["linux-musl-x64"] = ("libruntimeperf_treesitter.so", "ELF 64-bit LSB shared object, x86-64"),
            ["linux-musl-arm64"] = ("libruntimeperf_treesitter.so", "ELF 64-bit LSB shared object, ARM aarch64"),
            ["win-x64"] = ("runtimeperf_treesitter.dll", "PE32+ executable (DLL) (console) x86-64, for MS Windows"),
            ["win-arm64"] = ("runtimeperf_treesitter.dll", "PE32+ executable (DLL) (console) Aarch64, for MS Windows"),
            ["osx-x64"] = ("libruntimeperf_treesitter.dylib", "Mach-O 64-bit x86_64 dynamically linked shared library"),
            ["osx-arm64"] = ("libruntimeperf_treesitter.dylib", "Mach-O 64-bit arm64 dynamically linked shared library"),
        };

        private readonly DirectoryInfo _extracted = Directory.CreateTempSubdirectory("rpit-native-");

        public NativeLibraryTests(PackageFixture package)
        {
            ZipFile.ExtractToDirectory(package.Nupkg, _extracted.FullName);
        }

        public void Dispose() => _extracted.Delete(recursive: true);

        private string Runtimes => Path.Combine(_extracted.FullName, "runtimes");

        private IReadOnlyList<string> CarriedRids =>
            Directory.GetDirectories(Runtimes).Select(Path.GetFileName).Select(n => n!).OrderBy(n => n, StringComparer.Ordinal).ToList();

        private string LibraryOf(string rid) => Path.Combine(Runtimes, rid, "native", Formats[rid].Library);

        [Fact]
        public void The_package_carries_the_host_RID_and_on_Debian_x64_every_RID_its_cross_compilers_reach()
        {
            // The cross compilers are Debian packages the build script installs when they are missing (CI runs as root).
            if (RuntimeInformation.RuntimeIdentifier == "linux-x64" && File.Exists("/etc/debian_version"))
                Assert.Equal(new[] { "linux-arm64", "linux-musl-x64", "linux-x64", "win-x64" }, CarriedRids);
            else
                Assert.Contains(RuntimeInformation.RuntimeIdentifier, CarriedRids);
        }

        [Fact]
        public void Each_native_library_is_its_RIDs_format_and_exports_every_function_the_binding_imports()
        {
            var imports = BindingImports();
            Assert.Contains("ts_parser_new", imports);
            Assert.Contains("tree_sitter_python", imports);
            Assert.NotEmpty(CarriedRids);
            foreach (string rid in CarriedRids)
            {
                string library = LibraryOf(rid);
                Assert.True(File.Exists(library), $"{rid}: {Formats[rid].Library} missing");
                Assert.StartsWith(Formats[rid].Format, Run("file", "-b", library));
                var exports = Exports(rid, library);
                var missing = imports.Where(i => !exports.Contains(i)).ToList();
                Assert.True(missing.Count == 0, $"{rid} does not export {string.Join(", ", missing)}");
                if (rid.StartsWith("win-", StringComparison.Ordinal))
                {
                    // Only DLLs every Windows has: nothing from MinGW must have to be shipped beside it.
                    var dlls = Lines(Run("objdump", "-p", library)).Where(l => l.StartsWith("DLL Name:", StringComparison.Ordinal))
                        .Select(l => l.Substring("DLL Name:".Length).Trim().ToLowerInvariant()).ToList();
                    Assert.Equal(new[] { "kernel32.dll", "msvcrt.dll" }, dlls.OrderBy(d => d, StringComparer.Ordinal));
                }
                if (rid.StartsWith("linux-", StringComparison.Ordinal))
                {
                    // musl's libc is libc.so; glibc's libc.so.6: a library linked against the other one does not load.
                    string needed = string.Join(",", Lines(Run("objdump", "-p", library)).Where(l => l.StartsWith("NEEDED", StringComparison.Ordinal))
                        .Select(l => l.Substring("NEEDED".Length).Trim()));
                    Assert.Equal(rid.StartsWith("linux-musl-", StringComparison.Ordinal) ? "libc.so" : "libc.so.6", needed);
                }
            }
        }

        [WineFact]
        public void The_windows_library_loads_and_parses_every_language_under_wine()
        {
            string dll = LibraryOf("win-x64");
            Assert.True(File.Exists(dll), "the package carries no win-x64 library");
            string exe = Path.Combine(_extracted.FullName, "smoke.exe");
            string source = Path.Combine(BuildInfoAttribute.Current.RepoRoot, "tests", "RuntimePerf.IntegrationTests", "Native", "smoke.c");
            Run("x86_64-w64-mingw32-gcc", "-O1", "-o", exe, source);

            string output = Run(WineFactAttribute.Wine!, exe, dll);

            Assert.Equal(new[] { "python module ok", "javascript program ok", "typescript program ok", "tsx program ok",
                "go source_file ok", "rust source_file ok" }, Lines(output).Where(l => !l.StartsWith("wine", StringComparison.Ordinal)));
        }

        /// <summary>The entry points of the binding's P/Invokes, read from the packaged assembly, plus the one it looks up by name.</summary>
        private HashSet<string> BindingImports()
        {
            string binding = Path.Combine(_extracted.FullName, "tasks", "net8.0", "RuntimePerf.TreeSitter.dll");
            using var pe = new PEReader(File.OpenRead(binding));
            var reader = pe.GetMetadataReader();
            var names = reader.MethodDefinitions.Select(h => reader.GetMethodDefinition(h).GetImport())
                .Where(i => !i.Module.IsNil && reader.GetString(reader.GetModuleReference(i.Module).Name) == "runtimeperf_treesitter")
                .Select(i => reader.GetString(i.Name)).ToHashSet(StringComparer.Ordinal);
            names.Add("ts_current_free"); // NativeMethods frees tree-sitter's strings through it (GetExport)
            return names;
        }

        private static HashSet<string> Exports(string rid, string library)
        {
            if (rid.StartsWith("win-", StringComparison.Ordinal))
            {
                // objdump -p lists the export name table as "[ordinal] name".
                return Lines(Run("objdump", "-p", library)).Select(l => l.Trim())
                    .Where(l => l.StartsWith('[') && l.Contains("] ", StringComparison.Ordinal))
                    .Select(l => l.Substring(l.IndexOf("] ", StringComparison.Ordinal) + 2).Trim()).ToHashSet(StringComparer.Ordinal);
            }
            // nm: "address type name" for the defined symbols of the dynamic table (functions, and ts_current_free's pointer).
            return Lines(Run("nm", "-D", "--defined-only", library)).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .Where(f => f.Length == 3).Select(f => f[2]).ToHashSet(StringComparer.Ordinal);
        }

        private static IEnumerable<string> Lines(string text) => text.Split('\n').Select(l => l.TrimEnd('\r').Trim()).Where(l => l.Length > 0);

        private static string Run(string program, params string[] args)
        {
            var psi = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in args) psi.ArgumentList.Add(a);
            psi.Environment["WINEDEBUG"] = "-all";
            psi.Environment["WINEPREFIX"] = Path.Combine(Path.GetTempPath(), "runtimeperf-wine");
            using var process = Process.Start(psi)!;
            var stderr = process.StandardError.ReadToEndAsync();
            string stdout = process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(TimeSpan.FromMinutes(3))) process.Kill(entireProcessTree: true);
            Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', args)}: exit {process.ExitCode}\n{stdout}{stderr.Result}");
            return stdout;
        }
    }

    /// <summary>Runs only where Debian's wine is installed (apt-get install wine64) along with MinGW-w64 to build the probe.</summary>
    public sealed class WineFactAttribute : FactAttribute
    {
        public static readonly string? Wine = new[] { "/usr/bin/wine64", "/usr/lib/wine/wine64", "/usr/bin/wine" }.FirstOrDefault(File.Exists);

        public WineFactAttribute()
        {
            if (Wine == null) Skip = "wine is not installed (Debian: apt-get install wine64); the win-x64 library's format and exports are still checked";
            else if (!File.Exists("/usr/bin/x86_64-w64-mingw32-gcc")) Skip = "MinGW-w64 is not installed (Debian: apt-get install gcc-mingw-w64-x86-64), needed to build the probe";
        }
    }
}
