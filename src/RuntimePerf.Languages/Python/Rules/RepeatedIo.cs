using RuntimePerf.Engine.Catalog;
using RuntimePerf.Languages.Common;
using RuntimePerf.Languages.Rules;

namespace RuntimePerf.Languages.Python.Rules
{
    /// <summary>
    /// RP0016: a file opened for reading, a <c>Path</c> read or a directory listed inside a loop (or comprehension) although the
    /// path has the same value on every iteration: a string literal, a name the loop neither binds nor assigns, <c>self.x</c>,
    /// or <c>os.path.join</c>/<c>Path(…)</c> of such values. Also a file opened for writing (<c>"w"</c>) at such a path on every
    /// item of a <c>for</c> loop over data: each write replaces the last. Not a loop that sleeps between iterations (a poll).
    /// </summary>
    public sealed class RepeatedIo : IRule
    {
        public string RuleId => RuleIds.RepeatedIo;

        public void Check(FileAudit audit)
        {
            var model = audit.Model;
            foreach (var call in model.Calls)
            {
                // the iterable of a comprehension (or loop) is evaluated once, before the first iteration
                if (call.Loop is not { } loop || call.StartByte >= loop.IterableStartByte && call.StartByte < loop.IterableEndByte) continue;
                // if files is None: files = os.listdir(root) — listed once into a name kept across the loop
                if (Access(audit, call, loop) is not { } access || Polls(model, loop)
                    || ExpensiveObject.LazilyCached(model, call, loop.BodyStartByte, loop.StartByte, loop.EndByte)) continue;
                var (path, rewrites) = access;
                if (!Invariant(model, call.Function, loop, path)) continue;
                RepeatedIoReport.Report(audit, call, path.Text, rewrites);
            }
        }

        /// <summary>The path the call reads (or, in a loop over data, rewrites with mode <c>"w"</c>), or null for any other call.</summary>
        private static (PathText Path, bool Rewrites)? Access(FileAudit audit, CallModel call, LoopModel loop)
        {
            if (call.Resolved is { } r && PythonTables.PathReads.Contains(r) && call.Positional(0) is { } listed) return (PathText.Of(listed), false);
            if (call.Resolved is { } o && PythonTables.FileOpens.Contains(o) && call.Positional(0) is { } opened)
            {
                var mode = call.Positional(1) ?? call.Keyword("mode");
                if (mode == null) return (PathText.Of(opened), false);
                if (mode is not { Shape: Shape.String, Text: { } m }) return null;
                if (m.IndexOfAny(WriteModes) < 0) return (PathText.Of(opened), false);
                bool rewrites = m.Contains('w') && !m.Contains('+') && loop.Kind == LoopKind.For && loop.IterableText != null;
                return rewrites ? (PathText.Of(opened), true) : null;
            }
            // Path(p).read_text(), self.config_path.read_bytes(), (BASE_DIR / "settings.json").read_text()
            if (call.Method is not { } method || !PythonTables.PathReadMethods.Contains(method)) return null;
            if (call.Receiver is ['(', .., ')'] joined && call.ReceiverCall == null)
            {
                return (new PathText(Shape.Other, joined.Substring(1, joined.Length - 2), call.StartByte, call.StartByte + joined.Length), false);
            }
            if (audit.Knowledge.ReceiverKind(call) == "Path")
            {
                if (call.ReceiverCall is { Arguments.Count: 1 } made) return PythonTables.PathBuilders.Contains(made.Resolved ?? "") ? (PathText.Of(made.Positional(0)!), false) : null;
                if (call.Receiver is { } receiver && call.ReceiverCall == null) return (new PathText(Shape.Member, receiver, call.StartByte, call.StartByte + receiver.Length), false);
            }
            return null;
        }

        private static readonly char[] WriteModes = { 'w', 'a', 'x', '+' };

        /// <summary>A path as written: its shape, text and place.</summary>
        private readonly record struct PathText(Shape Shape, string? Text, int Start, int End)
        {
            public static PathText Of(ArgumentModel a) => new(a.Shape, a.Text, a.StartByte, a.EndByte);
        }

        /// <summary>
        /// The same value on every iteration: a string literal; a name, or <c>name.attr</c>, the loop neither binds nor assigns;
        /// <c>BASE / "rates.json"</c> of such parts; or <c>os.path.join</c>/<c>Path(…)</c> of them (nested at most a few deep).
        /// </summary>
        private static bool Invariant(SourceModel model, FunctionModel fn, LoopModel loop, PathText path, int depth = 0)
        {
            switch (path.Shape)
            {
                case Shape.String:
                    // f"orders/{order.id}.json" is built anew on each iteration
                    return path.Text is { } written && !PythonShapes.IsFormatted(written);
                case Shape.Name:
                case Shape.Member:
                    return path.Text is { } t && InvariantOperand(model, fn, loop, t);
                case Shape.Call:
                    if (depth > 2 || model.CallAt(path.Start, path.End) is not { } inner || !PythonTables.PathBuilders.Contains(inner.Resolved ?? "")
                        || inner.Arguments.Count == 0) return false;
                    foreach (var a in inner.Arguments)
                    {
                        if (a.Keyword != null || a.IsSpread || !Invariant(model, fn, loop, PathText.Of(a), depth + 1)) return false;
                    }
                    return true;
                default:
                    // BASE_DIR / "config" / name
                    if (path.Text is not { } text || !text.Contains(" / ", System.StringComparison.Ordinal)) return false;
                    foreach (string part in text.Split(" / "))
                    {
                        string p = part.Trim();
                        bool literal = p.Length >= 2 && p[0] is '"' or '\'' && p[^1] == p[0] && p.IndexOf(p[0], 1) == p.Length - 1;
                        if (!literal && !InvariantOperand(model, fn, loop, p)) return false;
                    }
                    return true;
            }
        }

        /// <summary><c>name</c> or <c>name.attr</c>: the loop neither binds nor assigns the name, nor assigns the attribute.</summary>
        private static bool InvariantOperand(SourceModel model, FunctionModel fn, LoopModel loop, string text)
        {
            if (!PythonModelBuilder.IsDotted(text)) return false;
            int dot = text.IndexOf('.');
            string head = dot < 0 ? text : text.Substring(0, dot);
            if (!LoopBindings.Unchanged(model, fn, loop, head, orImported: true)) return false;
            return dot < 0 || !model.Text.GetText(loop.BodyStartByte, loop.BodyEndByte).Contains(text + " =", System.StringComparison.Ordinal);
        }

        /// <summary>The loop's body sleeps (<c>time.sleep</c>, <c>await asyncio.sleep</c>): a poll, where reading again is the point.</summary>
        private static bool Polls(SourceModel model, LoopModel loop)
        {
            foreach (var c in model.Calls)
            {
                if (c.StartByte >= loop.BodyEndByte) break; // calls are in source order
                if (loop.BodyContains(c.StartByte) && c.Resolved is { } r && PythonTables.PollWaits.Contains(r)) return true;
            }
            return false;
        }
    }
}
