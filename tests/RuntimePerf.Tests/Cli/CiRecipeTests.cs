using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace RuntimePerf.Tests.Cli
{
    /// <summary>docs/ci/: valid YAML, the steps the README promises, and the paths they use exist or are made by the run.</summary>
    public class CiRecipeTests
    {
        private static YamlMappingNode Load(string name)
        {
            var yaml = new YamlStream();
            using (var reader = new StringReader(File.ReadAllText(RepoRootAttribute.Combine("docs", "ci", name)))) yaml.Load(reader);
            return (YamlMappingNode)Assert.Single(yaml.Documents).RootNode;
        }

        private static IEnumerable<YamlMappingNode> Steps(YamlMappingNode steps) => ((YamlSequenceNode)steps["steps"]).Children.Cast<YamlMappingNode>();

        private static string? Scalar(YamlMappingNode node, string key) =>
            node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? (value as YamlScalarNode)?.Value : null;

        [Fact]
        public void GitHub_workflow_audits_uploads_the_sarif_summarises_and_gates()
        {
            var root = Load("github-actions.yml");
            Assert.True(Directory.Exists(RepoRootAttribute.Combine(Scalar((YamlMappingNode)root["env"], "AUDIT_PATH")!)));
            var steps = Steps((YamlMappingNode)((YamlMappingNode)root["jobs"])["audit"]).ToList();
            string audit = steps.Select(s => Scalar(s, "run") ?? "").Single(r => r.Contains("runtimeperf audit"));
            string sarif = Regex.Match(audit, @"--sarif (\S+)").Groups[1].Value;
            var upload = steps.Single(s => (Scalar(s, "uses") ?? "").StartsWith("github/codeql-action/upload-sarif@"));
            Assert.Equal(sarif, Scalar((YamlMappingNode)upload["with"], "sarif_file"));
            Assert.Contains(steps, s => (Scalar(s, "run") ?? "").Contains("$GITHUB_STEP_SUMMARY"));
            Assert.Contains(steps, s => (Scalar(s, "run") ?? "").Contains("exit 1") && Scalar(s, "if")!.Contains("steps.audit.outputs.exit"));
            Assert.Equal("write", Scalar((YamlMappingNode)root["permissions"], "security-events"));
        }

        [Fact]
        public void Azure_pipeline_audits_publishes_the_sarif_summarises_and_gates()
        {
            var root = Load("azure-pipelines.yml");
            Assert.True(Directory.Exists(RepoRootAttribute.Combine(Scalar((YamlMappingNode)root["variables"], "auditPath")!)));
            var steps = Steps(root).ToList();
            string audit = steps.Select(s => Scalar(s, "script") ?? "").Single(r => r.Contains("runtimeperf audit"));
            Assert.Matches(@"--sarif ""\$\(Build.ArtifactStagingDirectory\)/CodeAnalysisLogs/", audit);
            Assert.Contains("##vso[task.uploadsummary]", audit);
            Assert.Contains(steps, s => Scalar(s, "task") == "PublishBuildArtifacts@1" && Scalar((YamlMappingNode)s["inputs"], "ArtifactName") == "CodeAnalysisLogs");
            Assert.Contains(steps, s => (Scalar(s, "script") ?? "").Contains("exit 1") && (Scalar(s, "condition") ?? "").Contains("runtimeperfExit"));
        }

        [Fact]
        public void The_README_points_to_both_recipes()
        {
            string readme = File.ReadAllText(RepoRootAttribute.Combine("README.md"));
            Assert.Contains("](docs/ci/github-actions.yml)", readme);
            Assert.Contains("](docs/ci/azure-pipelines.yml)", readme);
        }
    }
}
