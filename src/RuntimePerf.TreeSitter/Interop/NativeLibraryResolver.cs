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
    /// </summary>
    internal static class NativeLibraryResolver
    {
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
                string location = typeof(NativeLibraryResolver).Assembly.Location;
                string assemblyDir = location.Length > 0 ? Path.GetDirectoryName(location)! : AppContext.BaseDirectory;
                var candidates = CandidatePaths(assemblyDir, RuntimeId(), FileName());
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
                    "Build it with src/RuntimePerf.TreeSitter/native/build-native.sh on this platform.");
            }
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
