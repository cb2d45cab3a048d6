using System;
using System.Collections.Generic;

namespace RuntimePerf.Languages.Common
{
    /// <summary>
    /// Functions of all audited files, for resolving calls to helpers (same file, same class, or imported from
    /// another audited file), and the sync helpers that block (computed once, iteratively, for all files).
    /// </summary>
    public sealed class ProgramIndex
    {
        private static readonly string[] BlockingRules = { "RP0001", "RP0002" };

        /// <summary>Module-level functions by dotted name (and by shorter suffixes, for source roots like src/); null when ambiguous.</summary>
        private readonly Dictionary<string, FunctionModel?> _byDottedName = new(StringComparer.Ordinal);
        private readonly Dictionary<SourceModel, FileFunctions> _files = new();
        private readonly Dictionary<(FunctionModel, string), string> _blockingChains = new();

        private sealed class FileFunctions
        {
            public readonly Dictionary<string, FunctionModel?> TopLevel = new(StringComparer.Ordinal);
            public readonly Dictionary<(string Class, string Name), FunctionModel?> Methods = new();
            public readonly Dictionary<(FunctionModel Parent, string Name), FunctionModel?> Nested = new();
        }

        public ProgramIndex(IReadOnlyList<SourceModel> models, Func<SourceModel, ILanguageKnowledge> knowledge)
        {
            foreach (var model in models) IndexFile(model);
            ComputeBlockingHelpers(models, knowledge);
        }

        private void IndexFile(SourceModel model)
        {
            var ff = new FileFunctions();
            _files[model] = ff;
            string[]? moduleSuffixes = null; // "app.api.users", "api.users", "users": computed once per file
            foreach (var fn in model.Functions)
            {
                if (fn.Kind != FunctionKind.Function) continue;
                if (fn.Parent == null && fn.ClassName == null)
                {
                    Add(ff.TopLevel, fn.Name, fn);
                    moduleSuffixes ??= ModuleSuffixes(model.ModuleName);
                    foreach (string suffix in moduleSuffixes) Add(_byDottedName, suffix + "." + fn.Name, fn);
                }
                else if (fn.ClassName != null)
                {
                    Add(ff.Methods, (fn.ClassName, fn.Name), fn);
                }
                else if (fn.Parent != null)
                {
                    Add(ff.Nested, (fn.Parent, fn.Name), fn);
                }
            }
        }

        private static string[] ModuleSuffixes(string moduleName)
        {
            string[] parts = moduleName.Split('.');
            var suffixes = new string[parts.Length];
            for (int i = 0; i < parts.Length; i++) suffixes[i] = string.Join(".", parts, i, parts.Length - i);
            return suffixes;
        }

        private static void Add<TKey>(Dictionary<TKey, FunctionModel?> map, TKey key, FunctionModel fn) where TKey : notnull
        {
            map[key] = map.ContainsKey(key) ? null : fn;
        }

        /// <summary>The function a call invokes, when it can be told: a plain name, <c>self.method</c>, or an imported function.</summary>
        public FunctionModel? Target(CallModel call)
        {
            var file = call.Function.File;
            if (!_files.TryGetValue(file, out var ff)) return null;
            string written = call.Written;
            if (written.IndexOf('.') < 0 && call.Function.ImportTarget(written) == null)
            {
                // A def nested in the calling function (or an enclosing one) wins over a module-level one.
                for (var f = call.Function; f != null; f = f.Parent)
                {
                    if (ff.Nested.TryGetValue((f, written), out var nested)) return nested;
                    if (f.Locals.Contains(written)) return null; // a variable, not the module's function
                }
                return ff.TopLevel.TryGetValue(written, out var top) ? top : null;
            }
            if ((written.StartsWith("self.", StringComparison.Ordinal) || written.StartsWith("cls.", StringComparison.Ordinal))
                && written.IndexOf('.', written.IndexOf('.') + 1) < 0)
            {
                for (var f = call.Function; f != null; f = f.Parent)
                {
                    // self.save(…): the method is the callee's last segment
                    if (f.ClassName is { } cls) return call.Method != null && ff.Methods.TryGetValue((cls, call.Method), out var m) ? m : null;
                }
                return null;
            }
            if (call.Resolved is { } resolved && resolved != written && _byDottedName.TryGetValue(resolved.TrimStart('.'), out var imported)) return imported;
            return null;
        }

        /// <summary>"load_config() → open()" when <paramref name="function"/> is a sync helper that blocks for <paramref name="ruleId"/>.</summary>
        public string? BlockingChain(FunctionModel function, string ruleId) =>
            _blockingChains.TryGetValue((function, ruleId), out var chain) ? chain : null;

        /// <summary>
        /// Worklist over the call graph: a sync function blocks if it makes a blocking call itself or calls a sync
        /// function that blocks. No recursion; each (function, rule) is settled once.
        /// </summary>
        private void ComputeBlockingHelpers(IReadOnlyList<SourceModel> models, Func<SourceModel, ILanguageKnowledge> knowledge)
        {
            var work = new Queue<(FunctionModel, string)>();
            var callers = new Dictionary<FunctionModel, List<FunctionModel>>();
            foreach (var model in models)
            {
                var k = knowledge(model);
                foreach (var fn in model.Functions)
                {
                    if (!IsHelper(fn, k)) continue;
                    foreach (var call in fn.Calls)
                    {
                        if (call.IsOffloaded || call.IsAwaited) continue;
                        // A helper that only looks up metadata (a capped, brief call) is not followed.
                        if (k.Classify(call) is { } row && Array.IndexOf(BlockingRules, row.RuleId) >= 0 && row.MaxSeverity == null)
                        {
                            if (_blockingChains.TryAdd((fn, row.RuleId), fn.Name + "() → " + call.Written + "()")) work.Enqueue((fn, row.RuleId));
                        }
                        else if (Target(call) is { } target && !target.IsAsync)
                        {
                            if (!callers.TryGetValue(target, out var list)) callers[target] = list = new List<FunctionModel>();
                            list.Add(fn);
                        }
                    }
                }
            }
            while (work.Count > 0)
            {
                var (fn, rule) = work.Dequeue();
                if (!callers.TryGetValue(fn, out var list)) continue;
                string chain = _blockingChains[(fn, rule)];
                foreach (var caller in list)
                {
                    if (_blockingChains.TryAdd((caller, rule), caller.Name + "() → " + chain)) work.Enqueue((caller, rule));
                }
            }
        }

        /// <summary>A sync, named function that is not memoised (a cached helper blocks once, not per call).</summary>
        private static bool IsHelper(FunctionModel fn, ILanguageKnowledge knowledge)
        {
            if (fn.Kind != FunctionKind.Function || fn.IsAsync) return false;
            foreach (var d in fn.Decorators)
            {
                if (knowledge.IsMemoisingDecorator(d)) return false;
            }
            return true;
        }
    }
}
