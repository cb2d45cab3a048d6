using RuntimePerf.Languages.Common;
using RuntimePerf.TreeSitter;

namespace RuntimePerf.Languages.Go
{
    /// <summary>Calls (callee, resolution, arguments, <c>defer</c>/<c>go</c>) and composite literals, modelled as calls of their type.</summary>
    internal sealed partial class GoModelBuilder
    {
        private void EnterCall(SyntaxNode node, int start, int end)
        {
            var function = node.ChildByFieldId(Field.Function);
            // a func literal called in place (go func() { … }()) is named by what it is, not by its body
            string written = function is { Type: "func_literal" } || TextOf(function) is not { } w ? "…" : Syntax.OneLine(w);
            string? method = null, receiver = null;
            int receiverStart = -1, receiverEnd = -1;
            if (function is { Type: "selector_expression" } selector)
            {
                method = TextOf(selector.ChildByFieldId(Field.Field_));
                if (selector.ChildByFieldId(Field.Operand) is { } operand)
                {
                    receiver = TextOf(operand) is { } operandText ? Syntax.OneLine(operandText) : null;
                    (receiverStart, receiverEnd) = (operand.StartByte, operand.EndByte);
                }
            }
            // defer f() / go f(): the call is the statement's child (a parenthesised one is not valid Go).
            var parent = Up(1).Kind;
            var call = NewCall(start, end, written, Resolve(written), method, receiver, parent, isLiteral: false);
            if (node.ChildByFieldId(Field.Arguments) is { } args)
            {
                foreach (var a in args.NamedChildren)
                {
                    if (a.Type == "comment") continue;
                    // regexp.Compile((`\d+`)): the parentheses change nothing
                    var v = a;
                    while (v.Type == "parenthesized_expression" && v.NamedChild(0) is { } wrapped) v = wrapped;
                    var arg = new ArgumentModel(_model.Text, null, GoShapes.Of(v.Type), v.StartByte, v.EndByte, v.StartByte, v.EndByte);
                    if (a.Type == "variadic_argument" && a.NamedChild(0) is { } inner) arg.SetInner(GoShapes.Of(inner.Type), inner.StartByte, inner.EndByte);
                    call.Arguments.Add(arg);
                }
                _openCalls.Add(new OpenCall(call, receiverStart, receiverEnd, args.StartByte, _frames.Count));
            }
            // slices.Contains(xs, x): a linear membership test, like Python's `x in xs`.
            if (call.Resolved is { } r && GoTables.LinearSearches.Contains(r) && call.Positional(0) is { Shape: Shape.Name } list)
            {
                _model.Memberships.Add(new MembershipModel
                {
                    StartByte = start, EndByte = end, Function = Current, Loop = call.Loop, ContainerName = list.Text, Text = TextOf(node) ?? written + "(…)",
                });
            }
        }

        /// <summary><c>http.Server{Addr: a}</c> as a call of <c>http.Server</c> with the keyword argument Addr.</summary>
        private void EnterLiteral(SyntaxNode node, int start, int end)
        {
            string? type = TextOf(node.ChildByFieldId(Field.Type));
            string written = type is { } t ? Syntax.OneLine(t) : "…";
            var call = NewCall(start, end, written, BaseTypeName(type) == type ? Resolve(type) : null, null, null, Up(1).Kind, isLiteral: true);
            if (node.ChildByFieldId(Field.Body) is { } body)
            {
                foreach (var e in body.NamedChildren)
                {
                    if (e.Type == "keyed_element" && e.ChildByFieldId(Field.Key) is { } key && e.ChildByFieldId(Field.Value) is { } value)
                    {
                        var v = value.NamedChildCount == 1 && value.NamedChild(0) is { } only ? only : value;
                        call.Arguments.Add(new ArgumentModel(_model.Text, TextOf(key), GoShapes.Of(v.Type), e.StartByte, e.EndByte, v.StartByte, v.EndByte));
                    }
                    else if (e.Type == "literal_element")
                    {
                        var v = e.NamedChildCount == 1 && e.NamedChild(0) is { } only ? only : e;
                        call.Arguments.Add(new ArgumentModel(_model.Text, null, GoShapes.Of(v.Type), e.StartByte, e.EndByte, v.StartByte, v.EndByte));
                    }
                }
                _openCalls.Add(new OpenCall(call, -1, -1, body.StartByte, _frames.Count));
            }
        }

        /// <summary>
        /// <c>[]byte(s)</c>: a conversion written with a type that is not a name, modelled as a call of that type (<c>string(b)</c>
        /// parses as a call already), its operand the one argument.
        /// </summary>
        private void EnterConversion(SyntaxNode node, int start, int end)
        {
            if (TextOf(node.ChildByFieldId(Field.Type)) is not { } written) return;
            string type = Syntax.OneLine(written);
            var call = NewCall(start, end, type, type, null, null, Up(1).Kind, isLiteral: false);
            if (node.ChildByFieldId(Field.Operand) is { } operand)
            {
                call.Arguments.Add(new ArgumentModel(_model.Text, null, GoShapes.Of(operand.Type), operand.StartByte, operand.EndByte, operand.StartByte, operand.EndByte));
                _openCalls.Add(new OpenCall(call, -1, -1, operand.StartByte, _frames.Count));
            }
        }

        private CallModel NewCall(int start, int end, string written, string? resolved, string? method, string? receiver, NodeKind parent, bool isLiteral)
        {
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
                IsStatement = parent == NodeKind.ExpressionStatement,
                IsDeferred = parent == NodeKind.DeferStatement,
                IsSpawned = parent == NodeKind.GoStatement,
                IsLiteral = isLiteral,
            };
            if (_openCalls.Count > 0)
            {
                var open = _openCalls[^1];
                // f(x).g(): this call is the receiver of the enclosing one; f(g(x)): an argument of it.
                if (start == open.ReceiverStart && end == open.ReceiverEnd) open.Call.ReceiverCall = call;
                else if (start >= open.ArgumentsStart && end <= open.Call.EndByte && open.Call.Function == Current) call.ArgumentOf = open.Call;
            }
            _model.Calls.Add(call);
            Current.Calls.Add(call);
            return call;
        }
    }
}
