using System;
using System.Collections.Generic;
using RuntimePerf.Languages.Common;
using RuntimePerf.TreeSitter;

namespace RuntimePerf.Languages.JavaScript
{
    /// <summary>Calls and <c>new</c> expressions (callee, resolution, arguments), awaits with the statements that hold them.</summary>
    internal sealed partial class JavaScriptModelBuilder
    {
        // ---- calls and awaits ----

        /// <summary>
        /// The callee of <c>await f&lt;T&gt;(x)</c> as TypeScript's grammar parses it: a call whose function is <c>await f</c>
        /// and that has type arguments; null for any other call.
        /// </summary>
        private SyntaxNode? AwaitedCallee(SyntaxNode call) =>
            call.ChildByFieldId(_g.Function) is { } f && _g.KindOf(f.Symbol) == NodeKind.AwaitExpression
            && call.ChildByFieldId(_g.TypeArguments) != null && f.NamedChild(0) is { } callee ? callee : null;

        /// <param name="awaitedCallee">The callee of <c>await f&lt;T&gt;(x)</c> as the grammar inverts it (<see cref="AwaitedCallee"/>), or null.</param>
        private void EnterCall(SyntaxNode node, int start, int end, bool isNew, SyntaxNode? awaitedCallee = null)
        {
            if (awaitedCallee is { } callee) start = callee.StartByte;
            var function = awaitedCallee ?? node.ChildByFieldId(isNew ? _g.Constructor : _g.Function);
            // (save)(x), ((JSON.parse))(s): the parentheses change nothing about the callee ((async () => …)() keeps them)
            while (function is { } paren && _g.KindOf(paren.Symbol) == NodeKind.ParenthesizedExpression && paren.NamedChildCount == 1
                && paren.NamedChild(0) is { } inner && _g.KindOf(inner.Symbol) is NodeKind.ParenthesizedExpression or NodeKind.Identifier or NodeKind.MemberExpression)
            {
                function = inner;
            }
            string written = "…";
            string? resolved = null, method = null, receiver = null, receiverKind = null;
            if (function is { } fnode)
            {
                if (Short(fnode) is { } text) written = Syntax.OneLine(text);
                // helpers['save'](x) is helpers.save(x): a constant key names the member as a dot would
                if (!isNew && LiteralMember(fnode) is { } member) written = member;
                bool dotted = IsDotted(written);
                if (dotted) resolved = Resolve(written);
                int lastDot = dotted ? written.LastIndexOf('.') : -1;
                if (!isNew && lastDot > 0)
                {
                    receiver = written.Substring(0, lastDot);
                    method = written.Substring(lastDot + 1);
                }
                else if (!isNew && _g.KindOf(fnode.Symbol) == NodeKind.MemberExpression)
                {
                    method = fnode.ChildByFieldId(_g.Property) is { } p && Short(p) is { } pt ? pt : null;
                    if (fnode.ChildByFieldId(_g.Object) is { } o)
                    {
                        if (Short(o) is { } ot) receiver = Syntax.OneLine(ot);
                        // [...rows].sort(f): an array literal's own method
                        if (_g.KindOf(o.Symbol) == NodeKind.Array) receiverKind = ValueKinds.List;
                        // require('fs').readFileSync(…)
                        if (RequiredModule(o) is { } module && method != null) resolved = module + "." + method;
                    }
                }
                if (written == "…" && method != null) written = "…." + method;
            }
            if (isNew) written = "new " + written;
            var parentKind = awaitedCallee != null || ParentKind(Unwrapped() + 1) == NodeKind.AwaitExpression ? NodeKind.AwaitExpression : ParentKind();
            var call = new CallModel
            {
                StartByte = start,
                EndByte = end,
                Function = Current,
                Written = written,
                Resolved = resolved,
                Method = method,
                Receiver = receiver,
                ReceiverExpressionKind = receiverKind,
                Loop = InnermostLoop(start),
                IsStatement = parentKind == NodeKind.ExpressionStatement,
                InDroppedExpression = parentKind is not (NodeKind.ExpressionStatement or NodeKind.AwaitExpression) && InDroppedExpression(),
                ResultUse = parentKind is NodeKind.MemberExpression or NodeKind.SubscriptExpression ? ResultUseOf(_frames.Count - 1)
                    : parentKind is NodeKind.VariableDeclarator or NodeKind.AssignmentExpression ? DestructuredFirst()
                    : parentKind is NodeKind.SpreadElement or NodeKind.AwaitExpression or NodeKind.ParenthesizedExpression && OnlySpreadArray() is var array && array > 0
                        ? (isNew && resolved is { } c && JavaScriptTables.Constructors.TryGetValue(c, out var k) && k == JavaScriptTables.SizedKind
                            && _frames[array - 1].Kind == NodeKind.MemberExpression ? ResultUseOf(array) : ResultUse.Copied)
                    : parentKind == NodeKind.AwaitExpression ? AwaitedResultUse()
                    : ResultUse.Other,
                IsAwaited = parentKind == NodeKind.AwaitExpression,
            };
            // f(x).g(): this call is the receiver of the enclosing call.
            if (parentKind == NodeKind.MemberExpression && _frames[^1].Field == _g.Object && ParentKind(2) == NodeKind.CallExpression
                && _frames[^2].Field == _g.Function && _openCalls.Count > 0)
            {
                _openCalls[^1].Call.ReceiverCall = call;
            }
            if (_openCalls.Count > 0 && (parentKind == NodeKind.Arguments || parentKind == NodeKind.SpreadElement && ParentKind(2) == NodeKind.Arguments))
            {
                call.ArgumentOf = _openCalls[^1].Call;
            }
            if (call.IsAwaited && _pendingAwait != null && _pendingAwait.OperandStartByte <= start && end <= _pendingAwait.OperandEndByte) _pendingAwait.Call = call;
            // ids.includes(x), ids.indexOf(x), ids.find(…): a linear search of ids.
            if (method != null && JavaScriptTables.SearchMethods.Contains(method) && receiver != null && SourceModel.IsPlainName(receiver))
            {
                bool equality = method is not ("includes" or "indexOf" or "lastIndexOf") && IsEqualityPredicate(node);
                if (equality || !JavaScriptTables.EqualitySearchMethods.Contains(method))
                {
                    _model.Memberships.Add(new MembershipModel
                    {
                        StartByte = start, EndByte = end, Function = Current, Loop = call.Loop, ContainerName = receiver, Text = written + "()",
                        ElementTest = equality,
                    });
                }
            }
            // acc.concat(item) for a reduce accumulator, list = list.concat(more) in a loop (or (list as T[]).concat(more)): a copy like [...list, ...more]
            if (method == "concat" && (receiver != null && SourceModel.IsPlainName(receiver) ? receiver : BareReceiver(function)) is { } copied)
            {
                RecordSelfCopy(copied, _frames.Count - 1);
            }
            _model.Calls.Add(call);
            Current.Calls.Add(call);
            var args = node.ChildByFieldId(_g.Arguments);
            _openCalls.Add(new OpenCall(call, args?.StartByte ?? end, _frames.Count - 1));
        }

        /// <summary>The call's one argument is an arrow that tests its parameter for equality with a name.</summary>
        private bool IsEqualityPredicate(SyntaxNode call)
        {
            if (call.ChildByFieldId(_g.Arguments) is not { NamedChildCount: 1 } args || args.NamedChild(0) is not { } f || f.EndByte - f.StartByte > MaxText) return false;
            // no equality sign, no equality test: most callbacks are settled without the patterns
            string text = f.Text;
            return text.Contains("==", StringComparison.Ordinal) && JavaScriptTables.IsEqualityCallback(text);
        }

        /// <summary>
        /// The call (the innermost frame) is part of an expression statement whose value is dropped all the same: a branch of
        /// <c>c ? f() : null</c>, an operand of <c>a, f()</c> or <c>ok || f()</c>, in parentheses, a type assertion or neither.
        /// </summary>
        private bool InDroppedExpression()
        {
            for (int i = _frames.Count - 1; i > 0; i--)
            {
                ref var holder = ref _frames[i - 1];
                switch (holder.Kind)
                {
                    case NodeKind.ExpressionStatement:
                        return true;
                    case NodeKind.ParenthesizedExpression:
                    case NodeKind.SequenceExpression:
                    // [Promise.reject()] as const;: a type assertion changes nothing that runs
                    case NodeKind.AsExpression:
                    case NodeKind.SatisfiesExpression:
                    case NodeKind.NonNullExpression:
                    case NodeKind.TypeAssertion:
                        continue;
                    case NodeKind.TernaryExpression when _frames[i].Field != _g.Condition:
                    case NodeKind.Array: // [Promise.resolve(), save(x)];
                        continue;
                    case NodeKind.BinaryExpression when holder.Node.ChildByFieldId(_g.Operator)?.Type is "&&" or "||" or "??":
                        continue;
                    default:
                        return false;
                }
            }
            return false;
        }

        /// <summary>
        /// What reads the value of frame <paramref name="at"/> (the call's result, or the array it alone is spread into: <c>[...new Set(xs)].length</c>): <c>.length</c> (tested for emptiness when compared with 0, negated,
        /// or a condition) or <c>[0]</c>.
        /// </summary>
        private ResultUse ResultUseOf(int at)
        {
            ref var holder = ref _frames[at - 1];
            if (_frames[at].Field != _g.Object) return ResultUse.Other;
            if (holder.Kind == NodeKind.SubscriptExpression)
            {
                return holder.Node.ChildByFieldId(_g.Index) is { } i && (i.EndByte - i.StartByte <= 3 && i.Text is "0" or "'0'" or "\"0\"" || IsZeroConstant(i))
                    ? ResultUse.FirstItem : ResultUse.Other;
            }
            if (holder.Node.ChildByFieldId(_g.Property) is not { } p || p.EndByte - p.StartByte > 6) return ResultUse.Other;
            if (p.Text is "shift" or "pop" or "at") return OneEndTaken(at, p.Text);
            if (p.Text != "length") return ResultUse.Other;
            if (at < 2) return ResultUse.Length;
            ref var reader = ref _frames[at - 2];
            bool tested = reader.Kind switch
            {
                NodeKind.UnaryExpression => reader.Node.ChildByFieldId(_g.Operator)?.Type == "!",
                // {todos.filter(open).length && <Badge />}: the count's truthiness
                NodeKind.BinaryExpression => ComparesWithZero(reader.Node)
                    || reader.Node.ChildByFieldId(_g.Operator)?.Type == "&&" && _frames[at - 1].Field == _g.Left,
                NodeKind.TernaryExpression => _frames[at - 1].Field == _g.Condition,
                NodeKind.ParenthesizedExpression => at >= 3 && _frames[at - 3].Kind is NodeKind.IfStatement or NodeKind.WhileStatement,
                // Boolean(xs.filter(f).length)
                NodeKind.Arguments => reader.Node.NamedChildCount == 1 && at >= 3 && _frames[at - 3].Kind == NodeKind.CallExpression
                    && _frames[at - 3].Node.ChildByFieldId(_g.Function) is { } callee && callee.Type == "identifier" && callee.Text == "Boolean",
                _ => false,
            };
            return tested ? ResultUse.EmptinessTest : ResultUse.Length;
        }

        /// <summary><c>(await posts.find(q).lean()).length</c>: how the awaited value is read, seen through the await and parentheses.</summary>
        private ResultUse AwaitedResultUse()
        {
            int i = _frames.Count - 1;
            while (i > 1 && _frames[i - 1].Kind is NodeKind.AwaitExpression or NodeKind.ParenthesizedExpression) i--;
            return i < _frames.Count - 1 && i > 1 && _frames[i - 1].Kind == NodeKind.MemberExpression ? ResultUseOf(i) : ResultUse.Other;
        }

        /// <summary>A name bound once, by <c>const FIRST = 0</c>.</summary>
        private bool IsZeroConstant(SyntaxNode index) =>
            _g.KindOf(index.Symbol) == NodeKind.Identifier && index.EndByte - index.StartByte <= 40
            && Current.Lookup(index.Text).Binding is { Count: 1 } b && _zeroConstants.Contains(b.FirstPosition);

        /// <summary>
        /// <c>xs.filter(f).shift()</c> or <c>.at(0)</c> (its first item), <c>.pop()</c> or <c>.at(-1)</c> (its last): the call's result
        /// (frame <paramref name="at"/>) is the receiver of <paramref name="method"/>, itself called.
        /// </summary>
        private ResultUse OneEndTaken(int at, string method)
        {
            if (at < 2 || _frames[at - 2].Kind != NodeKind.CallExpression || _frames[at - 1].Field != _g.Function
                || _frames[at - 2].Node.ChildByFieldId(_g.Arguments) is not { } args) return ResultUse.Other;
            if (method == "at")
            {
                if (args.NamedChildCount != 1 || args.NamedChild(0) is not { } arg || arg.EndByte - arg.StartByte > 2) return ResultUse.Other;
                return arg.Text == "0" ? ResultUse.FirstItem : arg.Text == "-1" ? ResultUse.LastItem : ResultUse.Other;
            }
            if (args.NamedChildCount != 0) return ResultUse.Other;
            return method == "shift" ? ResultUse.FirstItem : ResultUse.LastItem;
        }

        /// <summary>
        /// <c>const [first] = xs.filter(f)</c> or <c>[first] = …</c>: the call's result is destructured into its first item alone
        /// (no hole before it, no second item, no rest).
        /// </summary>
        private ResultUse DestructuredFirst()
        {
            int at = _frames.Count - 1;
            var holder = _frames[at - 1];
            bool declared = holder.Kind == NodeKind.VariableDeclarator;
            if (_frames[at].Field != (declared ? _g.Value : _g.Right)) return ResultUse.Other;
            if (holder.Node.ChildByFieldId(declared ? _g.Name : _g.Left) is not { } pattern || _g.KindOf(pattern.Symbol) != NodeKind.ArrayPattern
                || pattern.NamedChildCount != 1 || pattern.ChildCount < 3) return ResultUse.Other;
            return pattern.Child(1) is { IsNamed: true } first && _g.KindOf(first.Symbol) != NodeKind.RestPattern ? ResultUse.FirstItem : ResultUse.Other;
        }

        /// <summary>
        /// The call (the innermost frame), maybe awaited or in parentheses, is spread into an array literal that holds nothing
        /// else: <c>[...xs.slice(1)]</c>, <c>[...(await Promise.all(ps))]</c>. Returns that array's frame, or -1.
        /// </summary>
        private int OnlySpreadArray()
        {
            int i = _frames.Count - 2;
            while (i > 0 && _frames[i].Kind is NodeKind.AwaitExpression or NodeKind.ParenthesizedExpression) i--;
            if (i < 1 || _frames[i].Kind != NodeKind.SpreadElement || _frames[i - 1].Kind != NodeKind.Array) return -1;
            int named = 0;
            foreach (var c in _frames[i - 1].Node.NamedChildren)
            {
                if (_g.KindOf(c.Symbol) != NodeKind.Comment) named++;
            }
            return named == 1 ? i - 1 : -1;
        }

        /// <summary><c>n > 0</c>, <c>n !== 0</c>, <c>n === 0</c>, <c>n >= 1</c>, <c>n &lt; 1</c>, or the same with the constant first.</summary>
        private bool ComparesWithZero(SyntaxNode binary)
        {
            string op = binary.ChildByFieldId(_g.Operator)?.Type ?? "";
            if (op is "===" or "!==" or "==" or "!=") return IsDigit(binary.ChildByFieldId(_g.Right), '0') || IsDigit(binary.ChildByFieldId(_g.Left), '0');
            if (IsDigit(binary.ChildByFieldId(_g.Right), '0')) return op is ">" or "<=";
            if (IsDigit(binary.ChildByFieldId(_g.Right), '1')) return op is ">=" or "<";
            if (IsDigit(binary.ChildByFieldId(_g.Left), '0')) return op is "<" or ">=";
            if (IsDigit(binary.ChildByFieldId(_g.Left), '1')) return op is "<=" or ">";
            return false;
        }

        private static bool IsDigit(SyntaxNode? node, char digit) => node is { } n && n.EndByte - n.StartByte == 1 && n.Text[0] == digit;

        private void LeaveCall() => _openCalls.RemoveAt(_openCalls.Count - 1);

        /// <summary>A callee written over several lines (<c>app\n  .get</c>) without its line breaks and indentation, and <c>a?.b</c> as <c>a.b</c>.</summary>
        /// <summary><c>obj['name']</c> with an identifier-like string key → <c>obj.name</c>; null for any other callee.</summary>
        private string? LiteralMember(SyntaxNode callee)
        {
            if (_g.KindOf(callee.Symbol) != NodeKind.SubscriptExpression || callee.ChildByFieldId(_g.Object) is not { } o
                || callee.ChildByFieldId(_g.Index) is not { Type: "string" } key || Short(o) is not { } obj || Short(key) is not { Length: > 2 } quoted)
            {
                return null;
            }
            string name = quoted.Substring(1, quoted.Length - 2);
            return SourceModel.IsPlainName(name) ? Syntax.OneLine(obj) + "." + name : null;
        }

        /// <summary>
        /// Arguments are recorded as the walk meets them: a named node right under the innermost open call's argument
        /// list is an argument; what a spread spreads is filled in one level further down.
        /// </summary>
        private void CollectArgument(SyntaxNode node, NodeKind kind, int start, int end)
        {
            var open = _openCalls[^1];
            int list = open.Depth + 1, depth = _frames.Count - 1;
            if (depth != list + 1 && depth != list + 2) return;
            if (_frames[list].Kind != NodeKind.Arguments || kind == NodeKind.Comment) return;
            var arguments = open.Call.Arguments;
            if (depth == list + 1)
            {
                // new Promise((async () => …)): the parentheses change nothing, the call is given the function itself
                if (kind == NodeKind.ParenthesizedExpression && WrappedFunction(node) is { } inner)
                {
                    node = inner;
                    start = inner.StartByte;
                    end = inner.EndByte;
                }
                arguments.Add(new ArgumentModel(_model.Text, null, ArgumentShape(node, kind, open.Call), start, end, start, end));
                return;
            }
            if (arguments.Count > 0 && _frames[list + 1].Kind == NodeKind.SpreadElement && !arguments[^1].HasInner)
            {
                arguments[^1].SetInner(ArgumentShape(node, kind, open.Call), start, end);
            }
        }

        private static bool HasSubstitution(SyntaxNode template)
        {
            foreach (var part in template.NamedChildren)
            {
                if (part.Type == "template_substitution") return true;
            }
            return false;
        }

        /// <summary><c>items.map(async (x) =&gt; …)</c> (or <c>items.map(fetchOne)</c> given to a fan-out): one result per item.</summary>
        private bool MapsItems(SyntaxNode node, CallModel call) =>
            node.ChildByFieldId(_g.Function) is { } f && _g.KindOf(f.Symbol) == NodeKind.MemberExpression
            && f.ChildByFieldId(_g.Property) is { } p && p.EndByte - p.StartByte <= 8 && JavaScriptTables.MappingMethods.Contains(p.Text)
            && node.ChildByFieldId(_g.Arguments)?.NamedChild(0) is { } first
            && JavaScriptShapes.Of(first.Type) is var mapper
            && (mapper == Shape.Function || mapper is Shape.Name or Shape.Member && JavaScriptTables.FanOuts.Contains(call.Written));

        /// <summary>The function expression inside <c>((…))</c>, if that is all the parentheses hold.</summary>
        private SyntaxNode? WrappedFunction(SyntaxNode paren)
        {
            var node = paren;
            while (_g.KindOf(node.Symbol) == NodeKind.ParenthesizedExpression && node.NamedChildCount == 1 && node.NamedChild(0) is { } inner) node = inner;
            return JavaScriptShapes.Of(node.Type) == Shape.Function ? node : null;
        }

        /// <summary>
        /// The argument's shape; <c>items.map(x => …)</c> builds one value per item, like a comprehension. Given to a fan-out
        /// (<c>Promise.all(items.map(load))</c>), a named mapper does too: the promise combinator says each value is a promise.
        /// </summary>
        private Shape ArgumentShape(SyntaxNode node, NodeKind kind, CallModel call)
        {
            if (kind == NodeKind.CallExpression && MapsItems(node, call)) return Shape.Comprehension;
            // Promise.all([primary.ping(), ...replicas.map(async (r) => r.ping())]): the spread list grows with the data
            if (kind == NodeKind.Array && JavaScriptTables.FanOuts.Contains(call.Written))
            {
                foreach (var element in node.NamedChildren)
                {
                    if (_g.KindOf(element.Symbol) == NodeKind.SpreadElement && element.NamedChild(0) is { } spread
                        && _g.KindOf(spread.Symbol) == NodeKind.CallExpression && MapsItems(spread, call)) return Shape.Comprehension;
                }
            }
            // String.raw`\d+`: a constant string, as the template without substitutions is
            if (kind == NodeKind.CallExpression && node.ChildByFieldId(_g.Function) is { } tag && tag.EndByte - tag.StartByte == 10 && tag.Text == "String.raw"
                && node.ChildByFieldId(_g.Arguments) is { Type: "template_string" } raw && !HasSubstitution(raw))
            {
                return Shape.String;
            }
            // Promise.all(Array.from(items, async (x) => …)): the mapper is the second argument (not over { length: n }, a count
            // of workers, nor a literal list: their size is written in the code)
            if (kind == NodeKind.CallExpression && JavaScriptTables.FanOuts.Contains(call.Written) && node.ChildByFieldId(_g.Function) is { } from
                && from.EndByte - from.StartByte == 10 && from.Text == "Array.from" && node.ChildByFieldId(_g.Arguments) is { NamedChildCount: 2 } pair
                && pair.NamedChild(0) is { } source && _g.KindOf(source.Symbol) is not (NodeKind.Object or NodeKind.Array)
                && pair.NamedChild(1) is { } fromMapper && JavaScriptShapes.Of(fromMapper.Type) is Shape.Function or Shape.Name or Shape.Member)
            {
                return Shape.Comprehension;
            }
            return JavaScriptShapes.Of(node.Type);
        }

        /// <summary>
        /// The frame of the expression an await is read through: the await itself, or <c>(await f()).items</c>,
        /// <c>(await f())[0]</c>, <c>(await f()).slice(…)</c> around it.
        /// </summary>
        private int ElementOfAwait()
        {
            int i = _frames.Count - 1;
            while (i > 1)
            {
                var holder = _frames[i - 1].Kind;
                ushort field = _frames[i].Field;
                if (holder != NodeKind.ParenthesizedExpression && !(holder is NodeKind.MemberExpression or NodeKind.SubscriptExpression && field == _g.Object)
                    && !(holder == NodeKind.CallExpression && field == _g.Function)) break;
                i--;
            }
            return i;
        }

        /// <summary>The open call given a list literal whose element is the frame at <paramref name="element"/>.</summary>
        private CallModel? ListCallOfElement(int element)
        {
            if (element < 3 || _frames[element - 1].Kind != NodeKind.Array || _frames[element - 2].Kind != NodeKind.Arguments) return null;
            for (int i = _openCalls.Count - 1; i >= 0; i--)
            {
                if (_openCalls[i].Depth == element - 3) return _openCalls[i].Call;
                if (_openCalls[i].Depth < element - 3) break;
            }
            return null;
        }

        /// <summary>The name under a wrapped receiver: <c>(list as T[])</c>, <c>list!</c>, <c>(&lt;T[]&gt;list)</c> of <c>….concat(…)</c>.</summary>
        private string? BareReceiver(SyntaxNode? function) =>
            function is { } member && _g.KindOf(member.Symbol) == NodeKind.MemberExpression && member.ChildByFieldId(_g.Object) is { } o
            && Bare(o) is var bare && bare != o && _g.KindOf(bare.Symbol) == NodeKind.Identifier ? bare.Text : null;

        /// <summary>
        /// How many frames above the innermost one only wrap its value without changing it: parentheses and TypeScript's
        /// assertions (<c>await f() as T</c>, <c>(await f())!</c>, <c>f() satisfies T</c>).
        /// </summary>
        private int Unwrapped()
        {
            int up = 0;
            while (_frames.Count - 2 - up > 0 && IsWrapper(_frames[^(2 + up)].Kind)) up++;
            return up;
        }

        /// <summary>An await at [start, end) of the operand at [operandStart, operandEnd); its frame is the innermost one.</summary>
        private void EnterAwait(int start, int end, int operandStart, int operandEnd)
        {
            var aw = _model.AddAwait(Current, InnermostLoop(start), start, end, operandStart, operandEnd);
            _pendingAwait = aw;
            // Promise.all([await a(), (await b()).items]): an element of the list the open call is given, or what one reads from
            if (ListCallOfElement(ElementOfAwait()) is { } list)
            {
                aw.ElementOf = list;
            }
            // return { user: await getUser(id), orders: await getOrders(id) }: the properties are evaluated one by one
            else if (ParentKind() == NodeKind.Pair && _frames[^1].Field == _g.Value && ParentKind(2) == NodeKind.Object)
            {
                aw.PropertyOf = _frames[^3].Node.StartByte;
            }

            // Statement-level await: `await f();`, `const x = await f();`, `x = await f();` (also `const x = await f() as T;`).
            int self = _frames.Count - 1 - Unwrapped();
            var parent = _frames[self - 1].Kind;
            int statementFrame = -1;
            IReadOnlyList<string> bound = Array.Empty<string>();
            if (parent == NodeKind.ExpressionStatement) statementFrame = self - 1;
            else if (self >= 2 && parent == NodeKind.VariableDeclarator && _frames[self].Field == _g.Value
                     && _frames[self - 2].Kind is NodeKind.LexicalDeclaration or NodeKind.VariableDeclaration && _frames[self - 2].Node.NamedChildCount == 1)
            {
                statementFrame = self - 2;
                bound = BoundNames(_frames[self - 1].Node.ChildByFieldId(_g.Name));
            }
            else if (self >= 2 && parent == NodeKind.AssignmentExpression && _frames[self].Field == _g.Right && _frames[self - 2].Kind == NodeKind.ExpressionStatement)
            {
                statementFrame = self - 2;
                bound = BoundNames(_frames[self - 1].Node.ChildByFieldId(_g.Left));
            }
            if (statementFrame > 0 && _frames[statementFrame].StatementIndex >= 0)
            {
                var st = _frames[statementFrame];
                _model.AddAwaitStatement(aw, st.Start, st.End, _frames[statementFrame - 1].Start, st.StatementIndex, bound);
            }
        }

        /// <summary>The names a declaration or assignment target binds: <c>x</c>, <c>[a, b]</c>, <c>{ data }</c>.</summary>
        private IReadOnlyList<string> BoundNames(SyntaxNode? target)
        {
            if (target is not { } t) return Array.Empty<string>();
            var kind = _g.KindOf(t.Symbol);
            if (kind == NodeKind.Identifier) return new[] { t.Text };
            var names = new List<string>();
            if (kind is NodeKind.ArrayPattern or NodeKind.ObjectPattern)
            {
                foreach (var c in t.NamedChildren)
                {
                    var ck = _g.KindOf(c.Symbol);
                    if (ck is NodeKind.Identifier or NodeKind.ShorthandPropertyIdentifierPattern) names.Add(c.Text);
                    else if (ck == NodeKind.PairPattern && c.ChildByFieldId(_g.Value) is { } v && _g.KindOf(v.Symbol) == NodeKind.Identifier) names.Add(v.Text);
                }
            }
            else if (Short(t) is { } text)
            {
                names.Add(text);
            }
            return names;
        }

        private void AddStatement(StatementKind kind, int start, int end)
        {
            var frame = _frames[^1];
            _model.Statements.Add(new StatementModel
            {
                Kind = kind,
                StartByte = start,
                EndByte = end,
                Function = Current,
                BlockStart = _frames.Count > 1 ? _frames[^2].Start : 0,
                IndexInBlock = frame.StatementIndex,
                CaughtTryEnd = kind is StatementKind.Return or StatementKind.Raise ? CaughtTryEnd() : -1,
            });
        }

        /// <summary>Where the <c>try</c> block ends whose <c>catch</c> holds the statement being added, within the current function.</summary>
        private int CaughtTryEnd()
        {
            for (int i = _frames.Count - 2; i > 0 && _frames[i].Start >= Current.StartByte; i--)
            {
                if (_frames[i].Node.Type == "catch_clause")
                    return _frames[i - 1].Node.ChildByFieldId(_g.Body) is { } attempt ? attempt.EndByte : -1;
            }
            return -1;
        }
    }
}
