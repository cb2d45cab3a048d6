namespace RuntimePerf.IntegrationTests
{
    /// <summary>Consumer code the integration tests share: a HIGH in a handler, a MEDIUM in a background method.</summary>
    internal static class ConsumerSources
    {
        /// <summary>Thread.Sleep at line 4, column 5, inside a minimal-API handler: RP0002 HIGH.</summary>
        public const string SleepInHandler = """
            var app = WebApplication.CreateBuilder(args).Build();
            app.MapGet("/slow", async () =>
            {
                Thread.Sleep(100);
                await Task.Yield();
                return "done";
            });
            app.Run();
            """;

        /// <summary>File.ReadAllLines at line 6, column 16, in an async method: RP0001 MEDIUM.</summary>
        public const string BlockingWorker = """
            public static class Worker
            {
                public static async Task<int> CountAsync(string path)
                {
                    await Task.Yield();
                    return File.ReadAllLines(path).Length;
                }
            }
            """;
    }
}
