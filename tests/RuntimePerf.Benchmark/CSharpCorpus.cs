using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace RuntimePerf.Benchmark
{
    /// <summary>
    /// Generates a deterministic C# code base shaped like real services: controllers, minimal APIs, background
    /// workers, repositories and LINQ-heavy helpers, with a sprinkling of the anti-patterns the audit looks for.
    /// Committed as a generator, never as output.
    /// </summary>
    internal static class CSharpCorpus
    {
        private static readonly string[] Entities = { "Order", "Customer", "Invoice", "Product", "Shipment", "Payment", "Refund", "Coupon", "Review", "Cart", "Warehouse", "Supplier" };

        public static (int Files, long Lines) Generate(string directory, long targetLines)
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
            Directory.CreateDirectory(directory);
            var random = new Random(20261123);
            long lines = 0;
            int files = 0;
            while (lines < targetLines)
            {
                // Every entity gets all four kinds of file (controller, worker, repository, helpers), so the code base compiles.
                string entity = Entities[files / 4 % Entities.Length];
                string suffix = (files / (4 * Entities.Length)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                string text = (files % 4) switch
                {
                    0 => Controller(entity, suffix, random),
                    1 => Worker(entity, suffix, random),
                    2 => Repository(entity, suffix, random),
                    _ => Helpers(entity, suffix, random),
                };
                File.WriteAllText(Path.Combine(directory, $"{entity}{suffix}_{files % 4}.cs"), text);
                lines += CountLines(text);
                files++;
            }
            File.WriteAllText(Path.Combine(directory, "Usings.cs"), """
                global using System;
                global using System.Collections.Generic;
                global using System.IO;
                global using System.Linq;
                global using System.Net.Http;
                global using System.Text;
                global using System.Threading;
                global using System.Threading.Tasks;
                global using Microsoft.AspNetCore.Mvc;
                global using Microsoft.Extensions.Hosting;
                global using Microsoft.Extensions.Logging;
                """);
            return (files + 1, lines);
        }

        public static long CountLines(string text)
        {
            long n = 1;
            foreach (char c in text) if (c == '\n') n++;
            return n;
        }

        private static string Controller(string e, string s, Random r)
        {
            var sb = new StringBuilder();
            sb.AppendLine($"namespace Shop.Api{s};").AppendLine();
            sb.AppendLine($"public record {e}Dto{s}(int Id, string Name, decimal Amount, DateTime Created);").AppendLine();
            sb.AppendLine("[ApiController]");
            sb.AppendLine($"[Route(\"api/{e.ToLowerInvariant()}s{s}\")]");
            sb.AppendLine($"public sealed class {e}Controller{s} : ControllerBase");
            sb.AppendLine("{");
            sb.AppendLine($"    private readonly {e}Repository{s} _repository;");
            sb.AppendLine($"    private readonly ILogger<{e}Controller{s}> _logger;");
            sb.AppendLine($"    public {e}Controller{s}({e}Repository{s} repository, ILogger<{e}Controller{s}> logger) {{ _repository = repository; _logger = logger; }}");
            for (int m = 0; m < 12; m++)
            {
                sb.AppendLine();
                sb.AppendLine($"    [HttpGet(\"{m}/{{id:int}}\")]");
                sb.AppendLine($"    public async Task<ActionResult<{e}Dto{s}>> Get{m}(int id, CancellationToken ct)");
                sb.AppendLine("    {");
                sb.AppendLine($"        var item = await _repository.FindAsync(id, ct);");
                sb.AppendLine("        if (item is null) return NotFound();");
                sb.AppendLine("        var related = await _repository.ListAsync(x => x.Amount > item.Amount, ct);");
                sb.AppendLine("        var total = related.Where(x => x.Created > DateTime.UtcNow.AddDays(-30)).Sum(x => x.Amount);");
                switch (r.Next(10))
                {
                    case 0: sb.AppendLine("        var audit = System.IO.File.ReadAllText(\"audit.log\");"); break;
                    case 1: sb.AppendLine("        Thread.Sleep(5);"); break;
                    case 2: sb.AppendLine("        var extra = _repository.CountAsync(ct).Result;"); break;
                    default: sb.AppendLine("        var audit = await System.IO.File.ReadAllTextAsync(\"audit.log\", ct);"); break;
                }
                sb.AppendLine($"        _logger.LogInformation(\"{e} {{Id}} total {{Total}}\", id, total);");
                sb.AppendLine("        return Ok(item with { Amount = total });");
                sb.AppendLine("    }");
            }
            sb.AppendLine("}");
            return sb.ToString();
        }

        private static string Worker(string e, string s, Random r)
        {
            var sb = new StringBuilder();
            sb.AppendLine($"namespace Shop.Workers{s};").AppendLine();
            sb.AppendLine($"public sealed class {e}Exporter{s} : BackgroundService");
            sb.AppendLine("{");
            sb.AppendLine("    private readonly HttpClient _http;");
            sb.AppendLine($"    public {e}Exporter{s}(HttpClient http) => _http = http;");
            sb.AppendLine();
            sb.AppendLine("    protected override async Task ExecuteAsync(CancellationToken stoppingToken)");
            sb.AppendLine("    {");
            sb.AppendLine("        while (!stoppingToken.IsCancellationRequested)");
            sb.AppendLine("        {");
            sb.AppendLine("            var batch = await FetchAsync(stoppingToken);");
            bool concatenates = r.Next(3) == 0;
            sb.AppendLine(concatenates ? "            string csv = \"\";" : "            var csv = new StringBuilder();");
            sb.AppendLine("            foreach (var line in batch)");
            sb.AppendLine("            {");
            sb.AppendLine(concatenates ? "                csv += line + \"\\n\";" : "                csv.AppendLine(line);");
            sb.AppendLine("            }");
            sb.AppendLine("            await Task.Delay(1000, stoppingToken);");
            sb.AppendLine("        }");
            sb.AppendLine("    }");
            for (int m = 0; m < 10; m++)
            {
                sb.AppendLine();
                sb.AppendLine($"    private async Task<IReadOnlyList<string>> Fetch{(m == 0 ? "" : m.ToString(System.Globalization.CultureInfo.InvariantCulture))}Async(CancellationToken ct)");
                sb.AppendLine("    {");
                sb.AppendLine($"        using var response = await _http.GetAsync(\"https://example.invalid/{e}/{m}\", ct);");
                sb.AppendLine("        response.EnsureSuccessStatusCode();");
                sb.AppendLine("        var body = await response.Content.ReadAsStringAsync(ct);");
                sb.AppendLine("        var lines = body.Split('\\n', StringSplitOptions.RemoveEmptyEntries);");
                sb.AppendLine(r.Next(4) == 0 ? "        if (lines.ToList().Count == 0) return Array.Empty<string>();" : "        if (lines.Length == 0) return Array.Empty<string>();");
                sb.AppendLine("        return lines.Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();");
                sb.AppendLine("    }");
            }
            sb.AppendLine("}");
            return sb.ToString();
        }

        private static string Repository(string e, string s, Random r)
        {
            var sb = new StringBuilder();
            sb.AppendLine($"namespace Shop.Api{s};").AppendLine();
            sb.AppendLine($"public sealed class {e}Repository{s}");
            sb.AppendLine("{");
            sb.AppendLine($"    private readonly List<{e}Dto{s}> _items = new();");
            sb.AppendLine("    private readonly SemaphoreSlim _gate = new(1, 1);");
            sb.AppendLine();
            sb.AppendLine($"    public async Task<{e}Dto{s}?> FindAsync(int id, CancellationToken ct)");
            sb.AppendLine("    {");
            sb.AppendLine("        await _gate.WaitAsync(ct);");
            sb.AppendLine("        try { return _items.FirstOrDefault(i => i.Id == id); }");
            sb.AppendLine("        finally { _gate.Release(); }");
            sb.AppendLine("    }");
            sb.AppendLine();
            sb.AppendLine($"    public async Task<IReadOnlyList<{e}Dto{s}>> ListAsync(Func<{e}Dto{s}, bool> filter, CancellationToken ct)");
            sb.AppendLine("    {");
            sb.AppendLine("        await _gate.WaitAsync(ct);");
            sb.AppendLine("        try { return _items.Where(filter).ToList(); }");
            sb.AppendLine("        finally { _gate.Release(); }");
            sb.AppendLine("    }");
            sb.AppendLine();
            sb.AppendLine("    public Task<int> CountAsync(CancellationToken ct) => Task.FromResult(_items.Count);");
            for (int m = 0; m < 14; m++)
            {
                sb.AppendLine();
                sb.AppendLine($"    public async Task<int> Import{m}Async(string path, CancellationToken ct)");
                sb.AppendLine("    {");
                sb.AppendLine("        int added = 0;");
                sb.AppendLine(r.Next(6) == 0 ? "        foreach (var line in File.ReadAllLines(path))" : "        foreach (var line in await File.ReadAllLinesAsync(path, ct))");
                sb.AppendLine("        {");
                sb.AppendLine("            var parts = line.Split(',');");
                sb.AppendLine("            if (parts.Length < 3 || !int.TryParse(parts[0], out var id)) continue;");
                sb.AppendLine($"            _items.Add(new {e}Dto{s}(id, parts[1], decimal.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture), DateTime.UtcNow));");
                sb.AppendLine("            added++;");
                sb.AppendLine("        }");
                sb.AppendLine("        return added;");
                sb.AppendLine("    }");
            }
            sb.AppendLine("}");
            return sb.ToString();
        }

        private static string Helpers(string e, string s, Random r)
        {
            var sb = new StringBuilder();
            sb.AppendLine($"namespace Shop.Core{s};").AppendLine();
            sb.AppendLine($"public static class {e}Math{s}");
            sb.AppendLine("{");
            for (int m = 0; m < 16; m++)
            {
                sb.AppendLine($"    public static decimal Weighted{m}(IEnumerable<(decimal Value, int Weight)> items)");
                sb.AppendLine("    {");
                sb.AppendLine("        decimal sum = 0; int weights = 0;");
                sb.AppendLine(r.Next(5) == 0 ? "        foreach (var (value, weight) in items.ToList())" : "        foreach (var (value, weight) in items)");
                sb.AppendLine("        {");
                sb.AppendLine("            sum += value * weight;");
                sb.AppendLine("            weights += weight;");
                sb.AppendLine("        }");
                sb.AppendLine("        return weights == 0 ? 0 : sum / weights;");
                sb.AppendLine("    }");
                sb.AppendLine();
            }
            sb.AppendLine("}");
            return sb.ToString();
        }
    }
}
