using System;
using System.IO;
using System.Linq;
using RuntimePerf.Languages.FrontEnds;
using RuntimePerf.Build.Tasks.Configuration;
using RuntimePerf.Engine.Configuration;
using RuntimePerf.Engine.Model;
using RuntimePerf.Engine.Sources;
using RuntimePerf.Languages;
using RuntimePerf.Languages.Common;
using RuntimePerf.Tests.Fixtures;
using RuntimePerf.Tests.Reports;
using Xunit;

namespace RuntimePerf.Tests.Tasks
{
    public class EditorConfigSettingsTests
    {
        [Theory]
        [InlineData("none", null, true, null)]
        [InlineData("silent", null, true, null)]
        [InlineData("suggestion", null, false, Severity.Low)]
        [InlineData("warning", null, false, Severity.Medium)]
        [InlineData("error", null, false, Severity.High)]
        [InlineData("warning", "critical", false, Severity.Critical)]
        [InlineData("error", "none", true, null)]
        public void Severity_values_map_to_off_or_a_severity(string? dotnet, string? own, bool off, Severity? severity)
        {
            Assert.Equal(new RuleSetting(off, severity), RuleSetting.From(dotnet, own, out string? problem));
            Assert.Null(problem);
        }

        [Fact]
        public void A_value_that_is_not_understood_is_named_and_the_other_setting_still_applies()
        {
            Assert.Equal(new RuleSetting(false, Severity.Medium), RuleSetting.From("warning", "loud", out string? problem));
            Assert.Contains("'loud'", problem);
        }

        [Fact]
        public void Sections_and_folders_apply_per_file_and_root_stops_the_walk()
        {
            using var dir = new TempDir();
            // Above the root config: must not apply.
            File.WriteAllText(dir.Combine(".editorconfig"), "[*]\nruntimeperf.RP0005.severity = critical\n");
            Directory.CreateDirectory(dir.Combine("repo/legacy"));
            Directory.CreateDirectory(dir.Combine("repo/api"));
            File.WriteAllText(dir.Combine("repo/.editorconfig"), "root = true\n\n[*.{cs,py}]\ndotnet_diagnostic.RP0001.severity = warning\nruntimeperf.excluded_paths = gen/**\n");
            File.WriteAllText(dir.Combine("repo/legacy/.editorconfig"), "[*]\ndotnet_diagnostic.RP0001.severity = none\n");
            File.WriteAllText(dir.Combine("repo/api/.editorconfig"), "[*.py]\nruntimeperf.RP0009.severity = high\n");
            var settings = new EditorConfigSettings();

            Assert.Equal(new RuleSetting(true, null), settings.For(dir.Combine("repo/legacy/old.py"), "RP0001"));
            Assert.Equal(new RuleSetting(false, Severity.Medium), settings.For(dir.Combine("repo/api/app.py"), "RP0001"));
            Assert.Equal(new RuleSetting(false, Severity.High), settings.For(dir.Combine("repo/api/app.py"), "RP0009"));
            Assert.Null(settings.For(dir.Combine("repo/api/Program.cs"), "RP0009"));
            Assert.Null(settings.For(dir.Combine("repo/api/app.py"), "RP0005"));
            Assert.Equal("gen/**", settings.Option(dir.Combine("repo/api/x.cs"), "excluded_paths"));
            Assert.Empty(settings.Problems);
        }

        [Fact]
        public void Category_and_analyzer_wide_keys_turn_rules_off_but_never_change_their_severity()
        {
            using var dir = new TempDir();
            Directory.CreateDirectory(dir.Combine("repo/quiet"));
            Directory.CreateDirectory(dir.Combine("repo/loud"));
            Directory.CreateDirectory(dir.Combine("repo/own"));
            File.WriteAllText(dir.Combine("repo/.editorconfig"), "root = true\n\n[*]\ndotnet_analyzer_diagnostic.severity = warning\n");
            File.WriteAllText(dir.Combine("repo/quiet/.editorconfig"), "[*.cs]\ndotnet_analyzer_diagnostic.category-RuntimePerformance.severity = none\n");
            File.WriteAllText(dir.Combine("repo/loud/.editorconfig"), "[*]\ndotnet_analyzer_diagnostic.severity = none\ndotnet_analyzer_diagnostic.category-RuntimePerformance.severity = warning\n");
            File.WriteAllText(dir.Combine("repo/own/.editorconfig"), "[*.cs]\ndotnet_analyzer_diagnostic.category-RuntimePerformance.severity = none\ndotnet_diagnostic.RP0002.severity = error\n");
            var settings = new EditorConfigSettings();

            Assert.Equal(new RuleSetting(true, null), settings.For(dir.Combine("repo/quiet/Program.cs"), "RP0001"));
            // The category's key wins over the analyzer-wide one; "warning" for every analyzer leaves RP severities alone.
            Assert.Null(settings.For(dir.Combine("repo/loud/Program.cs"), "RP0001"));
            Assert.Null(settings.For(dir.Combine("repo/Program.cs"), "RP0001"));
            // A rule's own key wins over the category's.
            Assert.Equal(new RuleSetting(false, Severity.High), settings.For(dir.Combine("repo/own/Program.cs"), "RP0002"));
            Assert.Equal(new RuleSetting(true, null), settings.For(dir.Combine("repo/own/Program.cs"), "RP0001"));
        }

        /// <summary>
        /// Per-rule options as the task passes them: the fixture folder's .editorconfig declares a handler decorator
        /// (its functions become request handlers: clients per call and blocking calls are judged as such) and a
        /// blocking call; the marks in the fixture are the whole expected set.
        /// </summary>
        [Fact]
        public void Configured_handler_decorators_and_blocking_calls_apply_to_the_files_under_the_editorconfig()
        {
            string root = Path.Combine(AppContext.BaseDirectory, "fixtures", "python-configured");
            string file = Path.Combine(root, "consumers", "orders.py");
            var settings = new EditorConfigSettings();
            var files = new SourceSet(root, root, Array.Empty<string>())
                .Classify(new[] { file }, FrontEndRegistry.AllFiles, includeTests: false);

            var result = TreeSitterAudit.Run(files, configured: path => new LanguageOptions(
                settings.ListOption(Path.Combine(root, path), "rp0001.blocking_calls"),
                settings.ListOption(Path.Combine(root, path), "handler_decorators")));

            Assert.Empty(result.Notices);
            Assert.Empty(settings.Problems);
            string? diff = FixtureExpectations.Diff("consumers/orders.py", File.ReadAllText(file), result.Findings);
            Assert.True(diff == null, diff);
        }
    }
}
