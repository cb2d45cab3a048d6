using System;
using System.Collections.Generic;
using RuntimePerf.Languages.Common;
using RuntimePerf.TreeSitter;

namespace RuntimePerf.Languages.Rust
{
    /// <summary>Calls (callee, resolution, arguments, offloads), macro invocations, awaits and early exits.</summary>
    internal sealed partial class RustModelBuilder
    {
        private AwaitModel? _pendingAwait;

        private void EnterCall(SyntaxNode node, int start, int end)
        {
            string written = "…";
            string? resolved = null, method = null, receiver = null;
            if (node.ChildByFieldId(Field.Function) is { } f)
            {
                if (Short(f) is { } text) written = Syntax.OneLine(text);
                var callee = f.Type == "generic_function" ? f.ChildByFieldId(Field.Function) ?? f : f;
                switch (callee.Type)
                {
                    case "identifier":
                    case "scoped_identifier":
                        if (written != "…") resolved = ResolvePath(written);
                        break;
                    case "field_expression":
                        method = callee.ChildByFieldId(Field.Field_)?.Text;
                        if (callee.ChildByFieldId(Field.Value) is { } v && Short(v) is { } value) receiver = Syntax.OneLine(value);
                        if (written == "…" && method != null) written = "…." + method;
                        break;
                }
            }
            var args = node.ChildByFieldId(Field.Arguments);
            while (_offloadedUntil.Count > 0 && _offloadedUntil[^1] <= start) _offloadedUntil.RemoveAt(_offloadedUntil.Count - 1);
            int offloadedFrom = _openCalls.Count > 0 ? _openCalls[^1].OffloadedFrom : int.MaxValue;
            bool offloaded = _offloadedUntil.Count > 0 || start >= offloadedFrom;
            var parentKind = ParentKind();
            var call = new CallModel
            {
                StartByte = start,
                EndByte = end,
                Function = Current,
                Written = written,
                Resolved = resolved,
                Method = method,
                Receiver = receiver,
                Loop = InnermostLoop(start),
                IsStatement = parentKind == NodeKind.ExpressionStatement,
                InDroppedExpression = parentKind == NodeKind.LetDeclaration && _frames[_frames.Count - 1].Field == Field.Value
                    && _frames[_frames.Count - 2].Node.ChildByFieldId(Field.Pattern)?.Text == "_", // let _ = f();
                IsAwaited = parentKind == NodeKind.AwaitExpression,
                IsOffloaded = offloaded,
                IsOffloadSink = resolved != null && RustTables.OffloadFunctions.Contains(resolved) || method != null && RustTables.OffloadMethods.Contains(method),
                IsConditional = InBranch(),
                InClosure = InClosure,
            };
            if (ReceiverOf() is { } outer) outer.ReceiverCall = call;
            if (_openCalls.Count > 0 && parentKind == NodeKind.Arguments) call.ArgumentOf = _openCalls[^1].Call;
            if (call.IsAwaited && _pendingAwait != null && _pendingAwait.OperandStartByte == start) _pendingAwait.Call = call;
            _model.Calls.Add(call);
            Current.Calls.Add(call);
            int argumentsStart = args?.StartByte ?? end;
            _openCalls.Add(new OpenCall(call, argumentsStart, _frames.Count - 1, call.IsOffloadSink ? Math.Min(offloadedFrom, argumentsStart) : offloadedFrom));
            _frames[_frames.Count - 1].Opens |= Opens.Call;
        }

        /// <summary>
        /// The open call whose receiver this call is, through <c>?</c> and <c>.await</c>: <c>File::open(p)?.read_to_string(…)</c>,
        /// <c>reqwest::get(u).await?.text()</c>.
        /// </summary>
        private CallModel? ReceiverOf()
        {
            int i = _frames.Count - 2;
            while (i > 0 && _frames[i].Kind is NodeKind.TryExpression or NodeKind.AwaitExpression or NodeKind.ParenthesizedExpression) i--;
            if (i < 1 || _frames[i].Kind != NodeKind.FieldExpression || _frames[i + 1].Field != Field.Value) return null;
            int callFrame = _frames[i - 1].Kind == NodeKind.GenericFunction ? i - 2 : i - 1;
            if (callFrame < 0 || _frames[callFrame].Kind != NodeKind.CallExpression || _openCalls.Count == 0) return null;
            var open = _openCalls[^1];
            return open.Depth == callFrame ? open.Call : null;
        }

        private void LeaveCall()
        {
            var call = _openCalls[^1].Call;
            _openCalls.RemoveAt(_openCalls.Count - 1);
            if (call.Resolved is { } fanOut && RustTables.FanOuts.Contains(fanOut)) MarkFannedOut(call);
            // v.contains(&x), v.iter().position(|y| *y == x): a membership test, a linear scan when v is a Vec.
            if (ScannedName(call) is { } r)
            {
                _model.Memberships.Add(new MembershipModel
                {
                    StartByte = call.StartByte, EndByte = call.EndByte, Function = call.Function, Loop = call.Loop, ContainerName = r,
                    Text = call.Written + "(" + (call.Arguments[0].Text ?? "…") + ")",
                });
            }
        }

        /// <summary>
        /// The collection a call searches item by item: <c>v.contains(&amp;x)</c>, or <c>v.iter().position(…)</c>/<c>any</c>/<c>find</c>
        /// whose closure tests equality (a lookup a set or map would answer; other predicates need the scan anyway).
        /// </summary>
        private static string? ScannedName(CallModel call)
        {
            if (call.Arguments.Count != 1) return null;
            if (call.Method == "contains") return call.Receiver is { } r && SourceModel.IsPlainName(r) ? r : null;
            if (call.Method is not { } m || !RustTables.SearchAdapters.Contains(m)) return null;
            if (call.ReceiverCall is not { Method: "iter", Arguments.Count: 0, Receiver: { } list } || !SourceModel.IsPlainName(list)) return null;
            return call.Arguments[0] is { Shape: Shape.Function, Text: { } predicate } && IsEqualityTest(predicate) ? list : null;
        }

        /// <summary>
        /// <c>|y| *y == x</c>, <c>|u| u.id == id</c>: the closure's whole body is one equality test between its parameter (or
        /// a field of it) and a value that does not involve it. Not <c>|s| s % n == 0</c> or <c>|s| s.len() == n</c>.
        /// </summary>
        private static bool IsEqualityTest(string closure)
        {
            var m = ClosureParts.Match(closure);
            if (!m.Success) return false;
            string parameter = m.Groups["p"].Value, body = m.Groups["b"].Value.Trim().TrimStart('{').TrimEnd('}').Trim();
            int eq = body.IndexOf("==", StringComparison.Ordinal);
            if (eq <= 0 || body.IndexOf("==", eq + 2, StringComparison.Ordinal) >= 0 || body.Contains("&&", StringComparison.Ordinal)
                || body.Contains("||", StringComparison.Ordinal)) return false;
            string left = body.Substring(0, eq).Trim(), right = body.Substring(eq + 2).Trim();
            return IsParameterSide(left, parameter) && !Mentions(right, parameter) || IsParameterSide(right, parameter) && !Mentions(left, parameter);
        }

        /// <summary><c>|p| body</c>, <c>move |&amp;p: &amp;T| body</c>: the one parameter and the body.</summary>
        private static readonly System.Text.RegularExpressions.Regex ClosureParts =
            new(@"^(?:move\s*)?\|\s*&*(?<p>\w+)\s*(?::[^|]*)?\|(?<b>.*)$", System.Text.RegularExpressions.RegexOptions.CultureInvariant | System.Text.RegularExpressions.RegexOptions.Singleline);

        /// <summary>
        /// <c>*p</c>, <c>&amp;p</c>, <c>p.id</c>, <c>p.key.name</c>: the parameter or a field of it, nothing computed but a view of
        /// the same value (<c>p.description.as_deref()</c>, <c>p.name.as_str()</c>) that a map keyed by the field answers as well.
        /// </summary>
        private static bool IsParameterSide(string side, string parameter)
        {
            string rest = side.TrimStart('*', '&', ' ');
            for (bool stripped = true; stripped;)
            {
                stripped = false;
                foreach (string view in RustTables.SameValueViews)
                {
                    if (rest.EndsWith(view, StringComparison.Ordinal)) { rest = rest.Substring(0, rest.Length - view.Length); stripped = true; }
                }
            }
            if (!rest.StartsWith(parameter, StringComparison.Ordinal)) return false;
            rest = rest.Substring(parameter.Length);
            foreach (char ch in rest)
            {
                if (ch != '.' && ch != '_' && !char.IsLetterOrDigit(ch)) return false;
            }
            return rest.Length == 0 || rest[0] == '.';
        }

        private static bool Mentions(string text, string name)
        {
            for (int at = text.IndexOf(name, StringComparison.Ordinal); at >= 0; at = text.IndexOf(name, at + 1, StringComparison.Ordinal))
            {
                // r.id, Kind::id: a field or path segment of that name, not the parameter
                bool before = at > 0 && (char.IsLetterOrDigit(text[at - 1]) || text[at - 1] == '_' || text[at - 1] == ':'
                    || text[at - 1] == '.' && !(at > 1 && text[at - 2] == '.'));
                int end = at + name.Length;
                bool after = end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] == '_');
                if (!before && !after) return true;
            }
            return false;
        }

        /// <summary>
        /// <c>join_all(items.iter().map(|x| fetch(x)))</c>: the mapped iterator is spread into the fan-out, one future per
        /// item (recorded as a spread of a lazy sequence, as <c>gather(*(f(x) for x in xs))</c> is). A small constant range
        /// (<c>(0..4).map(…)</c>) is no data-sized fan-out.
        /// </summary>
        private void MarkFannedOut(CallModel call)
        {
            if (call.Arguments.Count != 1 || call.Arguments[0] is not { Shape: Shape.Call } arg) return;
            if (CallAt(arg.StartByte, arg.EndByte) is not { Method: "map" } map || map.Receiver is not { } items) return;
            if (SmallRange.IsMatch(items)) return;
            var spread = new ArgumentModel(_model.Text, null, Shape.Spread, arg.StartByte, arg.EndByte, arg.StartByte, arg.EndByte);
            spread.SetInner(Shape.Generator, arg.StartByte, arg.EndByte);
            call.Arguments[0] = spread;
        }

        private static readonly System.Text.RegularExpressions.Regex SmallRange =
            new(@"^\(?\s*\d+\s*\.\.=?\s*(?:[0-9]|1[0-6])\s*\)?$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

        /// <summary>A macro invocation is recorded as a call of <c>name!</c> (its tokens are not parsed; their identifiers count as uses).</summary>
        private void EnterMacro(SyntaxNode node, int start, int end)
        {
            string name = node.ChildByFieldId(Field.Macro) is { } m ? Short(m) ?? "…" : "…";
            var call = new CallModel
            {
                StartByte = start,
                EndByte = end,
                Function = Current,
                Written = name + "!",
                Loop = InnermostLoop(start),
                IsStatement = ParentKind() == NodeKind.ExpressionStatement,
                IsConditional = InBranch(),
                InClosure = InClosure,
            };
            if (_openCalls.Count > 0 && ParentKind() == NodeKind.Arguments) call.ArgumentOf = _openCalls[^1].Call;
            _model.Calls.Add(call);
            Current.Calls.Add(call);
        }

        private CallModel? CallAt(int start, int end) => _model.CallAt(start, end);

        /// <summary>Arguments are recorded as the walk meets them: a named node right under the innermost open call's argument list.</summary>
        private void CollectArgument(NodeKind kind, string type, int start, int end)
        {
            var open = _openCalls[^1];
            int list = open.Depth + 1, depth = _frames.Count - 1;
            if (depth != list + 1 || _frames[list].Kind != NodeKind.Arguments || _frames[list].Field != Field.Arguments) return;
            if (type is "line_comment" or "block_comment" || kind == NodeKind.AttributeItem) return;
            open.Call.Arguments.Add(new ArgumentModel(_model.Text, null, RustShapes.Of(type), start, end, start, end));
        }

        private void EnterAwait(SyntaxNode node, int start, int end)
        {
            var operand = node.NamedChild(0);
            var aw = _model.AddAwait(Current, InnermostLoop(start), start, end, operand?.StartByte ?? end, operand?.EndByte ?? end);
            _pendingAwait = aw;
            AddAwaitStatement(aw);
        }

        /// <summary>
        /// A statement that is one await (through <c>?</c> and the adapters of its result: <c>.map_err(…)</c>, <c>.context(…)</c>,
        /// <c>.unwrap()</c>…): <c>f().await?;</c>, <c>let x = f().await.map_err(|_| StatusCode::BAD_GATEWAY)?;</c>,
        /// <c>x = f().await;</c>, with the names it binds, so that RP0008 can see a run of them and RP0009 what carries over.
        /// </summary>
        private void AddAwaitStatement(AwaitModel aw)
        {
            int i = _frames.Count - 2;
            // f().await.map_err(g): the await is the value of a field expression whose field is an adapter, called
            while (i > 1 && _frames[i].Kind == NodeKind.FieldExpression && _frames[i + 1].Field == Field.Value
                && _frames[i].Node.ChildByFieldId(Field.Field_) is { } adapter && RustTables.ResultAdapters.Contains(adapter.Text)
                && _frames[i - 1].Kind == NodeKind.CallExpression && _frames[i].Field == Field.Function) i -= 2;
            if (i > 0 && _frames[i].Kind == NodeKind.TryExpression) i--;
            if (i < 1) return;
            int statement = -1;
            IReadOnlyList<string> bound = Array.Empty<string>();
            switch (_frames[i].Kind)
            {
                case NodeKind.ExpressionStatement:
                    statement = i;
                    break;
                case NodeKind.LetDeclaration when _frames[i + 1].Field == Field.Value:
                    statement = i;
                    bound = BoundNames(_frames[i].Node.ChildByFieldId(Field.Pattern));
                    break;
                case NodeKind.AssignmentExpression when _frames[i + 1].Field == Field.Right && _frames[i - 1].Kind == NodeKind.ExpressionStatement:
                    statement = i - 1;
                    bound = BoundNames(_frames[i].Node.ChildByFieldId(Field.Left));
                    break;
            }
            if (statement < 1 || _frames[statement].StatementIndex < 0) return;
            var st = _frames[statement];
            _model.AddAwaitStatement(aw, st.Start, st.End, _frames[statement - 1].Start, st.StatementIndex, bound);
        }

        /// <summary>The names a pattern binds: <c>x</c>, <c>mut x</c>, <c>(a, b)</c>, <c>Some(v)</c>; never <c>_</c>.</summary>
        private static IReadOnlyList<string> BoundNames(SyntaxNode? pattern)
        {
            if (pattern is not { } p) return Array.Empty<string>();
            if (NodeKindOf(p.Symbol) == NodeKind.Identifier) return p.Text == "_" ? Array.Empty<string>() : new[] { p.Text };
            var names = new List<string>();
            int variant = p.ChildByFieldId(Field.Type) is { } type ? type.StartByte : -1; // Some in Some(v) binds nothing
            foreach (var c in p.NamedChildren)
            {
                if (c.StartByte == variant) continue;
                var item = NodeKindOf(c.Symbol) is NodeKind.MutPattern or NodeKind.RefPattern ? c.NamedChild(c.NamedChildCount - 1) : c;
                if (item is { } n && NodeKindOf(n.Symbol) == NodeKind.Identifier && n.Text != "_") names.Add(n.Text);
            }
            return names;
        }

        /// <summary>An early exit: <c>return</c>, <c>break</c>, <c>continue</c>, or <c>?</c> (which returns the error).</summary>
        private void AddStatement(StatementKind kind, int start, int end)
        {
            _model.Statements.Add(new StatementModel { Kind = kind, StartByte = start, EndByte = end, Function = Current, BlockStart = -1, IndexInBlock = -1 });
        }
    }
}
