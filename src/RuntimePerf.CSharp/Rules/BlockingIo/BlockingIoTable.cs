using System.Collections.Generic;
using RuntimePerf.CSharp.Analysis;

namespace RuntimePerf.CSharp.Rules.BlockingIo
{
    /// <summary>What RP0001 knows about .NET APIs, by type (a listed type also covers its subclasses).</summary>
    internal static class BlockingIoTable
    {
        /// <summary>
        /// Types whose synchronous members that have an argument-compatible <c>…Async</c> twin are real I/O:
        /// such a call is reported with HIGH confidence. On other types the twin alone suggests I/O: MEDIUM.
        /// </summary>
        public static readonly string[] IoTypes =
        {
            "System.IO.File", "System.IO.Stream", "System.IO.TextReader", "System.IO.TextWriter",
            "System.IO.Compression.ZipFile",
            "System.Data.Common.DbConnection", "System.Data.Common.DbCommand", "System.Data.Common.DbDataReader",
            "System.Data.Common.DbTransaction", "System.Data.Common.DbBatch",
            "System.Net.Http.HttpClient", "System.Net.Http.HttpMessageInvoker", "System.Net.Http.HttpContent",
            "System.Net.Sockets.Socket", "System.Net.Sockets.TcpClient", "System.Net.Sockets.TcpListener",
            "System.Net.Sockets.UdpClient", "System.Net.Dns", "System.Net.WebClient", "System.Net.Mail.SmtpClient",
            "System.Net.NetworkInformation.Ping", "System.Diagnostics.Process",
            "System.Xml.XmlReader", "System.Xml.XmlWriter", "System.Text.Json.JsonSerializer", "System.Text.Json.Utf8JsonWriter",
        };

        /// <summary>Types whose async members work only on an instance created for them: type → the settings that make one.</summary>
        public static readonly Dictionary<string, string> AsyncOptIn = new Dictionary<string, string>
        {
            ["System.Xml.XmlReader"] = "new XmlReaderSettings { Async = true }",
            ["System.Xml.XmlWriter"] = "new XmlWriterSettings { Async = true }",
        };

        /// <summary>Twins the signature match cannot find (other name, or other parameters): sync member → async member.</summary>
        public static readonly Dictionary<string, Dictionary<string, string>> Twins = new Dictionary<string, Dictionary<string, string>>
        {
            ["System.Diagnostics.Process"] = Map(("WaitForExit", "WaitForExitAsync")),
            ["System.IO.Stream"] = Map(("Read", "ReadAsync"), ("Write", "WriteAsync"), ("ReadExactly", "ReadExactlyAsync"), ("ReadAtLeast", "ReadAtLeastAsync")),
            ["System.Net.Sockets.Socket"] = Map(("Receive", "ReceiveAsync"), ("Send", "SendAsync"), ("Connect", "ConnectAsync"),
                ("Accept", "AcceptAsync"), ("ReceiveFrom", "ReceiveFromAsync"), ("SendTo", "SendToAsync")),
            ["System.Net.Sockets.TcpListener"] = Map(("AcceptTcpClient", "AcceptTcpClientAsync"), ("AcceptSocket", "AcceptSocketAsync")),
            ["System.Net.Sockets.UdpClient"] = Map(("Receive", "ReceiveAsync"), ("Send", "SendAsync")),
            ["System.Net.Mail.SmtpClient"] = Map(("Send", "SendMailAsync")),
            ["System.Net.NetworkInformation.Ping"] = Map(("Send", "SendPingAsync")),
            ["System.Net.Dns"] = Map(("GetHostEntry", "GetHostEntryAsync"), ("GetHostAddresses", "GetHostAddressesAsync")),
            ["System.Net.WebClient"] = Map(("DownloadString", "DownloadStringTaskAsync"), ("DownloadData", "DownloadDataTaskAsync"),
                ("DownloadFile", "DownloadFileTaskAsync"), ("UploadString", "UploadStringTaskAsync"), ("UploadData", "UploadDataTaskAsync"),
                ("UploadFile", "UploadFileTaskAsync"), ("UploadValues", "UploadValuesTaskAsync"), ("OpenRead", "OpenReadTaskAsync"),
                ("OpenWrite", "OpenWriteTaskAsync")),
        };

        /// <summary>Members with an <c>…Async</c> twin that are not blocking I/O worth reporting, on any type.</summary>
        public static readonly string[] NotIoMembers =
        {
            "Dispose", "Close",          // DisposeAsync/CloseAsync: releasing (a pooled connection, a buffer), not waiting on I/O
            "Cancel",                    // CancellationTokenSource.CancelAsync only runs callbacks asynchronously
            "Wait",                      // waits on async work: RP0007, not RP0001
            "Add", "AddRange",           // EF Core: AddAsync is only for special value generators; Add is the normal call
            "Invoke",                    // UI dispatchers: marshalling, not I/O
            "IsDBNull", "GetFieldValue", // read from the buffered row unless the command asked for sequential access
        };

        /// <summary>
        /// Members of one type that have an <c>…Async</c> twin but do no I/O worth reporting. Completing a pipe's reader or
        /// writer marks that end finished and wakes the other side; only a writer made over a stream
        /// (<c>PipeWriter.Create(stream)</c>) writes out what is still buffered, which after the usual FlushAsync is nothing.
        /// </summary>
        public static readonly KeyValuePair<string, string[]>[] NotIoMembersOf =
        {
            MemberTable.Row("System.IO.Pipelines.PipeReader", "Complete"),
            MemberTable.Row("System.IO.Pipelines.PipeWriter", "Complete"),
        };

        /// <summary>Types never reported by RP0001 (other rules or not I/O), also as the owner of the receiver (Console.Out).</summary>
        public static readonly string[] ExcludedTypes =
        {
            "System.Threading.Tasks.Task", "System.Threading.Tasks.Task`1", "System.Threading.Tasks.ValueTask", "System.Threading.Tasks.ValueTask`1",
            "System.Threading.Tasks.Parallel", "System.Threading.CancellationTokenSource", "System.Threading.SemaphoreSlim",
            "System.Console", "Microsoft.Extensions.Logging.ILogger", "Microsoft.Extensions.Logging.LoggerExtensions",
        };

        /// <summary>
        /// IAsyncDisposable types whose synchronous Dispose does no I/O (a timer, a callback registration): <c>using</c>
        /// them in async code is fine. Values in memory (MemoryStream, a writer over one) are recognised by InMemoryValues.
        /// </summary>
        public static readonly string[] DisposeWithoutIo =
        {
            "System.Threading.Timer", "System.Threading.CancellationTokenRegistration",
        };

        /// <summary>
        /// Calls that hand out a stream to read (a response's body, an upload): it has nothing to flush, and closing it does no
        /// I/O on the caller's thread (HttpClient drains or drops the connection on its own), so a plain using is fine.
        /// </summary>
        public static readonly KeyValuePair<string, string[]>[] ReadStreamSources =
        {
            MemberTable.Row("System.Net.Http.HttpContent", "ReadAsStream", "ReadAsStreamAsync"),
            MemberTable.Row("System.Net.Http.HttpClient", "GetStreamAsync"),
            MemberTable.Row("Microsoft.AspNetCore.Http.IFormFile", "OpenReadStream"),
            // a file opened to read: nothing to flush, its Dispose only closes the handle (its reads are still reported)
            MemberTable.Row("System.IO.File", "OpenRead"),
            MemberTable.Row("System.IO.FileInfo", "OpenRead"),
        };

        /// <summary>An argument that opens a file read-only: <c>new FileStream(path, FileMode.Open, FileAccess.Read)</c>, <c>File.Open(…, FileAccess.Read)</c>.</summary>
        public static readonly KeyValuePair<string, string[]>[] ReadOnlyAccess = { MemberTable.Row("System.IO.FileAccess", "Read") };

        /// <summary><c>CreateScope()</c> → <c>CreateAsyncScope()</c>: a scope disposes its services, some of which may only dispose asynchronously.</summary>
        public static readonly KeyValuePair<string, string[]>[] ScopeFactories =
        {
            MemberTable.Row("Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions", "CreateScope"),
            MemberTable.Row("Microsoft.Extensions.DependencyInjection.IServiceScopeFactory", "CreateScope"),
        };

        private static Dictionary<string, string> Map(params (string Sync, string Async)[] pairs)
        {
            var map = new Dictionary<string, string>(System.StringComparer.Ordinal);
            foreach (var (sync, async) in pairs) map[sync] = async;
            return map;
        }
    }
}
