using System.Collections.Generic;
using RuntimePerf.TreeSitter.Interop;

namespace RuntimePerf.TreeSitter
{
    /// <summary>Whether the native tree-sitter library this binding needs can be used on this platform.</summary>
    public static class NativeSupport
    {
        /// <summary>This process's runtime identifier as the package names its runtimes/ folders (linux-musl-x64, win-arm64…).</summary>
        public static string RuntimeId => NativeLibraryResolver.RuntimeId();

        /// <summary>
        /// Loads the library (once per process); false, with why, when none exists for <see cref="RuntimeId"/> or it does
        /// not load (wrong architecture, missing C library). Callers then leave the tree-sitter languages out.
        /// </summary>
        public static bool TryLoad(out string problem) => NativeLibraryResolver.TryLoad(out problem);

        /// <summary>The RIDs the NuGet package this binding came from carries a library for (empty outside a package).</summary>
        public static IReadOnlyList<string> PackagedRuntimeIds() => NativeLibraryResolver.PackagedRuntimeIds();
    }
}
