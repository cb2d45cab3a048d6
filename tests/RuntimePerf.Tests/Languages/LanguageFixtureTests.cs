using System.IO;
using RuntimePerf.Tests.Fixtures;
using Xunit;

namespace RuntimePerf.Tests.Languages
{
    /// <summary>Every fixture of every tree-sitter language: the findings are exactly the file's <c>expect:</c> marks.</summary>
    public class LanguageFixtureTests
    {
        public static TheoryData<string> Fixtures()
        {
            var data = new TheoryData<string>();
            foreach (var (_, path) in LanguageFixtures.All()) data.Add(Path.GetRelativePath(LanguageFixtures.Root, path).Replace('\\', '/'));
            return data;
        }

        [Theory]
        [MemberData(nameof(Fixtures))]
        public void Findings_match_the_expect_marks(string fixture)
        {
            string path = Path.Combine(LanguageFixtures.Root, fixture);
            string folder = Path.Combine(LanguageFixtures.Root, fixture.Substring(0, fixture.IndexOf('/')));
            var result = LanguageFixtures.AuditUnder(folder, path);
            Assert.Empty(result.Notices);
            string? diff = FixtureExpectations.Diff(fixture, File.ReadAllText(path), result.Findings);
            Assert.True(diff == null, diff);
        }
    }
}
