using System.Linq;
using System.Text.RegularExpressions;
using RuntimePerf.Engine.Model;
using RuntimePerf.Languages.Common;

namespace RuntimePerf.Languages.Go
{
    /// <summary>
    /// Answers the shared rules' questions about Go calls from <see cref="GoTables"/>. Go has no async functions, so the
    /// event-loop questions (blocking calls, awaits, task spawns, fan-outs) have no Go answer.
    /// </summary>
    internal sealed class GoKnowledge : ILanguageKnowledge
    {
        /// <summary>
        /// The loop the call runs once per pass of: its own, or, in a function literal called on the spot in a loop's body
        /// (<c>go func(o Order) { … }(o)</c>), that loop; with <paramref name="handedOn"/>, also a literal handed to a call in
        /// the loop's body, which starts it (<c>g.Go(func() error { … })</c>).
        /// </summary>
        internal static LoopModel? LoopOf(CallModel call, bool handedOn)
        {
            if (call.Loop != null || call.Function is not { Kind: FunctionKind.Lambda, Parent: { } parent } literal) return call.Loop;
            foreach (var c in parent.Calls)
            {
                if (c.StartByte == literal.StartByte && c.EndByte > literal.EndByte
                    || handedOn && c.Arguments.Exists(a => a.StartByte == literal.StartByte && a.EndByte == literal.EndByte)) return c.Loop;
            }
            return null;
        }

        public static readonly GoKnowledge Instance = new();

        public Language Language => Language.Go;

        public RuleAdvice Advice { get; } = new()
        {
            BlockingHelper = "Pass the request's context.Context down to {name} and use the …Context variants inside it",
            AwaitInLoop = "Run the per-item work in goroutines bounded by errgroup.Group.SetLimit (golang.org/x/sync/errgroup)",
            SequentialAwaits = "Run them concurrently with an errgroup.Group and wait once",
            FireAndForget = "Track the goroutine with a sync.WaitGroup or an errgroup.Group and give it the request's context",
            ClientPerRequest = "Create one http.Client (with its Transport) at startup, store it in the handler's struct or a package variable, and reuse it: it is safe for concurrent use",
            ExpensiveObject = "Build it once: a package-level var (var re = regexp.MustCompile(`…`)) or a field set at construction, and reuse it",
            UnboundedFanOut = "Bound the goroutines: errgroup.Group.SetLimit(n), a buffered channel used as a semaphore, or a fixed pool of workers reading a channel",
            UnboundedQueue = "Give the channel a capacity and let senders block when it is full",
            StringConcatInLoop = "Build it with a strings.Builder (b.WriteString(part)) and call b.String() once after the loop",
            QuadraticScan = "Build a map[T]struct{} of the searched slice once before the loop and look items up in it",
            LockAroundIo = "Copy what you need under the lock, Unlock, then do the I/O; or hold the lock only around the shared state",
            BlockingEffect = "blocks the goroutine",
        };

        public CallRow? Classify(CallModel call) => null;

        public string? ReceiverKind(CallModel call)
        {
            if (call.Receiver is not { } receiver) return null;
            if (call.Resolved is { } resolved && call.Method is { } method && resolved.Length > method.Length + 1
                && GoTables.PackageVariables.TryGetValue(resolved.Substring(0, resolved.Length - method.Length - 1), out var variable))
            {
                return variable;
            }
            return KindOf(call.Function, receiver);
        }

        /// <summary>The kind of a name or a field chain (<c>client</c>, <c>s.db</c>) as seen from <paramref name="fn"/>, or null when unknown.</summary>
        public static string? KindOf(FunctionModel fn, string expression)
        {
            string[] parts = expression.Split('.');
            if (!SourceModel.IsPlainName(parts[0])) return null;
            string? kind = fn.KindOf(parts[0]);
            for (int i = 1; i < parts.Length && kind != null; i++)
            {
                kind = SourceModel.IsPlainName(parts[i]) ? FieldKind(fn.File, kind, parts[i], 0) : null;
            }
            return kind;
        }

        /// <summary>
        /// The kind of a struct's field, also one promoted from a struct it embeds (<c>type orderResolver struct{ *Resolver }</c>:
        /// <c>r.db</c> is <c>r.Resolver.db</c>), a few levels deep.
        /// </summary>
        private static string? FieldKind(SourceModel file, string type, string field, int depth)
        {
            if (!file.ClassScopes.TryGetValue(type, out var fields)) return null;
            if (fields.KindOf(field) is { } kind) return kind;
            if (depth >= MaxEmbedding) return null;
            foreach (var (name, binding) in fields.Bindings)
            {
                // an embedded field is bound by its type's name, to that type
                if (name != type && binding.Kind == name && FieldKind(file, name, field, depth + 1) is { } promoted) return promoted;
            }
            return null;
        }

        private const int MaxEmbedding = 3;

        /// <summary><c>tx, err := db.Begin()</c>: the kind of a method's first result, by its receiver's kind.</summary>
        public static string? MethodResultKind(FunctionModel fn, CallModel call) =>
            call is { Method: { } method, Receiver: { } receiver } && GoTables.MethodReturnNames.Contains(method) && KindOf(fn, receiver) is { } kind
            && GoTables.MethodReturns.TryGetValue(kind + "." + method, out var result) ? result : null;

        public string? KindOfCall(CallModel call) =>
            call.IsLiteral ? call.Resolved : call.Resolved != null && GoTables.Returns.TryGetValue(call.Resolved, out var kind) ? kind : null;

        public bool IsTaskSpawn(CallModel call) => false;

        /// <summary>
        /// A new <c>http.Transport</c> — a literal or a clone of the default one (<c>http.DefaultTransport.(*http.Transport).Clone()</c>):
        /// its own connection pool (a bare <c>http.Client{}</c> shares the default transport's).
        /// </summary>
        public bool IsClientConstruction(CallModel call) =>
            call.IsLiteral && call.Resolved == GoTables.Transport
            || call.Method == "Clone" && call.Arguments.Count == 0 && call.Receiver is { } r && r.StartsWith("http.DefaultTransport.", System.StringComparison.Ordinal);

        public string? ExpensiveConstruction(CallModel call)
        {
            if (IsClientConstruction(call)) return Transport;
            if (call.Resolved is { } resolved && GoTables.ExpensiveConstructors.TryGetValue(resolved, out var what))
            {
                return Constant(call, call.Positional(0)) ? what : null;
            }
            // template.New("x").Parse(`…`)
            if (call.Method == "Parse" && call.ReceiverCall?.Resolved is { } receiver && GoTables.TemplateNews.Contains(receiver)
                && Constant(call, call.Positional(0)))
            {
                return "parsed template";
            }
            return null;
        }

        /// <summary>
        /// A string literal, the name of a <c>const</c> (<c>const layout = `…`</c>), or a sum of those (<c>prefix + `\d+`</c>):
        /// the same text on every call.
        /// </summary>
        private static bool Constant(CallModel call, ArgumentModel? argument) =>
            argument is { Shape: Shape.String }
            || argument is { Shape: Shape.Name, Text: { } name } && IsConstName(call, name)
            || argument is { Shape: Shape.Other, Text: { } sum } && ConstantSum.Match(sum) is { Success: true } m
               && m.Groups["name"].Captures.All(c => IsConstName(call, c.Value));

        private static bool IsConstName(CallModel call, string name) => call.Function.Lookup(name).Binding is { IsConstant: true };

        /// <summary>Operands joined by <c>+</c>, each a string literal (quoted or raw) or a name (<c>name</c>, checked to be a const).</summary>
        private static readonly Regex ConstantSum = new Regex(
            @"^\s*(?:""(?:[^""\\\n]|\\.)*""|`[^`]*`|(?<name>[A-Za-z_]\w*))(?:\s*\+\s*(?:""(?:[^""\\\n]|\\.)*""|`[^`]*`|(?<name>[A-Za-z_]\w*)))+\s*$",
            RegexOptions.CultureInvariant);

        /// <summary>
        /// A regexp or template compiled from a constant in a function: compiled again on every call — unless a method without
        /// parameters, off the request path, hands it to its receiver's builder in a statement of its own (bluemonday's
        /// <c>p.AllowAttrs("lang").Matching(regexp.MustCompile(…)).Globally()</c> in <c>AllowStandardAttributes()</c>): set-up that
        /// the receiver keeps for every later call.
        /// </summary>
        public bool CostlyPerCall(CallModel call) => ExpensiveConstruction(call) is { } what && what != Transport && !ConfiguresReceiver(call);

        private static bool ConfiguresReceiver(CallModel call)
        {
            var fn = call.Function;
            if (fn.ClassName == null || fn.Parameters.Count > 0 || fn.IsHandler || call.ArgumentOf is not { } target) return false;
            // the chain is a statement of its own, whose value is dropped: it configures (u.matches(re, u.Email) uses the pattern)
            var outer = target;
            while (fn.Calls.Find(c => c.ReceiverCall == outer) is { } next) outer = next;
            if (!outer.IsStatement) return false;
            while (target.ReceiverCall is { } inner) target = inner;
            return target.Receiver is { } root && SourceModel.IsPlainName(root) && fn.KindAt(root, call.StartByte) == fn.ClassName;
        }

        private const string Transport = "connection pool (http.Transport)";

        public bool IsMemoisingDecorator(DecoratorModel decorator) => false;

        public bool IsFanOut(CallModel call) => false;

        public bool IsUnboundedQueue(CallModel call) => false;

        public bool IsOrderedAwait(CallModel call) => false;

        public bool IsLimiterKind(string? kind) => false;

        public bool IsThreadLockKind(string? kind) => kind != null && GoTables.MutexKinds.Contains(kind);

        public bool IsStreamWriterKind(string? kind) => false;

        public string? MaterializedOnlyToConsume(CallModel call) => null;

        public bool IsMutatingMethod(string method) => false;
    }
}
