using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xunit;

namespace RuntimePerf.IntegrationTests
{
    /// <summary>
    /// Packs RuntimePerf.Build once (from the task project's output of this test run's configuration) into a
    /// private folder feed, with a private NuGet cache so every run restores the package it just packed.
    /// </summary>
    public sealed class PackageFixture : IDisposable
    {
        public string Root { get; } = Path.Combine(Path.GetTempPath(), "rpit-" + Guid.NewGuid().ToString("N").Substring(0, 8));
        public string Feed => Path.Combine(Root, "feed");
        public string Version { get; }
        public IReadOnlyDictionary<string, string> Environment { get; }

        public PackageFixture()
        {
            Directory.CreateDirectory(Feed);
            var info = BuildInfoAttribute.Current;
            Environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(Root, "packages") };
            var pack = DotNet.Run(info.RepoRoot, Environment, "pack",
                Path.Combine(info.RepoRoot, "src", "RuntimePerf.Build.Tasks", "RuntimePerf.Build.Tasks.csproj"),
                "-c", info.Configuration, "--no-build", "-o", Feed, "-nr:false");
            if (!pack.Succeeded) throw new InvalidOperationException("dotnet pack failed:\n" + pack);
            string nupkg = Directory.GetFiles(Feed, "RuntimePerf.Build.*.nupkg").Single();
            Version = Path.GetFileNameWithoutExtension(nupkg).Substring("RuntimePerf.Build.".Length);
        }

        /// <summary>A nuget.config that restores the package from the private feed.</summary>
        public string NuGetConfig => $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{Feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            </configuration>
            """;

        public string Nupkg => Directory.GetFiles(Feed, "RuntimePerf.Build.*.nupkg").Single();

        /// <summary>A new folder under this run's temporary root (for repositories that hold a project).</summary>
        public string NewFolder(string name)
        {
            string dir = Path.Combine(Root, "projects", name + "-" + Guid.NewGuid().ToString("N").Substring(0, 6));
            Directory.CreateDirectory(dir);
            return dir;
        }

        /// <summary>A new consumer project folder (or <paramref name="directory"/>) with a nuget.config that points at the private feed.</summary>
        public ConsumerProject NewProject(string name, string sdk = "Microsoft.NET.Sdk.Web", string properties = "", string items = "", string? directory = null)
        {
            string dir = directory ?? Path.Combine(Root, "projects", name + "-" + Guid.NewGuid().ToString("N").Substring(0, 6));
            Directory.CreateDirectory(dir);
            File.WriteAllText(Path.Combine(dir, "nuget.config"), NuGetConfig);
            bool multi = properties.Contains("<TargetFrameworks>", StringComparison.Ordinal);
            File.WriteAllText(Path.Combine(dir, name + ".csproj"), $"""
                <Project Sdk="{sdk}">
                  <PropertyGroup>
                    {(multi ? "" : "<TargetFramework>net10.0</TargetFramework>")}
                    <ImplicitUsings>enable</ImplicitUsings>
                    <Nullable>enable</Nullable>
                    {properties}
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="RuntimePerf.Build" Version="{Version}" PrivateAssets="all" />
                    {items}
                  </ItemGroup>
                </Project>
                """);
            return new ConsumerProject(this, dir, name);
        }

        public void Dispose()
        {
            try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    [CollectionDefinition(Name)]
    public sealed class PackageCollection : ICollectionFixture<PackageFixture>
    {
        public const string Name = "package";
    }

    public sealed class ConsumerProject
    {
        private readonly PackageFixture _fixture;

        public ConsumerProject(PackageFixture fixture, string directory, string name)
        {
            _fixture = fixture;
            Directory = directory;
            Name = name;
        }

        public string Directory { get; }
        public string Name { get; }
        public string ProjectFile => Path.Combine(Directory, Name + ".csproj");
        public string ObjDir => Path.Combine(Directory, "obj", "Debug", "net10.0");
        public string JsonReport => Path.Combine(ObjDir, "runtimeperf.json");
        public string SarifReport => Path.Combine(ObjDir, "runtimeperf.sarif");

        public ConsumerProject Write(string relativePath, string content)
        {
            string path = Path.Combine(Directory, relativePath);
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, content);
            return this;
        }

        public RunResult Build(params string[] extra) =>
            DotNet.Run(Directory, _fixture.Environment, new[] { "build", ProjectFile, "-nr:false" }.Concat(extra).ToArray());

        public RunResult Msbuild(params string[] extra) =>
            DotNet.Run(Directory, _fixture.Environment, new[] { "msbuild", ProjectFile, "-nr:false" }.Concat(extra).ToArray());
    }
}
