using System.Text;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddHttpClient("inventory", c => c.BaseAddress = new Uri("http://inventory.local/"));
var app = builder.Build();

app.MapGet("/report/{name}", async (string name, CancellationToken ct) =>
{
    // Async file I/O: the request thread is released while the disk works.
    var text = await File.ReadAllTextAsync(Path.Combine("reports", Path.GetFileName(name)), ct);
    return Results.Text(text);
});

app.MapGet("/stock/{sku}", async (string sku, IHttpClientFactory clients, CancellationToken ct) =>
{
    var http = clients.CreateClient("inventory");
    await Task.Delay(10, ct);
    return Results.Text(await http.GetStringAsync($"stock/{sku}", ct));
});

app.MapGet("/csv", (int rows) =>
{
    var sb = new StringBuilder();
    for (int i = 0; i < rows; i++)
    {
        sb.Append(i).Append('\n');
    }
    return Results.Text(sb.ToString());
});

app.MapGet("/digest", async (string input) =>
{
    // CPU-heavy work moved off the request path.
    var hash = await Task.Run(() => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(input))));
    return Results.Text(hash);
});

app.Run();
