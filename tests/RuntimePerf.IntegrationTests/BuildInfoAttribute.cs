using System;
using System.Reflection;

namespace RuntimePerf.IntegrationTests
{
    /// <summary>Repository root and build configuration, baked in at build time.</summary>
    [AttributeUsage(AttributeTargets.Assembly)]
    public sealed class BuildInfoAttribute : Attribute
    {
        public BuildInfoAttribute(string repoRoot, string configuration)
        {
            RepoRoot = repoRoot;
            Configuration = configuration;
        }

        public string RepoRoot { get; }
        public string Configuration { get; }

        public static BuildInfoAttribute Current => typeof(BuildInfoAttribute).Assembly.GetCustomAttribute<BuildInfoAttribute>()!;
    }
}
