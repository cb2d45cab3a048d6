using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using RuntimePerf.Engine.IO;
using RuntimePerf.Engine.Model;
using RuntimePerf.Languages.Common;
using RuntimePerf.Languages.FrontEnds;
using RuntimePerf.TreeSitter;
using Language = RuntimePerf.Engine.Model.Language;

namespace RuntimePerf.Languages
{
    /// <summary>
    /// What the tree-sitter audit kept of each file in the previous run (obj/…/runtimeperf.cache), so that a build after
    /// an edit parses and audits only the files that changed. An entry is used only when its key matches: a hash of the
    /// file's bytes, its language and the settings that apply to it (.editorconfig's blocking calls and handler
    /// decorators, RuntimePerfIncludeTests, what a front end reads beside the file); the whole cache only when these very
    /// assemblies wrote it. An entry holds a file's own findings, its calls to helpers and its functions' summaries: the
    /// program-wide pass (<see cref="ProgramIndex"/>) runs over every file's summaries on every run, so a cached file takes
    /// part in it exactly as a fresh one, and a helper edited in one file changes the findings in the files that call it.
    /// No absolute path and no source line goes in (a finding's line is read back from the file, whose hash matched).
    /// </summary>
    public sealed class AuditCache
    {
        private const string Magic = "RuntimePerf.AuditCache";
        private const int FormatVersion = 1;
        private const int HashLength = 32;

        /// <summary>The assemblies whose code decides the findings: a cache from any other build of them is foreign.</summary>
        private static readonly string ToolIdentity = string.Join(" ",
            new[] { typeof(AuditCache), typeof(Finding), typeof(SourceText) }.Select(t => t.Assembly.ManifestModule.ModuleVersionId.ToString("N")));

        private readonly Dictionary<string, Entry> _previous;
        private readonly ConcurrentDictionary<string, Entry> _current = new(StringComparer.Ordinal);
        private int _reused;
        private int _fresh;

        private AuditCache(Dictionary<string, Entry> previous, string? problem) => (_previous, Problem) = (previous, problem);

        /// <summary>Why the file on disk was not used (it is overwritten on save); null when it was, or when there was none.</summary>
        public string? Problem { get; }

        /// <summary>Files whose entry was used in this run.</summary>
        public int Reused => _reused;

        /// <summary>Files audited in this run and stored for the next one.</summary>
        public int Fresh => _fresh;

        /// <summary>An empty cache: every file is audited, and its result kept for <see cref="Save"/>.</summary>
        public static AuditCache Empty() => new(new Dictionary<string, Entry>(StringComparer.Ordinal), null);

        /// <summary>The cache in <paramref name="path"/>; an empty one (with <see cref="Problem"/> set) when it is damaged or foreign.</summary>
        public static AuditCache Load(string path)
        {
            try
            {
                return File.Exists(path) ? new AuditCache(Read(File.ReadAllBytes(path)), null) : Empty();
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is FormatException || e is ArgumentException)
            {
                return new AuditCache(new Dictionary<string, Entry>(StringComparer.Ordinal), e is FormatException ? e.Message : e.GetType().Name + ": " + e.Message);
            }
        }

        /// <summary>
        /// Writes this run's entries (files no longer audited are dropped) via a temporary file and a rename, so a reader
        /// or a concurrent build never sees half a cache; nothing when they are the entries read. Returns whether it wrote.
        /// </summary>
        public bool Save(string path)
        {
            if (_fresh == 0 && _current.Count == _previous.Count && Problem == null) return false;
            using var stream = new MemoryStream();
            using (var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
            {
                w.Write(Magic);
                w.Write(FormatVersion);
                w.Write(ToolIdentity);
                w.Write(_current.Count);
                foreach (var pair in _current.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    w.Write(pair.Key);
                    w.Write(pair.Value.Key);
                    w.Write(pair.Value.Data.Length);
                    w.Write(pair.Value.Data);
                }
            }
            stream.Write(SHA256.HashData(stream.GetBuffer().AsSpan(0, (int)stream.Length)));
            return AtomicFile.WriteIfChanged(path, stream.ToArray());
        }

        /// <summary>The key of a file's entry: its bytes and every setting its findings depend on.</summary>
        internal static byte[] Key(byte[] bytes, Language language, LanguageOptions options, ILanguageFrontEnd frontEnd)
        {
            var settings = new[]
            {
                Names.Of(language), string.Join("\n", options.BlockingCalls), string.Join("\n", options.HandlerDecorators),
                options.IncludeTests ? "tests" : "", frontEnd.OutsideSettings(options) ?? "",
            };
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            // Length-prefixed, so no two lists of settings read alike.
            hash.AppendData(Encoding.UTF8.GetBytes(string.Concat(settings.Select(s => s.Length + ":" + s))));
            hash.AppendData(bytes);
            return hash.GetHashAndReset();
        }

        /// <summary>The key of a unit of files modelled together (a Go package): every member's path and key.</summary>
        internal static byte[] UnitKey(IEnumerable<(string Path, byte[] Key)> members)
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            foreach (var (path, key) in members.OrderBy(m => m.Path, StringComparer.Ordinal))
            {
                hash.AppendData(Encoding.UTF8.GetBytes(path.Length + ":" + path));
                hash.AppendData(key);
            }
            return hash.GetHashAndReset();
        }

        /// <summary>A unit member's key: its own and its unit's, so that a change anywhere in the unit audits it again.</summary>
        internal static byte[] InUnit(byte[] key, byte[] unitKey)
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            hash.AppendData(key);
            hash.AppendData(unitKey);
            return hash.GetHashAndReset();
        }

        /// <summary>The previous run's outcome for the file at <paramref name="path"/> (its current text), if its key is the same.</summary>
        internal CachedFile? TryGet(string path, byte[] key, SourceText text)
        {
            if (!_previous.TryGetValue(path, out var entry) || !entry.Key.AsSpan().SequenceEqual(key)) return null;
            CachedFile file;
            try
            {
                file = Decode(entry.Data, text);
            }
            catch (Exception e) when (e is IOException || e is FormatException || e is ArgumentException || e is IndexOutOfRangeException)
            {
                return null; // checksummed, but never trusted blindly: the file is audited again
            }
            _current[path] = entry;
            Interlocked.Increment(ref _reused);
            return file;
        }

        /// <summary>Keeps a file's outcome for the next run.</summary>
        internal void Put(string path, byte[] key, CachedFile file)
        {
            _current[path] = new Entry(key, Encode(file));
            Interlocked.Increment(ref _fresh);
        }

        /// <summary>A file's entry: its key, and its outcome as <see cref="Encode"/> wrote it (decoded only when used).</summary>
        private sealed record Entry(byte[] Key, byte[] Data);

        private static Dictionary<string, Entry> Read(byte[] bytes)
        {
            using var r = new BinaryReader(new MemoryStream(bytes, writable: false), Encoding.UTF8);
            // The magic as BinaryWriter wrote it (its length, one byte, then its UTF-8 text): checked before anything is read as a length.
            if (bytes.Length <= Magic.Length || bytes[0] != Magic.Length || !bytes.AsSpan(1, Magic.Length).SequenceEqual(Encoding.UTF8.GetBytes(Magic)))
                throw new FormatException("not a RuntimePerf audit cache");
            r.ReadString();
            if (r.ReadInt32() != FormatVersion || r.ReadString() != ToolIdentity) throw new FormatException("written by another version of RuntimePerf");
            int end = bytes.Length - HashLength;
            if (end < r.BaseStream.Position || !SHA256.HashData(bytes.AsSpan(0, end)).AsSpan().SequenceEqual(bytes.AsSpan(end)))
                throw new FormatException("damaged (its checksum does not match)");
            var entries = new Dictionary<string, Entry>(StringComparer.Ordinal);
            for (int count = r.ReadInt32(); count > 0; count--)
            {
                string path = r.ReadString();
                byte[] key = r.ReadBytes(HashLength);
                int length = r.ReadInt32();
                if (key.Length != HashLength || length < 0 || length > end - r.BaseStream.Position) throw new FormatException("damaged (an entry runs past its end)");
                entries[path] = new Entry(key, r.ReadBytes(length));
            }
            if (r.BaseStream.Position != end) throw new FormatException("damaged (data after its entries)");
            return entries;
        }

        private static byte[] Encode(CachedFile file)
        {
            using var stream = new MemoryStream();
            using (var w = new CompactWriter(stream))
            {
                w.Write(file.SkipReason != null);
                if (file.SkipReason != null)
                {
                    w.Text(file.SkipReason);
                }
                else
                {
                    var result = file.Result!;
                    w.Write(file.ParseErrors);
                    var index = new Dictionary<HelperFunction, int>();
                    w.Write(result.Functions.Count);
                    foreach (var fn in result.Functions)
                    {
                        index.Add(fn, index.Count);
                        w.Text(fn.Name);
                        w.Write(fn.IsAsync);
                        w.Write(fn.IsHelper);
                        w.Write(fn.DottedNames.Length);
                        foreach (string dotted in fn.DottedNames) w.Text(dotted);
                        w.Write(fn.DirectChains.Count);
                        foreach (var (rule, chain) in fn.DirectChains)
                        {
                            w.Text(rule);
                            w.Text(chain);
                        }
                    }
                    foreach (var fn in result.Functions)
                    {
                        w.Write(fn.Callees.Count);
                        foreach (var callee in fn.Callees) Write(w, callee, index);
                    }
                    w.Write(result.Findings.Count);
                    foreach (var finding in result.Findings) w.Write(finding);
                    w.Write(result.HelperCalls.Count);
                    foreach (var call in result.HelperCalls)
                    {
                        w.Write(call.Draft);
                        w.Text(call.RuleId);
                        Write(w, call.Target, index);
                        w.Text(call.IssueBefore);
                        w.Text(call.IssueAfter);
                        w.Write(call.WhenAsync);
                    }
                }
            }
            return stream.ToArray();
        }

        /// <summary>A call's target: a function of the same file by its index (the file's helpers only know their own), or a dotted name.</summary>
        private static void Write(CompactWriter w, HelperTarget target, Dictionary<HelperFunction, int> index)
        {
            w.Write(target.Local is { } local ? index[local] : -1);
            w.Write(target.Imported != null);
            if (target.Imported != null) w.Text(target.Imported);
        }

        private static CachedFile Decode(byte[] data, SourceText text)
        {
            using var r = new CompactReader(data);
            if (r.ReadBoolean()) return new CachedFile(r.Text(), false, null);
            bool parseErrors = r.ReadBoolean();
            var functions = new List<HelperFunction>();
            for (int n = r.ReadInt32(); n > 0; n--)
            {
                var fn = new HelperFunction(r.Text(), r.ReadBoolean(), r.ReadBoolean());
                var dotted = new List<string>();
                for (int i = r.ReadInt32(); i > 0; i--) dotted.Add(r.Text());
                fn.DottedNames = dotted.ToArray();
                for (int i = r.ReadInt32(); i > 0; i--) fn.DirectChains.Add((r.Text(), r.Text()));
                functions.Add(fn);
            }
            foreach (var fn in functions)
            {
                for (int i = r.ReadInt32(); i > 0; i--) fn.Callees.Add(ReadTarget(r, functions));
            }
            var findings = new List<Finding>();
            for (int n = r.ReadInt32(); n > 0; n--) findings.Add(WithLine(r.ReadFinding(), text));
            var calls = new List<HelperCallFinding>();
            for (int n = r.ReadInt32(); n > 0; n--)
                calls.Add(new HelperCallFinding(WithLine(r.ReadFinding(), text), r.Text(), ReadTarget(r, functions), r.Text(), r.Text(), r.ReadBoolean()));
            if (!r.AtEnd) throw new FormatException("data after the entry");
            return new CachedFile(null, parseErrors, new TreeSitterAudit.FileResult(findings, calls, functions));
        }

        private static HelperTarget ReadTarget(CompactReader r, List<HelperFunction> functions)
        {
            int local = r.ReadInt32();
            string? imported = r.ReadBoolean() ? r.Text() : null;
            return new HelperTarget(local < 0 ? null : functions[local], imported);
        }

        /// <summary>The flagged line's text (for fingerprints) from the file, which the cache does not hold.</summary>
        private static Finding WithLine(Finding finding, SourceText text) => finding with { LineText = text.Line(finding.Span.Line) };
    }

    /// <summary>
    /// What the audit of one file came to, as the cache keeps it: skipped by its front end (a minified bundle), or audited
    /// (with or without parse errors). Outcomes that may differ on the next run (unreadable, timed out, a rule failed) are not kept.
    /// </summary>
    internal sealed record CachedFile(string? SkipReason, bool ParseErrors, TreeSitterAudit.FileResult? Result);
}
