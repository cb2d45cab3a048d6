using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;

namespace RuntimePerf.TreeSitter.Interop
{
    /// <summary>
    /// Finds the native library relative to this assembly, not the host process: inside MSBuild the
    /// process is dotnet/MSBuild and the default probing would never look in the package folder.
    /// <see cref="DirectoryVariable"/> names a folder to look in instead (a library built for a RID the package lacks).
    /// </summary>
    internal static class NativeLibraryResolver
    {
        internal const string DirectoryVariable = "RUNTIMEPERF_NATIVE_DIR";

        private static readonly object Gate = new();
        private static IntPtr _handle;

        internal static void Register() =>
            NativeLibrary.SetDllImportResolver(typeof(NativeLibraryResolver).Assembly, Resolve);

        internal static IntPtr GetExport(string name) => NativeLibrary.GetExport(Load(), name);

        private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath) =>
            libraryName == NativeMethods.Library ? Load() : IntPtr.Zero;

        private static IntPtr Load()
        {
            lock (Gate)
            {
                if (_handle != IntPtr.Zero) return _handle;
                string? directory = Environment.GetEnvironmentVariable(DirectoryVariable);
                var candidates = string.IsNullOrEmpty(directory)
                    ? CandidatePaths(AssemblyDirectory(), RuntimeId(), FileName())
                    : new[] { Path.GetFullPath(Path.Combine(directory, FileName())) };
                foreach (var path in candidates)
                {
                    if (!File.Exists(path)) continue;
                    try
                    {
                        _handle = NativeLibrary.Load(path);
                        return _handle;
                    }
                    catch (Exception e) when (e is DllNotFoundException or BadImageFormatException)
                    {
                        throw new DllNotFoundException($"The tree-sitter native library exists at {path} but could not be loaded (wrong architecture or missing dependency): {e.Message}", e);
                    }
                }
                throw new DllNotFoundException(
                    $"The tree-sitter native library {FileName()} for {RuntimeId()} was not found. Looked in: {string.Join(", ", candidates)}. " +
                    "Build it with src/RuntimePerf.TreeSitter/native/build-native.sh on this platform" +
                    (string.IsNullOrEmpty(directory) ? "" : $" ({DirectoryVariable} names the folder to look in)") + ".");
            }
        }

        private static string AssemblyDirectory()
        {
            string location = typeof(NativeLibraryResolver).Assembly.Location;
            return location.Length > 0 ? Path.GetDirectoryName(location)! : AppContext.BaseDirectory;
        }

        /// <summary>Loads the library now; false with the reason when this platform has none or it does not load.</summary>
        internal static bool TryLoad(out string problem)
        {
            try
            {
                Load();
                problem = "";
                return true;
            }
            catch (Exception e) when (e is DllNotFoundException or BadImageFormatException or IOException or UnauthorizedAccessException)
            {
                problem = e.Message;
                return false;
            }
        }

        /// <summary>The RIDs of the NuGet package this assembly was loaded from (runtimes/*/native), empty outside one.</summary>
        internal static IReadOnlyList<string> PackagedRuntimeIds()
        {
            string runtimes = Path.GetFullPath(Path.Combine(AssemblyDirectory(), "..", "..", "runtimes"));
            if (!Directory.Exists(runtimes)) return Array.Empty<string>();
            var rids = new List<string>();
            foreach (string dir in Directory.GetDirectories(runtimes))
                if (Directory.Exists(Path.Combine(dir, "native"))) rids.Add(Path.GetFileName(dir));
            rids.Sort(StringComparer.Ordinal);
            return rids;
        }

        /// <summary>Build output layout first, then next to the assembly, then the NuGet package layout (tasks/net8.0/ → runtimes/).</summary>
        internal static IReadOnlyList<string> CandidatePaths(string assemblyDir, string rid, string fileName) => new[]
        {
            Path.Combine(assemblyDir, "runtimes", rid, "native", fileName),
            Path.Combine(assemblyDir, fileName),
            Path.GetFullPath(Path.Combine(assemblyDir, "..", "..", "runtimes", rid, "native", fileName)),
        };

        internal static string FileName() =>
            OperatingSystem.IsWindows() ? NativeMethods.Library + ".dll"
            : OperatingSystem.IsMacOS() ? "lib" + NativeMethods.Library + ".dylib"
            : "lib" + NativeMethods.Library + ".so";

        internal static string RuntimeId()
        {
            string os = OperatingSystem.IsWindows() ? "win"
                : OperatingSystem.IsMacOS() ? "osx"
                : RuntimeInformation.RuntimeIdentifier.StartsWith("linux-musl", StringComparison.Ordinal) ? "linux-musl"
                : "linux";
            return os + "-" + RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
        }
    }
}
