using System;
using System.IO;
using System.Linq;
using RuntimePerf.Engine.Sources;
using Xunit;

namespace RuntimePerf.Tests.Tasks
{
    public sealed class RepositoryRootTests : IDisposable
    {
        private readonly string _dir = Directory.CreateTempSubdirectory("rp-root-").FullName;

        public void Dispose() => Directory.Delete(_dir, recursive: true);

        private string Dir(params string[] parts)
        {
            string path = Path.Combine(new[] { _dir }.Concat(parts).ToArray());
            Directory.CreateDirectory(path);
            return path;
        }

        private static string Slash(string dir) => dir + Path.DirectorySeparatorChar;

        [Fact]
        public void The_nearest_folder_with_a_git_folder_or_a_git_file_wins_else_the_project_folder()
        {
            string project = Dir("repo", "sub", "src", "Api");
            Assert.Equal(Slash(project), RepositoryRoot.Find(project, null));

            Dir("repo", ".git"); // a clone, with or without a commit
            Assert.Equal(Slash(Path.Combine(_dir, "repo")), RepositoryRoot.Find(project, ""));

            File.WriteAllText(Path.Combine(_dir, "repo", "sub", ".git"), "gitdir: ../.git/modules/sub\n"); // a submodule or worktree
            Assert.Equal(Slash(Path.Combine(_dir, "repo", "sub")), RepositoryRoot.Find(project, null));
        }

        [Fact]
        public void A_configured_root_wins_and_a_relative_one_is_relative_to_the_project()
        {
            string project = Dir("repo", "src", "Api");
            Dir("repo", ".git");
            Assert.Equal(Slash(Path.Combine(_dir, "repo", "src")), RepositoryRoot.Find(project, ".."));
            Assert.Equal(Slash(project), RepositoryRoot.Find(project, project));
        }

        [Fact]
        public void Scrubbed_text_keeps_no_absolute_path()
        {
            string root = Dir("repo");
            string message = $"could not audit (IOException: Could not find file '{Path.Combine(root, "src", "app.py")}'.) near /home/someone/other/lib.py, see https://example.org/a/b and n/a";
            string scrubbed = Paths.Scrub(message, root);
            Assert.Equal("could not audit (IOException: Could not find file 'src/app.py'.) near lib.py, see https://example.org/a/b and n/a", scrubbed);
        }
    }
}
