namespace RuntimePerf.Languages.Common
{
    /// <summary>What a loop leaves unchanged: names whose value is the same on every iteration, in any language's model.</summary>
    public static class LoopBindings
    {
        /// <summary>
        /// <paramref name="name"/> is bound outside <paramref name="loop"/> (not its variable, not a parameter or local of a
        /// callback or comprehension inside it) and never assigned inside it, by <paramref name="fn"/> or a function around it.
        /// With <paramref name="orImported"/>, also an imported name no function binds (<c>from app.settings import TENANTS_FILE</c>),
        /// which holds the value it was imported with unless the loop assigns it.
        /// </summary>
        public static bool Unchanged(SourceModel model, FunctionModel fn, LoopModel loop, string name, bool orImported = false)
        {
            var (binding, owner) = fn.Lookup(name);
            if (binding == null || owner == null)
            {
                if (!orImported || fn.ImportTarget(name) == null) return false;
                foreach (var use in model.UsesOf(name, fn, loop.StartByte, loop.EndByte))
                {
                    if (use.Kind != UseKind.Read) return false;
                }
                return true;
            }
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

        /// <summary>
        /// The call's text reads a name the loop assigns before it (its variable, or one derived from it), or a parameter or
        /// local of a callback the loop runs (<c>lines.map((l) =&gt; …)</c>): what it does differs from one iteration to the next.
        /// </summary>
        public static bool ReadsIterationValue(CallModel call, LoopModel loop) => ReadsIterationValue(call.Function, call.StartByte, call.EndByte, loop);

        /// <summary>The same for a part of a call (<paramref name="start"/> to <paramref name="end"/> in <paramref name="fn"/>): one argument.</summary>
        public static bool ReadsIterationValue(FunctionModel fn, int start, int end, LoopModel loop)
        {
            var model = fn.File;
            foreach (var read in model.UsesIn(fn, start, end))
            {
                if (read.Kind != UseKind.Read) continue;
                string name = model.NameOf(read);
                if (fn.Lookup(name).Owner is { Kind: not FunctionKind.Module } owner && owner.StartByte >= loop.StartByte) return true;
                foreach (var use in model.UsesOf(name, fn, loop.StartByte, start))
                {
                    if (use.Kind == UseKind.Write) return true;
                }
            }
            return false;
        }
    }
}
