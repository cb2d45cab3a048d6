using System;
using System.Collections.Generic;

namespace RuntimePerf.Languages.Common
{
    /// <summary>
    /// What a team's .editorconfig adds to the built-in knowledge for one file: its own blocking calls
    /// (<c>runtimeperf.RP0001.blocking_calls</c>) and its own request-handler decorators
    /// (<c>runtimeperf.handler_decorators</c>), each by resolved dotted name or as written.
    /// </summary>
    public sealed record LanguageOptions(IReadOnlyCollection<string> BlockingCalls, IReadOnlyCollection<string> HandlerDecorators)
    {
        /// <summary>Where the file is on disk, for front ends that read the project file next to it (Go's <c>go.mod</c>); null when unknown.</summary>
        public string? FullPath { get; init; }

        /// <summary>The audit this file is part of, for facts read once per run (null: each file reads them alone).</summary>
        public AuditRun? Run { get; init; }

        public static LanguageOptions None { get; } = new(Array.Empty<string>(), Array.Empty<string>());

        /// <summary>RuntimePerfIncludeTests: test code inside a source file (Rust's <c>#[cfg(test)]</c> modules) is audited too.</summary>
        public bool IncludeTests { get; init; }
    }
}
