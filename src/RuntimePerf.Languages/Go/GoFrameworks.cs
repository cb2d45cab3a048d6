using System;
using System.Collections.Generic;
using RuntimePerf.Languages.Common;

namespace RuntimePerf.Languages.Go
{
    /// <summary>
    /// Marks request handlers (net/http, chi, gorilla/mux, gin, echo, fiber, gRPC service methods), the functions they
    /// call in the same file (request paths too; <see cref="Link"/> adds those in the package's other files), and start-up and
    /// test functions (<c>main</c>, <c>init</c>, <c>TestX</c>).
    /// </summary>
    internal static class GoFrameworks
    {
        public static void Mark(SourceModel model)
        {
            var byName = new Dictionary<string, List<FunctionModel>>(StringComparer.Ordinal);
            foreach (var fn in model.Functions)
            {
                if (fn.Kind != FunctionKind.Function) continue;
                if (fn.ClassName == null && GoTables.EntryName.IsMatch(fn.Name)) fn.IsEntryPoint = true;
                else fn.HandlerReason = SignatureReason(fn);
                if (!byName.TryGetValue(fn.Name, out var list)) byName[fn.Name] = list = new List<FunctionModel>();
                list.Add(fn);
            }
            foreach (var fn in model.Functions)
            {
                if (fn.Kind == FunctionKind.Lambda) fn.HandlerReason = SignatureReason(fn);
            }
            foreach (var call in model.Calls)
            {
                if (!IsRouteRegistration(call)) continue;
                foreach (var arg in call.Arguments)
                {
                    if (arg.Shape is not (Shape.Name or Shape.Member) || arg.Text is not { } text) continue;
                    string name = text.Substring(text.LastIndexOf('.') + 1);
                    if (!byName.TryGetValue(name, out var targets)) continue;
                    foreach (var target in targets)
                    {
                        if (!target.IsEntryPoint) target.HandlerReason ??= "registered with " + call.Written + "()";
                    }
                }
            }
            PropagateToCallees(new[] { model }, byName);
            MarkTestAndStartupCode(model);
        }

        /// <summary>
        /// The files of one package, each marked on its own: a handler's callees in the package's other files are request
        /// paths too (a package is one namespace: <c>fetchStock()</c> in handlers.go may be defined in stock.go), and so are the
        /// struct types whose fields a method reads (<c>d.hc.Do(req)</c> in gateway.go, <c>type Dispatcher struct{ hc *http.Client }</c>
        /// in commands.go).
        /// </summary>
        public static void Link(IReadOnlyList<SourceModel> package)
        {
            var types = new Dictionary<string, Scope>(StringComparer.Ordinal);
            foreach (var model in package)
            {
                foreach (var (name, fields) in model.ClassScopes) types.TryAdd(name, fields);
            }
            foreach (var model in package)
            {
                foreach (var (name, fields) in types) model.ClassScopes.TryAdd(name, fields);
            }
            foreach (var model in package) BindMethodResults(model);
            var byName = new Dictionary<string, List<FunctionModel>>(StringComparer.Ordinal);
            foreach (var model in package)
            {
                foreach (var fn in model.Functions)
                {
                    if (fn.Kind != FunctionKind.Function) continue;
                    if (!byName.TryGetValue(fn.Name, out var list)) byName[fn.Name] = list = new List<FunctionModel>();
                    list.Add(fn);
                }
            }
            PropagateToCallees(package, byName);
        }

        /// <summary>
        /// <c>tx, err := s.db.Begin()</c> where <c>s</c>'s struct is declared in another file of the package: the receiver's kind,
        /// and so the result's, is known only once the package's structs are shared.
        /// </summary>
        private static void BindMethodResults(SourceModel model)
        {
            foreach (var a in model.Assignments)
            {
                // a name bound once, of no kind so far
                if (!a.Declares || a.Names.Count == 0 || a.Names[0].Length == 0 || a.ValueCall is not { } call
                    || a.Function.Locals.Get(a.Names[0]) is not { Count: 1, Kind: null } binding) continue;
                if (GoKnowledge.MethodResultKind(a.Function, call) is { } result) a.Function.Locals.Set(a.Names[0], result, binding.FirstPosition);
            }
        }

        /// <summary>
        /// A <c>_test.go</c> file is test code throughout (its handlers serve test servers), and so is a file of test helpers that
        /// imports <c>testing</c> (raft's <c>testing.go</c>: a cluster for the package's tests); a function literal inside
        /// <c>main</c>, <c>init</c> or a test is start-up or test code too, unless it is a handler itself.
        /// </summary>
        private static void MarkTestAndStartupCode(SourceModel model)
        {
            bool testFile = model.Path.EndsWith("_test.go", StringComparison.OrdinalIgnoreCase) || model.Imports.ContainsValue("testing");
            foreach (var fn in model.Functions)
            {
                if (testFile)
                {
                    fn.HandlerReason = null;
                    fn.IsEntryPoint = true;
                }
                else if (fn.Kind == FunctionKind.Lambda && !fn.IsHandler && fn.Parent is { IsEntryPoint: true }) fn.IsEntryPoint = true;
            }
        }

        /// <summary>Why a function's parameters make it a handler: <c>(w http.ResponseWriter, r *http.Request)</c>, <c>(c *gin.Context)</c>, <c>(ctx, *pb.XRequest)</c>.</summary>
        private static string? SignatureReason(FunctionModel fn)
        {
            bool writer = false, request = false;
            foreach (var p in fn.Parameters)
            {
                string? kind = GoTables.WithoutMajorVersion(p.ResolvedAnnotation);
                if (kind == GoTables.ResponseWriter) writer = true;
                else if (kind == GoTables.Request && p.Annotation?.StartsWith("*", StringComparison.Ordinal) == true) request = true;
                else if (kind != null && GoTables.HandlerParameters.TryGetValue(kind, out var framework)) return framework;
            }
            if (writer && request) return "net/http handler";
            // gRPC: func (s *server) GetUser(ctx context.Context, req *pb.GetUserRequest) (*pb.GetUserResponse, error)
            if (fn.ClassName != null && fn.Parameters.Count == 2 && fn.Parameters[0].ResolvedAnnotation == GoTables.Context
                && fn.Parameters[1].Annotation is { } message && message.StartsWith("*", StringComparison.Ordinal) && message.IndexOf('.') > 0
                && (message.EndsWith("Request", StringComparison.Ordinal) || message.EndsWith("Req", StringComparison.Ordinal)))
            {
                return "gRPC method";
            }
            return null;
        }

        /// <summary><c>http.HandleFunc("/x", h)</c>, <c>mux.HandleFunc(…)</c>, <c>r.GET("/x", h)</c>: a route as the first argument.</summary>
        private static bool IsRouteRegistration(CallModel call)
        {
            if (call.Method is not { } method || !GoTables.RouteMethods.Contains(method)) return false;
            if (method is "HandleFunc" or "Handle") return true;
            return call.Positional(0) is { Shape: Shape.String, Text: { } route } && route.Length > 1 && route[1] == '/';
        }

        /// <summary>
        /// Functions a handler calls in these files (<paramref name="byName"/> holds their functions), and function literals it runs
        /// (not in a new goroutine), are request paths too.
        /// </summary>
        private static void PropagateToCallees(IReadOnlyList<SourceModel> models, Dictionary<string, List<FunctionModel>> byName)
        {
            var work = new Stack<FunctionModel>();
            // Per function, the literals it runs in place (a go statement's literal outlives the request).
            var literals = new Dictionary<FunctionModel, List<FunctionModel>>();
            foreach (var model in models)
            {
                var spawned = new HashSet<int>();
                foreach (var call in model.Calls)
                {
                    if (call.IsSpawned) spawned.Add(call.StartByte);
                }
                foreach (var fn in model.Functions)
                {
                    if (fn.IsHandler) work.Push(fn);
                    if (fn.Kind != FunctionKind.Lambda || fn.Parent == null || spawned.Contains(fn.StartByte)) continue;
                    if (!literals.TryGetValue(fn.Parent, out var list)) literals[fn.Parent] = list = new List<FunctionModel>();
                    list.Add(fn);
                }
            }
            while (work.Count > 0)
            {
                var handler = work.Pop();
                foreach (var literal in literals.TryGetValue(handler, out var own) ? own : (IEnumerable<FunctionModel>)Array.Empty<FunctionModel>())
                {
                    if (!literal.IsHandler) Mark(literal, "inside request handler " + handler.QualifiedName, work);
                }
                foreach (var call in handler.Calls)
                {
                    if (call.IsSpawned || call.IsLiteral) continue;
                    string? name = call.Resolved != null && call.Resolved.IndexOf('.') < 0 ? call.Resolved : call.Method;
                    if (name == null || !byName.TryGetValue(name, out var targets)) continue;
                    // f(): a function of this file; s.f(): a method of the receiver's type.
                    string? type = call.Method == null ? null : call.Receiver is { } r ? GoKnowledge.KindOf(handler, r) : null;
                    foreach (var target in targets)
                    {
                        if (target.IsHandler || target.IsEntryPoint || (call.Method == null ? target.ClassName != null : target.ClassName == null || target.ClassName != type)) continue;
                        Mark(target, "called from request handler " + handler.QualifiedName + (target.File == handler.File ? "" : " (" + FileName(handler.File.Path) + ")"), work);
                    }
                }
            }
        }

        /// <summary>
        /// The parameter that carries the caller's context here (<c>ctx context.Context</c>, <c>r *http.Request</c>, <c>c *gin.Context</c>),
        /// looking through function literals run in place but not through one started as a goroutine (it outlives the request)
        /// or returned (it runs after its maker).
        /// </summary>
        public static ParameterModel? ContextAtHand(FunctionModel fn)
        {
            for (var f = fn; f != null; f = f.Parent)
            {
                foreach (var p in f.Parameters)
                {
                    if (p.Name != "_" && GoTables.WithoutMajorVersion(p.ResolvedAnnotation) is { } kind && GoTables.ContextCarriers.Contains(kind)) return p;
                }
                if (f.Kind != FunctionKind.Lambda || IsSpawned(f) || IsReturned(f)) return null;
            }
            return null;
        }

        /// <summary>
        /// <c>return func() { … }</c>: the literal runs after its maker has returned, when that caller's context may be over. Not
        /// <c>return func() error { … }()</c>, run in place for its result.
        /// </summary>
        private static bool IsReturned(FunctionModel literal)
        {
            var utf8 = literal.File.Text.Utf8;
            int after = literal.EndByte;
            while (after < utf8.Length && utf8[after] is (byte)' ' or (byte)'\t') after++;
            return SourceModel.AfterReturn(utf8, literal.StartByte) && !(after < utf8.Length && utf8[after] == (byte)'(');
        }

        private static bool IsSpawned(FunctionModel literal)
        {
            foreach (var call in literal.Parent?.Calls ?? (IReadOnlyList<CallModel>)Array.Empty<CallModel>())
            {
                if (call.IsSpawned && call.StartByte == literal.StartByte) return true;
            }
            return false;
        }

        private static string FileName(string path) => path.Substring(path.Replace('\\', '/').LastIndexOf('/') + 1);

        private static void Mark(FunctionModel fn, string reason, Stack<FunctionModel> work)
        {
            fn.HandlerReason = reason;
            work.Push(fn);
        }
    }
}
