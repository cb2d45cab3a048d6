using System;
using System.Collections.Generic;
using RuntimePerf.Languages.Common;
using RuntimePerf.TreeSitter;

namespace RuntimePerf.Languages.JavaScript
{
    /// <summary>Names and what they are bound to: identifier uses, declarations and assignments (value kinds), augmented updates.</summary>
    internal sealed partial class JavaScriptModelBuilder
    {
        // ---- names ----

        private void RecordIdentifier(int start, int end)
        {
            var parent = ParentKind();
            ushort field = _frames[^1].Field;
            switch (parent)
            {
                case NodeKind.FunctionDeclaration when field == _g.Name:
                case NodeKind.GeneratorFunctionDeclaration when field == _g.Name:
                case NodeKind.FunctionExpression when field == _g.Name:
                case NodeKind.Function when field == _g.Name:
                case NodeKind.ClassDeclaration when field == _g.Name:
                case NodeKind.ArrowFunction when field == _g.Parameter:
                case NodeKind.FormalParameters:
                case NodeKind.RequiredParameter:
                case NodeKind.OptionalParameter:
                    return;
            }
            var kind = UseKind.Read;
            // Climb through destructuring patterns to see whether this name is bound here.
            int i = _frames.Count - 1;
            while (i > 0 && _frames[i - 1].Kind is NodeKind.ArrayPattern or NodeKind.ObjectPattern or NodeKind.PairPattern or NodeKind.AssignmentPattern
                       or NodeKind.RestPattern or NodeKind.ParenthesizedExpression)
            {
                i--;
            }
            if (i > 0)
            {
                var holder = _frames[i - 1].Kind;
                ushort holderField = _frames[i].Field;
                if (holder is NodeKind.RequiredParameter or NodeKind.OptionalParameter or NodeKind.FormalParameters) return;
                if (holder == NodeKind.VariableDeclarator && holderField == _g.Name
                    || holder is NodeKind.AssignmentExpression or NodeKind.ForInStatement && holderField == _g.Left)
                {
                    kind = UseKind.Write;
                }
                else if (holder == NodeKind.AugmentedAssignmentExpression && holderField == _g.Left || holder == NodeKind.UpdateExpression)
                {
                    _model.Uses.Add(new NameUse(start, end - start, UseKind.Read, Current.Index));
                    kind = UseKind.Write;
                }
                else if (holder is NodeKind.MemberExpression or NodeKind.SubscriptExpression && holderField == _g.Object && IsTarget(i - 1))
                {
                    kind = UseKind.Mutate;
                }
            }
            // const [first] = found: the read takes found's first item alone, as found[0] does
            if (kind == UseKind.Read && parent is NodeKind.VariableDeclarator or NodeKind.AssignmentExpression && DestructuredFirst() == ResultUse.FirstItem)
            {
                _model.FirstItemReads.Add(start);
            }
            _model.Uses.Add(new NameUse(start, end - start, kind, Current.Index));
        }

        /// <summary>The frame at <paramref name="index"/> is assigned to, updated or deleted.</summary>
        private bool IsTarget(int index)
        {
            if (index < 1) return false;
            var holder = _frames[index - 1].Kind;
            ushort field = _frames[index].Field;
            return field == _g.Left && holder is NodeKind.AssignmentExpression or NodeKind.AugmentedAssignmentExpression
                || holder == NodeKind.UpdateExpression
                || holder == NodeKind.UnaryExpression && _frames[index - 1].Node.ChildByFieldId(_g.Operator) is { } op && op.Type == "delete";
        }

        // ---- declarations and assignments ----

        private void LeaveDeclarator(SyntaxNode node)
        {
            var name = node.ChildByFieldId(_g.Name);
            var value = node.ChildByFieldId(_g.Value);
            if (name is not { } n) return;
            if (_g.KindOf(n.Symbol) == NodeKind.Identifier)
            {
                // const load: () => Promise<T> = () => fetchIt(): the declared type says more than the value's syntax
                string? declared = KindOfAnnotation(node.ChildByFieldId(_g.Type));
                string? kind = declared is JavaScriptTables.AsyncFunctionKind or JavaScriptTables.PromiseKind ? declared
                    : (value is { } v ? KindOf(v) : null) ?? declared;
                Current.Locals.Bind(n.Text, kind, n.StartByte, value is { } cv && (IsConstantArray(cv) || IsConstantObject(cv) || IsConstantListing(cv) || IsSplitLiteral(cv) || IsConstantTableName(cv)),
                    unassigned: value == null && declared == null);
                // const pending = save(x); — what holds the call's result (a promise nothing reads floats)
                if (value is { } cal && _g.KindOf(cal.Symbol) is NodeKind.CallExpression or NodeKind.NewExpression
                    && _model.CallAt(cal.StartByte, cal.EndByte) is { } held)
                {
                    held.AssignedTo = n.Text;
                }
                if (value is { Type: "number" } zero && zero.Text == "0" && _frames[^1].Node.Child(0)?.Type == "const") _zeroConstants.Add(n.StartByte);
                if (value is { } obj && _g.KindOf(obj.Symbol) == NodeKind.Object) BindMembers(n.Text, obj);
                // const result = acc; — another name for a callback's first parameter (a reduce accumulator)
                if (value is { } alias && _g.KindOf(alias.Symbol) == NodeKind.Identifier && Current.Parameters.Count > 0
                    && (alias.Text == Current.Parameters[0].Name || _accumulatorAliases != null && _accumulatorAliases.Contains((Current.Index, alias.Text))))
                {
                    (_accumulatorAliases ??= new()).Add((Current.Index, n.Text));
                }
                return;
            }
            BindPattern(n);
        }

        /// <summary>
        /// The kind a TypeScript type annotation declares: <c>const p: Promise&lt;number&gt;</c> holds a promise,
        /// <c>declare const load: () =&gt; Promise&lt;T&gt;</c> is a function returning one, <c>Set&lt;T&gt;</c> knows its size.
        /// </summary>
        private string? KindOfAnnotation(SyntaxNode? annotation)
        {
            // Promise<T>[], Set<T>[]: an array of them, which is none of these kinds (the value says what it is)
            if (annotation?.NamedChild(0) is not { } type || type.Type == "array_type") return null;
            if (type.Type == "function_type")
            {
                return type.ChildByFieldId(_g.ReturnType) is { } rt && Short(rt) is { } returned && IsPromiseType(returned)
                    ? JavaScriptTables.AsyncFunctionKind : JavaScriptTables.FunctionKindName;
            }
            if (Short(type) is not { } text) return null;
            if (IsPromiseType(text)) return JavaScriptTables.PromiseKind;
            foreach (string sized in JavaScriptTables.SizedTypes)
            {
                if (text.StartsWith(sized, StringComparison.Ordinal)) return JavaScriptTables.SizedKind;
            }
            // redis: Redis (ioredis), prisma: PrismaClient: an imported class whose instances have a kind (a plain type name only:
            // Model<T> or typeof X say something else than "an instance of X")
            if (type.Type is "type_identifier" or "nested_type_identifier" && ImportedName(text) is { } resolved
                && JavaScriptTables.Constructors.TryGetValue(resolved, out var kind)) return kind;
            return null;
        }

        /// <summary>
        /// <c>Redis</c> → <c>ioredis</c>, <c>pg.Pool</c> → <c>pg.Pool</c>: a type name resolved through the file's imports only; null when
        /// not imported. Not <see cref="Resolve"/>: a type lives in its own namespace, so a local value of that name does not hide it.
        /// </summary>
        private string? ImportedName(string text)
        {
            int dot = text.IndexOf('.');
            string head = dot < 0 ? text : text.Substring(0, dot);
            return SourceModel.IsPlainName(head) && Current.ImportTarget(head) is { } target ? target + (dot < 0 ? "" : text.Substring(dot)) : null;
        }

        /// <summary>
        /// The kinds an object type declares for its members: <c>{ onSuccess: (p: T) =&gt; Promise&lt;void&gt;; retries: number }</c>
        /// gives <c>onSuccess</c> an async function — read for a parameter destructured under that type. Null when the annotation
        /// is not an object type written there.
        /// </summary>
        private Dictionary<string, string?>? MemberKindsOfAnnotation(SyntaxNode? annotation)
        {
            if (annotation?.NamedChild(0) is not { Type: "object_type" } type) return null;
            var kinds = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var member in type.NamedChildren)
            {
                if (member.ChildByFieldId(_g.Name) is not { } name) continue;
                if (member.Type == "property_signature") kinds[name.Text] = KindOfAnnotation(member.ChildByFieldId(_g.Type));
                else if (member.Type == "method_signature")
                {
                    kinds[name.Text] = member.ChildByFieldId(_g.ReturnType) is { } rt && Short(rt) is { } returned && IsPromiseType(returned)
                        ? JavaScriptTables.AsyncFunctionKind : JavaScriptTables.FunctionKindName;
                }
            }
            return kinds;
        }

        /// <summary>
        /// <c>const api = { load: async () => …, async save() { … } }</c>: <c>api.load</c> and <c>api.save</c> are async functions
        /// (bound under their dotted names, as a class's <c>this.x</c> are).
        /// </summary>
        private void BindMembers(string name, SyntaxNode obj)
        {
            foreach (var member in obj.NamedChildren)
            {
                var kind = _g.KindOf(member.Symbol);
                SyntaxNode? key = null, value = null;
                if (kind == NodeKind.Pair) (key, value) = (member.ChildByFieldId(_g.Key), member.ChildByFieldId(_g.Value));
                else if (kind == NodeKind.MethodDefinition) (key, value) = (member.ChildByFieldId(_g.Name), member);
                if (key is not { } k || value is not { } v) continue;
                string? valueKind = _g.KindOf(v.Symbol) == NodeKind.MethodDefinition
                    ? HasAsyncKeyword(v) || ReturnsPromise(v) || _promiseReturners.Contains(v.StartByte) ? JavaScriptTables.AsyncFunctionKind : JavaScriptTables.FunctionKindName
                    : KindOf(v);
                if (valueKind != null && Short(k) is { } keyText && SourceModel.IsPlainName(keyText)) Current.Locals.Bind(name + "." + keyText, valueKind, member.StartByte);
            }
        }

        /// <summary>
        /// A class field: <c>load: () =&gt; Promise&lt;void&gt;</c>, <c>pending: Promise&lt;void&gt;</c>, <c>save = async () =&gt; …</c> — the kind
        /// <c>this.load</c> has in the class's methods.
        /// </summary>
        private void LeaveField(SyntaxNode node)
        {
            // the field's own frame is popped: the innermost frame is its parent
            if (_classes.Count == 0 || _frames.Count == 0 || _frames[^1].Kind != NodeKind.ClassBody) return;
            if ((node.ChildByFieldId(_g.Name) ?? node.ChildByFieldId(_g.Property)) is not { } n || Short(n) is not { } name || !SourceModel.IsPlainName(name)) return;
            string cls = _classes[^1].QualifiedName;
            string? declared = KindOfAnnotation(node.ChildByFieldId(_g.Type));
            // the declared type holds for every value the constructor assigns later
            if (declared != null) _typedFields.Add(cls + "|this." + name);
            string? kind = declared ?? (node.ChildByFieldId(_g.Value) is { } v ? KindOf(v) : null);
            if (kind != null) _model.ClassScopes[cls].Bind("this." + name, kind, node.StartByte);
        }

        /// <summary><c>Promise&lt;T&gt;</c>, <c>PromiseLike&lt;T&gt;</c>, <c>Promise&lt;T&gt; | null</c>, or a class of this file that extends <c>Promise</c>.</summary>
        private bool IsPromiseType(string text)
        {
            text = text.TrimStart(':', ' ');
            int end = 0;
            while (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] is '_' or '$')) end++;
            string name = text.Substring(0, end);
            bool generic = end < text.Length && text[end] == '<';
            return (name is "Promise" or "PromiseLike") && generic || _promiseClasses.Contains(name);
        }

        private void BindPattern(SyntaxNode target)
        {
            var kind = _g.KindOf(target.Symbol);
            if (kind == NodeKind.Identifier)
            {
                Current.Locals.Bind(target.Text, null, target.StartByte);
                return;
            }
            if (kind is NodeKind.LexicalDeclaration or NodeKind.VariableDeclaration)
            {
                foreach (var d in target.NamedChildren)
                {
                    if (d.ChildByFieldId(_g.Name) is { } dn) BindPattern(dn);
                }
                return;
            }
            foreach (string bound in BoundNames(target)) Current.Locals.Bind(bound, null, target.StartByte);
        }

        private void LeaveAssignment(SyntaxNode node)
        {
            if (node.ChildByFieldId(_g.Left) is not { } left) return;
            var right = node.ChildByFieldId(_g.Right);
            var leftKind = _g.KindOf(left.Symbol);
            if (leftKind == NodeKind.Identifier)
            {
                string name = left.Text;
                if (right is { } sum && LeftmostOfSum(sum) is { } l && _g.KindOf(l.Symbol) == NodeKind.Identifier && l.Text == name)
                {
                    _model.Updates.Add(new UpdateModel
                    {
                        Name = name, Operator = "+", Kind = UpdateKind.SelfConcat, StartByte = node.StartByte, EndByte = node.EndByte,
                        Function = Current, Loop = InnermostLoop(node.StartByte),
                    });
                }
                var (_, owner) = Current.Lookup(name);
                (owner ?? Current).Locals.Bind(name, right is { } rv ? KindOf(rv) : null, left.StartByte, right is { } again && InnermostLoop(left.StartByte) == null && StaysFixed(again, name));
                // container = this.containerAt(position): what holds the call's result from here on
                if (right is { } made && _g.KindOf(made.Symbol) is NodeKind.CallExpression or NodeKind.NewExpression
                    && _model.CallAt(made.StartByte, made.EndByte) is { } held) held.AssignedTo ??= name;
            }
            else if (leftKind == NodeKind.MemberExpression && Short(left) is { } text && text.StartsWith("this.", System.StringComparison.Ordinal)
                     && text.IndexOf('.', 5) < 0 && Current.EnclosingClass is { } cls && (_typedFields.Count == 0 || !_typedFields.Contains(cls + "|" + text))
                     // this._limiter = undefined on teardown: the field lets go of its value, it holds no other kind
                     && right?.Type is not ("undefined" or "null"))
            {
                _model.ClassScopes[cls].Bind(text, right is { } r ? KindOf(r) : null, left.StartByte);
            }
            // ctx.body = await readFile(p): the member that holds the (awaited) call's result
            if (leftKind == NodeKind.MemberExpression && right is { } value && Short(left) is { } member)
            {
                if (_g.KindOf(value.Symbol) == NodeKind.AwaitExpression && value.NamedChild(0) is { } operand) value = operand;
                if (_g.KindOf(value.Symbol) == NodeKind.CallExpression && _model.CallAt(value.StartByte, value.EndByte) is { } held) held.AssignedTo = member;
            }
        }

        /// <summary>The first operand of a <c>+</c> chain (<c>s</c> in <c>s + a + b</c>), or null when the node is not a sum.</summary>
        private SyntaxNode? LeftmostOfSum(SyntaxNode node)
        {
            SyntaxNode? leftmost = null;
            while (node.Type == "binary_expression" && node.ChildByFieldId(_g.Operator) is { } op && op.Type == "+" && node.ChildByFieldId(_g.Left) is { } left)
            {
                leftmost = left;
                node = left;
            }
            return leftmost;
        }

        private void EnterAugmented(SyntaxNode node, int start, int end)
        {
            if (node.ChildByFieldId(_g.Left) is not { } l) return;
            string op = node.ChildByFieldId(_g.Operator)?.Type ?? "";
            // list.innerHTML += row: the markup of an element, kept under its dotted name (no local binds it)
            if (_g.KindOf(l.Symbol) == NodeKind.MemberExpression && op == "+=" && l.ChildByFieldId(_g.Property) is { } property
                && JavaScriptTables.MarkupProperties.Contains(property.Text) && Short(l) is { } target)
            {
                _model.Updates.Add(new UpdateModel
                {
                    Name = target, Operator = op, Kind = UpdateKind.Augmented, StartByte = start, EndByte = end, Function = Current,
                    Loop = InnermostLoop(start),
                });
                return;
            }
            if (_g.KindOf(l.Symbol) != NodeKind.Identifier) return;
            _model.Updates.Add(new UpdateModel
            {
                Name = l.Text, Operator = op, Kind = UpdateKind.Augmented, StartByte = start, EndByte = end, Function = Current,
                Loop = InnermostLoop(start),
            });
        }

        /// <summary>
        /// <c>x = [...x, y]</c>, <c>x = { ...x, [k]: v }</c>, or <c>{ ...acc, … }</c> returned by a callback whose first parameter is
        /// <c>acc</c> (a reduce accumulator): a copy of everything accumulated so far, made once per item when in a loop.
        /// </summary>
        private void EnterSpread(SyntaxNode node)
        {
            if (node.NamedChild(0) is not { } arg || _g.KindOf(arg.Symbol) != NodeKind.Identifier || ParentKind() is not (NodeKind.Array or NodeKind.Object)) return;
            int literal = _frames.Count - 2;
            // x = [...x] alone is a copy-on-write snapshot, not growth
            if (_frames[literal].Node.NamedChildCount < 2) return;
            RecordSelfCopy(arg.Text, literal);
        }

        /// <summary>
        /// The copy of <paramref name="name"/> at frame <paramref name="copy"/> (<c>[...x, y]</c>, <c>x.concat(y)</c>) becomes the
        /// name again: assigned to it, or returned by a callback for its accumulator — its first parameter or a local bound to it
        /// (<c>const result = acc</c>), directly or through a local it then returns (<c>const next = { ...acc, k }; return next</c>).
        /// </summary>
        private void RecordSelfCopy(string name, int copy)
        {
            int i = copy;
            while (i > 0 && IsWrapper(_frames[i - 1].Kind)) i--;
            if (i == 0 || InnermostLoop(_frames[copy].Start) is not { } loop) return;
            ref var holder = ref _frames[i - 1];
            bool accumulator = loop.Kind == LoopKind.Comprehension && loop.Function == Current && Current.Parameters.Count > 0
                && (Current.Parameters[0].Name == name || _accumulatorAliases != null && _accumulatorAliases.Contains((Current.Index, name)));
            string how;
            if (holder.Kind == NodeKind.AssignmentExpression && _frames[i].Field == _g.Left) return;
            if (holder.Kind == NodeKind.AssignmentExpression && holder.Node.ChildByFieldId(_g.Left) is { } target
                && Bare(target) is var left && _g.KindOf(left.Symbol) == NodeKind.Identifier && left.Text == name)
            {
                how = accumulator ? "return" : "=";
            }
            else if ((holder.Kind == NodeKind.ReturnStatement || holder.Kind == NodeKind.ArrowFunction && holder.Start == Current.StartByte && _frames[i].Field == _g.Body)
                     && accumulator)
            {
                how = "return";
            }
            else if (accumulator && holder.Kind == NodeKind.VariableDeclarator && _frames[i].Field == _g.Value
                     && holder.Node.ChildByFieldId(_g.Name) is { } local && _g.KindOf(local.Symbol) == NodeKind.Identifier)
            {
                // reported when the callback returns that local (LeaveReturn)
                (_accumulatorCopies ??= new())[(Current.Index, local.Text)] = new UpdateModel
                {
                    Name = name, Operator = "return", Kind = UpdateKind.SelfCopy, StartByte = _frames[copy].Start, EndByte = _frames[copy].End,
                    Function = Current, Loop = loop,
                };
                return;
            }
            else return;
            _model.Updates.Add(new UpdateModel
            {
                Name = name, Operator = how, Kind = UpdateKind.SelfCopy, StartByte = _frames[copy].Start, EndByte = _frames[copy].End,
                Function = Current, Loop = loop,
            });
        }

        /// <summary><c>return next;</c> of a local holding a copy of the callback's accumulator: the copy is the new accumulator.</summary>
        private void ReturnSelfCopy(SyntaxNode returned)
        {
            if (_accumulatorCopies != null && _g.KindOf(returned.Symbol) == NodeKind.Identifier
                && _accumulatorCopies.Remove((Current.Index, returned.Text), out var copy))
            {
                _model.Updates.Add(copy);
            }
        }

        /// <summary>The value under <c>( … )</c>, <c>… as const</c>, <c>… as T</c>, <c>…!</c>, <c>… satisfies T</c> and <c>&lt;T&gt;…</c>.</summary>
        private SyntaxNode Bare(SyntaxNode node)
        {
            // <T>x holds its type first, the others their value
            while (IsWrapper(_g.KindOf(node.Symbol)) && node.NamedChildCount > 0 && node.NamedChild(node.NamedChildCount - 1) is { } inner
                   && (_g.KindOf(node.Symbol) == NodeKind.TypeAssertion ? inner : node.NamedChild(0)) is { } value)
            {
                node = value;
            }
            return node;
        }

        /// <summary>Syntax that only wraps a value without changing it: parentheses and TypeScript's assertions.</summary>
        private static bool IsWrapper(NodeKind kind) => kind is NodeKind.ParenthesizedExpression or NodeKind.AsExpression
            or NodeKind.NonNullExpression or NodeKind.SatisfiesExpression or NodeKind.TypeAssertion;

        /// <summary>What a loop walks is a fixed table written in the code (<see cref="LoopModel.OverConstants"/>): a literal of constants, a name bound to one, an imported one named in capitals, or its listing.</summary>
        private bool IsConstantIterable(SyntaxNode node) => IsConstantArray(node) || IsConstantListing(node) || IsConstantTableName(node);

        /// <summary>
        /// A name for a fixed table: one of the file bound once to a literal of constants, or (<c>for (const channel of
        /// HEADER_CHANNELS)</c>) an imported one named as constants are (vega-lite's channels).
        /// </summary>
        private bool IsConstantTableName(SyntaxNode node) =>
            _g.KindOf(Bare(node).Symbol) == NodeKind.Identifier && Bare(node).Text is var name
            && (Current.Lookup(name).Binding is { IsConstant: true, Count: 1 } || IsImportedConstantTable(name));

        /// <summary>The table of <c>for (…; i &lt; table.length; …)</c> (or <c>&lt;=</c>), a counted loop over a list's indices; null for another loop.</summary>
        private SyntaxNode? CountedOver(SyntaxNode loop)
        {
            if (loop.ChildByFieldId(_g.Condition) is not { } condition) return null;
            if (condition.Type == "expression_statement" && condition.NamedChildCount == 1) condition = condition.NamedChild(0)!.Value;
            if (condition.Type != "binary_expression" || condition.ChildByFieldId(_g.Operator)?.Type is not ("<" or "<=")
                || condition.ChildByFieldId(_g.Right) is not { } bound || _g.KindOf(bound.Symbol) != NodeKind.MemberExpression
                || bound.ChildByFieldId(_g.Property)?.Text != "length") return null;
            return bound.ChildByFieldId(_g.Object);
        }

        /// <summary>An imported name in capitals, as constants are named (<c>HEADER_CHANNELS</c>, from a module of enums and tables).</summary>
        private bool IsImportedConstantTable(string name) => JavaScriptTables.ConstantName().IsMatch(name) && Current.ImportTarget(name) != null;

        /// <summary>The receiver of a callback's call (<c>Object.entries(DEFINITIONS).reduce(…)</c>) is a fixed table written in the code.</summary>
        private bool IsConstantReceiver(CallModel call) =>
            call.ReceiverCall is { } listing ? ListsConstantTable(listing)
            : call.Receiver is { } name && SourceModel.IsPlainName(name) && Current.Lookup(name).Binding is { IsConstant: true, Count: 1 };

        /// <summary>
        /// A fixed table bound again (once, not in a loop, where it would grow per pass) to a fixed table: a literal of constants,
        /// one of the file's constant tables by name (<c>order = ORDER_SHORT</c> in one branch of a switch, <c>order = ORDER_LONG</c>
        /// in another), itself with more constants (<c>selected = [...selected, 'InputObjectTypeDefinition']</c>) or itself mapped,
        /// filtered or sliced (<c>ignored = ignored.map(…)</c>).
        /// </summary>
        private bool StaysFixed(SyntaxNode value, string name)
        {
            value = Bare(value);
            if (IsConstantArray(value, name) || IsConstantTableName(value)) return true;
            return _g.KindOf(value.Symbol) == NodeKind.CallExpression && value.ChildByFieldId(_g.Function) is { } callee
                && _g.KindOf(callee.Symbol) == NodeKind.MemberExpression && callee.ChildByFieldId(_g.Object) is { } list && list.Text == name
                && callee.ChildByFieldId(_g.Property)?.Text is "map" or "filter" or "slice";
        }

        /// <summary>
        /// An array literal of constants: <c>['a', 'b']</c>, or of named constants (<c>[Visibility.PAID, Visibility.FREE]</c>), or
        /// of records of constants (<c>[{ suffix: 'sm', width: 320 }]</c>): a fixed, short list written in the code.
        /// </summary>
        /// <param name="self">a name whose spread counts as constants (the table being bound again)</param>
        private bool IsConstantArray(SyntaxNode node, string? self = null)
        {
            node = Bare(node);
            if (_g.KindOf(node.Symbol) != NodeKind.Array || node.NamedChildCount == 0) return false;
            // [['subject', 'subject'], ['message-id', 'messageId']]: rows of constants too (walked with a list, not by recursion)
            var rows = new List<SyntaxNode> { node };
            for (int r = 0; r < rows.Count; r++)
            {
                foreach (var c in rows[r].NamedChildren)
                {
                    if (c.Type is "string" or "number" or "true" or "false" or "null" or "comment" || IsNegativeNumber(c)) continue;
                    if (_g.KindOf(c.Symbol) == NodeKind.MemberExpression && IsDotted(Short(c))) continue;
                    if (IsConstantObject(c)) continue; // [{ suffix: 'sm', width: 320 }, …]: a fixed table of records
                    if (IsCharacterConstant(c)) continue; // [' ', '\t'] written as [' ', String.fromCharCode(9)]
                    if (IsNamedConstant(c)) continue;
                    if (_g.KindOf(c.Symbol) == NodeKind.Array && c.NamedChildCount > 0) { rows.Add(c); continue; }
                    if (IsSpreadOfTable(c) || self != null && c.Type == "spread_element" && c.NamedChildCount == 1 && c.NamedChild(0)?.Text == self) continue;
                    return false;
                }
            }
            return true;
        }

        /// <summary>
        /// <c>const eventAttrs = [...EVENT_GROUPS.animation, ...PATH_ELEMS]</c> at module level: a spread of an imported table named
        /// in capitals (or of a member of one) or of a constant of the file, copied once as the module loads — as fixed as a
        /// literal. In a function a spread copies whatever the table holds by then, so it is not trusted there; nor an import
        /// not named as constants (<c>...dictionary.english</c>: a word list of any length).
        /// </summary>
        private bool IsSpreadOfTable(SyntaxNode node)
        {
            if (node.Type != "spread_element" || Current.Kind != FunctionKind.Module || node.NamedChildCount != 1
                || node.NamedChild(0) is not { } spreadNode || Short(spreadNode) is not { } spread || !IsDotted(spread)) return false;
            string root = spread.Split('.')[0];
            return IsImportedConstantTable(root) || Current.Lookup(root).Binding is { IsConstant: true, Count: 1 };
        }

        /// <summary><c>"apply|bind|call".split("|")</c>: a string literal split by a literal, a fixed list written in the code.</summary>
        private bool IsSplitLiteral(SyntaxNode node)
        {
            node = Bare(node);
            return _g.KindOf(node.Symbol) == NodeKind.CallExpression && node.ChildByFieldId(_g.Function) is { } callee
                && _g.KindOf(callee.Symbol) == NodeKind.MemberExpression && callee.ChildByFieldId(_g.Property)?.Text == "split"
                && callee.ChildByFieldId(_g.Object)?.Type == "string"
                && node.ChildByFieldId(_g.Arguments) is { NamedChildCount: 1 } arguments && arguments.NamedChild(0)?.Type == "string";
        }

        /// <summary>
        /// An object literal whose values are constants: <c>{ nbsp: ' ', copy: '©' }</c> — a fixed table written in the code,
        /// whose <c>Object.keys</c>/<c>values</c>/<c>entries</c> are a fixed, short list.
        /// </summary>
        private bool IsConstantObject(SyntaxNode node)
        {
            node = Bare(node);
            if (_g.KindOf(node.Symbol) != NodeKind.Object || node.NamedChildCount == 0) return false;
            foreach (var c in node.NamedChildren)
            {
                if (c.Type == "comment") continue;
                if (_g.KindOf(c.Symbol) != NodeKind.Pair || c.ChildByFieldId(_g.Value) is not { } v || c.ChildByFieldId(_g.Key)?.Type == "computed_property_name") return false;
                if (v.Type is "string" or "number" or "true" or "false" or "null" || IsNegativeNumber(v)) continue;
                if (_g.KindOf(v.Symbol) == NodeKind.MemberExpression && IsDotted(Short(v)) || IsNamedConstant(v)) continue;
                return false;
            }
            return true;
        }

        /// <summary>
        /// <c>aX</c> after <c>const aX = "x"</c>: a name bound once to a string; <c>ITEM_TYPE_EXIF</c>, <c>HOUR</c>: bound once and
        /// named in capitals, as constants are.
        /// </summary>
        private bool IsNamedConstant(SyntaxNode node) =>
            _g.KindOf(node.Symbol) == NodeKind.Identifier && Current.Lookup(node.Text).Binding is { Count: 1 } b
            && (b.Kind == ValueKinds.String || JavaScriptTables.ConstantName().IsMatch(node.Text));

        /// <summary>
        /// <c>Object.values(ACL_OPERATION_TYPES)</c>: the listing of a table of constants — one written in the file, or one imported
        /// and named in capitals as constants are (from a module of enums) — a fixed, short list.
        /// </summary>
        private bool IsConstantListing(SyntaxNode node)
        {
            // the call the walk already recorded, rather than the initializer's text (which may be a whole function)
            node = Bare(node);
            return _g.KindOf(node.Symbol) == NodeKind.CallExpression && _model.CallAt(node.StartByte, node.EndByte) is { } listing && ListsConstantTable(listing);
        }

        /// <summary><c>Object.keys(TABLE)</c> (also <c>values</c>, <c>entries</c>) of a table of constants, as <see cref="IsConstantListing"/>.</summary>
        private bool ListsConstantTable(CallModel listing)
        {
            if (listing is not { Written: "Object.keys" or "Object.values" or "Object.entries", Arguments.Count: 1 }
                || listing.Positional(0) is not { Shape: Shape.Name, Text: { } table } || Current.Lookup("Object").Binding != null) return false;
            // capitals alone are trusted for an imported table; one of this file must be a literal of constants (const SESSIONS = {} grows)
            return Current.Lookup(table).Binding is { IsConstant: true, Count: 1 } || IsImportedConstantTable(table);
        }

        /// <summary><c>String.fromCharCode(9)</c>: a character given by its code, a constant.</summary>
        private bool IsCharacterConstant(SyntaxNode node)
        {
            if (_g.KindOf(node.Symbol) != NodeKind.CallExpression || node.ChildByFieldId(_g.Function) is not { Text: "String.fromCharCode" }
                || node.ChildByFieldId(_g.Arguments) is not { NamedChildCount: > 0 } arguments) return false;
            foreach (var argument in arguments.NamedChildren)
            {
                if (argument.Type != "number") return false;
            }
            return true;
        }

        /// <summary><c>-1</c>: a number literal with its sign.</summary>
        private static bool IsNegativeNumber(SyntaxNode node) =>
            node.Type == "unary_expression" && node.NamedChildCount == 1 && node.NamedChild(0) is { Type: "number" } && node.Text.StartsWith('-');

        /// <summary><c>head + chunk</c>, <c>'#' + id</c>: a <c>+</c> chain with a string operand (walked down its left spine, no recursion).</summary>
        private bool IsStringSum(SyntaxNode node)
        {
            bool any = false;
            while (node.Type == "binary_expression" && node.ChildByFieldId(_g.Operator)?.Type == "+")
            {
                if (node.ChildByFieldId(_g.Right) is { } right && IsStringOperand(right)) return true;
                if (node.ChildByFieldId(_g.Left) is not { } left) return false;
                node = left;
                any = true;
            }
            return any && IsStringOperand(node);
        }

        private bool IsStringOperand(SyntaxNode node) =>
            node.Type is "string" or "template_string" || _g.KindOf(node.Symbol) == NodeKind.Identifier && Current.KindOf(node.Text) == ValueKinds.String;

        /// <summary>The kind of value an expression produces, from what has been recorded so far.</summary>
        private string? KindOf(SyntaxNode node)
        {
            switch (_g.KindOf(node.Symbol))
            {
                case NodeKind.CallExpression:
                case NodeKind.NewExpression:
                    return _model.CallAt(node.StartByte, node.EndByte) is { } call ? JavaScriptKnowledge.Instance.KindOfCall(call) : null;
                case NodeKind.Array:
                    return ValueKinds.List;
                case NodeKind.Identifier:
                    return Current.KindOf(node.Text);
                case NodeKind.ArrowFunction:
                case NodeKind.FunctionExpression:
                case NodeKind.Function:
                    return HasAsyncKeyword(node) || ReturnsPromise(node) || _promiseReturners.Contains(node.StartByte)
                        ? JavaScriptTables.AsyncFunctionKind : JavaScriptTables.FunctionKindName;
                case var wrapper when IsWrapper(wrapper):
                    return Bare(node) is var bare && bare != node ? KindOf(bare) : null;
                default:
                    return node.Type is "string" or "template_string" || IsStringSum(node) ? ValueKinds.String : null;
            }
        }
    }
}
