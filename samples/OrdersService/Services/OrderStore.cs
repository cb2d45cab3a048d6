using System.Collections.Concurrent;

namespace OrdersService.Services;

/// <summary>In-memory store; the async surface mimics a database.</summary>
public sealed class OrderStore
{
    private readonly ConcurrentDictionary<int, Order> _orders = new();

    public Task<Order?> FindAsync(int id) => Task.FromResult(_orders.TryGetValue(id, out var o) ? o : null);

    public Task AddAsync(Order order)
    {
        _orders[order.Id] = order;
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<Order>> AllAsync() => Task.FromResult<IReadOnlyList<Order>>(_orders.Values.ToList());
}
