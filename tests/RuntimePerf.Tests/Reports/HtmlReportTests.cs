using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using RuntimePerf.Engine.Baselines;
using RuntimePerf.Engine.Model;
using RuntimePerf.Engine.Reports;
using Xunit;

namespace RuntimePerf.Tests.Reports
{
    public class HtmlReportTests
    {
        /// <summary>1,000 findings as a large code base has them: long messages, long paths, every rule of the sample.</summary>
        internal static IReadOnlyList<AuditReport> Large()
        {
            var findings = Enumerable.Range(0, 1000).Select(i =>
            {
                var f = SampleReports.RawFindings[i % SampleReports.RawFindings.Count];
                string file = $"src/Services/Module{i % 40:00}/Handlers/OrderProcessingHandler{i % 7}.cs";
                return f with
                {
                    Path = file,
                    Span = new SourceSpan(10 + i, 13, 10 + i, 60),
                    Issue = f.Issue + $" in OrderProcessingHandler{i % 7}.HandleOrderBatchAsync (call {i})",
                    LineText = "                var payload = File.ReadAllText(Path.Combine(settings.ExportFolder, order.Id + \".json\"));",
                };
            });
            var files = new Dictionary<string, FileCounts> { ["csharp"] = new FileCounts(280, 12, 120_000) };
            return new[]
            {
                AuditReport.Create("0.1.0", "src/Services/Services.csproj", findings.Take(600), files, new AuditNotice[0], 1, new GateSettings(null, true)),
                AuditReport.Create("0.1.0", "src/Worker/Worker.csproj", findings.Skip(600), files, new AuditNotice[0], 1, new GateSettings(null, true)),
            };
        }

        [Fact]
        public void A_thousand_findings_weigh_less_than_300_KB_and_the_page_is_self_contained()
        {
            byte[] page = HtmlReport.Serialize(Large(), HtmlOptions.Default);
            Assert.True(page.Length < 300 * 1024, $"{page.Length:#,0} bytes");
            string html = Encoding.UTF8.GetString(page);
            Assert.Equal(1000, Regex.Matches(Island(html), "\\[\"P[012]\",").Count);
            // No CDN, font, stylesheet or script from elsewhere: the only URLs are links to the rule pages.
            Assert.DoesNotMatch(new Regex(@"<(script|link|img|iframe)[^>]+(src|href)=", RegexOptions.IgnoreCase), html);
            Assert.DoesNotContain("@import", html);
            Assert.DoesNotContain("url(", html);
            Assert.All(Regex.Matches(html, "https?://[^\"'<\\s]+").Select(m => m.Value), u => Assert.Contains("/docs/rules/RP", u));
            Assert.Equal(4, Regex.Matches(html, "<svg ").Count); // scores per project, severity, rule, language
        }

        [Fact]
        public void Text_from_the_code_cannot_break_out_of_the_page()
        {
            var hostile = SampleReports.RawFindings[0] with
            {
                Issue = "</script><script>alert(1)</script> & <b>",
                LineText = "x = \"</script><img src=x onerror=alert(1)>\"",
            };
            string html = Encoding.UTF8.GetString(HtmlReport.Serialize(new[] { SampleReports.Create(new[] { hostile }) }, HtmlOptions.Default));
            Assert.Equal(2, Regex.Matches(html, "<script").Count); // the data island and the page's own script
            Assert.DoesNotContain("<img", html);
            Assert.DoesNotContain("alert(1)</script>", html);
            Assert.DoesNotContain("<img", Island(html)); // escaped inside the JSON too
            Assert.Contains("alert(1)", Island(html));
        }

        /// <summary>The findings table's JSON, unpacked as the page's script does.</summary>
        private static string Island(string html)
        {
            string base64 = Regex.Match(html, "<script type=\"application/gzip\" id=\"data\">([^<]*)</script>").Groups[1].Value;
            using var gzip = new System.IO.Compression.GZipStream(new System.IO.MemoryStream(Convert.FromBase64String(base64)), System.IO.Compression.CompressionMode.Decompress);
            using var reader = new System.IO.StreamReader(gzip, Encoding.UTF8);
            return reader.ReadToEnd();
        }

        [Fact]
        public void Projects_ratings_actions_and_the_baseline_are_on_the_page()
        {
            var baseline = Baseline.Of(SampleReports.RawFindings.Skip(2).Append(SampleReports.RawFindings[0] with { LineText = "old();", EnclosingSymbol = "LegacyExport" }));
            var report = AuditReport.Create("0.1.0", "src/Api/Api.csproj", SampleReports.RawFindings, SampleReports.Files, SampleReports.Notices, 1,
                new GateSettings(null, true), baseline, "runtimeperf.baseline.json");
            string html = Encoding.UTF8.GetString(HtmlReport.Serialize(new[] { report }, HtmlOptions.Default));
            Assert.Contains("<td>src/Api/Api.csproj<td>", html);
            Assert.Contains(">" + report.Rating.Rating + "</span>", html);
            Assert.Matches(new Regex("<b class=\"P0\">P0</b> <a href=\"[^\"]+/docs/rules/RP0007.md\">RP0007</a>"), html);
            Assert.Contains("<h4>New</h4>", html);
            Assert.Contains("<h4>Fixed</h4>", html);
            Assert.Contains("</code> LegacyExport</li>", html); // the fixed entry, by rule, file and function
            // Deterministic: the same reports give the same bytes.
            Assert.Equal(HtmlReport.Serialize(new[] { report }, HtmlOptions.Default), HtmlReport.Serialize(new[] { report }, HtmlOptions.Default));
        }
    }
}
