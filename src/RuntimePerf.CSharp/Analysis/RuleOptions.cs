using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace RuntimePerf.CSharp.Analysis
{
    /// <summary>
    /// Per-rule options from .editorconfig (<c>runtimeperf.RP0001.blocking_calls = Legacy.Db.Query, Acme.Sftp.Upload</c>),
    /// as the compiler and the IDE hand them to the analyzer for each file. List values are comma-separated; read once
    /// per file and key.
    /// </summary>
    internal sealed class RuleOptions
    {
        private readonly AnalyzerConfigOptionsProvider? _provider;
        private readonly ConcurrentDictionary<(SyntaxTree, string), HashSet<string>> _lists =
            new ConcurrentDictionary<(SyntaxTree, string), HashSet<string>>();

        private static readonly HashSet<string> Empty = new HashSet<string>();

        public RuleOptions(AnalyzerOptions? options) => _provider = options?.AnalyzerConfigOptionsProvider;

        /// <summary>The comma-separated values of <c>runtimeperf.{rule}.{option}</c> for the file (empty when unset).</summary>
        public HashSet<string> List(SyntaxTree tree, string ruleId, string option) =>
            _lists.GetOrAdd((tree, ruleId + "." + option), key =>
            {
                if (_provider == null
                    || !_provider.GetOptions(key.Item1).TryGetValue("runtimeperf." + key.Item2.ToLowerInvariant(), out string? value))
                {
                    return Empty;
                }
                return new HashSet<string>(value.Split(',').Select(v => v.Trim()).Where(v => v.Length > 0), StringComparer.Ordinal);
            });
    }
}
