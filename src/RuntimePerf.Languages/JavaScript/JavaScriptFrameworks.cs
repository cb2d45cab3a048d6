using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using RuntimePerf.Languages.Common;

namespace RuntimePerf.Languages.JavaScript
{
    /// <summary>A function written as an argument of a call (<c>app.get('/x', (req, res) => …)</c>), or as a property of an object argument.</summary>
    internal sealed record Callback(FunctionModel Function, CallModel Call, string? Property);

    /// <summary>A function passed by name as an option of a call: <c>consumer.run({ eachMessage: relay })</c>.</summary>
    internal sealed record NamedOption(CallModel Call, string Property, string Name);

    /// <summary>What the builder saw that the model does not keep: callbacks and exports.</summary>
    internal sealed class JavaScriptFacts
    {
        public List<Callback> Callbacks { get; } = new();
        public List<NamedOption> NamedOptions { get; } = new();
        public List<FunctionModel> Exported { get; } = new();
        public FunctionModel? DefaultExport { get; set; }
    }

    /// <summary>
    /// Marks where code runs. Request handlers (HIGH): Express/Koa/Fastify/Hapi/Hono routes and middleware, NestJS controller
    /// methods, Next.js route handlers and <c>pages/api</c> defaults, SvelteKit endpoints and server loads, Remix loaders and
    /// actions, h3 <c>defineEventHandler</c> and <c>Bun.serve({ fetch })</c> callbacks, GraphQL resolvers (marked where they are built), tRPC procedure resolvers, <c>http.createServer</c> callbacks, functions taking
    /// <c>(req, res)</c>, and named functions registered as any of these. Event-driven code (MEDIUM): promise callbacks,
    /// listeners, timers, Node-style completion callbacks. A callback run inline (<c>items.map(…)</c>, a promise executor)
    /// or later by a request's own work takes the context of the function it is written in. Start-up and shut-down code known by
    /// its name (<see cref="JavaScriptTables.IsLifecycleName"/>) runs once. Everything else — module top level, scripts — is left alone.
    /// </summary>
    internal static class JavaScriptFrameworks
    {
        /// <summary>Conventional names of apps and routers, when their construction is not in the file.</summary>
        private static readonly Regex AppName = new(@"^(?:this\.)?(app|api|router|server|fastify|instance|routes|[a-zA-Z0-9_]*(?:Router|App|Routes|router|app|routes))$",
            RegexOptions.CultureInvariant);

        public static void Mark(SourceModel model, JavaScriptFacts facts)
        {
            var byName = FunctionsByName(model);
            foreach (var cb in facts.Callbacks)
            {
                var fn = cb.Function;
                var call = cb.Call;
                if ((RouteReason(model, call, cb.Property) ?? ConsumerReason(model, call, cb.Property)) is { } reason) fn.HandlerReason ??= reason;
                else if (cb.Property != null)
                {
                    if (call.Resolved is { } served && JavaScriptTables.ServeOptionHandlers.TryGetValue(served, out var option) && option == cb.Property)
                    {
                        fn.HandlerReason ??= cb.Property + " of " + call.Written + "()";
                    }
                    continue;
                }
                else if (IsServerFactory(call)) fn.HandlerReason ??= "request callback of " + call.Written + "()";
                else if (ClientMessageEvent(model, facts, fn, call) is { } socketEvent) fn.HandlerReason ??= "'" + socketEvent + "' listener of a connected socket";
                else if (IsProcedureResolver(call)) fn.HandlerReason ??= "tRPC " + call.Method + " resolver";
                else if (call.Written == JavaScriptTables.FetchEventListener && EventName(call) == "fetch") fn.HandlerReason ??= "'fetch' event listener";
                else if (call.Method == "on" && EventName(call) == "request" && AppName.IsMatch(call.Receiver ?? "")) fn.HandlerReason ??= "server 'request' listener";
                else if (call.Method is { } m && JavaScriptTables.IterationMethods.Contains(m) || call.Written == "new Promise") fn.RunsInline = true;
                else if (IsEventRegistration(call) || fn.Parameters.Count > 0 && JavaScriptTables.ErrorParameters.Contains(fn.Parameters[0].Name)) fn.IsEventDriven = true;
            }
            // Named functions registered as handlers: app.get('/x', getUser).
            foreach (var call in model.Calls)
            {
                string? consumer = ConsumerReason(model, call, null);
                if (RouteReason(model, call, null) == null && !IsServerFactory(call) && consumer == null) continue;
                foreach (var arg in call.Arguments)
                {
                    if (arg.Shape != Shape.Name || arg.Text is not { } name || !byName.TryGetValue(name, out var fns)) continue;
                    foreach (var f in fns) f.HandlerReason ??= consumer ?? "registered with " + call.Written + "()";
                }
            }
            foreach (var option in facts.NamedOptions)
            {
                if (ConsumerReason(model, option.Call, option.Property) is not { } reason || !byName.TryGetValue(option.Name, out var fns)) continue;
                foreach (var f in fns) f.HandlerReason ??= reason;
            }
            var plugins = FastifyPlugins(facts);
            foreach (var fn in model.Functions)
            {
                if (fn.Kind == FunctionKind.Module) continue;
                fn.HandlerReason ??= DecoratorReason(fn) ?? ExportReason(model, facts, fn) ?? SignatureReason(fn);
                if (!fn.IsHandler && (JavaScriptTables.IsLifecycleName(fn.Name) || IsFastifyPlugin(fn, plugins))) fn.RunsOnce = true;
                // A function that returns a promise on every path is awaited by its callers: its body runs as async code does.
                if (fn.ReturnsAwaitable) fn.IsEventDriven = true;
            }
            // initUpload(req), session.close(): named like start-up or shut-down, but a request runs them
            var fromHandlers = new HashSet<string>(StringComparer.Ordinal);
            foreach (var call in model.Calls)
            {
                if (call.Function.IsHandler) fromHandlers.Add(CallNames.Callee(call));
            }
            foreach (var fn in model.Functions)
            {
                if (fn.RunsOnce && fromHandlers.Contains(fn.Name.TrimStart('_', '#'))) fn.RunsOnce = false;
            }
            var commands = MarkCommands(model, facts);
            // Inline and nested callbacks take their context from where they are written (parents come first in source order).
            foreach (var fn in model.Functions)
            {
                if (fn.Parent is not { } parent) continue;
                // a command's listeners and timers run on after it, with the rest of the program
                if (parent.IsEntryPoint && !fn.IsHandler && !(commands != null && commands.TryGetValue(fn, out var by) && Detached(by))) fn.IsEntryPoint = true;
                bool callback = fn.RunsInline || fn.IsEventDriven;
                if (!callback) continue;
                if (parent.IsHandler) fn.HandlerReason ??= "callback in " + parent.Describe();
                if (fn.RunsInline) (fn.IsEventDriven, fn.RunsOnce) = (parent.IsAsyncCode, fn.RunsOnce || parent.RunsOnce);
            }
            foreach (var fn in model.Functions)
            {
                if (fn.IsHandler) fn.IsEventDriven = true;
                if (fn.IsAsyncCode) model.HasAsyncCode = true;
            }
        }

        /// <summary>
        /// A command of a command-line program: a function that ends the process (<c>process.exit()</c>, pm2's <c>exitCli()</c>)
        /// or loads a terminal prompt (<c>require('enquirer')</c>) in its body or in a callback it passes, is the program's entry
        /// point, and so are the functions written in it. Not through a listener, a timer or an error handler, which a server's
        /// set-up registers too (<c>process.on('SIGTERM', () =&gt; process.exit(0))</c>, <c>connect().catch(() =&gt; process.exit(1))</c>),
        /// and never a handler. Returns the call each callback of the file is passed to (null when the file has no command).
        /// </summary>
        private static Dictionary<FunctionModel, CallModel>? MarkCommands(SourceModel model, JavaScriptFacts facts)
        {
            Dictionary<FunctionModel, CallModel>? passedTo = null;
            foreach (var call in model.Calls)
            {
                if (!JavaScriptTables.IsCommandLineCall(call)) continue;
                passedTo ??= facts.Callbacks.GroupBy(cb => cb.Function).ToDictionary(g => g.Key, g => g.First().Call);
                var fn = call.Function;
                while (!fn.IsHandler && fn.Parent != null && passedTo.TryGetValue(fn, out var by) && !Detached(by))
                {
                    fn = fn.Parent;
                }
                if (fn.Kind != FunctionKind.Module && !fn.IsHandler && !(passedTo.TryGetValue(fn, out var last) && Detached(last))) fn.IsEntryPoint = true;
            }
            return passedTo;
        }

        /// <summary>A callback that runs apart from the call it is given to: a listener, a timer, a promise's error handler.</summary>
        private static bool Detached(CallModel by) =>
            by.Method is { } m && (JavaScriptTables.ListenerMethods.Contains(m) || m == "catch") || by.Resolved is { } r && JavaScriptTables.Timers.Contains(r);

        /// <summary>
        /// A Fastify plugin, run once when it is registered: <c>async function (fastify, opts)</c> (Fastify's naming), or a
        /// function given to <c>fastify-plugin</c> (<c>fp(async (app) =&gt; …)</c>). Its routes' handlers are handlers all the same.
        /// </summary>
        private static bool IsFastifyPlugin(FunctionModel fn, HashSet<FunctionModel> wrapped) =>
            fn.Parameters.Count >= 2 && fn.Parameters[0].Name == "fastify" || wrapped.Contains(fn);

        /// <summary>The functions written as the argument of a <c>fastify-plugin</c> call, found once per file.</summary>
        private static HashSet<FunctionModel> FastifyPlugins(JavaScriptFacts facts)
        {
            var wrapped = new HashSet<FunctionModel>();
            foreach (var cb in facts.Callbacks)
            {
                if (cb.Property == null && cb.Call.Resolved == JavaScriptTables.FastifyPlugin) wrapped.Add(cb.Function);
            }
            return wrapped;
        }

        /// <summary>The team's own handler decorators (<c>runtimeperf.handler_decorators</c>), by resolved name or as written.</summary>
        public static void MarkConfigured(SourceModel model, IReadOnlyCollection<string> decorators)
        {
            if (decorators.Count == 0) return;
            foreach (var fn in model.Functions)
            {
                if (fn.HandlerReason != null) continue;
                foreach (var d in fn.Decorators)
                {
                    if (decorators.Contains(d.Text) || d.Resolved is { } r && decorators.Contains(r))
                    {
                        fn.HandlerReason = "handler decorator @" + d.Text + " (runtimeperf.handler_decorators)";
                        fn.IsEventDriven = true;
                        model.HasAsyncCode = true;
                        break;
                    }
                }
            }
        }

        /// <summary>
        /// <c>app.get('/x', …)</c>, <c>router.use(…)</c>, <c>router.route('/x').get(…)</c>, <c>fastify.route({ handler })</c> on
        /// an app or router (built in the file, or named like one); a verb needs a path first (<c>app.get('env')</c> is a getter).
        /// </summary>
        private static string? RouteReason(SourceModel model, CallModel call, string? property)
        {
            if (call.Method is not { } method || !JavaScriptTables.RouteMethods.Contains(method)) return null;
            if (property != null && property != "handler") return null;
            bool chained = call.ReceiverCall is { Method: "route" } routeCall && IsApp(model, call.Function, routeCall);
            if (!chained && !IsApp(model, call.Function, call)) return null;
            if (method == "route" && property == null) return null; // router.route('/x') itself registers nothing
            if (!chained && JavaScriptTables.PathFirstMethods.Contains(method)
                && call.Positional(0) is not { Shape: Shape.String or Shape.InterpolatedString }) return null;
            return "registered with " + call.Written + "()";
        }

        /// <summary>
        /// <c>io.on('connection', (socket) =&gt; socket.on('export:request', fn))</c> in a file importing socket.io, ws's
        /// <c>wss.on('connection', (ws) =&gt; ws.on('message', fn))</c>: fn answers each message of a connected client. The
        /// event's name, or null when the call is no such listener (a pg pool's <c>'connect'</c>, a net socket's <c>'timeout'</c>).
        /// </summary>
        private static string? ClientMessageEvent(SourceModel model, JavaScriptFacts facts, FunctionModel fn, CallModel call)
        {
            if (call.Method != "on" || call.Receiver is not { } socket || fn.Parent is not { Parameters.Count: > 0 } connected
                || connected.Parameters[0].Name != socket || EventName(call) is not { } name) return null;
            foreach (var server in JavaScriptTables.SocketServers)
            {
                if (!server.IsMessageEvent(name)) continue;
                foreach (var cb in facts.Callbacks)
                {
                    if (cb.Function == connected && cb.Call.Method == "on" && EventName(cb.Call) is { } announced
                        && Array.IndexOf(server.ConnectionEvents, announced) >= 0 && ServedBy(model, cb.Call.Receiver, server)) return name;
                }
            }
            return null;
        }

        /// <summary>
        /// The server announcing the client is that library's: <c>io</c> built by <c>new Server(…)</c> from socket.io in this file;
        /// or, when it comes from elsewhere (a parameter, an import), it goes by the library's conventional name (<c>io</c>,
        /// <c>wss</c>), or the file imports that library and no other socket library.
        /// </summary>
        private static bool ServedBy(SourceModel model, string? receiver, SocketServer server)
        {
            if (receiver == null) return false;
            foreach (var c in model.Calls)
            {
                if (c.AssignedTo == receiver)
                {
                    return c.Resolved is { } made && (made == server.Module || made.StartsWith(server.Module + ".", StringComparison.Ordinal));
                }
            }
            if (Array.IndexOf(server.ConventionalNames, receiver.Substring(receiver.LastIndexOf('.') + 1)) >= 0) return true;
            if (!Imports(model, server.Module)) return false;
            foreach (var other in JavaScriptTables.SocketServers)
            {
                if (other != server && Imports(model, other.Module)) return false;
            }
            return true;
        }

        /// <summary>The event a listener is registered for: <c>'message'</c> in <c>ws.on('message', …)</c>.</summary>
        internal static string? EventName(CallModel call) =>
            call.Positional(0) is { Shape: Shape.String, Text: { Length: > 2 } quoted } ? quoted.Substring(1, quoted.Length - 2) : null;

        /// <summary>
        /// <c>consumer.run({ eachMessage })</c> in a file importing kafkajs, <c>new Worker(name, processor)</c> from bullmq,
        /// <c>channel.consume(queue, onMessage)</c> with amqplib…: the function runs once per message (see <see cref="JavaScriptTables.MessageConsumers"/>).
        /// </summary>
        private static string? ConsumerReason(SourceModel model, CallModel call, string? property)
        {
            foreach (var consumer in JavaScriptTables.MessageConsumers)
            {
                if (consumer.Options == null ? property != null : property == null || Array.IndexOf(consumer.Options, property) < 0) continue;
                bool matches = consumer.Constructor != null
                    ? call.Resolved == consumer.Constructor
                    : call.Method == consumer.Method && Imports(model, consumer.Module);
                if (matches) return consumer.Module + " " + (property ?? "message handler") + " (runs per message)";
            }
            return null;
        }

        /// <summary>The file imports <paramref name="module"/> or one of its members or submodules.</summary>
        internal static bool Imports(SourceModel model, string module)
        {
            foreach (var imported in model.Imports.Values)
            {
                if (imported == module || imported.StartsWith(module + ".", StringComparison.Ordinal) || imported.StartsWith(module + "/", StringComparison.Ordinal)) return true;
            }
            return false;
        }

        private static bool IsApp(SourceModel model, FunctionModel from, CallModel call)
        {
            if (call.Receiver is not { } receiver) return false;
            string? kind = SourceModel.IsPlainName(receiver) ? from.KindOf(receiver) : null;
            return kind == JavaScriptTables.AppKind || kind == null && AppName.IsMatch(receiver);
        }

        /// <summary>
        /// <c>publicProcedure.input(schema).query(fn)</c>, <c>t.procedure.mutation(fn)</c>: a tRPC procedure's resolver answers each
        /// call of that procedure (the chain starts at a procedure builder, conventionally named <c>…Procedure</c>).
        /// </summary>
        private static bool IsProcedureResolver(CallModel call) =>
            call.Method is "query" or "mutation" or "subscription" && IsProcedureBuilder(call, depth: 0);

        /// <summary>
        /// The chain starts at <c>t.procedure</c> or a builder named <c>…Procedure</c>, or at a local made from one
        /// (<c>const authed = t.procedure.use(auth)</c> … <c>authed.input(s).query(…)</c>).
        /// </summary>
        private static bool IsProcedureBuilder(CallModel call, int depth)
        {
            var root = call;
            while (root.ReceiverCall is { } rc) root = rc;
            string builder = root.Receiver ?? "";
            string last = builder.Substring(builder.LastIndexOf('.') + 1);
            if (last == "procedure" || last.EndsWith("Procedure", StringComparison.Ordinal)) return true;
            if (depth >= 3 || !SourceModel.IsPlainName(builder)) return false;
            foreach (var made in call.Function.File.Calls)
            {
                if (made.AssignedTo == builder && made.EndByte <= root.StartByte && made.Function.Kind == FunctionKind.Module) return IsProcedureBuilder(made, depth + 1);
            }
            return false;
        }

        /// <summary><c>http.createServer(fn)</c>, <c>Deno.serve(fn)</c>, the Deno standard library's <c>serve(fn)</c>: fn answers each request.</summary>
        private static bool IsServerFactory(CallModel call) =>
            call.Resolved is { } r && (JavaScriptTables.ServerFactories.Contains(r) || r.EndsWith(JavaScriptTables.DenoStdServe, StringComparison.Ordinal));

        /// <summary><c>emitter.on('data', …)</c>, <c>promise.then(…)</c>, <c>setInterval(…)</c> — not <c>process.on(…)</c> (signals and exit run once).</summary>
        private static bool IsEventRegistration(CallModel call)
        {
            if (call.Resolved is { } r && JavaScriptTables.Timers.Contains(r)) return true;
            if (call.Method is not { } m) return false;
            if (JavaScriptTables.PromiseCallbackMethods.Contains(m)) return true;
            // worker_threads' parentPort: the listener runs on the worker's own thread, which is where blocking work is sent
            return JavaScriptTables.ListenerMethods.Contains(m) && call.Receiver != "process"
                && !(call.Resolved ?? "").StartsWith(JavaScriptTables.WorkerParentPort, StringComparison.Ordinal);
        }

        private static string? DecoratorReason(FunctionModel fn)
        {
            foreach (var d in fn.Decorators)
            {
                if (d.IsCall && d.Resolved is { } r && JavaScriptTables.NestHandlerDecorators.Contains(r)) return "NestJS @" + d.Text + "() handler";
            }
            return null;
        }

        /// <summary>
        /// Next.js: <c>export async function GET</c> in an App Router <c>route.ts</c>, the default export of a <c>pages/api</c> file;
        /// SvelteKit <c>+server.ts</c> verbs and server <c>load</c>; Remix/React Router <c>loader</c>/<c>action</c> in <c>app/routes/</c>.
        /// </summary>
        private static string? ExportReason(SourceModel model, JavaScriptFacts facts, FunctionModel fn)
        {
            string path = model.Path.Replace('\\', '/');
            string file = path.Substring(path.LastIndexOf('/') + 1);
            if (file.StartsWith("route.", StringComparison.Ordinal) && facts.Exported.Contains(fn) && JavaScriptTables.NextRouteExports.Contains(fn.Name))
            {
                return "Next.js route handler " + fn.Name;
            }
            if (fn == facts.DefaultExport && (path.StartsWith("pages/api/", StringComparison.Ordinal) || path.Contains("/pages/api/", StringComparison.Ordinal)))
            {
                return "Next.js API route";
            }
            if (file.StartsWith("middleware.", StringComparison.Ordinal) && facts.Exported.Contains(fn) && fn.Name == "middleware") return "Next.js middleware";
            if (!facts.Exported.Contains(fn)) return null;
            if (IsLambdaHandler(model, facts, fn)) return "AWS Lambda handler " + fn.Name;
            if (file.StartsWith("+server.", StringComparison.Ordinal) && JavaScriptTables.NextRouteExports.Contains(fn.Name)) return "SvelteKit endpoint " + fn.Name;
            if ((file.StartsWith("+page.server.", StringComparison.Ordinal) || file.StartsWith("+layout.server.", StringComparison.Ordinal)) && fn.Name == "load")
            {
                return "SvelteKit server load";
            }
            if ((path.StartsWith("app/routes/", StringComparison.Ordinal) || path.Contains("/app/routes/", StringComparison.Ordinal))
                && JavaScriptTables.RemixRouteExports.Contains(fn.Name)) return "Remix route " + fn.Name;
            return null;
        }

        /// <summary>
        /// An exported function taking <c>(event, context)</c> that is named <c>handler</c> (Lambda's default), or taking
        /// <c>(event[, context])</c> in a file that imports the <c>aws-lambda</c> types (<c>export const listPosts: APIGatewayProxyHandlerV2 = async (event) =&gt; …</c>)
        /// or that exports such a <c>handler</c> too (one file, several functions of a serverless service):
        /// it runs once per invocation, so what it builds is rebuilt per request.
        /// </summary>
        private static bool IsLambdaHandler(SourceModel model, JavaScriptFacts facts, FunctionModel fn)
        {
            if (!TakesEvent(fn)) return false;
            // by name alone only with Lambda's (event, context) pair: a browser module may export a handler(event) too
            if (IsDefaultHandler(fn)) return true;
            return Imports(model, JavaScriptTables.LambdaTypesModule) || facts.Exported.Any(f => f != fn && IsDefaultHandler(f) && TakesEvent(f));
        }

        private static bool TakesEvent(FunctionModel fn) =>
            fn.Parameters.Count is > 0 and <= 3 && JavaScriptTables.LambdaEventParameters.Contains(fn.Parameters[0].Name);

        private static bool IsDefaultHandler(FunctionModel fn) => fn.Name == "handler" && fn.Parameters.Count >= 2;

        /// <summary>A function taking <c>(req, res)</c>: Node's request handler signature (Express, Connect, http).</summary>
        private static string? SignatureReason(FunctionModel fn)
        {
            if (fn.Parameters.Count < 2) return null;
            return JavaScriptTables.RequestParameters.Contains(fn.Parameters[0].Name) && JavaScriptTables.ResponseParameters.Contains(fn.Parameters[1].Name)
                ? "takes (" + fn.Parameters[0].Name + ", " + fn.Parameters[1].Name + ")" : null;
        }

        private static Dictionary<string, List<FunctionModel>> FunctionsByName(SourceModel model)
        {
            var byName = new Dictionary<string, List<FunctionModel>>(StringComparer.Ordinal);
            foreach (var fn in model.Functions)
            {
                if (fn.Kind != FunctionKind.Function || fn.ClassName != null) continue;
                if (!byName.TryGetValue(fn.Name, out var list)) byName[fn.Name] = list = new List<FunctionModel>();
                list.Add(fn);
            }
            return byName;
        }
    }
}
