using System.IO;
using System.Linq;
using RuntimePerf.Engine.Model;
using Xunit;

namespace RuntimePerf.Tests.CSharp
{
    /// <summary>The in-task run marks what the code suppresses the way the compiler's error log does.</summary>
    public class SuppressionTests
    {
        [Fact]
        public void Pragma_and_SuppressMessage_findings_are_kept_and_marked_with_their_reason()
        {
            string dir = Path.Combine(Path.GetTempPath(), "runtimeperf-tests", System.Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            string path = Path.Combine(dir, "Probes.cs");
            File.WriteAllText(path, @"using System.Diagnostics.CodeAnalysis;
using System.Threading;
using System.Threading.Tasks;

public static class Probes
{
    [SuppressMessage(""RuntimePerf"", ""RP0002:Sync sleep in async"", Justification = ""runs once at start-up"")]
    public static async Task WarmUp() { Thread.Sleep(10); await Task.Yield(); }

    public static async Task Settle()
    {
#pragma warning disable RP0002
        Thread.Sleep(10);
#pragma warning restore RP0002
        await Task.Yield();
    }

    public static async Task Poll() { Thread.Sleep(10); await Task.Yield(); }
}
");
            var findings = CSharpFixtures.Audit(path).Findings.OrderBy(f => f.Span.Line).ToList();

            Assert.Equal(new[] { 8, 13, 18 }, findings.Select(f => f.Span.Line));
            Assert.Equal(new Suppression(SuppressionKinds.Attribute, "runs once at start-up"), findings[0].Suppression);
            Assert.Equal(new Suppression(SuppressionKinds.Pragma, ""), findings[1].Suppression);
            Assert.Null(findings[2].Suppression);
        }
    }
}
