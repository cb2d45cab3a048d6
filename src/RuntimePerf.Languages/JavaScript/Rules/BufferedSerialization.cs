using System;
using RuntimePerf.Engine.Catalog;
using RuntimePerf.Engine.Model;
using RuntimePerf.Languages.Common;

namespace RuntimePerf.Languages.JavaScript.Rules
{
    /// <summary>
    /// RP0025: a whole file read into memory and then sent as a response (<c>const data = await readFile(p); res.send(data)</c>,
    /// Koa's <c>ctx.body = await readFile(p)</c>, <c>return new Response(data)</c> in a route handler),
    /// or a whole download buffered (<c>await r.arrayBuffer()</c>) only to be written to disk — where a stream would keep one
    /// chunk in memory at a time.
    /// </summary>
    public sealed class BufferedSerialization : IRule
    {
        public string RuleId => RuleIds.BufferedSerialization;

        /// <summary>
        /// Called on the response: <c>res.send(…)</c>, or through setters that return it, <c>res.attachment(name).send(data)</c>,
        /// <c>reply.code(200).type('image/png').send(buf)</c>.
        /// </summary>
        private static bool OnResponse(CallModel sink)
        {
            var at = sink;
            while (at.ReceiverCall is { } inner)
            {
                if (inner.Method is not { } setter || !JavaScriptTables.ResponseSetters.Contains(setter)) return false;
                at = inner;
            }
            return at.Receiver is { } receiver && JavaScriptTables.ResponseParameters.Contains(receiver);
        }

        public void Check(FileAudit audit)
        {
            var model = audit.Model;
            foreach (var sink in model.Calls)
            {
                // scripts, build configs and CLIs serve no requests (a dev server's one-off response is not a hot path)
                if (model.IsScript || sink.Positional(0) is not { } sent) continue;
                var fn = sink.Function;
                bool send = sink.Method is { } m && JavaScriptTables.ResponseSends.Contains(m) && OnResponse(sink);
                // return new Response(await readFile(p)) in a route handler: the web response is given the whole file as one buffer
                bool web = !send && fn.IsHandler && JavaScriptTables.WebResponses.Contains(sink.Written);
                if ((send || web)
                    && (sent is { Shape: Shape.Name, Text: { } name } ? Source(model, sink, name, WholeFileRead) ?? CallbackSource(model, sink, name) : InlineRead(sink, sent)) is { } read)
                {
                    audit.Report(RuleIds.BufferedSerialization, fn, read.StartByte, read.EndByte,
                        "Buffered where streaming fits: " + read.Display + " in " + fn.Describe() + " reads the whole file into memory only to send it with "
                        + sink.Written + (web ? "(…)" : "()"),
                        web ? "Stream it: new Response(Readable.toWeb(fs.createReadStream(path))) (Readable from node:stream)"
                            : "Stream it: res.sendFile(path), or pipeline(fs.createReadStream(path), res) from node:stream/promises",
                        Confidence.High, Severity.Low);
                }
            }
            // Koa: ctx.body = await readFile(p) sends the whole file as one buffer (ctx.body = fs.createReadStream(p) streams it)
            foreach (var read in model.Calls)
            {
                if (model.IsScript || read.AssignedTo is not { } target || !JavaScriptTables.ResponseBodies.Contains(target) || !WholeFileRead(read)) continue;
                audit.Report(RuleIds.BufferedSerialization, read.Function, read.StartByte, read.EndByte,
                    "Buffered where streaming fits: " + read.Display + " in " + read.Function.Describe() + " reads the whole file into memory only to send it as "
                    + target,
                    "Stream it: " + target + " = fs.createReadStream(path)",
                    Confidence.High, Severity.Low);
            }
            foreach (var write in model.Calls)
            {
                if (write.Resolved is not { } w || !JavaScriptTables.FileWrites.Contains(w) || write.Positional(1) is not { } data) continue;
                if (Download(model, write, data) is not { } download) continue;
                audit.Report(RuleIds.BufferedSerialization, write.Function, download.StartByte, download.EndByte,
                    "Buffered where streaming fits: " + download.Written + "() in " + write.Function.Describe()
                    + " holds the whole download in memory only to write it to a file",
                    "Stream it to disk: await pipeline(Readable.fromWeb(response.body), fs.createWriteStream(path))",
                    Confidence.High, Severity.Low);
            }
        }

        private static bool WholeFileRead(CallModel c) => c.Resolved is { } r && JavaScriptTables.FileReads.Contains(r) && !r.Contains("readdir") && !r.Contains("Json");

        /// <summary>
        /// <c>fs.readFile(p, (err, data) =&gt; res.end(data))</c>: <paramref name="name"/> is the content parameter of the callback
        /// the sink sits in, given last to a whole-file read, and the callback never assigns it.
        /// </summary>
        private static CallModel? CallbackSource(SourceModel model, CallModel sink, string name)
        {
            var fn = sink.Function;
            if (fn.Parameters.Count != 2 || fn.Parameters[1].Name != name || fn.Parent is not { } outer) return null;
            foreach (var u in model.UsesOf(name, fn, fn.StartByte, fn.EndByte))
            {
                if (u.Kind != UseKind.Read) return null;
            }
            foreach (var c in outer.Calls)
            {
                if (c.Arguments.Count >= 2 && c.Arguments[^1].StartByte == fn.StartByte && WholeFileRead(c)) return c;
            }
            return null;
        }

        /// <summary><c>res.end(fs.readFileSync(p))</c>, <c>res.send(await readFile(p))</c>: the read written as the argument itself.</summary>
        private static CallModel? InlineRead(CallModel sink, ArgumentModel sent)
        {
            bool awaited = sent.Shape == Shape.Other && sent.Text is { } text && text.StartsWith("await ", StringComparison.Ordinal);
            if (sent.Shape != Shape.Call && !awaited) return null;
            foreach (var c in sink.Function.Calls)
            {
                if (c.EndByte == sent.EndByte && (awaited ? c.IsAwaited : c.StartByte == sent.StartByte) && WholeFileRead(c)) return c;
            }
            return null;
        }

        private static bool IsDownload(CallModel c) => c.Method == "arrayBuffer" && c.IsAwaited;

        /// <summary>
        /// The <c>await r.arrayBuffer()</c> whose bytes <paramref name="data"/>, the written data of <paramref name="write"/>, holds:
        /// a name bound to it (<c>buf</c>) or to a wrapper of it, or a wrapper written in place — <c>Buffer.from(buf)</c>,
        /// <c>Buffer.from(await r.arrayBuffer())</c>, <c>new Uint8Array(…)</c>.
        /// </summary>
        private static CallModel? Download(SourceModel model, CallModel write, ArgumentModel data)
        {
            if (data is { Shape: Shape.Name, Text: { } name })
            {
                return Source(model, write, name, IsDownload) ?? (Source(model, write, name, c => Wrapped(c) != null) is { } wrapper ? Wrapped(wrapper) : null);
            }
            foreach (var c in write.Function.Calls)
            {
                if (c.StartByte != data.StartByte || c.EndByte != data.EndByte) continue;
                if (Wrapped(c) is { } inPlace) return inPlace;
                return IsBytesWrapper(c) && c.Positional(0) is { Shape: Shape.Name, Text: { } inner } ? Source(model, write, inner, IsDownload) : null;
            }
            return null;
        }

        private static bool IsBytesWrapper(CallModel c) => c.Resolved == "Buffer.from" || c.Written == "new Uint8Array";

        /// <summary><c>Buffer.from(await r.arrayBuffer())</c>, <c>new Uint8Array(await r.arrayBuffer())</c>: the download it wraps.</summary>
        private static CallModel? Wrapped(CallModel wrapper)
        {
            if (!IsBytesWrapper(wrapper) || wrapper.Arguments.Count != 1 || wrapper.Positional(0) is not { } bytes) return null;
            foreach (var c in wrapper.Function.Calls)
            {
                if (c.EndByte == bytes.EndByte && c.StartByte >= bytes.StartByte && IsDownload(c)) return c;
            }
            return null;
        }

        /// <summary>
        /// The call assigned to <paramref name="name"/> before <paramref name="use"/> in the same function (a write of the name on
        /// the call's line just before it), when that is the name's only assignment and it matches <paramref name="producer"/>.
        /// </summary>
        private static CallModel? Source(SourceModel model, CallModel use, string name, Func<CallModel, bool> producer)
        {
            var fn = use.Function;
            int writes = 0;
            int lastWrite = -1;
            foreach (var u in model.UsesOf(name, fn, fn.StartByte, fn.EndByte))
            {
                if (u.Kind != UseKind.Read) { writes++; lastWrite = u.Start; }
            }
            if (writes != 1 || lastWrite > use.StartByte) return null;
            int line = model.Text.GetPosition(lastWrite).Line;
            foreach (var c in fn.Calls)
            {
                if (c.StartByte > lastWrite && c.StartByte < use.StartByte && c.ArgumentOf == null && model.Text.GetPosition(c.StartByte).Line == line && producer(c)) return c;
            }
            return null;
        }
    }
}
