using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using RuntimePerf.Languages.Common;

namespace RuntimePerf.Languages.Python
{
    /// <summary>
    /// Marks request handlers (FastAPI/Starlette, aiohttp, Django, Sanic, Quart, Litestar, websockets, asyncio
    /// stream servers) and program entry points (<c>asyncio.run(main())</c>, CLI commands) in a built model.
    /// </summary>
    internal static class PythonFrameworks
    {
        /// <summary>Conventional names of app/router/blueprint objects, when their construction is not in the file.</summary>
        private static readonly Regex AppName = new(@"^(?:.*\.)?(app|api|router|bp|blueprint|routes|sio|[a-z0-9_]+_(?:router|app|bp|api|blueprint|routes))$",
            RegexOptions.CultureInvariant);

        public static void Mark(SourceModel model)
        {
            var byName = FunctionsByName(model);
            foreach (var fn in model.Functions)
            {
                if (fn.Kind != FunctionKind.Function) continue;
                fn.HandlerReason ??= DecoratorReason(model, fn) ?? SignatureReason(model, fn);
                foreach (var d in fn.Decorators)
                {
                    if (d.Resolved is { } r && (PythonTables.CliDecorators.Contains(r) || (d.Method == "command" && d.IsCall && d.Receiver != null
                        && model.Module.Locals.KindOf(d.Receiver) == null && !AppName.IsMatch(d.Receiver) && model.Imports.ContainsKey("typer"))))
                    {
                        fn.IsEntryPoint = true;
                    }
                }
            }
            foreach (var call in model.Calls)
            {
                if (call.Resolved is { } r && PythonTables.RouteEntries.Contains(r)
                    || call.Written is "Route" or "WebSocketRoute" or "APIRoute"
                    || call.Method is { } m && PythonTables.RouteRegistrationMethods.Contains(m))
                {
                    foreach (var target in FunctionArguments(call, byName))
                    {
                        target.HandlerReason ??= "registered with " + call.Written + "()";
                        if (call.Resolved is { } s && PythonTables.StreamServers.Contains(s)) BindStreamParameters(target);
                    }
                }
                // asyncio.run(main()) from startup code: main is the program, not a request path.
                if (!call.Function.IsAsync && (call.Resolved is { } run && PythonTables.Runners.Contains(run) || call.Method == "run_until_complete"))
                {
                    var arg = call.Positional(0);
                    string? name = arg?.Shape == Shape.Call && arg.Text is { } t && t.IndexOf('(') > 0 ? t.Substring(0, t.IndexOf('(')) : arg?.Text;
                    if (name != null && byName.TryGetValue(name, out var fns))
                    {
                        foreach (var f in fns) f.IsEntryPoint = true;
                    }
                }
            }
        }

        /// <summary>
        /// The team's own handler decorators (<c>runtimeperf.handler_decorators</c>): matched by resolved dotted name
        /// (<c>shop.web.endpoint</c>) or as written (<c>jobs.consumer</c>), with or without call arguments.
        /// </summary>
        public static void MarkConfigured(SourceModel model, IReadOnlyCollection<string> decorators)
        {
            if (decorators.Count == 0) return;
            foreach (var fn in model.Functions)
            {
                if (fn.Kind != FunctionKind.Function || fn.HandlerReason != null) continue;
                foreach (var d in fn.Decorators)
                {
                    if (decorators.Contains(d.Text) || d.Resolved is { } r && decorators.Contains(r))
                    {
                        fn.HandlerReason = "handler decorator @" + d.Text + " (runtimeperf.handler_decorators)";
                        break;
                    }
                }
            }
        }

        private static Dictionary<string, List<FunctionModel>> FunctionsByName(SourceModel model)
        {
            var byName = new Dictionary<string, List<FunctionModel>>(StringComparer.Ordinal);
            foreach (var fn in model.Functions)
            {
                if (fn.Kind != FunctionKind.Function) continue;
                if (!byName.TryGetValue(fn.Name, out var list)) byName[fn.Name] = list = new List<FunctionModel>();
                list.Add(fn);
            }
            return byName;
        }

        private static IEnumerable<FunctionModel> FunctionArguments(CallModel call, Dictionary<string, List<FunctionModel>> byName)
        {
            foreach (var arg in call.Arguments)
            {
                if (arg.Text is not { } text) continue;
                string name = text.StartsWith("self.", StringComparison.Ordinal) ? text.Substring(5) : text;
                if (arg.Shape is not (Shape.Name or Shape.Member) || name.IndexOf('.') >= 0) continue;
                if (!byName.TryGetValue(name, out var fns)) continue;
                foreach (var f in fns) yield return f;
            }
        }

        private static string? DecoratorReason(SourceModel model, FunctionModel fn)
        {
            foreach (var d in fn.Decorators)
            {
                if (d.Method != null && d.Receiver != null && PythonTables.RouteDecoratorMethods.Contains(d.Method))
                {
                    string? kind = model.Module.Locals.KindOf(d.Receiver);
                    if (kind == "app" || (kind == null && AppName.IsMatch(d.Receiver))) return "route decorator @" + d.Text;
                }
                if (d.Resolved is { } r && r.StartsWith("litestar.", StringComparison.Ordinal)
                    && PythonTables.LitestarDecorators.Contains(r.Substring(r.LastIndexOf('.') + 1)))
                {
                    return "route decorator @" + d.Text;
                }
            }
            return null;
        }

        private static string? SignatureReason(SourceModel model, FunctionModel fn)
        {
            int first = fn.ClassName != null && fn.Parameters.Count > 0 && fn.Parameters[0].Name is "self" or "cls" ? 1 : 0;
            if (fn.Parameters.Count > first && fn.Parameters[first] is { } p)
            {
                if (p.ResolvedAnnotation is { } a && PythonTables.RequestAnnotations.Contains(a)) return "takes an aiohttp Request";
                if (p.Annotation is { } w && PythonTables.RequestAnnotations.Contains(w)) return "takes an aiohttp Request";
            }
            if (fn.ClassName != null && PythonTables.ViewMethods.Contains(fn.Name))
            {
                foreach (string b in fn.ClassBases)
                {
                    if (PythonTables.ViewBases.Contains(b) || (b == "View" && model.Imports.TryGetValue("View", out var v) && v.StartsWith("django", StringComparison.Ordinal)))
                    {
                        return "method of view class";
                    }
                }
            }
            // Django: a view function taking `request` in views.py (or a views/ package).
            if (fn.Parent == null && fn.ClassName == null && fn.Parameters.Count > 0 && fn.Parameters[0].Name == "request"
                && (model.Path.EndsWith("views.py", StringComparison.Ordinal) || model.Path.Contains("/views/", StringComparison.Ordinal)))
            {
                return "Django view";
            }
            return null;
        }

        /// <summary>A stream server callback receives (reader, writer): the writer needs draining.</summary>
        private static void BindStreamParameters(FunctionModel fn)
        {
            int first = fn.ClassName != null ? 1 : 0;
            if (fn.Parameters.Count > first + 1 && fn.Parameters[first + 1].Annotation == null)
            {
                fn.Locals.Set(fn.Parameters[first + 1].Name, "StreamWriter", fn.StartByte);
            }
        }
    }
}
