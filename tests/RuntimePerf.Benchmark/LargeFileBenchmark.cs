using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using RuntimePerf.Engine.Sources;
using RuntimePerf.Languages;
using RuntimePerf.Languages.Python;

namespace RuntimePerf.Benchmark
{
    /// <summary>
    /// Memory of the Python audit on one large file: real modules (the Python benchmark's corpus, <see cref="Corpora"/>)
    /// joined into one file of the given size, audited once with no size limit (the task's RuntimePerfMaxFileSize is not
    /// applied here);
    /// prints the time, the process's peak working set and the peak's growth over the working set before the audit,
    /// both also as a multiple of the file's size.
    /// </summary>
    internal static class LargeFileBenchmark
    {
        public static int Run(string repo, long megabytes)
        {
            string corpus = Corpora.ByLanguage["python"].Fetch(Path.Combine(repo, ".bench", "python-corpus"));
            var modules = Directory.GetFiles(corpus, "*.py", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal).ToList();
            if (modules.Count == 0)
            {
                Console.Error.WriteLine($"no .py files under {corpus}");
                return 1;
            }
            string file = Path.Combine(repo, ".bench", "python-large", $"large-{megabytes}mb.py");
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            long target = megabytes * 1024 * 1024;
            using (var output = new StreamWriter(file, append: false, new UTF8Encoding(false)))
            {
                long written = 0;
                for (int i = 0; written < target; i = (i + 1) % modules.Count)
                {
                    string text = File.ReadAllText(modules[i]) + "\n";
                    output.Write(text);
                    written += Encoding.UTF8.GetByteCount(text);
                }
            }
            long size = new FileInfo(file).Length;
            var source = new SourceFile(file, Path.GetFileName(file), PythonFrontEnd.Instance.Files[0], null);

            Program.Collect();
            var process = Process.GetCurrentProcess();
            long before = process.WorkingSet64;
            var clock = Stopwatch.StartNew();
            var result = TreeSitterAudit.Run(new[] { source });
            clock.Stop();
            process.Refresh();
            long peak = process.PeakWorkingSet64;
            double mb = size / 1048576.0;
            Console.WriteLine($"file: {mb:0.0} MB, {modules.Count} Debian modules joined ({file})");
            Console.WriteLine($"audit: {clock.Elapsed.TotalMilliseconds:N0} ms wall, {result.Findings.Count} findings, {result.Notices.Count} notices");
            Console.WriteLine($"process peak working set: {peak / 1048576.0:N0} MB ({peak / (double)size:0.0}x the file); "
                + $"growth over the {before / 1048576.0:N0} MB before the audit: {(peak - before) / 1048576.0:N0} MB ({(peak - before) / (double)size:0.0}x the file)");
            return 0;
        }
    }
}
