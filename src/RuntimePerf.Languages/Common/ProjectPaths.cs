namespace RuntimePerf.Languages.Common
{
    /// <summary>What a file's place in the project says about it, the same in every language that asks.</summary>
    public static class ProjectPaths
    {
        /// <summary>Why build tooling is skipped: so that nothing is reported there, RP0100 for its suppression comments included.</summary>
        public const string BuildToolReason = "build tooling (scripts/, a build tool's configuration): never runs in the program";

        /// <summary>
        /// The folders of the scripts that build, generate or check the project: <c>scripts/</c> at the top of the repository, and
        /// with <paramref name="nestedScripts"/> at any depth (a monorepo package's <c>packages/ui/scripts/</c>). Not a Python
        /// package's own <c>scripts/</c> (its console scripts, pyramid's <c>pserve</c>), nor <c>tools/</c> (mitmproxy's
        /// <c>mitmproxy/tools/</c> holds its console and web apps, and a repository's <c>tools/</c> may hold services a project
        /// lists as its sources), nor <c>script/</c> (dnt's CommonJS build of a Deno module).
        /// </summary>
        /// <param name="parts">The path's segments, the file's name last.</param>
        public static bool IsBuildToolFolder(string[] parts, bool nestedScripts)
        {
            for (int i = 0; i < parts.Length - 1; i++)
            {
                if (parts[i] == "scripts" && (i == 0 || nestedScripts)) return true;
            }
            return false;
        }
    }
}
