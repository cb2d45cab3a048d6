using System;
using RuntimePerf.Languages.Common;
using RuntimePerf.TreeSitter;

namespace RuntimePerf.Languages.Rust
{
    /// <summary>Names and what they are bound to: identifier uses, let bindings (value kinds, lock guards), assignments.</summary>
    internal sealed partial class RustModelBuilder
    {
        // ---- names ----

        private void RecordIdentifier(int start, int end)
        {
            var parent = ParentKind();
            ushort field = _frames[^1].Field;
            switch (parent)
            {
                case NodeKind.ScopedIdentifier:
                case NodeKind.FunctionItem when field == Field.Name:
                case NodeKind.MacroInvocation when field == Field.Macro:
                case NodeKind.TupleStructPattern when field == Field.Type:
                case NodeKind.StructPattern when field == Field.Type:
                    return;
            }
            var kind = UseKind.Read;
            int i = _frames.Count - 1;
            while (i > 0 && _frames[i - 1].Kind is NodeKind.TuplePattern or NodeKind.TupleStructPattern or NodeKind.StructPattern or NodeKind.FieldPattern
                       or NodeKind.RefPattern or NodeKind.MutPattern or NodeKind.ReferencePattern or NodeKind.SlicePattern or NodeKind.OrPattern)
            {
                i--;
            }
            if (i > 0)
            {
                var holder = _frames[i - 1].Kind;
                ushort holderField = _frames[i].Field;
                if (holderField == Field.Pattern && (holder == NodeKind.LetDeclaration || holder == NodeKind.Parameter && ParentKindAt(i - 1) != NodeKind.ClosureParameters))
                {
                    kind = UseKind.Write; // bound with its kind when the let (or the function) is read
                }
                else if ((holderField == Field.Pattern && holder is NodeKind.ForExpression or NodeKind.LetCondition or NodeKind.Parameter)
                         || holder is NodeKind.ClosureParameters or NodeKind.MatchPattern)
                {
                    kind = UseKind.Write;
                    Bind(_model.Text.GetText(start, end), null, start);
                }
                else if (holderField == Field.Left && holder == NodeKind.AssignmentExpression)
                {
                    kind = UseKind.Write;
                }
                else if (holderField == Field.Left && holder == NodeKind.CompoundAssignmentExpr)
                {
                    _model.Uses.Add(new NameUse(start, end - start, UseKind.Read, Current.Index));
                    kind = UseKind.Write;
                }
            }
            _model.Uses.Add(new NameUse(start, end - start, kind, Current.Index));
        }

        private NodeKind ParentKindAt(int index) => index >= 1 ? _frames[index - 1].Kind : NodeKind.Other;

        /// <summary>
        /// Inline format arguments in a macro's string (<c>println!("{name}")</c>) read <c>name</c>: recorded as uses, so that a
        /// value read only there is not taken for unused.
        /// </summary>
        private void RecordFormatCaptures(int start, int end)
        {
            var text = _model.Text.Utf8;
            for (int i = start; i < end - 1; i++)
            {
                if (text[i] != (byte)'{') continue;
                if (text[i + 1] == (byte)'{') { i++; continue; }
                int j = i + 1;
                while (j < end && (text[j] == (byte)'_' || (text[j] < 128 && char.IsLetterOrDigit((char)text[j])))) j++;
                if (j > i + 1 && j < end && text[j] is (byte)'}' or (byte)':' && !char.IsDigit((char)text[i + 1]))
                {
                    _model.Uses.Add(new NameUse(i + 1, j - i - 1, UseKind.Read, Current.Index));
                }
                i = j - 1;
            }
        }

        // ---- let and assignments ----

        private void LeaveLet(SyntaxNode node)
        {
            var pattern = node.ChildByFieldId(Field.Pattern);
            var value = node.ChildByFieldId(Field.Value);
            if (pattern is not { } p) return;
            if (p.Type == "identifier")
            {
                string? type = node.ChildByFieldId(Field.Type) is { } t ? Short(t) : null;
                string? kind = type != null ? TypeKind(type, allowReference: false) : value is { } v ? KindOf(v) : null;
                Current.Locals.Bind(p.Text, kind, p.StartByte, value is { } lit && IsConstantVec(lit));
                if (value is { } lockValue && GuardedLock(lockValue) is { } guard) RecordGuard(node, p.Text, guard.Call, guard.Receiver, guard.Async);
                return;
            }
            BindPattern(p);
        }

        /// <summary><c>vec!["a", "b"]</c>: a fixed list of literals (searching it is not a scan of data).</summary>
        private static bool IsConstantVec(SyntaxNode value)
        {
            if (value.Type != "macro_invocation" || value.ChildByFieldId(Field.Macro)?.Text != "vec" || value.NamedChild(value.NamedChildCount - 1) is not { Type: "token_tree" } tokens)
                return false;
            if (tokens.NamedChildCount == 0) return false;
            foreach (var t in tokens.NamedChildren)
            {
                if (t.Type is not ("string_literal" or "raw_string_literal" or "integer_literal" or "float_literal" or "char_literal" or "boolean_literal")) return false;
            }
            return true;
        }

        /// <summary>Every name a destructuring pattern binds, of unknown kind (explicit stack: patterns nest).</summary>
        private void BindPattern(SyntaxNode pattern)
        {
            var work = new System.Collections.Generic.Stack<SyntaxNode>();
            work.Push(pattern);
            while (work.Count > 0)
            {
                var n = work.Pop();
                if (n.Type is "identifier" or "shorthand_field_identifier")
                {
                    if (n.Parent is not { Type: "tuple_struct_pattern" or "struct_pattern" } parent || parent.ChildByFieldId(Field.Type) is not { } t || t.StartByte != n.StartByte)
                    {
                        Bind(n.Text, null, n.StartByte);
                    }
                    continue;
                }
                foreach (var c in n.NamedChildren) work.Push(c);
            }
        }

        /// <summary>
        /// <c>let g = m.lock().unwrap();</c> (or <c>.read()</c>/<c>.write()</c>, with <c>?</c>/<c>expect</c>, <c>.map_err(…)?</c>, the
        /// poison-tolerant <c>.unwrap_or_else(…)</c>): a lock's guard
        /// bound to a name, held until the end of the enclosing block; <c>Async</c> for an async lock's
        /// (<c>m.lock().await</c>). <c>m.lock().unwrap().len()</c> drops its guard at the end of the statement.
        /// </summary>
        private static (SyntaxNode Call, SyntaxNode Receiver, bool Async)? GuardedLock(SyntaxNode value)
        {
            var v = value;
            bool awaited = false;
            while (true)
            {
                if (v.Type == "await_expression" && !awaited && v.NamedChild(0) is { } future) { v = future; awaited = true; continue; }
                if (v.Type == "try_expression" && v.NamedChild(0) is { } inner) { v = inner; continue; }
                if (v.Type == "call_expression" && v.ChildByFieldId(Field.Function) is { Type: "field_expression" } f
                    && f.ChildByFieldId(Field.Field_) is { } name && RustTables.TakesGuard(name.Text, v.ChildByFieldId(Field.Arguments) is { } args ? Short(args) : null) && f.ChildByFieldId(Field.Value) is { } recv)
                {
                    v = recv;
                    continue;
                }
                break;
            }
            if (v.Type != "call_expression" || v.ChildByFieldId(Field.Function) is not { Type: "field_expression" } callee) return null;
            if (callee.ChildByFieldId(Field.Field_) is not { } method || method.Text is not ("lock" or "read" or "write")) return null;
            if (v.ChildByFieldId(Field.Arguments) is not { NamedChildCount: 0 } || callee.ChildByFieldId(Field.Value) is not { } receiver) return null;
            // std::io's handles lock too (stdout().lock()), but nobody else waits on them.
            if (receiver.Type == "call_expression" && receiver.EndByte - receiver.StartByte <= MaxText
                && (receiver.Text.EndsWith("stdout()", StringComparison.Ordinal) || receiver.Text.EndsWith("stderr()", StringComparison.Ordinal)
                    || receiver.Text.EndsWith("stdin()", StringComparison.Ordinal))) return null;
            return (v, receiver, awaited);
        }

        private void RecordGuard(SyntaxNode let, string guard, SyntaxNode lockCall, SyntaxNode receiver, bool isAsync)
        {
            var block = _frames[_frames.Count - 1];
            var with = new WithModel
            {
                IsAsync = isAsync,
                StartByte = let.StartByte,
                EndByte = block.Kind == NodeKind.Block ? block.End : let.EndByte,
                BodyStartByte = let.EndByte,
                Function = Current,
            };
            with.Items.Add(new WithItem(Short(lockCall) ?? "…", CallAt(lockCall.StartByte, lockCall.EndByte), Short(receiver), guard));
            _model.Withs.Add(with);
        }

        private void LeaveAssignment(SyntaxNode node)
        {
            if (node.ChildByFieldId(Field.Left) is not { Type: "identifier" } left || node.ChildByFieldId(Field.Right) is not { } right) return;
            string name = left.Text;
            // s = format!("{s}{x}") / format!("{}{}", s, x): a new String with a copy of the old one, every time.
            if (right.Type == "macro_invocation" && right.ChildByFieldId(Field.Macro) is { } m && m.Text is "format" && Mentions(right, name))
            {
                _model.Updates.Add(new UpdateModel
                {
                    Name = name, Operator = "format!", Kind = UpdateKind.SelfConcat, StartByte = node.StartByte, EndByte = node.EndByte,
                    Function = Current, Loop = InnermostLoop(node.StartByte),
                });
            }
        }

        /// <summary>A use of <paramref name="name"/> recorded inside <paramref name="node"/> (a token or an inline format capture).</summary>
        private bool Mentions(SyntaxNode node, string name)
        {
            for (int i = _model.Uses.Count - 1; i >= 0 && _model.Uses[i].Start >= node.StartByte; i--)
            {
                if (_model.Uses[i].Start < node.EndByte && _model.NameIs(_model.Uses[i], name)) return true;
            }
            return false;
        }

        /// <summary>The kind of value an expression produces, from what has been recorded so far.</summary>
        private string? KindOf(SyntaxNode node)
        {
            switch (node.Type)
            {
                case "call_expression":
                    return CallAt(node.StartByte, node.EndByte) is { } call ? RustKnowledge.Instance.KindOfCall(call) : null;
                case "try_expression":
                case "parenthesized_expression":
                    // Unwrapped in a loop, not by recursion: parentheses can nest thousands deep.
                    var inner = node;
                    while (inner.Type is "try_expression" or "parenthesized_expression" && inner.NamedChild(0) is { } child) inner = child;
                    return inner.Type is "try_expression" or "parenthesized_expression" ? null : KindOf(inner);
                case "macro_invocation":
                    return node.ChildByFieldId(Field.Macro)?.Text switch { "vec" => ValueKinds.List, "format" => ValueKinds.String, _ => null };
                case "match_expression":
                    // match cmd.spawn() { Ok(c) => c, Err(e) => return … }: the value unwrapped, as `?` would
                    return node.ChildByFieldId(Field.Value) is { } scrutinee && node.ChildByFieldId(Field.Body) is { } arms && PassesThrough(arms)
                        ? KindOf(scrutinee) : null;
                default:
                    return null;
            }
        }

        /// <summary>An arm <c>Ok(x) =&gt; x</c> or <c>Some(x) =&gt; x</c>: the match hands on what its scrutinee holds.</summary>
        private static bool PassesThrough(SyntaxNode arms)
        {
            foreach (var arm in arms.NamedChildren)
            {
                if (arm.Type != "match_arm" || arm.ChildByFieldId(Field.Pattern) is not { } pattern || arm.ChildByFieldId(Field.Value) is not { } value) continue;
                string bound = value.Text.TrimEnd(',').Trim();
                if (pattern.Text == "Ok(" + bound + ")" || pattern.Text == "Some(" + bound + ")") return true;
            }
            return false;
        }
    }
}
