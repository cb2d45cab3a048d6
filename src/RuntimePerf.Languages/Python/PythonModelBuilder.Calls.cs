using System;
using System.Collections.Generic;
using RuntimePerf.Languages.Common;
using RuntimePerf.TreeSitter;

namespace RuntimePerf.Languages.Python
{
    /// <summary>Calls (callee, resolution, arguments, offloads) and awaits (with the statements that hold them).</summary>
    internal sealed partial class PythonModelBuilder
    {
        // ---- calls and awaits ----

        private void EnterCall(SyntaxNode node, int start, int end)
        {
            var function = node.ChildByFieldId(Field.Function);
            string written = "…";
            string? resolved = null, method = null, receiver = null;
            if (function is { } fnode)
            {
                if (Short(fnode) is { } callee) written = Syntax.OneLine(callee);
                bool dotted = IsDotted(written);
                // time.sleep() under a parameter or class of the function's own named time: not the module's
                if (dotted && !ShadowedLocally(written)) resolved = Resolve(written);
                int lastDot = dotted ? written.LastIndexOf('.') : -1;
                if (lastDot > 0)
                {
                    // a.b.c(): receiver and method straight from the dotted text, without reading the child nodes
                    receiver = written.Substring(0, lastDot);
                    method = written.Substring(lastDot + 1);
                }
                else if (fnode.Type == "attribute")
                {
                    method = fnode.ChildByFieldId(Field.Attribute)?.Text;
                    if (fnode.ChildByFieldId(Field.Object) is { } o && Short(o) is { } value) receiver = Syntax.OneLine(value);
                }
                if (written == "…" && method != null) written = "…." + method;
            }
            var args = node.ChildByFieldId(Field.Arguments);
            bool offloaded = false;
            foreach (var open in _openCalls)
            {
                if (open.Call.IsOffloadSink && start >= open.ArgumentsStart) { offloaded = true; break; }
            }
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
                InDroppedExpression = parentKind is NodeKind.ListComprehension or NodeKind.SetComprehension or NodeKind.ConditionalExpression
                    or NodeKind.ParenthesizedExpression && InDroppedExpression(),
                IsAwaited = parentKind == NodeKind.Await,
                ResultUse = FirstItemRead() ? ResultUse.FirstItem : ResultUse.Other,
                IsOffloaded = offloaded,
                IsOffloadSink = IsOffloadSink(resolved, method, receiver),
                InMainGuard = start < _mainGuardEnd,
                StatementStartByte = _frames[^1].StatementStart,
            };
            // f(x for x in xs): the generator is the one argument (other arguments are collected by the walk).
            if (args is { } a && a.Type == "generator_expression")
            {
                call.Arguments.Add(new ArgumentModel(_model.Text, null, Shape.Generator, a.StartByte, a.EndByte, a.StartByte, a.EndByte));
            }
            // f(x).g(): this call is the receiver of the enclosing call.
            if (parentKind == NodeKind.Attribute && _frames[^1].Field == Field.Object && ParentKind(2) == NodeKind.Call && _frames[^2].Field == Field.Function
                && _openCalls.Count > 0)
            {
                _openCalls[^1].Call.ReceiverCall = call;
            }
            if (_openCalls.Count > 0 && (parentKind == NodeKind.ArgumentList || (parentKind == NodeKind.KeywordArgument && ParentKind(2) == NodeKind.ArgumentList)
                || parentKind == NodeKind.ListSplat))
            {
                call.ArgumentOf = _openCalls[^1].Call;
            }
            if (call.IsAwaited && _pendingAwait != null && _pendingAwait.OperandStartByte == start) _pendingAwait.Call = call;
            _model.Calls.Add(call);
            Current.Calls.Add(call);
            _openCalls.Add(new OpenCall(call, args?.StartByte ?? end, _frames.Count - 1));
        }

        /// <summary>
        /// The call being entered is an element of a list or set comprehension, or a branch of a conditional expression
        /// (not its condition), that is itself a whole expression statement: its value goes nowhere. A generator
        /// expression is lazy (nothing runs unless it is consumed), so it does not count.
        /// </summary>
        private bool InDroppedExpression()
        {
            bool through = false;
            for (int i = _frames.Count - 1; i > 0; i--)
            {
                ref var holder = ref _frames[i - 1];
                switch (holder.Kind)
                {
                    case NodeKind.ParenthesizedExpression:
                        break;
                    case NodeKind.ConditionalExpression:
                        if (holder.Node.NamedChild(1) is { } condition && condition.StartByte == _frames[i].Start) return false;
                        through = true;
                        break;
                    case NodeKind.ListComprehension or NodeKind.SetComprehension:
                        if (_frames[i].Field != Field.Body) return false;
                        through = true;
                        break;
                    case NodeKind.ExpressionStatement:
                        return through;
                    default:
                        return false;
                }
            }
            return false;
        }

        /// <summary>
        /// A method called on an expression that is neither a name nor a call (<c>(folder / "x").touch()</c>,
        /// <c>Path(p).parent.exists()</c>): the receiver's kind, now that the calls inside it are recorded.
        /// </summary>
        private void LeaveCall(SyntaxNode node)
        {
            var call = _openCalls[^1].Call;
            _openCalls.RemoveAt(_openCalls.Count - 1);
            // Only short receivers (their text was read): KindOf recurses into the expression.
            if (call.Method == null || call.ReceiverCall != null || call.Receiver == null || IsDotted(call.Receiver)) return;
            if (node.ChildByFieldId(Field.Function)?.ChildByFieldId(Field.Object) is { } receiver) call.ReceiverExpressionKind = KindOf(receiver);
        }

        private CallModel? CallAt(int start, int end) => _model.CallAt(start, end);

        /// <summary>
        /// <c>asyncio.to_thread(Image.open, buf)</c>, <c>loop.run_in_executor(None, Image.open, buf)</c>: the kind of what the function
        /// handed over makes, when it is a known constructor (resolved as a call of it would be, not when a local hides it).
        /// </summary>
        private string? KindOfOffloadedResult(CallModel offload)
        {
            var function = offload.Resolved is { } r && PythonTables.OffloadFunctions.Contains(r) ? offload.Positional(0)
                : offload.Method == "run_in_executor" ? offload.Positional(1) : null;
            if (function is not { Shape: Shape.Name or Shape.Member, Text: { } name } || ShadowedLocally(name)) return null;
            return PythonTables.Constructors.TryGetValue(Resolve(name), out var kind) ? kind : null;
        }

        private static bool IsOffloadSink(string? resolved, string? method, string? receiver)
        {
            if (resolved != null && (PythonTables.OffloadFunctions.Contains(resolved) || PythonTables.AsyncFileWrappers.Contains(resolved))) return true;
            if (method == null) return false;
            if (PythonTables.OffloadMethods.Contains(method)) return true;
            return method == PythonTables.ExecutorMap && receiver != null
                && (receiver.Contains("executor", StringComparison.OrdinalIgnoreCase) || receiver.Contains("pool", StringComparison.OrdinalIgnoreCase));
        }

        /// <summary>
        /// Arguments are recorded as the walk meets them (no second pass over each argument list): a named node
        /// right under the innermost open call's argument list is an argument; a keyword argument's name and value,
        /// and what a splat spreads, are filled in one level further down.
        /// </summary>
        private void CollectArgument(NodeKind kind, string type, int start, int end)
        {
            var open = _openCalls[^1];
            int list = open.Depth + 1, depth = _frames.Count - 1;
            if (depth <= list || _frames[list].Kind != NodeKind.ArgumentList || _frames[list].Field != Field.Arguments || kind == NodeKind.Comment) return;
            var arguments = open.Call.Arguments;
            if (depth == list + 1)
            {
                arguments.Add(kind == NodeKind.KeywordArgument
                    ? new ArgumentModel(_model.Text, null, Shape.Other, start, end, 0, -1)
                    : new ArgumentModel(_model.Text, null, PythonShapes.Of(type), start, end, start, end));
                return;
            }
            if (arguments.Count == 0) return;
            var argument = arguments[^1];
            // set(([x for x in xs])): an argument in parentheses is what they hold
            if (InParentheses(list + 1, depth))
            {
                if (kind != NodeKind.ParenthesizedExpression) argument.SetValue(PythonShapes.Of(type), start, end);
                return;
            }
            if (depth != list + 2) return;
            ushort field = _frames[depth].Field;
            switch (_frames[list + 1].Kind)
            {
                case NodeKind.KeywordArgument when field == Field.Name:
                    argument.SetKeyword(_model.Text.GetText(start, end));
                    break;
                case NodeKind.KeywordArgument when field == Field.Value:
                    argument.SetValue(PythonShapes.Of(type), start, end);
                    break;
                case NodeKind.ListSplat or NodeKind.DictionarySplat when !argument.HasInner:
                    argument.SetInner(PythonShapes.Of(type), start, end);
                    break;
            }
        }

        /// <summary>Every frame from <paramref name="from"/> up to (not including) <paramref name="depth"/> is a parenthesized expression.</summary>
        private bool InParentheses(int from, int depth)
        {
            for (int i = from; i < depth; i++)
            {
                if (_frames[i].Kind != NodeKind.ParenthesizedExpression) return false;
            }
            return true;
        }

        private static string? Short(SyntaxNode node) => node.EndByte - node.StartByte <= MaxText ? node.Text : null;

        internal static readonly CodeSyntax Syntax = new("'\"", SlashComments: false, HashComments: true, LineContinuation: true, OptionalChaining: false);

        private void EnterAwait(SyntaxNode node, int start, int end)
        {
            var operand = node.NamedChild(0);
            var aw = _model.AddAwait(Current, InnermostLoop(start), start, end, operand?.StartByte ?? end, operand?.EndByte ?? end);
            _pendingAwait = aw;

            // Statement-level await: `await f()` or `x = await f()`.
            string parent = ParentType();
            int statementFrame = -1;
            IReadOnlyList<string> bound = Array.Empty<string>();
            if (parent == "expression_statement") statementFrame = _frames.Count - 2;
            else if (parent == "assignment" && _frames[^1].Field == Field.Right && ParentType(2) == "expression_statement")
            {
                statementFrame = _frames.Count - 3;
                bound = BoundNames(_frames[^2].Node.ChildByFieldId(Field.Left));
            }
            if (statementFrame > 0 && _frames[statementFrame].StatementIndex >= 0)
            {
                var st = _frames[statementFrame];
                _model.AddAwaitStatement(aw, st.Start, st.End, _frames[statementFrame - 1].Start, st.StatementIndex, bound);
            }
        }

        private static IReadOnlyList<string> BoundNames(SyntaxNode? left)
        {
            if (left is not { } l) return Array.Empty<string>();
            if (l.Type == "identifier") return new[] { l.Text };
            var names = new List<string>();
            if (l.Type is "pattern_list" or "tuple_pattern" or "list_pattern")
            {
                foreach (var c in l.NamedChildren)
                {
                    if (c.Type == "identifier") names.Add(c.Text);
                }
            }
            else if (l.EndByte - l.StartByte <= MaxText)
            {
                names.Add(l.Text);
            }
            return names;
        }

        private void AddStatement(StatementKind kind, int start, int end, string? text = null)
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
                Text = text,
            });
        }
    }
}
