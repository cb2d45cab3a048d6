namespace RuntimePerf.CSharp.Rules.ClientPerRequest
{
    /// <summary>A constructor (<c>.ctor</c>, subclasses included) or a static factory that opens a new connection pool, with the fix.</summary>
    internal sealed record Client(string Type, string Member, string Recommendation);

    /// <summary>What RP0011 knows: the calls that build a client with its own connection pool, and how to reuse one.</summary>
    internal static class ClientPerRequestTable
    {
        public static readonly Client[] Clients =
        {
            new Client("System.Net.Http.HttpClient", ".ctor",
                "Inject IHttpClientFactory (services.AddHttpClient) or a typed client, or reuse one static HttpClient over a SocketsHttpHandler with PooledConnectionLifetime set"),
            new Client("RestSharp.RestClient", ".ctor",
                "Create one RestClient per base URL and reuse it (register it as a singleton), or build it over an HttpClient from IHttpClientFactory"),
            new Client("Grpc.Net.Client.GrpcChannel", "ForAddress",
                "Create the GrpcChannel once and reuse it, or register the client with services.AddGrpcClient"),
        };

        /// <summary>Arguments of these types carry the connection pool: a client built over a shared one reuses its connections.</summary>
        public static readonly string[] PoolOwners = { "System.Net.Http.HttpMessageHandler", "System.Net.Http.HttpClient" };
    }
}
