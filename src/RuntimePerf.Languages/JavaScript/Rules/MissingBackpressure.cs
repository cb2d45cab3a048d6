using System.Collections.Generic;
using RuntimePerf.Engine.Catalog;
using RuntimePerf.Languages.Common;

namespace RuntimePerf.Languages.JavaScript.Rules
{
    /// <summary>
    /// RP0013: <c>stream.write(chunk)</c> in a loop whose result is dropped, with no wait for <c>'drain'</c> in the function: a
    /// writable stream buffers everything it is given when its reader is slower, so memory grows with the data. A <c>'data'</c>
    /// listener that writes each chunk into another stream (<c>src.on('data', (c) =&gt; out.write(c))</c>) is the same loop, run
    /// by the source: without <c>pause()</c> or a <c>'drain'</c> wait where it is registered, the source never slows down.
    /// </summary>
    public sealed class MissingBackpressure : IRule
    {
        public string RuleId => RuleIds.MissingBackpressure;

        public void Check(FileAudit audit)
        {
            var model = audit.Model;
            var reported = new HashSet<(FunctionModel, string)>();
            foreach (var call in model.Calls)
            {
                if (call.Method != "write" || call.Receiver is not { } stream) continue;
                var fn = call.Function;
                // scope: where a 'drain' wait (or the source's pause()) would be written
                FunctionModel scope;
                string where;
                if (call.Loop != null && call.IsStatement) (scope, where) = (fn, "in a loop");
                else if ((call.IsStatement || IsExpressionBody(model, fn, call)) && DataListenerRegistration(fn) is { } registration
                         && registration.Receiver != stream && !Pauses(registration))
                {
                    (scope, where) = (registration.Function, "in a 'data' listener of " + registration.Receiver);
                }
                else continue;
                if (reported.Contains((scope, stream)) || !IsWritable(fn, stream) || WaitsForDrain(model, scope, stream) || InMemory(fn, stream)) continue;
                reported.Add((scope, stream));
                audit.Report(RuleIds.MissingBackpressure, fn, call.StartByte, call.EndByte,
                    "Missing backpressure: " + call.Written + "() " + where + " in " + scope.Describe()
                    + " ignores its return value and never waits for 'drain', so the stream buffers everything when its reader is slow",
                    "When write() returns false, await once(" + stream + ", 'drain') before writing more — or build a Readable and use await pipeline(source, " + stream + ")");
            }
        }

        /// <summary><c>src.on('data', fn)</c> (or <c>addListener</c>) written in the function around <paramref name="fn"/>, with fn as the listener.</summary>
        private static CallModel? DataListenerRegistration(FunctionModel fn)
        {
            if (fn.Kind != FunctionKind.Lambda || fn.Parent is not { } parent) return null;
            foreach (var c in parent.Calls)
            {
                if (c.Method is "on" or "addListener" && c.Receiver != null && JavaScriptFrameworks.EventName(c) == "data"
                    && c.Positional(1)?.StartByte == fn.StartByte) return c;
            }
            return null;
        }

        /// <summary><c>(chunk) =&gt; out.write(chunk)</c>: the call is the arrow's whole body, its value dropped by the emitter.</summary>
        private static bool IsExpressionBody(SourceModel model, FunctionModel fn, CallModel call) =>
            call.EndByte == fn.EndByte && model.Text.GetText(fn.StartByte, call.StartByte).TrimEnd().EndsWith("=>", System.StringComparison.Ordinal);

        /// <summary>The source is paused somewhere in the registering function (<c>src.pause()</c>): flow control by hand.</summary>
        private static bool Pauses(CallModel registration)
        {
            foreach (var c in registration.Function.File.Calls)
            {
                if (c.Method == "pause" && c.Receiver == registration.Receiver && c.StartByte >= registration.Function.StartByte
                    && c.StartByte < registration.Function.EndByte) return true;
            }
            return false;
        }

        /// <summary>A stream made by a known factory, or a name for one: a response (<c>res</c>), <c>stream</c>, <c>*Stream</c>, <c>socket</c>.</summary>
        private static bool IsWritable(FunctionModel fn, string receiver)
        {
            if (SourceModel.IsPlainName(receiver) && fn.KindOf(receiver) is JavaScriptTables.WritableKind or JavaScriptTables.PassThroughKind) return true;
            string last = receiver.Substring(receiver.LastIndexOf('.') + 1);
            return JavaScriptTables.ResponseParameters.Contains(last) || last is "stream" or "socket" or "out" || last.EndsWith("Stream", System.StringComparison.Ordinal);
        }

        /// <summary>
        /// A <c>PassThrough</c> the function makes itself (<c>const part = new PassThrough(); part.write(header)</c>): what is written is
        /// already in memory and nothing slow reads it yet; it is assembled, then piped.
        /// </summary>
        private static bool InMemory(FunctionModel fn, string stream) =>
            SourceModel.IsPlainName(stream) && fn.KindOf(stream) == JavaScriptTables.PassThroughKind && fn.Lookup(stream).Owner == fn
            && fn.Parameters.Find(p => p.Name == stream) == null;

        /// <summary>A <c>'drain'</c> listener on the stream or <c>once(stream, 'drain')</c> anywhere in the function.</summary>
        private static bool WaitsForDrain(SourceModel model, FunctionModel fn, string stream)
        {
            foreach (var c in model.Calls)
            {
                if (c.StartByte < fn.StartByte || c.StartByte >= fn.EndByte) continue;
                if (c.Receiver != stream && c.Positional(0)?.Text != stream) continue;
                foreach (var a in c.Arguments)
                {
                    if (a.Text is "'drain'" or "\"drain\"") return true;
                }
            }
            return false;
        }
    }
}
