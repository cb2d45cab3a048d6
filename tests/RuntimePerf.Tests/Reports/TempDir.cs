using System;
using System.IO;

namespace RuntimePerf.Tests.Reports
{
    /// <summary>A fresh empty directory under the system temp folder, deleted on dispose.</summary>
    internal sealed class TempDir : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("runtimeperf-tests-").FullName;

        public string Combine(string name) => System.IO.Path.Combine(Path, name);

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
