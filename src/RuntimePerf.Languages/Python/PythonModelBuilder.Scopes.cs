using System;
using System.Collections.Generic;
using RuntimePerf.Languages.Common;
using RuntimePerf.TreeSitter;

namespace RuntimePerf.Languages.Python
{
    /// <summary>Scopes: functions, lambdas and classes; loops and comprehensions; with blocks.</summary>
    internal sealed partial class PythonModelBuilder
    {
        // ---- functions and classes ----

        private string Qualify(string name)
        {
            var f = Current;
            string? cls = _classes.Count > 0 ? _classes[^1].QualifiedName : null;
            // The innermost of class and function wins: compare their depth in the frame stack.
            if (cls != null && (f.Kind == FunctionKind.Module || _classes[^1].Depth > FunctionDepth)) return cls + "." + name;
            return f.Kind == FunctionKind.Module ? name : f.QualifiedName + "." + name;
        }

        private readonly List<int> _functionDepths = new();
        private int FunctionDepth => _functionDepths.Count == 0 ? -1 : _functionDepths[^1];

        private void EnterFunction(SyntaxNode node, int start, int end)
        {
            string name = node.ChildByFieldId(Field.Name) is { } n ? n.Text : "<function>";
            int own = _frames.Count - 1;
            bool directMethod = _classes.Count > 0 && _classes[^1].Depth > FunctionDepth
                && (_classes[^1].Depth == own - 2 || (_classes[^1].Depth == own - 3 && _frames[own - 1].Type == "decorated_definition"));
            string? className = directMethod ? _classes[^1].QualifiedName : null;
            var fn = new FunctionModel(_model, FunctionKind.Function, name, Qualify(name), Current.Kind == FunctionKind.Module ? null : Current,
                className, start, end)
            {
                IsAsync = StartsWithAsync(start),
                ClassBases = directMethod ? _classes[^1].Bases : Array.Empty<string>(),
                HeaderStartByte = start,
            };
            // The parent is the frame below this node's own (tree-sitter's Parent walks down from the root).
            if (_frames[^2].Type == "decorated_definition" && _frames[^2].Node is var p)
            {
                fn.HeaderStartByte = p.StartByte;
                foreach (var d in p.NamedChildren)
                {
                    if (d.Type == "decorator" && d.NamedChild(0) is { } expr) fn.Decorators.Add(Decorator(expr, d));
                }
            }
            if (node.ChildByFieldId(Field.Parameters) is { } ps) ReadParameters(fn, ps);
            if (fn.IsAsync) _model.HasAsyncCode = true;
            _model.Functions.Add(fn);
            _functions.Add(fn);
            _functionDepths.Add(_frames.Count - 1);
        }

        private void EnterLambda(int start, int end)
        {
            var fn = new FunctionModel(_model, FunctionKind.Lambda, "<lambda>", Qualify("<lambda>"), Current, null, start, end) { HeaderStartByte = start };
            _model.Functions.Add(fn);
            _functions.Add(fn);
            _functionDepths.Add(_frames.Count - 1);
        }

        private void EnterClass(SyntaxNode node)
        {
            string name = node.ChildByFieldId(Field.Name) is { } n ? n.Text : "<class>";
            var bases = new List<string>();
            if (node.ChildByFieldId(Field.Superclasses) is { } sc)
            {
                foreach (var b in sc.NamedChildren)
                {
                    if (b.Type is "identifier" or "attribute" && b.EndByte - b.StartByte <= MaxText) bases.Add(Resolve(b.Text));
                }
            }
            // a class defined inside a function is a local of it (it may hide an imported module of the same name)
            if (Current.Kind != FunctionKind.Module && node.ChildByFieldId(Field.Name) is { } declared) Current.Locals.Bind(name, null, declared.StartByte);
            string qualified = Qualify(name);
            _classes.Add(new ClassFrame(qualified, _frames.Count - 1, bases));
            if (!_model.ClassScopes.ContainsKey(qualified)) _model.ClassScopes[qualified] = new Scope();
        }

        private DecoratorModel Decorator(SyntaxNode expr, SyntaxNode decorator)
        {
            bool isCall = expr.Type == "call";
            var target = isCall ? expr.ChildByFieldId(Field.Function) ?? expr : expr;
            string text = target.EndByte - target.StartByte <= MaxText ? target.Text : "…";
            string? resolved = IsDotted(text) ? Resolve(text) : null;
            string? receiver = null, method = null;
            if (target.Type == "attribute")
            {
                method = target.ChildByFieldId(Field.Attribute)?.Text;
                var obj = target.ChildByFieldId(Field.Object);
                if (obj is { } o && o.EndByte - o.StartByte <= MaxText) receiver = o.Text;
            }
            return new DecoratorModel(text, resolved, isCall, receiver, method, decorator.StartByte, decorator.EndByte);
        }

        private void ReadParameters(FunctionModel fn, SyntaxNode parameters)
        {
            foreach (var p in parameters.NamedChildren)
            {
                string? name = null;
                SyntaxNode? annotation = null;
                switch (p.Type)
                {
                    case "identifier":
                        name = p.Text;
                        break;
                    case "typed_parameter":
                        name = p.NamedChild(0) is { } id && id.Type == "identifier" ? id.Text : null;
                        annotation = p.ChildByFieldId(Field.Type);
                        break;
                    case "default_parameter":
                    case "typed_default_parameter":
                        name = p.ChildByFieldId(Field.Name) is { } nn && nn.Type == "identifier" ? nn.Text : null;
                        annotation = p.ChildByFieldId(Field.Type);
                        break;
                }
                if (name == null) continue;
                string? written = annotation is { } a && a.EndByte - a.StartByte <= MaxText ? a.Text : null;
                string? kind = AnnotationKind(written, out string? resolved);
                fn.Parameters.Add(new ParameterModel(name, written, resolved));
                fn.Locals.Bind(name, kind, p.StartByte);
            }
        }

        // ---- loops ----

        private LoopModel? InnermostLoop(int position) => LoopModel.Innermost(_loops, Current, position);

        private void EnterLoop(SyntaxNode node, string type, int start, int end)
        {
            var body = node.ChildByFieldId(Field.Body);
            SyntaxNode? iterable = type == "for_statement" ? node.ChildByFieldId(Field.Right) : null;
            var loop = new LoopModel
            {
                Kind = type == "while_statement" ? LoopKind.While : StartsWithAsync(start) ? LoopKind.AsyncFor : LoopKind.For,
                StartByte = start,
                EndByte = end,
                BodyStartByte = body?.StartByte ?? end,
                BodyEndByte = body?.EndByte ?? end,
                Function = Current,
                Parent = _loops.Count > 0 ? _loops[^1] : null,
                IterableText = iterable is { } it ? Short(it) : null,
                IterableShape = iterable is { } shaped ? PythonShapes.Of(shaped.Type) : Shape.Other,
                IterableStartByte = iterable?.StartByte ?? start,
                IterableEndByte = iterable?.EndByte ?? start,
                OnlyStatementStart = body is { } block && node.ChildByFieldId(Field.Alternative) == null && OnlyStatement(block) is { } only ? only.StartByte : -1,
                BlockStart = _frames.Count >= 2 ? _frames[^2].Start : -1,
            };
            if (iterable is { } r) Bound(loop, r);
            if (type == "for_statement" && node.ChildByFieldId(Field.Left) is { } left)
            {
                BindTargets(left);
                // The targets live on after the loop: a use anywhere later in the function counts.
                if (iterable is { } pairs) AddPairLoop(loop, left, pairs, loop.BodyStartByte, Current.EndByte);
            }
            _model.Loops.Add(loop);
            _loops.Add(loop);
        }

        /// <summary>The one statement of a block, comments aside; null for none or several.</summary>
        private static SyntaxNode? OnlyStatement(SyntaxNode block)
        {
            SyntaxNode? only = null;
            foreach (var child in block.NamedChildren)
            {
                if (child.Type == "comment") continue;
                if (only != null) return null;
                only = child;
            }
            return only;
        }

        /// <summary>The innermost frame's value is read only at index 0 (<c>list(d.values())[0]</c>, <c>[… for …][0]</c>).</summary>
        private bool FirstItemRead() =>
            ParentKind() == NodeKind.Subscript && _frames[^1].Field == Field.Value
            && _frames[^2].Node.ChildByFieldId(Field.Subscript) is { Type: "integer" } index && index.Text == "0";

        private void EnterComprehension(SyntaxNode node, int start, int end)
        {
            SyntaxNode? clause = null;
            foreach (var c in node.NamedChildren)
            {
                if (c.Type == "for_in_clause") { clause = c; break; }
            }
            var iterable = clause?.ChildByFieldId(Field.Right);
            var loop = new LoopModel
            {
                Kind = LoopKind.Comprehension,
                StartByte = start,
                EndByte = end,
                BodyStartByte = start,
                BodyEndByte = end,
                Function = Current,
                Parent = _loops.Count > 0 ? _loops[^1] : null,
                IterableText = iterable is { } it ? Short(it) : null,
                IterableShape = iterable is { } shaped ? PythonShapes.Of(shaped.Type) : Shape.Other,
                IterableStartByte = iterable?.StartByte ?? start,
                IterableEndByte = iterable?.EndByte ?? start,
                ResultUse = node.Type == "list_comprehension" && FirstItemRead() ? ResultUse.FirstItem : ResultUse.Other,
            };
            if (iterable is { } r) Bound(loop, r);
            if (iterable is { } pairs && clause is { } cl && cl.ChildByFieldId(Field.Left) is { } left) AddPairLoop(loop, left, pairs, start, end);
            _model.Loops.Add(loop);
            _loops.Add(loop);
        }

        // ---- loops over key-value pairs ----

        /// <summary>A loop over <c>x.items()</c> unpacking each pair, with the names of each part and where they may be read.</summary>
        private readonly record struct PairLoop(LoopModel Loop, List<string> Keys, List<string> Values, int ScopeStart, int ScopeEnd);

        private readonly List<PairLoop> _pairLoops = new();

        /// <summary>Records a loop whose target unpacks the pairs of <c>x.items()</c> (<c>for k, v in d.items()</c>), settled once every use is known.</summary>
        private void AddPairLoop(LoopModel loop, SyntaxNode target, SyntaxNode iterable, int scopeStart, int scopeEnd)
        {
            if (iterable.Type != "call" || iterable.ChildByFieldId(Field.Function) is not { } f || f.Type != "attribute"
                || f.ChildByFieldId(Field.Attribute) is not { } method || method.EndByte - method.StartByte != 5 || method.Text != "items"
                || iterable.ChildByFieldId(Field.Arguments) is not { NamedChildCount: 0 }) return;
            if (target.Type is not ("pattern_list" or "tuple_pattern" or "list_pattern") || target.NamedChildCount != 2) return;
            if (target.NamedChild(0) is not { } key || target.NamedChild(1) is not { } value) return;
            _pairLoops.Add(new PairLoop(loop, NamesIn(key), NamesIn(value), scopeStart, scopeEnd));
        }

        /// <summary>The identifiers a target pattern binds (<c>(a, (b, _))</c> → a, b, _).</summary>
        private static List<string> NamesIn(SyntaxNode pattern)
        {
            var names = new List<string>();
            var stack = new Stack<SyntaxNode>();
            stack.Push(pattern);
            while (stack.Count > 0)
            {
                var n = stack.Pop();
                if (n.Type == "identifier") names.Add(n.Text);
                else foreach (var c in n.NamedChildren) stack.Push(c);
            }
            return names;
        }

        /// <summary>
        /// Marks the pair loops that never read one part of the pair (all its names unread where they are visible). When
        /// neither is read (<c>for _, v in d.items(): pass</c>), the part named as discarded (<c>_…</c>) is the unused one.
        /// </summary>
        private void SettlePairLoops()
        {
            foreach (var p in _pairLoops)
            {
                bool keyUsed = p.Keys.Exists(n => _model.IsReadIn(n, p.ScopeStart, p.ScopeEnd));
                bool valueUsed = p.Values.Exists(n => _model.IsReadIn(n, p.ScopeStart, p.ScopeEnd));
                if (keyUsed != valueUsed) p.Loop.UnusedPart = keyUsed ? PairPart.Value : PairPart.Key;
                else if (!keyUsed && Discarded(p.Keys) != Discarded(p.Values)) p.Loop.UnusedPart = Discarded(p.Keys) ? PairPart.Key : PairPart.Value;
            }

            static bool Discarded(List<string> names) => names.TrueForAll(n => n.StartsWith('_'));
        }

        private static long? ConstantRange(SyntaxNode iterable)
        {
            if (iterable.Type != "call" || iterable.ChildByFieldId(Field.Function) is not { } f || f.Type != "identifier" || f.Text != "range") return null;
            if (iterable.ChildByFieldId(Field.Arguments) is not { } args) return null;
            var values = new List<long>();
            foreach (var a in args.NamedChildren)
            {
                // range(8, 0, -2): a negative number is the unary minus of a literal
                bool negative = a.Type == "unary_operator" && a.Text.StartsWith('-') && a.NamedChildCount == 1;
                var literal = negative && a.NamedChild(0) is { } operand ? operand : a;
                if (literal.Type != "integer" || !long.TryParse(literal.Text.Replace("_", ""), out long v)) return null;
                values.Add(negative ? -v : v);
            }
            return values.Count switch { 1 => values[0], 2 => Steps(values[0], values[1], 1), 3 => Steps(values[0], values[1], values[2]), _ => null };
        }

        /// <summary>How many values <c>range(start, stop, step)</c> gives (<c>range(0, 8, 2)</c>: 4); unknown past a long's range.</summary>
        private static long? Steps(long start, long stop, long step)
        {
            Int128 span = step > 0 ? (Int128)stop - start : (Int128)start - stop, by = step > 0 ? step : -(Int128)step;
            if (step == 0) return null;
            Int128 count = span <= 0 ? 0 : (span + by - 1) / by;
            return count > long.MaxValue ? null : (long)count;
        }

        /// <summary>What bounds a loop from what it walks: a constant range, a constant slice, a fixed table.</summary>
        private void Bound(LoopModel loop, SyntaxNode iterable)
        {
            (loop.ConstantRange, loop.AtMost, loop.OverConstants) = (ConstantRange(iterable), SliceLength(iterable), WalksConstants(iterable, out var local));
            if (local != null) _localTables.Add((loop, local));
        }

        /// <summary>
        /// A fixed table written in the code: a literal of constants, a module constant named in capitals bound only to one
        /// (<c>for c in SUPPORTED_CURRENCIES</c>), or a local of the function bound to one (<c>fields = ["id", "name"]</c>) —
        /// <paramref name="local"/>, checked again once the whole file is read (<see cref="KeepOnlyFixedLists"/>): a local list
        /// may be appended to or bound again after the loop starts.
        /// </summary>
        private bool WalksConstants(SyntaxNode iterable, out string? local)
        {
            local = null;
            if (iterable.Type is "list" or "tuple" or "set") return IsConstantCollection(iterable);
            // SUPPLIERS.items(), .keys(), .values(): the entries of such a table
            iterable = ViewedTable(iterable);
            if (iterable.Type != "identifier" || Current.Lookup(iterable.Text) is not { Binding.IsConstant: true, Owner: { } owner }) return false;
            if (PythonTables.IsConstantName(iterable.Text)) return true;
            if (owner != Current || owner.Kind == FunctionKind.Module) return false;
            local = iterable.Text;
            return true;
        }

        /// <summary>At most how many items a loop over a constant slice walks: <c>items[:20]</c>, <c>items[5:10]</c>.</summary>
        private static long? SliceLength(SyntaxNode iterable)
        {
            if (iterable.Type != "subscript" || iterable.ChildByFieldId(Field.Subscript) is not { Type: "slice" } slice) return null;
            var bounds = new List<long>();
            int colons = 0;
            bool leadingColon = false;
            for (int i = 0; i < slice.ChildCount; i++)
            {
                if (slice.Child(i) is not { } part) continue;
                if (part.Type == ":") { colons++; leadingColon |= i == 0; continue; }
                if (part.Type != "integer" || !long.TryParse(part.Text.Replace("_", ""), out long v)) return null;
                bounds.Add(v);
            }
            // [:n] or [a:b]; not [a:] (it runs to the end) nor a step
            if (colons != 1) return null;
            return bounds.Count switch { 1 when leadingColon => bounds[0], 2 => Math.Max(0, bounds[1] - bounds[0]), _ => null };
        }

        private void BindTargets(SyntaxNode left)
        {
            if (left.Type == "identifier")
            {
                Bind(left.Text, null, left.StartByte);
                return;
            }
            if (left.Type is "pattern_list" or "tuple_pattern" or "list_pattern")
            {
                foreach (var c in left.NamedChildren)
                {
                    if (c.Type == "identifier") Bind(c.Text, null, c.StartByte);
                }
            }
        }

        /// <param name="from">Where the binding takes effect (the end of its statement); by default, <paramref name="position"/>.</param>
        private void Bind(string name, string? kind, int position, bool isConstant = false, int from = -1)
        {
            var scope = Current.NonLocals.Contains(name) ? _model.Module.Locals : Current.Locals;
            scope.Bind(name, kind, position, isConstant, from);
        }

        // ---- with ----

        private void EnterWith(SyntaxNode node, int start, int end)
        {
            var with = new WithModel
            {
                IsAsync = StartsWithAsync(start),
                StartByte = start,
                EndByte = end,
                BodyStartByte = node.ChildByFieldId(Field.Body)?.StartByte ?? end,
                Function = Current,
            };
            _model.Withs.Add(with);
            _pendingWiths.Add(with);
        }

        private readonly List<WithModel> _pendingWiths = new();

        /// <summary>
        /// <c>with self.session as s:</c> / <c>with session as s:</c>: a client entered as it is (its <c>__enter__</c> returns
        /// itself) keeps its kind under the new name.
        /// </summary>
        private string? EnteredKind(SyntaxNode expr) => expr.Type is "identifier" or "attribute" ? KindOf(expr) : null;

        private void LeaveWith(SyntaxNode node)
        {
            var with = _pendingWiths[^1];
            _pendingWiths.RemoveAt(_pendingWiths.Count - 1);
            foreach (var clause in node.NamedChildren)
            {
                if (clause.Type != "with_clause") continue;
                foreach (var item in clause.NamedChildren)
                {
                    if (item.Type != "with_item" || item.ChildByFieldId(Field.Value) is not { } value) continue;
                    SyntaxNode expr = value;
                    string? alias = null;
                    if (value.Type == "as_pattern")
                    {
                        expr = value.NamedChild(0) ?? value;
                        if (value.ChildByFieldId(Field.Alias) is { } a && a.NamedChild(0) is { } target && target.Type == "identifier")
                        {
                            alias = target.Text;
                        }
                    }
                    var call = CallAt(expr.StartByte, expr.EndByte);
                    string text = Short(expr) ?? "…";
                    with.Items.Add(new WithItem(text, call, IsDotted(text) ? text : null, alias));
                    if (alias != null) Bind(alias, call != null ? PythonKnowledge.Instance.KindOfCall(call) : EnteredKind(expr), expr.StartByte, from: item.EndByte);
                }
            }
        }
    }
}
