using System;
using System.IO;

namespace RuntimePerf.Tests.Reports
{
    /// <summary>A fresh empty directory under the system temp folder, deleted on dispose.</summary>
    internal sealed class TempDir : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("runtimeperf-tests-").FullName;

        public string Combine(string name) => System.IO.Path.Combine(Path, name);

        /// <summary>Writes a file at <paramref name="relativePath"/>, making the folders it needs.</summary>
        public void Write(string relativePath, string text)
        {
            string path = Combine(relativePath);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text);
        }

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
