using RuntimePerf.Engine.Scoring;
using Xunit;

namespace RuntimePerf.Tests
{
    public class ScoreTests
    {
        [Theory]
        [InlineData(0, 0, 0, 0, 10.0)]
        [InlineData(0, 2, 2, 1, 6.8)]   // 10 - (2 + 1 + 0.2)
        [InlineData(0, 0, 0, 3, 9.4)]   // 0.2 × 3 must be exactly 0.6
        [InlineData(1, 0, 0, 0, 8.0)]
        [InlineData(3, 5, 0, 0, 0.0)]   // penalty 11 clamps to 0
        [InlineData(0, 0, 1, 0, 9.5)]
        public void Score_follows_the_penalty_formula(int critical, int high, int medium, int low, double expected)
        {
            var counts = new SeverityCounts(critical, high, medium, low);
            Assert.Equal(expected, counts.Score);
            Assert.Equal(critical + high + medium + low, counts.Total);
        }
    }
}
