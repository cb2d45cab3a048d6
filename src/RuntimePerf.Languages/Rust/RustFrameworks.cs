using System;
using System.Collections.Generic;
using System.Linq;
using RuntimePerf.Languages.Common;

namespace RuntimePerf.Languages.Rust
{
    /// <summary>
    /// Marks request handlers (axum method routers, actix-web and Rocket route attributes and <c>.to(…)</c>, warp's
    /// <c>and_then</c>, functions taking an extractor or a <c>tonic::Request</c>) and entry points (<c>#[tokio::main]</c>,
    /// a future given to <c>block_on</c> from sync code) in a built model.
    /// </summary>
    internal static class RustFrameworks
    {
        public static void Mark(SourceModel model)
        {
            bool web = ImportsWebCrate(model);
            var byName = new Dictionary<string, List<FunctionModel>>(StringComparer.Ordinal);
            foreach (var fn in model.Functions)
            {
                if (fn.Kind != FunctionKind.Function) continue;
                if (!byName.TryGetValue(fn.Name, out var list)) byName[fn.Name] = list = new List<FunctionModel>();
                list.Add(fn);
                // a binary's `fn main()` at its crate root, with or without a runtime's attribute: the program's start-up (not a
                // `main(jobs)` of a module)
                if (fn.Name == "main" && fn.ClassName == null && fn.Namespace == null && fn.Parameters.Count == 0
                    && fn.Parent is null or { Kind: FunctionKind.Module }) fn.IsEntryPoint = true;
                foreach (var d in fn.Decorators)
                {
                    string path = d.Resolved ?? d.Text;
                    if (RustTables.MainAttributes.Contains(path)) fn.IsEntryPoint = true;
                    else if (d.IsCall && d.Method is { } m && RustTables.RouteAttributes.Contains(m) && IsWebPath(path)) fn.HandlerReason ??= "route attribute #[" + d.Text + "]";
                }
                if (fn.IsAsync && fn.HandlerReason == null) fn.HandlerReason = ExtractorReason(fn);
            }
            // rt.block_on(async { … }) / block_on(run()) from sync code: the program's main future — not in a loop (a thread's
            // block_on per received message runs the future per item), and not a function other async code of the file awaits too
            // (a nightly job's loop, beside the admin command that runs one day). Decided once all start-up is known.
            var mainFutures = new List<FunctionModel>();
            foreach (var call in model.Calls)
            {
                if (!call.Function.IsAsync && IsBlockOn(call))
                {
                    if (call.Loop == null) mainFutures.AddRange(Targets(model, call, byName));
                }
                else if (call.Resolved is { } spawn && RustTables.TaskSpawns.Contains(spawn) && PerConnection(call))
                {
                    foreach (var target in Targets(model, call, byName))
                    {
                        if (!target.IsAsync) continue;
                        target.HandlerReason ??= "spawned per accepted connection";
                        // tokio::spawn(async move { if let Err(e) = serve(hub, stream).await { … } }): serve runs per connection too,
                        // and so does a method of the file awaited there (broker.handle_conn(socket).await)
                        if (target.Kind != FunctionKind.Lambda) continue;
                        foreach (var awaited in target.Calls)
                        {
                            string? name = SourceModel.IsPlainName(awaited.Written) ? awaited.Written
                                : awaited.Receiver is { } receiver && SourceModel.IsPlainName(receiver) ? awaited.Method : null;
                            if (!awaited.IsAwaited || name == null || !byName.TryGetValue(name, out var served)) continue;
                            foreach (var f in served)
                            {
                                if (f.IsAsync) f.HandlerReason ??= "awaited per accepted connection";
                            }
                        }
                    }
                }
                else if (IsRoute(call, web))
                {
                    foreach (var target in Targets(model, call, byName))
                    {
                        if (target.IsAsync) target.HandlerReason ??= "registered with " + Callee(call) + "()";
                    }
                }
            }
            // all decided before any is marked: AwaitedOnAsyncPath reads IsEntryPoint
            foreach (var fn in mainFutures.FindAll(fn => fn.Kind == FunctionKind.Lambda || !AwaitedOnAsyncPath(model, fn))) fn.IsEntryPoint = true;
        }

        /// <summary>The team's own handler attributes (<c>runtimeperf.handler_decorators</c>), by resolved path or as written.</summary>
        public static void MarkConfigured(SourceModel model, IReadOnlyCollection<string> attributes)
        {
            if (attributes.Count == 0) return;
            foreach (var fn in model.Functions)
            {
                if (fn.Kind != FunctionKind.Function || fn.HandlerReason != null) continue;
                foreach (var d in fn.Decorators)
                {
                    string path = d.Receiver != null ? d.Receiver + "::" + d.Method : d.Method ?? d.Text;
                    if (attributes.Contains(path) || d.Resolved is { } r && attributes.Contains(r))
                    {
                        fn.HandlerReason = "handler attribute #[" + d.Text + "] (runtimeperf.handler_decorators)";
                        break;
                    }
                }
            }
        }

        private static bool ImportsWebCrate(SourceModel model)
        {
            foreach (string target in model.Imports.Values)
            {
                if (IsWebPath(target)) return true;
            }
            return false;
        }

        private static bool IsWebPath(string path)
        {
            foreach (string crate in RustTables.WebCrates)
            {
                if (path.StartsWith(crate, StringComparison.Ordinal) && (path.Length == crate.Length || path[crate.Length] == ':')) return true;
            }
            return false;
        }

        /// <summary>
        /// <c>get(handler)</c> resolved to a web crate, or <c>.post(handler)</c>/<c>.to(handler)</c>/<c>.and_then(handler)</c> in a
        /// file that imports one — a method that other crates share (futures' <c>then</c>) only when the crate's Cargo.toml
        /// depends on the framework it belongs to (or no Cargo.toml was found).
        /// </summary>
        private static bool IsRoute(CallModel call, bool web)
        {
            if (call.Resolved is { } r) return IsWebPath(r) && RustTables.RouteFunctions.Contains(RustKnowledge.LastSegment(r));
            if (!web || call.Method is not { } m || !RustTables.RouteFunctions.Contains(m)) return false;
            var dependencies = call.Function.File.Dependencies;
            return dependencies == null || !RustTables.RouteMethodFrameworks.TryGetValue(m, out var framework) || dependencies.Contains(framework);
        }

        /// <summary>
        /// A spawn in a server's accept loop (<c>let (sock, _) = listener.accept().await?; tokio::spawn(handle(sock));</c>, or
        /// <c>for s in listener.incoming()</c>): the task serves one connection, as a framework's handler serves one request.
        /// </summary>
        private static bool PerConnection(CallModel spawn)
        {
            if (spawn.Loop is not { } loop || loop.Function != spawn.Function) return false;
            if (loop.IterableText is { } items) return items.Contains("incoming", StringComparison.Ordinal);
            foreach (var c in spawn.Function.Calls)
            {
                if (c.StartByte >= spawn.StartByte) break;
                if (c.Method == "accept" && c.IsAwaited && c.StartByte >= loop.StartByte) return true;
            }
            return false;
        }

        private static bool IsBlockOn(CallModel call) =>
            call.Method == "block_on" || call.Resolved is { } r && RustTables.Async.Function(r) is { RuleId: Engine.Catalog.RuleIds.BlockingWait };

        private static string Callee(CallModel call) => call.Method ?? call.Written;

        /// <summary>
        /// <paramref name="fn"/> is awaited in an async function of the file that is not the program's start-up: a free function
        /// called by its name (<c>reconcile(&amp;state, day).await</c>), a method called on <c>self</c>, on a value of its type or as
        /// <c>Self::name</c>.
        /// </summary>
        private static bool AwaitedOnAsyncPath(SourceModel model, FunctionModel fn) =>
            model.Calls.Exists(c => c.IsAwaited && c.Function != fn && c.Function.IsAsync && !c.Function.IsEntryPoint
                && (fn.ClassName == null
                    ? c.Receiver == null && RustKnowledge.LastSegment(c.Written) == fn.Name
                    : c.Method == fn.Name && c.Receiver is { } receiver
                      && (receiver == "self" ? c.Function.ClassName == fn.ClassName : c.Function.KindOf(receiver) == fn.ClassName)
                      || c.Receiver == null && (c.Written == "Self::" + fn.Name && c.Function.ClassName == fn.ClassName || c.Written == fn.ClassName + "::" + fn.Name)));

        /// <summary>Functions named by the call's arguments (<c>handler</c>, <c>handlers::get_user</c>, <c>run()</c>, <c>serve(sock)</c>) and the async blocks and closures written in them.</summary>
        private static IEnumerable<FunctionModel> Targets(SourceModel model, CallModel call, Dictionary<string, List<FunctionModel>> byName)
        {
            foreach (var arg in call.Arguments)
            {
                if (arg.Text is { } text)
                {
                    string name = text;
                    int paren = name.IndexOf('(');
                    if (arg.Shape == Shape.Call && paren > 0) name = name.Substring(0, paren);
                    name = RustKnowledge.LastSegment(name);
                    if (SourceModel.IsPlainName(name) && byName.TryGetValue(name, out var fns))
                    {
                        foreach (var f in fns) yield return f;
                    }
                }
                foreach (var fn in model.Functions)
                {
                    if (fn.Kind == FunctionKind.Lambda && fn.Parent == call.Function && fn.StartByte >= arg.StartByte && fn.EndByte <= arg.EndByte) yield return fn;
                }
            }
        }

        private static string? ExtractorReason(FunctionModel fn)
        {
            foreach (var p in fn.Parameters)
            {
                if (p.ResolvedAnnotation is { } type && RustTables.Extractors.Contains(type)) return "takes " + (p.Annotation ?? type);
            }
            return null;
        }
    }
}
