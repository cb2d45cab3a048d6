using System.IO;
using RuntimePerf.Tests.Fixtures;
using Xunit;

namespace RuntimePerf.Tests.Python
{
    public class PythonFixtureTests
    {
        public static TheoryData<string> Fixtures()
        {
            var data = new TheoryData<string>();
            foreach (string path in PythonFixtures.All()) data.Add(PythonFixtures.Relative(path));
            return data;
        }

        [Theory]
        [MemberData(nameof(Fixtures))]
        public void Findings_match_the_expect_marks(string fixture)
        {
            string path = Path.Combine(PythonFixtures.Folder, fixture);
            var result = PythonFixtures.Audit(path);
            Assert.Empty(result.Notices);
            string? diff = FixtureExpectations.Diff(fixture, File.ReadAllText(path), result.Findings);
            Assert.True(diff == null, diff);
        }
    }
}
