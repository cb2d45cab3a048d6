using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using RuntimePerf.Engine.Sources;
using RuntimePerf.Languages.Common;
using RuntimePerf.Languages.FrontEnds;
using RuntimePerf.Languages.Rules;
using RuntimePerf.TreeSitter;
using Language = RuntimePerf.Engine.Model.Language;

namespace RuntimePerf.Languages.Rust
{
    /// <summary>Rust (Tokio, async-std; axum, actix-web, warp, Rocket, tonic).</summary>
    public sealed class RustFrontEnd : ILanguageFrontEnd
    {
        public static readonly RustFrontEnd Instance = new();

        /// <summary>How far into a file a generated-code marker is looked for (tools put it in the header).</summary>
        private const int HeaderBytes = 2048;

        public IReadOnlyList<LanguageFiles> Files { get; } = new[]
        {
            new LanguageFiles(Language.Rust, new[] { ".rs" })
            {
                // Cargo's build output (with build scripts' OUT_DIR) and vendored crates are not the project's code.
                SkippedFolders = new[] { "target", "vendor" },
                TestFolders = new[] { "benches" },
                IsTestName = name => name is "tests.rs",
                IsBuildScript = full => Path.GetFileName(full) == "build.rs" && File.Exists(Path.Combine(Path.GetDirectoryName(full) ?? "", "Cargo.toml")),
                CommentStarts = new[] { "//" },
                Suppressions = new[] { LanguageFiles.SlashIgnore },
            },
        };

        public TreeSitter.Language Grammar(string relativePath) => TreeSitter.Languages.Rust;

        /// <summary>An <c>@generated</c> marker in the header (prost, bindgen, cargo's own convention).</summary>
        public string? SkipReason(string relativePath, SourceText text)
        {
            var head = text.Utf8.Slice(0, Math.Min(text.Utf8.Length, HeaderBytes));
            return head.IndexOf("@generated"u8) >= 0 ? "generated file (@generated header)" : null;
        }

        /// <summary>
        /// tree-sitter-rust 0.24 reads <c>&amp;raw</c> as the start of a raw borrow (<c>&amp;raw const x</c>) even when <c>raw</c> is a
        /// variable (<c>from_slice(&amp;raw)</c>) and fails the whole expression: there the <c>&amp;</c> becomes a space, so the
        /// variable parses as itself (the model shows ` raw` there).
        /// </summary>
        public SourceText ForParsing(SourceText text)
        {
            var bytes = text.Utf8;
            byte[]? mended = null;
            for (int at = bytes.IndexOf("&raw"u8); at >= 0;)
            {
                int after = at + 4;
                if ((after >= bytes.Length || !IsIdentifierByte(bytes[after]) && !RawBorrowFollows(bytes.Slice(after))) && Unary(bytes, at))
                {
                    mended ??= bytes.ToArray();
                    mended[at] = (byte)' ';
                }
                int next = bytes.Slice(after).IndexOf("&raw"u8);
                at = next < 0 ? -1 : after + next;
            }
            return mended == null ? text : SourceText.From(mended);
        }

        /// <summary>The <c>&amp;</c> at <paramref name="at"/> borrows (<c>f(&amp;raw)</c>, <c>= &amp;raw</c>), not a bitwise and (<c>mask&amp;raw</c>, <c>(a)&amp;raw</c>).</summary>
        private static bool Unary(ReadOnlySpan<byte> bytes, int at)
        {
            int before = at - 1;
            while (before >= 0 && bytes[before] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') before--;
            return before < 0 || !IsIdentifierByte(bytes[before]) && bytes[before] is not ((byte)')' or (byte)']');
        }

        private static bool IsIdentifierByte(byte b) => b == '_' || b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= 0x80;

        /// <summary><c>&amp;raw const x</c>, <c>&amp;raw mut x</c>: the real raw borrow.</summary>
        private static bool RawBorrowFollows(ReadOnlySpan<byte> rest)
        {
            rest = rest.TrimStart(" \t\r\n"u8);
            int keyword = rest.StartsWith("const"u8) ? 5 : rest.StartsWith("mut"u8) ? 3 : 0;
            return keyword > 0 && (rest.Length == keyword || !IsIdentifierByte(rest[keyword]));
        }

        public SourceModel Build(SyntaxTree tree, string relativePath, LanguageOptions options)
        {
            var model = RustModelBuilder.Build(tree, relativePath, options.IncludeTests, CargoManifest.DependenciesFor(options.FullPath));
            RustFrameworks.MarkConfigured(model, options.HandlerDecorators);
            return model;
        }

        /// <summary>The dependencies of the nearest Cargo.toml that change findings (the runtime, frameworks of shared route methods).</summary>
        public string? OutsideSettings(LanguageOptions options) =>
            CargoManifest.DependenciesFor(options.FullPath) is { } dependencies
                ? "Cargo.toml: " + string.Join(",", RustTables.ManifestDependencies.Where(dependencies.Contains))
                : "no Cargo.toml";

        public ILanguageKnowledge Knowledge => RustKnowledge.Instance;

        /// <summary>The shared rules the Rust tables answer, and Rust's own guard, copy, preallocation, channel and spawn-per-item rules.</summary>
        public IReadOnlyList<IRule> Rules { get; } = new IRule[]
        {
            new BlockingIo(),
            new SyncSleep(),
            new CpuBoundInAsync(),
            new BlockingWait(),
            new SequentialAwaits(),
            new AwaitInLoop(),
            new FireAndForget(),
            new Rules.ClientPerRequest(),
            new Rules.MaterializeToCount(),
            new ExpensiveObject(),
            new StringConcatInLoop(),
            new QuadraticScan(),
            new Rules.LockAroundIo(),
            new Rules.RedundantCopy(),
            new Rules.MissingPreallocation(),
            new Rules.MissingBackpressure(),
            new Rules.UnboundedConcurrency(),
        };
    }
}
