using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using RuntimePerf.Engine.Reports;
using Xunit;
using Xunit.Abstractions;

namespace RuntimePerf.Tests.Reports
{
    /// <summary>
    /// The HTML report in a real headless browser (Debian's chromium): the script runs without errors, unpacks and
    /// renders the findings table, and filters it; a screenshot goes next to the test's output. Skipped, with the
    /// reason, where chromium is not installed (`apt-get install chromium`).
    /// </summary>
    public class HtmlBrowserTests
    {
        private readonly ITestOutputHelper _output;

        public HtmlBrowserTests(ITestOutputHelper output) => _output = output;

        [ChromiumFact]
        public void The_page_renders_without_script_errors_and_the_table_filters()
        {
            using var dir = new TempDir();
            string page = dir.Combine("report.html");
            File.WriteAllBytes(page, HtmlReport.Serialize(HtmlReportTests.Large(), HtmlOptions.Default));
            string url = new Uri(page).AbsoluteUri;

            var all = Chromium.Run(dir.Path, "--dump-dom", url);
            Assert.DoesNotContain("Uncaught", all.Log); // a script error is logged as "Uncaught …" on the console
            Assert.Contains("1000 of 1000 shown", all.Dom);
            Assert.Equal(1000, Regex.Matches(all.Dom, "<tr><td class=\"P[012]\">").Count);

            // Filtered by a link (#q=…): only the rows of that rule remain, and the count says so.
            var filtered = Chromium.Run(dir.Path, "--dump-dom", url + "#q=RP0007");
            Assert.DoesNotContain("Uncaught", filtered.Log);
            var rows = Regex.Matches(filtered.Dom, "<tr><td class=\"P[012]\">.*?(?=<tr>|</tbody>)").Select(m => m.Value).ToList();
            Assert.Equal(200, rows.Count); // every fifth finding of the sample is RP0007
            Assert.All(rows, r => Assert.Contains(">RP0007</a>", r));
            Assert.Contains("200 of 1000 shown", filtered.Dom);

            string screenshot = Path.Combine(AppContext.BaseDirectory, "TestResults", "runtimeperf-report.png");
            Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
            Chromium.Run(dir.Path, "--screenshot=" + screenshot, "--window-size=1280,2400", url);
            Assert.True(new FileInfo(screenshot).Length > 10_000, "screenshot " + screenshot);
            _output.WriteLine("Screenshot of the report: " + screenshot);
        }
    }

    /// <summary>A fact that is skipped, with the reason, when chromium is not installed.</summary>
    public sealed class ChromiumFactAttribute : FactAttribute
    {
        public ChromiumFactAttribute()
        {
            if (Chromium.Executable == null) Skip = "chromium is not installed (Debian: apt-get install chromium); the HTML report was not checked in a browser";
        }
    }

    internal static class Chromium
    {
        public static string? Executable { get; } = new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome" }.FirstOrDefault(File.Exists);

        public static (string Dom, string Log) Run(string workingDirectory, params string[] args)
        {
            var psi = new ProcessStartInfo(Executable!)
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            // A private profile, no sandbox (containers run as root), console messages on stderr, and time for the
            // page's asynchronous unpacking before the DOM is dumped.
            foreach (string a in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=" + Path.Combine(workingDirectory, "profile"),
                         "--enable-logging=stderr", "--v=0", "--virtual-time-budget=10000", "--allow-file-access-from-files" })
                psi.ArgumentList.Add(a);
            foreach (string a in args) psi.ArgumentList.Add(a);
            using var process = Process.Start(psi)!;
            var log = process.StandardError.ReadToEndAsync();
            string dom = process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("chromium did not finish in 2 minutes");
            }
            return (dom, log.Result);
        }
    }
}
