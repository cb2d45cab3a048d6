using System.Collections.Generic;
using static RuntimePerf.CSharp.Analysis.MemberTable;

namespace RuntimePerf.CSharp.Rules.BufferedSerialization
{
    /// <summary>A call that writes (or sends) a whole serialized payload, and the streaming form to use instead.</summary>
    /// <param name="Type">Metadata name; for streams and writers, subclasses too.</param>
    /// <param name="Members">Member names; <c>.ctor</c> for constructors.</param>
    /// <param name="Fix">
    /// The replacement: <c>{value}</c> is what was serialized, <c>{target}</c> the stream, writer or response written to;
    /// <c>{await}</c>/<c>{Async}</c> become <c>await </c>/<c>Async</c> when the sink call itself is asynchronous.
    /// </param>
    /// <param name="InMemoryTarget">Skip the finding when the target keeps its data in memory (MemoryStream, StringWriter).</param>
    internal sealed record Sink(string Type, string[] Members, string Fix, bool InMemoryTarget = false);

    /// <summary>What RP0025 knows: the calls that serialize to a string or byte array, and where such a payload is written.</summary>
    internal static class BufferedSerializationTable
    {
        /// <summary>Serializers whose string or byte[] result holds the whole payload.</summary>
        public static readonly KeyValuePair<string, string[]>[] Serializers =
        {
            Row("System.Text.Json.JsonSerializer", "Serialize", "SerializeToUtf8Bytes"),
        };

        /// <summary>Steps that only re-encode the payload on its way to the sink (<c>Encoding.UTF8.GetBytes(json)</c>).</summary>
        public static readonly KeyValuePair<string, string[]>[] Encodings =
        {
            Row("System.Text.Encoding", "GetBytes"),
        };

        public static readonly Sink[] Sinks =
        {
            new Sink("Microsoft.AspNetCore.Http.HttpResponseWritingExtensions", new[] { "WriteAsync" },
                "await {target}.WriteAsJsonAsync({value})"),
            new Sink("System.IO.Stream", new[] { "Write", "WriteAsync" },
                "{await}JsonSerializer.Serialize{Async}({target}, {value})", InMemoryTarget: true),
            new Sink("System.IO.StreamWriter", new[] { "Write", "WriteAsync", "WriteLine", "WriteLineAsync" },
                "{await}JsonSerializer.Serialize{Async}({target}.BaseStream, {value}) (flush the writer first)", InMemoryTarget: true),
            new Sink("Microsoft.AspNetCore.Http.Results", new[] { "Content", "Text" }, "return Results.Json({value})"),
            new Sink("Microsoft.AspNetCore.Http.TypedResults", new[] { "Content", "Text" }, "return TypedResults.Json({value})"),
            new Sink("Microsoft.AspNetCore.Mvc.ControllerBase", new[] { "Content" }, "return Ok({value}) (or new JsonResult({value}))"),
            new Sink("System.Net.Http.StringContent", new[] { ".ctor" }, "JsonContent.Create({value}) (or PostAsJsonAsync/PutAsJsonAsync)"),
            new Sink("System.Net.Http.ByteArrayContent", new[] { ".ctor" }, "JsonContent.Create({value}) (or PostAsJsonAsync/PutAsJsonAsync)"),
        };
    }
}
