using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using RuntimePerf.CSharp;
using RuntimePerf.Engine.Model;
using RuntimePerf.Tests.Fixtures;
using Xunit;

namespace RuntimePerf.Tests.CSharp
{
    public class CSharpFixtureTests
    {
        public static TheoryData<string> Fixtures()
        {
            var data = new TheoryData<string>();
            foreach (string path in CSharpFixtures.All()) data.Add(Path.GetFileName(path));
            return data;
        }

        [Theory]
        [MemberData(nameof(Fixtures))]
        public void Findings_match_the_expect_marks(string fixture)
        {
            string path = Path.Combine(CSharpFixtures.Folder, fixture);
            var result = CSharpFixtures.Audit(path);
            Assert.Empty(result.Notices);
            string? diff = FixtureExpectations.Diff(fixture, File.ReadAllText(path), result.Findings);
            Assert.True(diff == null, diff);
        }

        [Theory]
        [MemberData(nameof(Fixtures))]
        public void Fixtures_are_real_code_that_compiles(string fixture)
        {
            var compilation = CSharpAudit.Compile(CSharpFixtures.Input(Path.Combine(CSharpFixtures.Folder, fixture)),
                new ConcurrentQueue<AuditNotice>(), CancellationToken.None);
            // CS8805: top-level statements in a library; the audit compiles everything as one.
            var errors = compilation.GetDiagnostics()
                .Where(d => d.Severity == DiagnosticSeverity.Error && d.Id != "CS8805")
                .Select(d => d.Id + " " + d.Location.GetLineSpan().StartLinePosition + " " + d.GetMessage());
            Assert.Empty(errors);
        }

        [Fact]
        public void A_fixture_without_marks_yields_no_findings()
        {
            string path = Path.Combine(CSharpFixtures.Folder, "Clean_service.cs");
            Assert.Empty(FixtureExpectations.Parse(File.ReadAllText(path)));
            Assert.Empty(CSharpFixtures.Audit(path).Findings);
        }
    }
}
