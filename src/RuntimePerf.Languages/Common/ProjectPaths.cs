namespace RuntimePerf.Languages.Common
{
    /// <summary>What a file's place in the project says about it, the same in every language that asks.</summary>
    public static class ProjectPaths
    {
        /// <summary>
        /// The folders of the scripts that build, generate or check the project: <c>scripts/</c> and <c>tools/</c> at the top of
        /// the audited folder, and with <paramref name="nestedScripts"/> <c>scripts/</c> at any depth (a monorepo package's
        /// <c>packages/ui/scripts/</c>). Not <c>tools/</c> inside a package (mitmproxy's <c>mitmproxy/tools/</c> holds its console
        /// and web apps; a Python package's <c>scripts/</c> may be its console scripts, pyramid's <c>pserve</c>), nor <c>script/</c>
        /// (dnt's CommonJS build of a Deno module).
        /// </summary>
        /// <param name="parts">The path's segments, the file's name last.</param>
        public static bool IsBuildToolFolder(string[] parts, bool nestedScripts)
        {
            for (int i = 0; i < parts.Length - 1; i++)
            {
                if (i == 0 && parts[i] is "scripts" or "tools" || nestedScripts && parts[i] == "scripts") return true;
            }
            return false;
        }
    }
}
