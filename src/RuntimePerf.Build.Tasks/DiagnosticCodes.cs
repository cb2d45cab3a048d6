namespace RuntimePerf.Build.Tasks
{
    /// <summary>Codes of the task's own messages (rule findings use their rule id).</summary>
    internal static class DiagnosticCodes
    {
        public const string GateFailed = "RPGATE";
        public const string BadSetting = "RPCONFIG";
        public const string AuditFailed = "RPAUDIT";
        public const string FileNotice = "RPFILE";
        /// <summary>No native tree-sitter library for this platform: the non-.NET languages are left out (a warning, never an error).</summary>
        public const string NativeLibraryMissing = "RP9997";
    }
}
