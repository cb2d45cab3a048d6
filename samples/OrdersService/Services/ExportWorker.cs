namespace OrdersService.Services;

/// <summary>Exports orders to a CSV file every minute.</summary>
public sealed class ExportWorker(OrderStore store, ILogger<ExportWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var orders = await store.AllAsync();
            string csv = "id,sku,quantity,total\n";
            foreach (var order in orders)
            {
                csv += $"{order.Id},{order.Sku},{order.Quantity},{order.Total}\n";
            }
            File.WriteAllText(Path.Combine(Path.GetTempPath(), "orders.csv"), csv);
            logger.LogInformation("exported {Count} orders", orders.Count);
            await Task.Delay(TimeSpan.FromMinutes(1), stoppingToken);
        }
    }
}
