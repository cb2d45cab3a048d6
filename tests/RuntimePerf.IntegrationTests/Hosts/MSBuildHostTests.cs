using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace RuntimePerf.IntegrationTests.Hosts
{
    /// <summary>
    /// How the targets treat a .NET Framework MSBuild (Visual Studio, msbuild.exe), asked for through the private host
    /// properties on this .NET MSBuild: none runs here, so these check the targets' choice, not a Framework process.
    /// </summary>
    [Collection(PackageCollection.Name)]
    public sealed class MSBuildHostTests
    {
        private const string SleepyHandler = """
            var app = WebApplication.CreateBuilder(args).Build();
            app.MapGet("/slow", async () => { Thread.Sleep(100); await Task.Yield(); return "done"; });
            app.Run();
            """;

        private readonly PackageFixture _package;

        public MSBuildHostTests(PackageFixture package) => _package = package;

        [Fact]
        public void A_framework_host_older_than_MSBuild_18_gets_one_warning_and_no_audit_instead_of_a_failed_build()
        {
            var project = _package.NewProject("OldVs").Write("Program.cs", SleepyHandler);

            var result = project.Build("-p:_RuntimePerfHostRuntime=Full", "-p:_RuntimePerfHostVersion=17.14.8", "-p:TreatWarningsAsErrors=true");

            Assert.True(result.Succeeded, result.ToString());
            var warnings = Regex.Matches(result.Output, @"warning RP9996: RuntimePerf: this MSBuild \(Full 17\.14\.8\) cannot run \.NET tasks").Select(m => m.Value).Distinct();
            Assert.Single(warnings);
            Assert.DoesNotContain("RP0002", result.Output);
            Assert.False(File.Exists(project.JsonReport));
        }

        [Fact]
        public void The_task_declarations_for_a_framework_host_of_MSBuild_18_are_accepted_and_audit_as_usual()
        {
            // Runtime="NET": a .NET Framework MSBuild 18 runs the tasks in its .NET task host; this .NET one runs them in-process.
            var project = _package.NewProject("NewVs").Write("Program.cs", SleepyHandler);

            var result = project.Build("-p:_RuntimePerfHostRuntime=Full");

            Assert.False(result.Succeeded, result.ToString());
            Assert.Matches(new Regex(@"Program\.cs\(2,\d+(,\d+,\d+)?\): error RP0002: "), result.Output);
            Assert.DoesNotContain("RP9996", result.Output);
            Assert.True(File.Exists(project.JsonReport));
        }
    }
}
