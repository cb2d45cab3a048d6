using System;
using System.IO;
using System.Reflection;

namespace RuntimePerf.Tests
{
    /// <summary>The repository root, baked in at build time, so tests can find docs/, samples/ and fixtures.</summary>
    [AttributeUsage(AttributeTargets.Assembly)]
    public sealed class RepoRootAttribute : Attribute
    {
        public RepoRootAttribute(string path) => Path = path;
        public string Path { get; }

        public static string Value =>
            System.IO.Path.GetFullPath(typeof(RepoRootAttribute).Assembly.GetCustomAttribute<RepoRootAttribute>()!.Path);

        public static string Combine(params string[] parts) => System.IO.Path.Combine(Value, System.IO.Path.Combine(parts));
    }
}
