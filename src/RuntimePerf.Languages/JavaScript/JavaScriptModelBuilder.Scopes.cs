using System;
using System.Linq;
using System.Collections.Generic;
using RuntimePerf.Languages.Common;
using RuntimePerf.TreeSitter;

namespace RuntimePerf.Languages.JavaScript
{
    /// <summary>Scopes: functions (declarations, expressions, arrows, methods) and classes; loops, and array callbacks as loops.</summary>
    internal sealed partial class JavaScriptModelBuilder
    {
        // ---- functions and classes ----

        private string Qualify(string name)
        {
            var f = Current;
            string? cls = _classes.Count > 0 ? _classes[^1].QualifiedName : null;
            if (cls != null && (f.Kind == FunctionKind.Module || _classes[^1].Depth > FunctionDepth)) return cls + "." + name;
            return f.Kind == FunctionKind.Module ? name : f.QualifiedName + "." + name;
        }

        private int FunctionDepth => _functionDepths.Count == 0 ? -1 : _functionDepths[^1];

        private void EnterFunction(SyntaxNode node, NodeKind kind, int start, int end)
        {
            var parentKind = ParentKind();
            ushort field = _frames[^1].Field;
            string name;
            var functionKind = FunctionKind.Function;
            string? className = null;
            CallModel? calledWith = null;
            string? property = null;
            bool exportedByAssignment = false;
            if (kind is NodeKind.FunctionDeclaration or NodeKind.GeneratorFunctionDeclaration)
            {
                name = node.ChildByFieldId(_g.Name) is { } n ? n.Text : "<function>";
            }
            else if (kind == NodeKind.MethodDefinition)
            {
                name = node.ChildByFieldId(_g.Name) is { } n && Short(n) is { } t ? t : "<method>";
                if (parentKind == NodeKind.ClassBody && _classes.Count > 0) className = _classes[^1].QualifiedName;
                else
                {
                    functionKind = FunctionKind.Lambda; // a method of an object literal: not callable by a plain name
                    // Bun.serve({ fetch(req) {…} }): a method in an object argument, like a function-valued property
                    if (parentKind == NodeKind.Object && ParentKind(2) == NodeKind.Arguments && _openCalls.Count > 0)
                    {
                        calledWith = _openCalls[^1].Call;
                        property = name;
                    }
                }
            }
            else if (parentKind == NodeKind.VariableDeclarator && field == _g.Value && DeclaredName(_frames[^2].Node) is { } variable)
            {
                name = variable;
            }
            else if (parentKind == NodeKind.AssignmentExpression && field == _g.Right && ExportedName(_frames[^2].Node) is { } exported)
            {
                name = exported;
                exportedByAssignment = true;
            }
            else if (parentKind == NodeKind.Pair && field == _g.Value)
            {
                property = _frames[^2].Node.ChildByFieldId(_g.Key) is { } k && Short(k) is { } kt ? kt.Trim('\'', '"') : null;
                name = property ?? "<function>";
                functionKind = FunctionKind.Lambda;
                // fastify.route({ handler }), server.route({ method, path, handler }): a function in an object argument.
                if (ParentKind(2) == NodeKind.Object && ParentKind(3) == NodeKind.Arguments && _openCalls.Count > 0) calledWith = _openCalls[^1].Call;
            }
            else
            {
                functionKind = FunctionKind.Lambda;
                if (parentKind == NodeKind.Arguments && _openCalls.Count > 0) calledWith = _openCalls[^1].Call;
                name = node.ChildByFieldId(_g.Name) is { } own ? own.Text : calledWith != null ? CallbackName(calledWith) : "<function>";
            }
            if (parentKind == NodeKind.ExportStatement && functionKind == FunctionKind.Lambda && calledWith == null)
            {
                functionKind = FunctionKind.Function; // export default async function (req, res) {…}
                if (name == "<function>") name = "default";
            }
            bool async = HasAsyncKeyword(node);
            var caught = async ? CaughtWork(node) : null;
            var fn = new FunctionModel(_model, functionKind, name, Qualify(name), Current.Kind == FunctionKind.Module ? null : Current,
                className, start, end)
            {
                IsAsync = async,
                CatchesAll = caught != null,
                OpenWaits = caught ?? (IReadOnlyList<(int, int)>)Array.Empty<(int, int)>(),
                HeaderStartByte = start,
                IsSourceText = Current.IsSourceText || IsStringified(),
            };
            if (className != null)
            {
                foreach (var d in _pendingDecorators) fn.Decorators.Add(d);
                foreach (var child in node.NamedChildren)
                {
                    if (_g.KindOf(child.Symbol) == NodeKind.Decorator) fn.Decorators.Add(Decorator(child));
                }
                if (fn.Decorators.Count > 0) fn.HeaderStartByte = fn.Decorators[0].StartByte;
            }
            _pendingDecorators.Clear();
            // { method: 'GET', path: '/x', handler: (request, h) => … }: a hapi route's configuration, wherever it is listed
            if (property == "handler" && kind != NodeKind.MethodDefinition && IsRouteConfig(_frames[^3].Node)) fn.HandlerReason = "hapi route handler";
            // resolvers = { Query: { user: async (parent, args) => … } }: a GraphQL resolver answers each query that asks for its field
            if (functionKind == FunctionKind.Lambda && ResolverRoot(kind == NodeKind.MethodDefinition ? 1 : 2) is { } root)
            {
                fn.HandlerReason = "GraphQL " + root + " resolver";
            }
            // (() => { … })(), (function () { … }()): a synchronous function literal run once, at once, where it stands
            if (!fn.IsAsync && kind is NodeKind.ArrowFunction or NodeKind.FunctionExpression
                && (parentKind == NodeKind.CallExpression && field == _g.Function
                    || parentKind == NodeKind.ParenthesizedExpression && ParentKind(2) == NodeKind.CallExpression && _frames[^2].Field == _g.Function))
            {
                _runInPlace.Add(fn);
            }
            if (node.ChildByFieldId(_g.Parameters) is { } ps) ReadParameters(fn, ps, callback: calledWith is { } caller && !(caller.Method is { } cm
                && (JavaScriptTables.IterationMethods.Contains(cm) || JavaScriptTables.ComparatorMethods.Contains(cm))));
            else if (node.ChildByFieldId(_g.Parameter) is { } single) fn.Parameters.Add(new ParameterModel(single.Text, null, null));
            // knex.transaction(async (tr) => …), runInTransaction(cb): the callback's first parameter is the transaction
            if (calledWith != null && fn.Parameters.Count > 0 && calledWith.Written.Contains("transaction", StringComparison.OrdinalIgnoreCase))
            {
                fn.Locals.Set(fn.Parameters[0].Name, JavaScriptTables.TransactionKind, start);
            }
            bool returnsPromise = fn.IsAsync || ReturnsPromise(node);
            string valueKind = returnsPromise ? JavaScriptTables.AsyncFunctionKind : JavaScriptTables.FunctionKindName;
            if (kind is NodeKind.FunctionDeclaration or NodeKind.GeneratorFunctionDeclaration) Current.Locals.Bind(name, valueKind, start);
            else if (className != null) _model.ClassScopes[className].Bind("this." + name, valueKind, start);
            if (fn.IsAsync) _model.HasAsyncCode = true;
            // export function f…, export const f = () => … (declarator → lexical declaration → export), exports.f = () => …
            if (parentKind == NodeKind.ExportStatement
                || parentKind == NodeKind.VariableDeclarator && (ParentKind(2) == NodeKind.ExportStatement || ParentKind(3) == NodeKind.ExportStatement)
                || exportedByAssignment)
            {
                _facts.Exported.Add(fn);
            }
            if (parentKind == NodeKind.ExportStatement && IsDefaultExport(_frames[^2].Node))
            {
                _facts.DefaultExport = fn;
                fn.IsModuleDefault = true;
            }
            _model.Functions.Add(fn);
            _functions.Add(fn);
            _functionDepths.Add(_frames.Count - 1);
            _promiseReturns.Add(0);
            if (calledWith != null)
            {
                _facts.Callbacks.Add(new Callback(fn, calledWith, property));
                // items.map(x => …): the callback runs once per item, like a loop body.
                if (property == null && calledWith.Method is { } m
                    && (JavaScriptTables.IterationMethods.Contains(m) || JavaScriptTables.ComparatorMethods.Contains(m))) EnterCallbackLoop(fn, calledWith, node);
            }
        }

        /// <summary>
        /// <c>consumer.run({ eachMessage: relay })</c>, <c>Consumer.create({ handleMessage })</c>: a function named as an option
        /// of a call, which the marking of handlers reads as it reads a function written there.
        /// </summary>
        private void RecordNamedOption(SyntaxNode node, NodeKind kind)
        {
            if (_openCalls.Count == 0) return;
            string? property = null;
            if (kind == NodeKind.ShorthandPropertyIdentifier && ParentKind() == NodeKind.Object && ParentKind(2) == NodeKind.Arguments) property = node.Text;
            else if (kind == NodeKind.Identifier && ParentKind() == NodeKind.Pair && _frames[^1].Field == _g.Value
                && ParentKind(2) == NodeKind.Object && ParentKind(3) == NodeKind.Arguments)
            {
                property = _frames[^2].Node.ChildByFieldId(_g.Key) is { } k && Short(k) is { } kt ? kt.Trim('\'', '"') : null;
            }
            if (property != null && JavaScriptTables.ConsumerOptions.Contains(property)) _facts.NamedOptions.Add(new NamedOption(_openCalls[^1].Call, property, node.Text));
        }

        private void LeaveFunction(SyntaxNode node, NodeKind kind)
        {
            var fn = _functions[^1];
            if (_loops.Count > 0 && _loops[^1].Function == fn && _loops[^1].Kind == LoopKind.Comprehension && _loops[^1].StartByte == fn.StartByte)
            {
                _loops.RemoveAt(_loops.Count - 1);
            }
            int promiseReturns = _promiseReturns[^1];
            // (x) => fetch(x): an arrow whose body is an expression returns it
            if (kind == NodeKind.ArrowFunction && node.ChildByFieldId(_g.Body) is { } body && _g.KindOf(body.Symbol) != NodeKind.StatementBlock)
            {
                promiseReturns = KindOf(body) == JavaScriptTables.PromiseKind ? 1 : -1;
            }
            _functions.RemoveAt(_functions.Count - 1);
            _functionDepths.RemoveAt(_functionDepths.Count - 1);
            _promiseReturns.RemoveAt(_promiseReturns.Count - 1);
            if (promiseReturns > 0 && !fn.IsAsync && kind is not (NodeKind.GeneratorFunction or NodeKind.GeneratorFunctionDeclaration)
                && !EndsInBranchThatFallsThrough(node)) MarkPromiseReturner(fn, kind);
        }

        /// <summary>
        /// The body ends in an <c>if</c> one of whose ways on neither returns nor throws, so the function may give
        /// <c>undefined</c>: bcryptjs's <c>if (callback) _async(callback); else return new Promise(…)</c>, whose callers
        /// that pass a callback get no promise.
        /// </summary>
        private bool EndsInBranchThatFallsThrough(SyntaxNode function) =>
            function.ChildByFieldId(_g.Body) is { } body && LastStatement(body) is { } last && _g.KindOf(last.Symbol) == NodeKind.IfStatement
            && !Exits(last);

        /// <summary>
        /// No way through the statement plainly runs off its end: each ends in a <c>return</c> or <c>throw</c>, or in a statement
        /// this does not follow (a <c>switch</c>, a <c>try</c>, a loop), which is taken to exit. Only an expression, a declaration,
        /// an empty block or a missing <c>else</c> falls through.
        /// </summary>
        private bool Exits(SyntaxNode statement)
        {
            // iterative: an else-if chain is followed down its alternatives, blocks down their last statements
            var pending = new Stack<SyntaxNode>();
            pending.Push(statement);
            while (pending.Count > 0)
            {
                var s = pending.Pop();
                switch (_g.KindOf(s.Symbol))
                {
                    case NodeKind.StatementBlock:
                        if (LastStatement(s) is not { } last) return false;
                        pending.Push(last);
                        continue;
                    case NodeKind.IfStatement:
                        if (s.ChildByFieldId(_g.Alternative) is not { } elseClause || LastStatement(elseClause) is not { } otherwise) return false;
                        if (s.ChildByFieldId(_g.Consequence) is { } then) pending.Push(then);
                        pending.Push(otherwise);
                        continue;
                    default:
                        if (FallsThrough.Contains(s.Type)) return false;
                        continue;
                }
            }
            return true;
        }

        private static readonly HashSet<string> FallsThrough = new(StringComparer.Ordinal)
        {
            "expression_statement", "lexical_declaration", "variable_declaration", "empty_statement",
        };

        /// <summary>The last named child that is not a comment, or null (an empty block).</summary>
        private SyntaxNode? LastStatement(SyntaxNode block)
        {
            SyntaxNode? last = null;
            foreach (var child in block.NamedChildren)
            {
                if (_g.KindOf(child.Symbol) != NodeKind.Comment) last = child;
            }
            return last;
        }

        /// <summary>
        /// <c>function load() { return Promise.reject(e); }</c>: not async, yet every return gives a promise, so a call of it
        /// dropped on its own floats like an async function's. A return of anything else (a value, a bare <c>return;</c>, a
        /// handled chain) leaves it a plain function; a <c>throw</c> does not count.
        /// </summary>
        private void LeaveReturn(SyntaxNode node)
        {
            if (_functions.Count == 0) return;
            SyntaxNode? value = null;
            foreach (var c in node.NamedChildren)
            {
                if (_g.KindOf(c.Symbol) != NodeKind.Comment) { value = c; break; }
            }
            if (value is { } returned) ReturnSelfCopy(returned);
            if (_promiseReturns[^1] < 0) return;
            _promiseReturns[^1] = value is { } v && KindOf(v) == JavaScriptTables.PromiseKind ? _promiseReturns[^1] + 1 : -1;
        }

        /// <summary>Gives a promise-returning function the kind an async one has where it was bound once (declaration, method, value).</summary>
        private void MarkPromiseReturner(FunctionModel fn, NodeKind kind)
        {
            _promiseReturners.Add(fn.StartByte);
            fn.ReturnsAwaitable = true;
            var scope = kind is NodeKind.FunctionDeclaration ? Current.Locals
                : kind == NodeKind.MethodDefinition && fn.ClassName != null && fn.Name != "constructor" ? _model.ClassScopes[fn.ClassName] : null;
            string name = kind == NodeKind.MethodDefinition ? "this." + fn.Name : fn.Name;
            if (scope?.Get(name) is { Count: 1, Kind: JavaScriptTables.FunctionKindName } b && b.FirstPosition == fn.StartByte)
            {
                scope.Set(name, JavaScriptTables.AsyncFunctionKind, b.FirstPosition);
            }
        }

        /// <summary><c>app.get('/users')</c> for a function passed to <c>app.get('/users', …)</c>; <c>emitter.on('data')</c>.</summary>
        private static string CallbackName(CallModel call)
        {
            string first = call.Positional(0) is { Shape: Shape.String, Text: { } t } && t.Length <= 60 ? t : "";
            return call.Written + "(" + first + ") callback";
        }

        private string? DeclaredName(SyntaxNode declarator) =>
            declarator.ChildByFieldId(_g.Name) is { } n && _g.KindOf(n.Symbol) == NodeKind.Identifier ? n.Text : null;

        /// <summary><c>exports.load = …</c>, <c>module.exports.load = …</c>: the exported name.</summary>
        private string? ExportedName(SyntaxNode assignment)
        {
            if (assignment.ChildByFieldId(_g.Left) is not { } left || Short(left) is not { } text) return null;
            if (text.StartsWith("exports.", StringComparison.Ordinal)) text = text.Substring("exports.".Length);
            else if (text.StartsWith("module.exports.", StringComparison.Ordinal)) text = text.Substring("module.exports.".Length);
            else return null;
            return SourceModel.IsPlainName(text) ? text : null;
        }

        private static bool IsDefaultExport(SyntaxNode exportStatement)
        {
            foreach (var c in exportStatement.Children)
            {
                if (!c.IsNamed && c.Type == "default") return true;
            }
            return false;
        }

        /// <summary>The <c>async</c> keyword among the function's tokens (before its parameters).</summary>
        private static bool HasAsyncKeyword(SyntaxNode node)
        {
            foreach (var c in node.Children)
            {
                if (c.IsNamed) continue;
                string t = c.Type;
                if (t == "async") return true;
                if (t is "(" or "=>" or "{") return false;
            }
            return false;
        }

        /// <summary>A TypeScript return type <c>Promise&lt;…&gt;</c> (or <c>PromiseLike</c>, or a class extending <c>Promise</c>).</summary>
        private bool ReturnsPromise(SyntaxNode node) => node.ChildByFieldId(_g.ReturnType) is { } rt && Short(rt) is { } text && IsPromiseType(text);

        private void EnterClass(SyntaxNode node)
        {
            string name = node.ChildByFieldId(_g.Name) is { } n ? n.Text : "<class>";
            if (ExtendsPromise(node)) _promiseClasses.Add(name);
            string qualified = Qualify(name);
            _classes.Add(new ClassFrame(qualified, _frames.Count - 1));
            if (!_model.ClassScopes.ContainsKey(qualified)) _model.ClassScopes[qualified] = new Scope();
            _pendingDecorators.Clear();
        }

        /// <summary><c>class JobPromise&lt;T&gt; extends Promise&lt;T&gt;</c>: its instances are promises.</summary>
        private static bool ExtendsPromise(SyntaxNode node)
        {
            foreach (var c in node.NamedChildren)
            {
                if (c.Type != "class_heritage" || c.EndByte - c.StartByte > MaxText) continue;
                string text = c.Text;
                int at = text.IndexOf("extends", StringComparison.Ordinal);
                if (at < 0) return false;
                text = text.Substring(at + "extends".Length).TrimStart();
                return text.StartsWith("Promise", StringComparison.Ordinal) && (text.Length == 7 || text[7] is '<' or ' ' or '{' or '\n');
            }
            return false;
        }

        private DecoratorModel Decorator(SyntaxNode decorator)
        {
            var expr = decorator.NamedChild(0) ?? decorator;
            bool isCall = _g.KindOf(expr.Symbol) == NodeKind.CallExpression;
            var target = isCall ? expr.ChildByFieldId(_g.Function) ?? expr : expr;
            string text = Short(target) ?? "…";
            string? resolved = IsDotted(text) ? Resolve(text) : null;
            string? receiver = null, method = null;
            int dot = text.LastIndexOf('.');
            if (dot > 0 && resolved != null)
            {
                receiver = text.Substring(0, dot);
                method = text.Substring(dot + 1);
            }
            return new DecoratorModel(text, resolved, isCall, receiver, method, decorator.StartByte, decorator.EndByte);
        }

        /// <param name="callback">The function is handed to a call that runs it later (a listener, a processor), not in place per item.</param>
        private void ReadParameters(FunctionModel fn, SyntaxNode parameters, bool callback)
        {
            bool first = true;
            foreach (var p in parameters.NamedChildren)
            {
                var kind = _g.KindOf(p.Symbol);
                if (kind == NodeKind.Comment) continue;
                SyntaxNode? pattern = p;
                SyntaxNode? annotation = null;
                if (kind is NodeKind.RequiredParameter or NodeKind.OptionalParameter)
                {
                    pattern = p.ChildByFieldId(_g.Pattern);
                    annotation = p.ChildByFieldId(_g.Type);
                }
                if (pattern is { } pt && _g.KindOf(pt.Symbol) == NodeKind.AssignmentPattern) pattern = pt.ChildByFieldId(_g.Left);
                string? written = annotation is { } a && Short(a) is { } at ? at.TrimStart(':', ' ') : null;
                // relay({ message }: EachMessagePayload): a consumer's per-message function, wherever it is registered
                if (first && written != null && fn.HandlerReason == null && Resolve(TypeName(written)) is { } type
                    && (JavaScriptTables.MessagePayloadTypes.Contains(type) || callback && JavaScriptTables.JobTypes.Contains(type)))
                {
                    fn.HandlerReason = "takes a " + type + " (runs per message)";
                }
                first = false;
                // ({ hits, query }) => …: each destructured name is the function's own, bound before its body runs, of the kind
                // the parameter's object type declares for it ({ onDone }: { onDone: () => Promise<void> })
                if (pattern is { } destructured && _g.KindOf(destructured.Symbol) is NodeKind.ObjectPattern or NodeKind.ArrayPattern)
                {
                    var members = MemberKindsOfAnnotation(annotation);
                    foreach (string bound in BoundNames(destructured)) fn.Locals.Bind(bound, members?.GetValueOrDefault(bound), p.StartByte);
                    continue;
                }
                if (pattern is not { } named || _g.KindOf(named.Symbol) != NodeKind.Identifier) continue;
                fn.Parameters.Add(new ParameterModel(named.Text, written, written));
                // (load: () => Promise<void>), (seen: Set<string>): the declared type tells what the parameter holds
                string? declared = KindOfAnnotation(annotation);
                fn.Locals.Bind(named.Text, declared, p.StartByte);
                // constructor(private readonly redis: Redis): a TypeScript parameter property is also the field this.redis
                if (declared != null && fn.Name == "constructor" && _classes.Count > 0 && IsParameterProperty(p))
                {
                    string cls = _classes[^1].QualifiedName;
                    _typedFields.Add(cls + "|this." + named.Text);
                    _model.ClassScopes[cls].Bind("this." + named.Text, declared, p.StartByte);
                }
            }
        }

        /// <summary><c>private x: T</c>, <c>readonly x: T</c>: a modifier makes a constructor parameter a field as well.</summary>
        private static bool IsParameterProperty(SyntaxNode parameter)
        {
            foreach (var c in parameter.Children)
            {
                if (c.Type is "accessibility_modifier" or "readonly" or "override_modifier") return true;
            }
            return false;
        }

        /// <summary>An object literal with <c>method</c> and <c>path</c> properties: a route's configuration (hapi's <c>ServerRoute</c>).</summary>
        private bool IsRouteConfig(SyntaxNode obj)
        {
            bool method = false, path = false;
            foreach (var member in obj.NamedChildren)
            {
                if (_g.KindOf(member.Symbol) != NodeKind.Pair || member.ChildByFieldId(_g.Key) is not { } key) continue;
                method |= key.Text is "method";
                path |= key.Text is "path";
            }
            return method && path;
        }

        /// <summary>A type as written without its type arguments: <c>Job&lt;Invoice&gt;</c> → <c>Job</c>.</summary>
        private static string TypeName(string written)
        {
            int open = written.IndexOf('<');
            return (open < 0 ? written : written.Substring(0, open)).Trim();
        }

        /// <summary>
        /// <c>Query</c>, <c>Mutation</c> or <c>Subscription</c> when the object holding the function (<paramref name="objectDepth"/>
        /// frames up) is the value of a property of that name; null otherwise.
        /// </summary>
        private string? ResolverRoot(int objectDepth)
        {
            if (_frames.Count <= objectDepth + 1 || ParentKind(objectDepth) != NodeKind.Object || ParentKind(objectDepth + 1) != NodeKind.Pair
                || _frames[^(objectDepth + 1)].Field != _g.Value) return null;
            string? key = _frames[^(objectDepth + 2)].Node.ChildByFieldId(_g.Key) is { } k ? Short(k)?.Trim('\'', '"') : null;
            return key is "Query" or "Mutation" or "Subscription" ? key : null;
        }

        /// <summary>The function being entered is the object of <c>.toString()</c>, parentheses aside: its text is what the code uses.</summary>
        private bool IsStringified()
        {
            int up = 1;
            while (ParentKind(up) == NodeKind.ParenthesizedExpression) up++;
            return ParentKind(up) == NodeKind.MemberExpression
                && _frames[_frames.Count - 1 - up].Node.ChildByFieldId(_g.Property) is { } property && property.Text == "toString";
        }

        /// <summary>
        /// <c>async () =&gt; { try { … await … } catch (e) { w.destroy(e); } finish(); }</c>: every await of the function sits in the
        /// body of a try with a catch clause (there is one), every throw too, and no catch hands back <c>Promise.reject</c>.
        /// What may still reject its promise through a call is listed for the knowledge to judge (<see cref="FunctionModel.OpenWaits"/>):
        /// a call awaited outside such a try (in the catch itself: a back-off sleep), or returned — from the try too, as a promise
        /// handed out unawaited escapes its catch (a catch's own return is its handling). The awaits of a function written inside
        /// are that function's; a throw there may reach this one through a call that runs it at once, and one that returns a call
        /// (<c>if (err) return this._destroy(err)</c>) hands failures on to code that may throw: either keeps it reported. Null when
        /// the function can reject otherwise (a throw or a <c>for await</c> outside a try that catches, a finally that throws).
        /// </summary>
        private List<(int Start, int End)>? CaughtWork(SyntaxNode function)
        {
            if (function.ChildByFieldId(_g.Body) is not { } body || _g.KindOf(body.Symbol) != NodeKind.StatementBlock) return null;
            var open = new List<(int Start, int End)>();
            bool caught = false;
            var work = new Stack<(SyntaxNode Node, bool Covered, bool InCatch)>();
            foreach (var child in body.NamedChildren) work.Push((child, false, false));
            while (work.Count > 0)
            {
                var (n, covered, inCatch) = work.Pop();
                switch (_g.KindOf(n.Symbol))
                {
                    case NodeKind.FunctionDeclaration or NodeKind.GeneratorFunctionDeclaration or NodeKind.FunctionExpression or NodeKind.Function
                        or NodeKind.GeneratorFunction or NodeKind.ArrowFunction or NodeKind.MethodDefinition:
                        if (n.DescendantsAndSelf().Any(d => d.Type == "throw_statement" && !covered || ReturnsCall(d))) return null;
                        continue;
                    case NodeKind.ThrowStatement when !covered:
                        return null;
                    case NodeKind.ForInStatement when !covered && HasAwaitToken(n):
                        return null;
                    case NodeKind.MemberExpression when inCatch && n.EndByte - n.StartByte == PromiseReject.Length && n.Text == PromiseReject:
                        return null;
                    case NodeKind.AwaitExpression when !covered && n.NamedChildCount > 0 && n.NamedChild(0) is { } operand:
                        open.Add((operand.StartByte, operand.EndByte));
                        break;
                    case NodeKind.ReturnStatement when !inCatch && ReturnsCall(n):
                        open.Add((n.NamedChild(0)!.Value.StartByte, n.NamedChild(0)!.Value.EndByte));
                        break;
                }
                if (n.Type == "try_statement")
                {
                    var handler = n.ChildByFieldId(_g.Handler);
                    caught |= handler != null;
                    if (n.ChildByFieldId(_g.Body) is { } tried) work.Push((tried, covered || handler != null, inCatch));
                    if (handler is { } h) work.Push((h, covered, true));
                    if (n.ChildByFieldId(_g.Finalizer) is { } finalizer) work.Push((finalizer, covered, inCatch));
                    continue;
                }
                foreach (var child in n.NamedChildren) work.Push((child, covered, inCatch));
            }
            return caught ? open : null;
        }

        private const string PromiseReject = "Promise.reject";

        /// <summary><c>return save(x);</c>: a call's value handed back, maybe a promise.</summary>
        private static bool ReturnsCall(SyntaxNode node) =>
            node.Type == "return_statement" && node.NamedChildCount > 0 && node.NamedChild(0) is { Type: "call_expression" };

        /// <summary>The one statement of a block (comments aside), or the statement itself when it is not a block; null for none or several.</summary>
        private SyntaxNode? SoleStatement(SyntaxNode statement)
        {
            if (_g.KindOf(statement.Symbol) != NodeKind.StatementBlock) return statement;
            SyntaxNode? only = null;
            foreach (var child in statement.NamedChildren)
            {
                if (_g.KindOf(child.Symbol) == NodeKind.Comment) continue;
                if (only != null) return null;
                only = child;
            }
            return only;
        }

        /// <summary>A body that does nothing but leave once its test holds: <c>{ if (Date.now() - start &gt; ms) break; }</c>.</summary>
        private bool OnlyBreaksOut(SyntaxNode body) =>
            SoleStatement(body) is { } test && _g.KindOf(test.Symbol) == NodeKind.IfStatement && test.ChildByFieldId(_g.Alternative) == null
            && test.ChildByFieldId(_g.Consequence) is { } then && SoleStatement(then) is { } leave && _g.KindOf(leave.Symbol) == NodeKind.BreakStatement;

        // ---- loops ----

        /// <summary>The innermost loop around <paramref name="position"/> in the current function, or around a function literal run in place.</summary>
        private LoopModel? InnermostLoop(int position)
        {
            var fn = Current;
            var loop = LoopModel.Innermost(_loops, fn, position);
            while (loop == null && _runInPlace.Contains(fn) && fn.Parent != null)
            {
                fn = fn.Parent;
                loop = LoopModel.Innermost(_loops, fn, position);
            }
            return loop;
        }

        private void EnterLoop(SyntaxNode node, NodeKind kind, int start, int end)
        {
            var body = node.ChildByFieldId(_g.Body);
            var condition = node.ChildByFieldId(_g.Condition);
            SyntaxNode? iterable = kind == NodeKind.ForInStatement ? node.ChildByFieldId(_g.Right) : null;
            var loopKind = kind switch
            {
                NodeKind.ForInStatement => HasAwaitToken(node) ? LoopKind.AsyncFor : LoopKind.For,
                // for (;;) is a while (true)
                NodeKind.ForStatement => condition is { } c && _g.KindOf(c.Symbol) != NodeKind.EmptyStatement && c.Text.Trim() != ";" ? LoopKind.For : LoopKind.While,
                _ => LoopKind.While,
            };
            int bodyStart = body?.StartByte ?? end, bodyEnd = body?.EndByte ?? end;
            // The condition of a while loop runs on every iteration: it belongs to the repeated part.
            if (kind is NodeKind.WhileStatement or NodeKind.DoStatement && condition is { } cond)
            {
                bodyStart = Math.Min(bodyStart, cond.StartByte);
                bodyEnd = Math.Max(bodyEnd, cond.EndByte);
            }
            var loop = new LoopModel
            {
                Kind = loopKind,
                StartByte = start,
                EndByte = end,
                BodyStartByte = bodyStart,
                BodyEndByte = bodyEnd,
                Function = Current,
                Parent = _loops.Count > 0 ? _loops[^1] : null,
                IterableText = iterable is { } it ? Short(it) : null,
                IterableShape = iterable is { } shaped ? JavaScriptShapes.Of(shaped.Type) : Shape.Other,
                IterableStartByte = iterable?.StartByte ?? start,
                IterableEndByte = iterable?.EndByte ?? start,
                OnlyWaits = body is not { } b || _g.KindOf(b.Symbol) == NodeKind.EmptyStatement || IsEmptyBlock(b) || OnlyBreaksOut(b),
            };
            if (kind == NodeKind.ForInStatement && node.ChildByFieldId(_g.Left) is { } left) BindPattern(left);
            _model.Loops.Add(loop);
            _loops.Add(loop);
        }

        private bool IsEmptyBlock(SyntaxNode block)
        {
            if (_g.KindOf(block.Symbol) != NodeKind.StatementBlock) return false;
            foreach (var c in block.NamedChildren)
            {
                if (_g.KindOf(c.Symbol) != NodeKind.Comment) return false;
            }
            return true;
        }

        private static bool HasAwaitToken(SyntaxNode node)
        {
            foreach (var c in node.Children)
            {
                if (!c.IsNamed && c.Type == "await") return true;
                if (c.IsNamed) return false;
            }
            return false;
        }

        /// <summary>The receiver written in the open call (<c>['bri', 'sat'].forEach(…)</c>: the array literal).</summary>
        private SyntaxNode? WrittenReceiver(CallModel call)
        {
            int open = _openCalls.FindLastIndex(o => o.Call == call);
            return open < 0 ? null : _frames[_openCalls[open].Depth].Node.ChildByFieldId(_g.Function)?.ChildByFieldId(_g.Object);
        }

        /// <summary>The callback of <c>items.map(…)</c>/<c>forEach</c>/<c>filter</c>… runs once per item: a loop over <c>items</c>.</summary>
        private void EnterCallbackLoop(FunctionModel fn, CallModel call, SyntaxNode node)
        {
            var body = node.ChildByFieldId(_g.Body);
            var loop = new LoopModel
            {
                Kind = LoopKind.Comprehension,
                StartByte = fn.StartByte,
                EndByte = fn.EndByte,
                BodyStartByte = body?.StartByte ?? fn.StartByte,
                BodyEndByte = body?.EndByte ?? fn.EndByte,
                Function = fn,
                Parent = _loops.Count > 0 ? _loops[^1] : null,
                IterableText = JavaScriptTables.ComparatorMethods.Contains(call.Method!) ? null : call.Receiver,
                IterableShape = Shape.Other,
                IterableStartByte = call.StartByte,
                IterableEndByte = call.StartByte,
                OverConstants = IsConstantReceiver(call) || WrittenReceiver(call) is { } list && IsConstantArray(list),
            };
            _model.Loops.Add(loop);
            _loops.Add(loop);
        }
    }
}
