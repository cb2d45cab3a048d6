using System.Text.Json;
using OrdersService.Services;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddSingleton<OrderStore>();
builder.Services.AddHttpClient();
builder.Services.AddHostedService<ExportWorker>();

// Startup code runs once: reading settings synchronously here is fine and is not flagged.
var pricing = JsonSerializer.Deserialize<Dictionary<string, decimal>>(File.ReadAllText("pricing.json")) ?? new();

var app = builder.Build();

app.MapGet("/orders/{id:int}", async (int id, OrderStore store) =>
{
    // Simulated rate limiting that parks a thread-pool thread for every request.
    Thread.Sleep(100);
    var order = await store.FindAsync(id);
    return order is null ? Results.NotFound() : Results.Ok(order);
});

app.MapGet("/orders/{id:int}/invoice", async (int id, OrderStore store) =>
{
    var order = await store.FindAsync(id);
    if (order is null) return Results.NotFound();
    var template = File.ReadAllText(Path.Combine("templates", "invoice.txt"));
    return Results.Text(template.Replace("{id}", id.ToString()).Replace("{total}", order.Total.ToString("0.00")));
});

app.MapPost("/orders", async (Order order, OrderStore store, IHttpClientFactory clients) =>
{
    var http = clients.CreateClient();
    var stock = http.GetStringAsync($"http://inventory.local/stock/{order.Sku}").Result;
    if (int.Parse(stock) < order.Quantity) return Results.Conflict("out of stock");
    await store.AddAsync(order with { Total = order.Quantity * pricing.GetValueOrDefault(order.Sku) });
    return Results.Created($"/orders/{order.Id}", order);
});

app.MapGet("/orders", async (OrderStore store) =>
{
    var all = await store.AllAsync();
    if (all.Where(o => o.Total > 1000).Count() > 0)
    {
        app.Logger.LogInformation("large orders pending");
    }
    return Results.Ok(all);
});

app.Run();

public record Order(int Id, string Sku, int Quantity, decimal Total);
