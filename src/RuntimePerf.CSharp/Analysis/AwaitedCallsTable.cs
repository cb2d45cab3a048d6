namespace RuntimePerf.CSharp.Analysis
{
    /// <summary>What the await rules (RP0008, RP0009) know about awaited calls.</summary>
    internal static class AwaitedCallsTable
    {
        /// <summary>
        /// First words of a method name (without <c>Async</c>) that only read: running such a call earlier or next to
        /// another read changes nothing but the latency. Writes, sends and other side effects are left alone — if one
        /// fails the next must not run, and that is what sequential awaits express.
        /// </summary>
        public static readonly string[] ReadVerbs =
        {
            "Get", "Find", "Load", "Fetch", "Query", "Search", "List", "Lookup", "Resolve", "Retrieve", "Read", "Download",
            "Count", "Exists", "Any", "All", "First", "Single", "Last", "Element", "To", "Sum", "Min", "Max", "Average",
            "Contains", "Check", "Is", "Has", "Describe", "Receive", "Dequeue", "Next",
        };

        /// <summary>
        /// Objects that serve one operation at a time, by kind (one row = one kind). Two calls that reach the same kind
        /// — through the receiver, an argument, or a field or constructor parameter of the receiver's class — may share
        /// one instance (a scoped DbContext injected into two repositories): they cannot run concurrently.
        /// </summary>
        public static readonly string[][] SingleOperationKinds =
        {
            new[]
            {
                "Microsoft.EntityFrameworkCore.DbContext", "System.Data.Entity.DbContext",
                // ASP.NET Core Identity's managers work through the request's (EF) store.
                "Microsoft.AspNetCore.Identity.UserManager`1", "Microsoft.AspNetCore.Identity.RoleManager`1",
                "Microsoft.AspNetCore.Identity.SignInManager`1",
            },
            new[]
            {
                "System.Data.Common.DbConnection", "System.Data.IDbConnection", "System.Data.Common.DbTransaction", "System.Data.IDbTransaction",
                "System.Data.Common.DbCommand", "System.Data.IDbCommand", "System.Data.Common.DbDataReader", "System.Data.IDataReader",
            },
            new[]
            {
                "System.IO.Stream", "System.IO.TextReader", "System.IO.TextWriter", "System.Xml.XmlReader", "System.Xml.XmlWriter",
                "System.IO.Pipelines.PipeReader", "System.IO.Pipelines.PipeWriter",
            },
            new[] { "System.Net.Sockets.Socket", "System.Net.Sockets.TcpClient", "System.Net.WebSockets.WebSocket" },
            new[] { "System.Threading.Channels.ChannelReader`1", "System.Collections.Generic.IAsyncEnumerator`1" },
            new[] { "NHibernate.ISession", "Marten.IQuerySession", "Raven.Client.Documents.Session.IAsyncDocumentSession" },
        };

        /// <summary>Clients documented as safe for concurrent calls: two calls on one of them do not wait on each other.</summary>
        public static readonly string[] ConcurrentSafeTypes =
        {
            "System.Net.Http.HttpMessageInvoker", "Microsoft.Extensions.Caching.Distributed.IDistributedCache",
            "StackExchange.Redis.IDatabaseAsync", "MongoDB.Driver.IMongoCollection`1", "Microsoft.Azure.Cosmos.Container",
            "Azure.Storage.Blobs.BlobContainerClient", "Azure.Storage.Blobs.BlobClient", "Grpc.Core.ClientBase",
        };

        /// <summary>First words of reads that continue where the previous read on the same object stopped.</summary>
        public static readonly string[] SequentialReadVerbs = { "Read", "Receive", "Dequeue", "Next" };
    }
}
