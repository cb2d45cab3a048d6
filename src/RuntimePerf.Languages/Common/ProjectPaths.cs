namespace RuntimePerf.Languages.Common
{
    /// <summary>What a file's place in the project says about it, the same in every language that asks.</summary>
    public static class ProjectPaths
    {
        /// <summary>
        /// The folders of the scripts that build, generate or check the project: <c>scripts/</c> at any depth (mediasoup's
        /// <c>worker/scripts/</c>), <c>tools/</c> at the top. Not <c>tools/</c> inside a package (mitmproxy's <c>mitmproxy/tools/</c>
        /// holds its console and web apps), nor <c>script/</c> (dnt's CommonJS build of a Deno module).
        /// </summary>
        /// <param name="parts">The path's segments, the file's name last.</param>
        public static bool IsBuildToolFolder(string[] parts)
        {
            for (int i = 0; i < parts.Length - 1; i++)
            {
                if (parts[i] == "scripts" || i == 0 && parts[i] == "tools") return true;
            }
            return false;
        }
    }
}
