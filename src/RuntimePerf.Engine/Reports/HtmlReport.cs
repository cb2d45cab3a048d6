using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Net;
using System.Text;
using System.Text.Json;
using RuntimePerf.Engine.Catalog;
using RuntimePerf.Engine.Model;
using RuntimePerf.Engine.Scoring;

namespace RuntimePerf.Engine.Reports
{
    /// <summary>Inputs of the HTML page besides the reports.</summary>
    public sealed class HtmlOptions
    {
        public static HtmlOptions Default { get; } = new HtmlOptions();

        public string Title { get; init; } = "RuntimePerf report";

        /// <summary>The flagged line's text; reports read back from JSON carry none, so the tool reads it from disk.</summary>
        public Func<Finding, string> CodeLine { get; init; } = f => f.LineText;
    }

    /// <summary>
    /// One self-contained page for people (no CDN, fonts or external scripts): per project the score and the rating,
    /// findings by severity, rule and language as inline SVG charts, the P0/P1/P2 action list, with a baseline the new
    /// and fixed findings, and a sortable, filterable findings table. Everything but the table is plain HTML (printable
    /// without scripts); the table's rows are a compact JSON island rendered by a small inline script, which keeps
    /// 1,000 findings well under 300 KB. Deterministic: no timestamps or absolute paths.
    /// </summary>
    public static class HtmlReport
    {
        /// <summary>Longer flagged lines are cut: the table shows where to look, the file has the rest.</summary>
        public const int MaxCodeLength = 120;

        private static readonly string[] SeverityColours = { "#6b7280", "#d97706", "#dc2626", "#7f1d1d" };
        private static readonly string[] RatingColours = { "#15803d", "#65a30d", "#ca8a04", "#ea580c", "#b91c1c" };

        public static byte[] Serialize(IReadOnlyList<AuditReport> reports, HtmlOptions options)
        {
            foreach (var r in reports) ReportJson.RequireRelativePaths(r);
            var html = new StringBuilder(64 * 1024);
            var active = reports.SelectMany(r => r.ActiveFindings.Select(f => (Report: r, Finding: f))).ToList();
            html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .Append("<title>").Append(Text(options.Title)).Append("</title>\n<style>").Append(Style).Append("</style>\n</head>\n<body>\n");
            html.Append("<header><h1>").Append(Text(options.Title)).Append("</h1><p>")
                .Append(Text(AuditReport.ToolName)).Append(' ').Append(Text(reports.Count > 0 ? reports[0].ToolVersion : ""))
                .Append(" · ").Append(reports.Count).Append(" project(s) · ").Append(active.Count).Append(" finding(s) · gate ")
                .Append(reports.All(r => r.Gate.Passed) ? "<b class=\"pass\">passed</b>" : "<b class=\"fail\">failed</b>")
                .Append("</p></header>\n<main>\n");

            Projects(html, reports);
            Charts(html, active.Select(a => a.Finding).ToList());
            Actions(html, reports);
            Baselines(html, reports);
            FindingsTable(html, reports, options);
            html.Append("</main>\n<script>").Append(Script).Append("</script>\n</body>\n</html>\n");
            return new UTF8Encoding(false).GetBytes(html.ToString());
        }

        private static void Projects(StringBuilder html, IReadOnlyList<AuditReport> reports)
        {
            html.Append("<section><h2>Projects</h2>\n<div class=\"scroll\"><table class=\"projects\"><thead><tr><th>Project<th>Score<th>Rating")
                .Append("<th>Findings<th>Critical<th>High<th>Medium<th>Low<th>Lines<th>Gate</tr></thead><tbody>\n");
            foreach (var r in reports)
            {
                var c = r.Counts;
                var rating = r.Rating;
                var gate = r.Gate;
                html.Append("<tr><td>").Append(Text(r.Project))
                    .Append("<td>").Append(Number(c.Score, "0.0")).Append("/10")
                    .Append("<td><span class=\"rating\" style=\"background:").Append(RatingColours[(int)rating.Rating]).Append("\" title=\"")
                    .Append(Text(rating.ToString())).Append("\">").Append(rating.Rating).Append("</span> ")
                    .Append(Text(SizeRating.Percent(rating.DebtRatio)))
                    .Append("<td>").Append(c.Total).Append("<td>").Append(c.Critical).Append("<td>").Append(c.High)
                    .Append("<td>").Append(c.Medium).Append("<td>").Append(c.Low)
                    .Append("<td>").Append(Number(rating.Lines, "#,0"))
                    .Append("<td>").Append(gate.Passed ? "<span class=\"pass\">passed</span>" : "<span class=\"fail\" title=\"" + Text(string.Join("; ", gate.Reasons)) + "\">failed</span>")
                    .Append("</tr>\n");
            }
            html.Append("</tbody></table></div>\n");
            if (reports.Count > 0)
            {
                html.Append(Bars("Score per project (0–10)", reports.Select(r => (r.Project, r.Score, r.Gate.Passed ? "#15803d" : "#dc2626")).ToList(), 10));
            }
            html.Append("<p class=\"note\">Score: the seed's 10 − penalties per finding. Rating: remediation effort over the size of the audited code, A–E (docs/rating.md).</p></section>\n");
        }

        private static void Charts(StringBuilder html, IReadOnlyList<Finding> findings)
        {
            html.Append("<section><h2>Findings</h2>\n<div class=\"charts\">\n");
            var severities = new[] { Severity.Critical, Severity.High, Severity.Medium, Severity.Low };
            html.Append(Bars("By severity", severities.Select(s => (Names.Of(s), (double)findings.Count(f => f.Severity == s), SeverityColours[(int)s])).ToList(), null));
            html.Append(Bars("By rule", findings.GroupBy(f => f.RuleId).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Take(12)
                .Select(g => (g.Key + " " + Title(g.Key), (double)g.Count(), "#2563eb")).ToList(), null));
            html.Append(Bars("By language", findings.GroupBy(f => f.Language).OrderByDescending(g => g.Count()).ThenBy(g => g.Key)
                .Select(g => (Names.Of(g.Key), (double)g.Count(), "#7c3aed")).ToList(), null));
            html.Append("</div></section>\n");
        }

        private static void Actions(StringBuilder html, IReadOnlyList<AuditReport> reports)
        {
            html.Append("<section><h2>Action list</h2>\n");
            var actions = reports.SelectMany(r => Priorities.Actions(r.GateFindings).Select(a => (r.Project, Action: a))).ToList();
            if (actions.Count == 0) html.Append("<p>Nothing to do: no finding the gate judges.</p>\n");
            else
            {
                html.Append("<ol class=\"actions\">\n");
                foreach (var (project, a) in actions.OrderBy(x => x.Action.Priority))
                {
                    html.Append("<li><b class=\"").Append(a.Priority).Append("\">").Append(a.Priority).Append("</b> ")
                        .Append(RuleLink(a.Rule)).Append(' ').Append(Text(a.Title)).Append(" — <code>").Append(Text(a.File)).Append("</code> line(s) ")
                        .Append(Text(string.Join(", ", a.Lines.Select(l => l.ToString(CultureInfo.InvariantCulture)))));
                    if (reports.Count > 1) html.Append(" <small>(").Append(Text(project)).Append(")</small>");
                    html.Append("<br>").Append(Text(a.Recommendation)).Append("</li>\n");
                }
                html.Append("</ol>\n");
            }
            html.Append("<p class=\"note\">P0: HIGH or CRITICAL with high confidence, fix now. P1: other HIGH, or MEDIUM with high confidence, fix soon. P2: when touching the code.</p></section>\n");
        }

        private static void Baselines(StringBuilder html, IReadOnlyList<AuditReport> reports)
        {
            var compared = reports.Where(r => r.Baseline != null).ToList();
            if (compared.Count == 0) return;
            html.Append("<section><h2>Against the baseline</h2>\n");
            foreach (var r in compared)
            {
                var news = r.ActiveFindings.Where(f => f.Baseline == BaselineState.New).ToList();
                var fixedEntries = r.Baseline!.Absent;
                html.Append("<h3>").Append(Text(r.Project)).Append(" <small>(").Append(Text(r.Baseline.File)).Append(")</small></h3>\n")
                    .Append("<p>").Append(news.Count).Append(" new, ").Append(fixedEntries.Sum(e => e.Count)).Append(" fixed, ")
                    .Append(r.ActiveFindings.Count(f => f.Baseline == BaselineState.Unchanged)).Append(" still present.</p>\n");
                if (news.Count > 0)
                {
                    html.Append("<h4>New</h4><ul>\n");
                    foreach (var f in news)
                    {
                        html.Append("<li>").Append(RuleLink(f.RuleId)).Append(' ').Append(Names.Of(f.Severity)).Append(" <code>")
                            .Append(Text(f.Location)).Append("</code> ").Append(Text(f.Issue)).Append("</li>\n");
                    }
                    html.Append("</ul>\n");
                }
                if (fixedEntries.Count > 0)
                {
                    html.Append("<h4>Fixed</h4><ul>\n");
                    foreach (var e in fixedEntries)
                    {
                        // The baseline keeps a hash of the line, not its text: the rule, file and function say what was fixed.
                        html.Append("<li>").Append(RuleLink(e.Rule)).Append(" <code>").Append(Text(e.File)).Append("</code> ")
                            .Append(Text(e.Symbol.Length > 0 ? e.Symbol : "(top level)"))
                            .Append(e.Count > 1 ? " ×" + e.Count.ToString(CultureInfo.InvariantCulture) : "").Append("</li>\n");
                    }
                    html.Append("</ul>\n");
                }
            }
            html.Append("</section>\n");
        }

        /// <summary>
        /// The table's rows as a JSON island: repeated strings (projects, rules, files) are indexed once, each row is an
        /// array. The script renders, sorts and filters it.
        /// </summary>
        private static void FindingsTable(StringBuilder html, IReadOnlyList<AuditReport> reports, HtmlOptions options)
        {
            var rows = reports.SelectMany(r => r.ActiveFindings.Select(f => (r.Project, f))).ToList();
            var projects = new Index();
            var files = new Index();
            var rules = new Index();
            var kinds = new Index(); // languages and contexts
            bool anyBaseline = reports.Any(r => r.Baseline != null);
            byte[] json = ReportJson.WriteCompactForHtml(w =>
            {
                w.WriteStartObject();
                w.WriteStartArray("rows");
                foreach (var (project, f) in rows)
                {
                    w.WriteStartArray();
                    w.WriteStringValue(Priorities.Of(f).ToString());
                    w.WriteNumberValue((int)f.Severity);
                    w.WriteNumberValue(rules.Of(f.RuleId));
                    w.WriteNumberValue(projects.Of(project));
                    w.WriteNumberValue(files.Of(f.Path));
                    w.WriteNumberValue(f.Span.Line);
                    w.WriteNumberValue(kinds.Of(Names.Of(f.Language)));
                    w.WriteNumberValue(kinds.Of(Names.Of(f.Context)));
                    w.WriteStringValue(f.Issue);
                    string code = (options.CodeLine(f) ?? "").Trim();
                    w.WriteStringValue(code.Length > MaxCodeLength ? code.Substring(0, MaxCodeLength) + "…" : code);
                    w.WriteNumberValue(f.Baseline == BaselineState.New ? 1 : 0);
                    w.WriteEndArray();
                }
                w.WriteEndArray();
                w.WriteStartArray("projects");
                foreach (string p in projects.Values) w.WriteStringValue(p);
                w.WriteEndArray();
                w.WriteStartArray("files");
                foreach (string p in files.Values) w.WriteStringValue(p);
                w.WriteEndArray();
                w.WriteStartArray("kinds");
                foreach (string k in kinds.Values) w.WriteStringValue(k);
                w.WriteEndArray();
                w.WriteStartArray("rules");
                foreach (string id in rules.Values)
                {
                    w.WriteStartArray();
                    w.WriteStringValue(id);
                    w.WriteStringValue(Title(id));
                    w.WriteStringValue(RuleCatalog.TryGet(id, out var rule) && rule != null ? rule.HelpUri : "");
                    w.WriteEndArray();
                }
                w.WriteEndArray();
                w.WriteBoolean("baseline", anyBaseline);
                w.WriteEndObject();
            });

            html.Append("<section><h2>All findings</h2>\n<form class=\"filters\" id=\"filters\" onsubmit=\"return false\">")
                .Append("<input id=\"q\" type=\"search\" placeholder=\"Filter: file, rule, text…\" aria-label=\"Filter\">")
                .Append("<select id=\"sev\" aria-label=\"Severity\"><option value=\"\">any severity</option>")
                .Append("<option value=\"3\">CRITICAL</option><option value=\"2\">HIGH and worse</option><option value=\"1\">MEDIUM and worse</option></select>")
                .Append("<select id=\"pri\" aria-label=\"Priority\"><option value=\"\">any priority</option><option>P0</option><option>P1</option><option>P2</option></select>");
            if (anyBaseline) html.Append("<label><input id=\"new\" type=\"checkbox\"> new only</label>");
            html.Append(" <output id=\"shown\"></output></form>\n")
                .Append("<noscript><p>The findings table needs JavaScript; the JSON report has the same findings.</p></noscript>\n")
                .Append("<div class=\"scroll\"><table id=\"findings\"><thead><tr>")
                .Append("<th data-k=\"0\">Priority<th data-k=\"1\">Severity<th data-k=\"2\">Rule<th data-k=\"4\">Location");
            if (reports.Count > 1) html.Append("<th data-k=\"3\">Project");
            html.Append("<th data-k=\"6\">Language<th data-k=\"8\">Issue and code</tr></thead><tbody></tbody></table></div></section>\n")
                // Gzipped and base64-encoded (the browser's DecompressionStream inflates it): a third of the plain JSON's
                // size, which keeps 1,000 findings with their messages and code lines under 300 KB.
                .Append("<script type=\"application/gzip\" id=\"data\">")
                .Append(Gzip(json))
                .Append("</script>\n");
        }

        private static string Gzip(byte[] data)
        {
            using var buffer = new MemoryStream();
            using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true)) gzip.Write(data, 0, data.Length);
            return Convert.ToBase64String(buffer.ToArray());
        }

        /// <summary>A horizontal bar chart as inline SVG; <paramref name="max"/> fixes the scale (else the largest value).</summary>
        private static string Bars(string title, IReadOnlyList<(string Label, double Value, string Colour)> bars, double? max)
        {
            const int Row = 22, LabelWidth = 230, BarWidth = 260;
            var svg = new StringBuilder();
            double top = max ?? Math.Max(1, bars.Count == 0 ? 1 : bars.Max(b => b.Value));
            int height = Math.Max(1, bars.Count) * Row + 4;
            svg.Append("<figure><figcaption>").Append(Text(title)).Append("</figcaption>")
                .Append("<svg role=\"img\" aria-label=\"").Append(Text(title)).Append("\" viewBox=\"0 0 ").Append(LabelWidth + BarWidth + 60)
                .Append(' ').Append(height).Append("\" width=\"100%\" style=\"max-width:").Append(LabelWidth + BarWidth + 60).Append("px\">");
            if (bars.Count == 0) svg.Append("<text x=\"0\" y=\"16\">none</text>");
            for (int i = 0; i < bars.Count; i++)
            {
                var (label, value, colour) = bars[i];
                int y = i * Row + 2;
                double w = top > 0 ? Math.Round(BarWidth * value / top, 1) : 0;
                string shown = label.Length > 34 ? label.Substring(0, 33) + "…" : label;
                svg.Append("<text x=\"0\" y=\"").Append(y + 15).Append("\">").Append(Text(shown)).Append("</text>")
                    .Append("<rect x=\"").Append(LabelWidth).Append("\" y=\"").Append(y + 3).Append("\" width=\"").Append(Number(w, "0.#"))
                    .Append("\" height=\"").Append(Row - 6).Append("\" fill=\"").Append(colour).Append("\"><title>").Append(Text(label)).Append(": ")
                    .Append(Number(value, "0.#")).Append("</title></rect>")
                    .Append("<text x=\"").Append(Number(LabelWidth + w + 6, "0.#")).Append("\" y=\"").Append(y + 15).Append("\">")
                    .Append(Number(value, "0.#")).Append("</text>");
            }
            return svg.Append("</svg></figure>\n").ToString();
        }

        private static string RuleLink(string id) => RuleCatalog.TryGet(id, out var rule) && rule != null
            ? "<a href=\"" + Text(rule.HelpUri) + "\">" + Text(id) + "</a>"
            : Text(id);

        private static string Title(string id) => RuleCatalog.TryGet(id, out var rule) && rule != null ? rule.Title : id;

        private static string Text(string text) => WebUtility.HtmlEncode(text);

        private static string Number(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

        /// <summary>Strings numbered in order of first use.</summary>
        private sealed class Index
        {
            private readonly Dictionary<string, int> _index = new Dictionary<string, int>(StringComparer.Ordinal);
            public List<string> Values { get; } = new List<string>();

            public int Of(string value)
            {
                if (_index.TryGetValue(value, out int i)) return i;
                _index.Add(value, Values.Count);
                Values.Add(value);
                return Values.Count - 1;
            }
        }

        private const string Style = """
            :root{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#111827;background:#fff}
            body{margin:0 auto;max-width:1200px;padding:0 12px 40px;line-height:1.4}
            h1{font-size:1.5rem;margin:16px 0 4px}h2{font-size:1.2rem;border-bottom:1px solid #e5e7eb;padding-bottom:4px;margin-top:28px}
            table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{border-bottom:1px solid #e5e7eb;padding:4px 6px;text-align:left;vertical-align:top}
            th{background:#f3f4f6;position:sticky;top:0}th[data-k]{cursor:pointer;user-select:none}th[data-k]:after{content:" ↕";color:#9ca3af}
            .scroll{overflow-x:auto}.charts{display:flex;flex-wrap:wrap;gap:16px}figure{margin:0;flex:1 1 340px}figcaption{font-weight:600}
            svg text{font-size:12px;fill:#374151}code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.85em;background:#f3f4f6;padding:0 3px;word-break:break-all}
            .rating{display:inline-block;min-width:1.4em;text-align:center;color:#fff;border-radius:4px;font-weight:700}
            .pass{color:#15803d}.fail{color:#b91c1c}.P0{color:#b91c1c}.P1{color:#d97706}.P2{color:#6b7280}
            .sev3,.sev2{color:#b91c1c;font-weight:600}.sev1{color:#b45309}.sev0{color:#6b7280}.new{background:#fef3c7;border-radius:3px;padding:0 3px;font-size:.8em}
            .filters{display:flex;flex-wrap:wrap;gap:8px;margin:8px 0}.filters input[type=search]{flex:1 1 220px;padding:4px}.note{color:#6b7280;font-size:.85rem}
            ol.actions li{margin-bottom:6px}td.issue{min-width:280px}
            @media (max-width:640px){th,td{padding:3px}body{padding:0 6px}}
            @media print{.filters,noscript{display:none}th{position:static}a{color:inherit;text-decoration:none}body{max-width:none}}
            """;

        private const string Script = """
            (function(){
            var island=document.getElementById('data'),bytes=Uint8Array.from(atob(island.textContent),function(c){return c.charCodeAt(0);});
            if(typeof DecompressionStream==='undefined'){document.getElementById('shown').textContent='This browser cannot unpack the findings table; the JSON report has them.';return;}
            new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))).text().then(function(t){show(JSON.parse(t));});
            function show(d){
            var body=document.querySelector('#findings tbody');
            var sevs=['LOW','MEDIUM','HIGH','CRITICAL'],multi=d.projects.length>1,key=1,dir=-1;
            function esc(s){return String(s).replace(/[&<>"]/g,function(c){return{'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;'}[c];});}
            function cell(r,k){return k==2?d.rules[r[2]][0]:k==3?d.projects[r[3]]:k==4?d.files[r[4]]:k==6||k==7?d.kinds[r[k]]:r[k];}
            function text(r){return (d.files[r[4]]+' '+d.rules[r[2]][0]+' '+d.rules[r[2]][1]+' '+d.projects[r[3]]+' '+d.kinds[r[6]]+' '+d.kinds[r[7]]+' '+r[8]+' '+r[9]).toLowerCase();}
            function render(){
              var q=document.getElementById('q').value.toLowerCase(),sev=document.getElementById('sev').value,pri=document.getElementById('pri').value;
              var nw=document.getElementById('new'),onlyNew=nw&&nw.checked,out=[];
              var rows=d.rows.filter(function(r){return(!q||text(r).indexOf(q)>=0)&&(!sev||r[1]>=+sev)&&(!pri||r[0]==pri)&&(!onlyNew||r[10]);});
              rows.sort(function(a,b){var x=cell(a,key),y=cell(b,key);var c=x<y?-1:x>y?1:0;
                if(!c){c=d.files[a[4]]<d.files[b[4]]?-1:d.files[a[4]]>d.files[b[4]]?1:a[5]-b[5];return c;}return c*dir;});
              rows.forEach(function(r){var rule=d.rules[r[2]];
                out.push('<tr><td class="'+r[0]+'">'+r[0]+'<td class="sev'+r[1]+'">'+sevs[r[1]]+'<td>'+(rule[2]?'<a href="'+esc(rule[2])+'" title="'+esc(rule[1])+'">'+rule[0]+'</a>':esc(rule[0]))
                  +'<td><code>'+esc(d.files[r[4]])+':'+r[5]+'</code>'+(multi?'<td>'+esc(d.projects[r[3]]):'')+'<td>'+esc(d.kinds[r[6]])
                  +'<td class="issue">'+(r[10]?'<span class="new">new</span> ':'')+esc(r[8])+(r[9]?'<br><code>'+esc(r[9])+'</code>':''));});
              body.innerHTML=out.join('');
              document.getElementById('shown').textContent=rows.length+' of '+d.rows.length+' shown';
            }
            document.querySelectorAll('#findings th[data-k]').forEach(function(th){th.addEventListener('click',function(){
              var k=+th.getAttribute('data-k');dir=k==key?-dir:(k==1?-1:1);key=k;render();});});
            ['q','sev','pri','new'].forEach(function(id){var e=document.getElementById(id);if(e)e.addEventListener('input',render);});
            // A link can carry the filter: report.html#q=RP0007 opens the table filtered.
            if(location.hash.indexOf('#q=')==0)document.getElementById('q').value=decodeURIComponent(location.hash.slice(3));
            render();
            }
            })();
            """;
    }
}
