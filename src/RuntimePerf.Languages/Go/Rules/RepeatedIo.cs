using System.Linq;
using RuntimePerf.Engine.Catalog;
using RuntimePerf.Engine.Model;
using RuntimePerf.Languages.Common;

namespace RuntimePerf.Languages.Go.Rules
{
    /// <summary>
    /// RP0016: the same file, directory or environment variable read on every iteration of a loop — <c>os.ReadFile</c>,
    /// <c>os.Stat</c>, <c>os.Getenv</c>… whose arguments the loop does not change (constants, or names the loop never
    /// assigns).
    /// </summary>
    public sealed class RepeatedIo : IRule
    {
        public string RuleId => RuleIds.RepeatedIo;

        public void Check(FileAudit audit)
        {
            var model = audit.Model;
            foreach (var call in model.Calls)
            {
                if (call.Resolved is { } resolved && GoTables.RepeatableReads.Contains(resolved))
                {
                    // for { … }, for cond { … } and a range over ticks or a channel: a worker, poll or retry loop, where reading again
                    // is usually the point (a reload, waiting for a file to appear)
                    if (GoKnowledge.LoopOf(call, handedOn: false) is not { Kind: LoopKind.For } perPass || Polls(model, perPass) || call.Arguments.Count == 0 || !Invariant(model, call, perPass)) continue;
                    Report(audit, call, call.Display + " reads the same " + What(resolved));
                }
                else if (call.Loop is { } loop && call.Arguments.Count == 0 && OverData(model, loop) && Reader(audit, call) is { } read && ReceiverInvariant(model, call, loop))
                {
                    Report(audit, call, call.Display + " reads the same " + What(read.Resolved!) + " (" + read.Display + ", line "
                        + model.SpanOf(read.StartByte, read.StartByte).Line + ")");
                }
            }
        }

        private static string What(string resolved) =>
            resolved.Contains("env", System.StringComparison.OrdinalIgnoreCase) || resolved.EndsWith("Env") ? "setting" : "file";

        private static void Report(FileAudit audit, CallModel call, string what) =>
            audit.Report(RuleIds.RepeatedIo, call.Function, call.StartByte, call.EndByte,
                "Repeated I/O in a loop: " + what + " on every iteration in " + call.Function.Describe(),
                "Read it once before the loop and reuse the value");

        /// <summary>
        /// <c>for _, f := range files { cfg, err := repo.Config() … }</c>: a function or method of this file that takes no
        /// parameters and reads a file or setting (<c>os.ReadFile</c>, <c>os.Getenv</c>…) with constant arguments or its
        /// receiver's fields, so the same one on every call. Returns that read.
        /// </summary>
        private static CallModel? Reader(FileAudit audit, CallModel call)
        {
            var model = audit.Model;
            string? type = call.Receiver == null ? null : audit.Knowledge.ReceiverKind(call);
            if (call.IsLiteral || call.Receiver != null && type == null) return null;
            string name = call.Method ?? call.Written;
            foreach (var fn in model.Functions)
            {
                if (fn.Kind != FunctionKind.Function || fn.Parent != null || fn.Name != name || fn.ClassName != type || fn.Parameters.Count != 0) continue;
                foreach (var c in fn.Calls)
                {
                    if (c.Resolved is { } r && GoTables.RepeatableReads.Contains(r) && c.Arguments.Count > 0 && OnlyConstantsAndFields(model, c, fn)) return c;
                }
            }
            return null;
        }

        /// <summary>Every argument is a literal, a package constant, or built from them and the receiver's fields (<c>filepath.Join(r.dir, "config")</c>).</summary>
        private static bool OnlyConstantsAndFields(SourceModel model, CallModel read, FunctionModel fn)
        {
            foreach (var use in model.UsesIn(fn, read.StartByte, read.EndByte))
            {
                // The receiver is bound where the method starts, a package constant never changes; any other name (a parameter, a
                // computed path, a package variable) may vary.
                var (b, owner) = fn.Lookup(model.NameOf(use));
                if (b == null || b.IsConstant && owner == model.Module) continue;
                if (!(fn.ClassName != null && b.Kind == fn.ClassName && b.FirstPosition == fn.StartByte)) return false;
            }
            return true;
        }

        /// <summary>
        /// <c>for range time.Tick(d)</c>, <c>for range ticker.C</c>, <c>for job := range jobs</c> (a channel): one pass per tick or
        /// message. A ticker's <c>.C</c> is ranged with one variable at most (<c>for _, j := range b.C</c> walks a slice field).
        /// </summary>
        private static bool Polls(SourceModel model, LoopModel loop) =>
            loop.IterableText is { } items && (items.StartsWith("time.Tick(", System.StringComparison.Ordinal)
                || items.EndsWith(".C", System.StringComparison.Ordinal) && !model.Text.GetText(loop.StartByte, loop.IterableStartByte).Contains(',')
                || SourceModel.IsPlainName(items) && loop.Function.KindOf(items) == GoTables.ChanKind);

        /// <summary>A range over data with a key and a value (<c>for _, f := range files</c>): not a channel, a poll or a reload loop.</summary>
        private static bool OverData(SourceModel model, LoopModel loop) =>
            loop.IterableText != null && loop.IterableShape is Shape.Name or Shape.Member
            && model.Text.GetText(loop.StartByte, loop.IterableStartByte).Contains(',');

        /// <summary>The loop never assigns the root of the call's receiver (<c>w</c> in <c>w.r.Config()</c>).</summary>
        private static bool ReceiverInvariant(SourceModel model, CallModel call, LoopModel loop)
        {
            if (call.Receiver is not { } receiver) return true;
            string root = receiver.Split('.')[0];
            foreach (var use in model.UsesOf(root, call.Function, loop.StartByte, loop.EndByte))
            {
                if (use.Kind != UseKind.Read) return false;
            }
            return true;
        }

        /// <summary>Every argument is a constant, or a name (or field of one) the loop never assigns.</summary>
        private static bool Invariant(SourceModel model, CallModel call, LoopModel loop)
        {
            foreach (var arg in call.Arguments)
            {
                if (arg.Shape == Shape.String) continue;
                if (arg.Shape is not (Shape.Name or Shape.Member) || arg.Text is not { } text) return false;
                string root = text.Split('.')[0];
                // a parameter or local of the literal the loop calls: a new value on every pass
                if (call.Function != loop.Function && call.Function.Lookup(root).Owner == call.Function) return false;
                // assigned by a loop around the call: in the call's own function, or (for a literal called in the loop, which
                // captures it) in the loop's, where the range binds it (for i, p := range paths { go func() { os.Stat(p) }() })
                for (var l = loop; l != null; l = l.Parent)
                {
                    foreach (var use in model.UsesOf(root, call.Function, l.StartByte, l.EndByte).Concat(
                                 call.Function != loop.Function ? model.UsesOf(root, loop.Function, l.StartByte, l.EndByte) : Enumerable.Empty<NameUse>()))
                    {
                        if (use.Kind != UseKind.Read) return false;
                    }
                }
            }
            return true;
        }
    }
}
