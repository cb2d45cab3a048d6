using RuntimePerf.Engine.Catalog;
using RuntimePerf.Engine.Model;
using RuntimePerf.Languages.Common;

namespace RuntimePerf.Languages.JavaScript.Rules
{
    /// <summary>
    /// RP0016: a file or directory read inside a loop (a <c>for</c>/<c>while</c> body or an array callback) although its path
    /// has the same value on every iteration: a string literal, a name neither the loop nor its callback binds or assigns,
    /// <c>this.x</c>, or <c>path.join</c>/<c>resolve</c> of such values.
    /// </summary>
    public sealed class RepeatedIo : IRule
    {
        public string RuleId => RuleIds.RepeatedIo;

        public void Check(FileAudit audit)
        {
            var model = audit.Model;
            foreach (var call in model.Calls)
            {
                if (call.Loop is not { } loop || call.Resolved is not { } r || !JavaScriptTables.FileReads.Contains(r)) continue;
                if (call.Positional(0) is not { } path || !Invariant(model, call.Function, loop, path)) continue;
                audit.Report(RuleIds.RepeatedIo, call.Function, call.StartByte, call.EndByte,
                    "Repeated I/O in a loop: " + call.Display + " in " + call.Function.Describe() + " reads " + (path.Text ?? "the same path")
                    + " again on every iteration, although the path does not change",
                    "Read it once before the loop (or once at startup) and reuse the content",
                    Confidence.High, Severity.Medium);
            }
        }

        private static bool Invariant(SourceModel model, FunctionModel fn, LoopModel loop, ArgumentModel arg)
        {
            switch (arg.Shape)
            {
                case Shape.String:
                    return true;
                case Shape.Name:
                    return arg.Text is { } name && InvariantName(model, fn, loop, name);
                case Shape.Member:
                    return arg.Text is { } text && JavaScriptModelBuilder.IsDotted(text)
                        && (text.StartsWith("this.", System.StringComparison.Ordinal) || InvariantName(model, fn, loop, text.Substring(0, text.IndexOf('.'))));
                case Shape.Call:
                    foreach (var inner in fn.Calls)
                    {
                        if (inner.StartByte != arg.StartByte || inner.EndByte != arg.EndByte) continue;
                        if (inner.Resolved is not ("path.join" or "path.resolve") || inner.Arguments.Count == 0) return false;
                        foreach (var a in inner.Arguments)
                        {
                            if (a.Shape == Shape.Call || !Invariant(model, fn, loop, a)) return false;
                        }
                        return true;
                    }
                    return false;
                default:
                    return false;
            }
        }

        /// <summary>Bound outside the loop (not its variable, not a callback parameter) and never assigned inside it.</summary>
        private static bool InvariantName(SourceModel model, FunctionModel fn, LoopModel loop, string name)
        {
            if (name is "__dirname" or "__filename") return true;
            var (binding, owner) = fn.Lookup(name);
            if (binding == null || owner == null) return false;
            if (owner.Kind != FunctionKind.Module && owner.StartByte >= loop.StartByte) return false; // a callback's parameter or local
            if (binding.FirstPosition >= loop.StartByte && binding.FirstPosition < loop.EndByte) return false;
            for (var f = fn; f != null; f = f.Parent)
            {
                foreach (var use in model.UsesOf(name, f, loop.StartByte, loop.EndByte))
                {
                    if (use.Kind != UseKind.Read) return false;
                }
                if (f == owner) break;
            }
            return true;
        }
    }
}
