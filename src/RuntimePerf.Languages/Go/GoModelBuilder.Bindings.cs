using System.Collections.Generic;
using RuntimePerf.Languages.Common;
using RuntimePerf.TreeSitter;

namespace RuntimePerf.Languages.Go
{
    /// <summary>Bindings: identifier uses (reads, writes, element writes), assignments and declarations, and the kinds they give names.</summary>
    internal sealed partial class GoModelBuilder
    {
        private void RecordIdentifier(int start, int end)
        {
            if (end - start == 1 && _model.Text.Utf8[start] == (byte)'_') return;
            var self = _frames[^1];
            var parent = Up(1);
            var kind = UseKind.Read;
            switch (parent.Kind)
            {
                case NodeKind.ExpressionList when parent.Field == Field.Left && Up(2).Kind is NodeKind.ShortVarDeclaration or NodeKind.AssignmentStatement or NodeKind.RangeClause:
                case NodeKind.VarSpec or NodeKind.ConstSpec when self.Field == Field.Name:
                case NodeKind.ParameterDeclaration or NodeKind.VariadicParameterDeclaration when self.Field == Field.Name:
                case NodeKind.IncStatement or NodeKind.DecStatement:
                    kind = UseKind.Write;
                    break;
                case NodeKind.IndexExpression when self.Field == Field.Operand && Up(2).Kind == NodeKind.ExpressionList && Up(2).Field == Field.Left:
                // counts[k]++ adds the key as surely as counts[k] = v
                case NodeKind.IndexExpression when self.Field == Field.Operand && Up(2).Kind is NodeKind.IncStatement or NodeKind.DecStatement:
                    kind = UseKind.Mutate;
                    break;
                // {Addr: a}: a struct field's name, not a variable.
                case NodeKind.LiteralElement when parent.Field == Field.Key:
                    return;
            }
            _model.Uses.Add(new NameUse(start, end - start, kind, Current.Index));
        }

        private void LeaveAssignment(SyntaxNode node, NodeKind kind, int start, int end)
        {
            bool spec = kind is NodeKind.VarSpec or NodeKind.ConstSpec;
            var names = new List<SyntaxNode>();
            var values = new List<SyntaxNode>();
            string op = ":=";
            string? declaredType = null;
            if (spec)
            {
                foreach (var n in node.NamedChildren)
                {
                    if (n.Type == "identifier") names.Add(n);
                }
                declaredType = TextOf(node.ChildByFieldId(Field.Type));
                if (node.ChildByFieldId(Field.Value) is { } v) AddAll(values, v);
            }
            else
            {
                if (node.ChildByFieldId(Field.Left) is { } l) AddAll(names, l);
                if (node.ChildByFieldId(Field.Right) is { } r) AddAll(values, r);
                if (kind == NodeKind.AssignmentStatement) op = TextOf(node.ChildByFieldId(Field.Operator)) ?? "=";
            }
            if (names.Count == 0) return;
            if (op != "=" && op != ":=")
            {
                if (op == "+=" && names.Count == 1 && names[0].Type == "identifier") AddUpdate(names[0].Text, op, UpdateKind.Augmented, start, end);
                return;
            }
            string? sumKind = null;
            if (op == "=" && names.Count == 1 && names[0].Type == "identifier" && values.Count == 1
                && LeftmostAddend(values[0]) is { Type: "identifier" } left && left.Text == names[0].Text)
            {
                AddUpdate(names[0].Text, "+", UpdateKind.SelfConcat, start, end);
                // s = s + n: a sum has its first operand's type, so s keeps its kind (a string stays a string)
                sumKind = Current.Lookup(names[0].Text).Binding?.Kind;
            }
            else if (op == "=" && names.Count == 1 && names[0].Type == "identifier" && values.Count == 1 && FormatsItself(values[0], names[0].Text))
            {
                AddUpdate(names[0].Text, "fmt.Sprintf", UpdateKind.SelfConcat, start, end);
            }
            bool declares = spec || op == ":=";
            // var reserved = []string{"root", "system"}: a list written out of literals, until something assigns it again
            bool constant = kind == NodeKind.ConstSpec || kind == NodeKind.VarSpec && values.Count == 1 && names.Count == 1 && IsLiteralList(values[0]);
            if (values.Count == names.Count && names.Count > 1)
            {
                for (int i = 0; i < names.Count; i++) AddAssignment(new[] { names[i] }, values[i], declares, constant, declaredType, start, end);
            }
            else
            {
                AddAssignment(names, values.Count == 1 ? values[0] : null, declares, constant, declaredType, start, end, sumKind);
            }
        }

        /// <summary>
        /// The first operand of a <c>+</c> chain (<c>s + a + "\t"</c> parses as <c>(s + a) + "\t"</c>, so <c>s</c> is the leftmost
        /// leaf); null when the value is not a sum.
        /// </summary>
        private SyntaxNode? LeftmostAddend(SyntaxNode value)
        {
            SyntaxNode? node = value;
            bool sum = false;
            while (node is { Type: "binary_expression" } n && TextOf(n.ChildByFieldId(Field.Operator)) == "+")
            {
                sum = true;
                node = n.ChildByFieldId(Field.Left);
            }
            return sum ? node : null;
        }

        /// <summary><c>s = fmt.Sprintf("%s, %s", s, x)</c>: the new string holds the old one, copied whole, as <c>s = s + x</c> does.</summary>
        private bool FormatsItself(SyntaxNode value, string name)
        {
            if (value.Type != "call_expression" || Resolve(TextOf(value.ChildByFieldId(Field.Function))) != GoTables.Sprintf
                || value.ChildByFieldId(Field.Arguments) is not { NamedChildCount: > 1 } arguments) return false;
            for (int i = 1; i < arguments.NamedChildCount; i++)
            {
                if (arguments.NamedChild(i) is { Type: "identifier" } a && a.Text == name) return true;
            }
            return false;
        }

        private static void AddAll(List<SyntaxNode> into, SyntaxNode list)
        {
            if (list.Type != "expression_list") { into.Add(list); return; }
            foreach (var n in list.NamedChildren)
            {
                if (n.Type != "comment") into.Add(n);
            }
        }

        private void AddUpdate(string name, string op, UpdateKind kind, int start, int end) =>
            _model.Updates.Add(new UpdateModel { Name = name, Operator = op, Kind = kind, StartByte = start, EndByte = end, Function = Current, Loop = InnermostLoop(start) });

        private void AddAssignment(IReadOnlyList<SyntaxNode> targets, SyntaxNode? value, bool declares, bool constant, string? declaredType, int start, int end,
            string? knownKind = null)
        {
            var names = new string[targets.Count];
            for (int i = 0; i < names.Length; i++) names[i] = targets[i].Type == "identifier" ? targets[i].Text : "";
            var valueNode = value is { Type: "unary_expression" } u && u.ChildByFieldId(Field.Operand) is { Type: "composite_literal" } lit ? lit : value;
            var assignment = new AssignmentModel
            {
                Names = names,
                Declares = declares,
                StartByte = start,
                EndByte = end,
                Function = Current,
                Loop = InnermostLoop(start),
                ValueShape = value is { } v ? GoShapes.Of(v.Type) : Shape.Other,
                ValueStartByte = value?.StartByte ?? end,
                ValueEndByte = value?.EndByte ?? end,
                ValueCall = valueNode is { } vn ? CallAt(vn.StartByte, vn.EndByte, start) : null,
                DeclaredType = declaredType,
            };
            _model.Assignments.Add(assignment);
            string? kind = knownKind ?? (declaredType != null ? KindOfType(declaredType) : valueNode is { } n ? KindOfValue(n, assignment.ValueCall) : null);
            for (int i = 0; i < names.Length; i++)
            {
                if (names[i].Length == 0) continue;
                // a, err := f(): the call's kind is the first result's.
                string? k = i == 0 || declaredType != null ? kind : null;
                var scope = declares ? Current.Locals : Current.Lookup(names[i]).Owner?.Locals ?? Current.Locals;
                scope.Bind(names[i], k, targets[i].StartByte, constant);
            }
            if (kind == null && declares && names.Length == 1 && names[0].Length > 0 && valueNode is { Type: "selector_expression" } selector)
            {
                _fieldCopies.Add((Current, names[0], selector.Text, targets[0].StartByte));
            }
            // a, err := s.load(ctx), a := load(ctx): the file's own function, by the receiver's type or by name
            if (kind == null && declares && names[0].Length > 0 && assignment.ValueCall is { IsLiteral: false } call
                && (call.Receiver == null ? SourceModel.IsPlainName(call.Written) ? call.Written : null
                    : SourceModel.IsPlainName(call.Receiver) && Current.KindOf(call.Receiver) is { } owner && call.Method != null ? owner + "." + call.Method : null) is { } callee)
            {
                _resultCopies.Add((Current, names[0], callee, targets[0].StartByte));
            }
        }

        /// <summary>The call (or literal) spanning exactly [start, end), among those recorded since <paramref name="after"/>.</summary>
        private CallModel? CallAt(int start, int end, int after)
        {
            for (int i = _model.Calls.Count - 1; i >= 0 && _model.Calls[i].StartByte >= after; i--)
            {
                var c = _model.Calls[i];
                if (c.StartByte == start && c.EndByte == end) return c;
            }
            return null;
        }

        private string? KindOfValue(SyntaxNode value, CallModel? call)
        {
            switch (value.Type)
            {
                case "interpreted_string_literal":
                case "raw_string_literal":
                    return ValueKinds.String;
                case "int_literal":
                    return GoTables.IntKind;
                case "composite_literal":
                case "type_conversion_expression":
                    return KindOfType(TextOf(value.ChildByFieldId(Field.Type)));
                case "identifier":
                    return Current.KindOf(value.Text);
                case "binary_expression":
                    return value.ChildByFieldId(Field.Left) is { Type: "interpreted_string_literal" or "raw_string_literal" }
                        || value.ChildByFieldId(Field.Right) is { Type: "interpreted_string_literal" or "raw_string_literal" } ? ValueKinds.String : null;
                case "call_expression" when call != null:
                    if (call.Resolved is "make" or "new") return KindOfType(call.Positional(0)?.Text);
                    // out = append(out, x): still the slice it was ([]byte stays bytes), a slice whatever it was
                    if (call.Resolved == "append") return call.Positional(0) is { Shape: Shape.Name, Text: { } grown } ? Current.KindOf(grown) ?? ValueKinds.List : ValueKinds.List;
                    if (call.Resolved != null && GoTables.Returns.TryGetValue(call.Resolved, out var returned)) return returned;
                    return GoKnowledge.MethodResultKind(Current, call);
                default:
                    return null;
            }
        }

        /// <summary><c>[]string{"root", "system"}</c>: a slice literal whose elements are all literals.</summary>
        private static bool IsLiteralList(SyntaxNode value)
        {
            if (value.Type != "composite_literal" || value.ChildByFieldId(Field.Type) is not { Type: "slice_type" or "array_type" }
                || value.ChildByFieldId(Field.Body) is not { } body || body.NamedChildCount == 0) return false;
            foreach (var element in body.NamedChildren)
            {
                if (element.Type == "comment") continue;
                if (element.Type != "literal_element" || element.NamedChildCount != 1 || element.NamedChild(0) is not { } literal
                    || literal.Type is not ("interpreted_string_literal" or "raw_string_literal" or "int_literal" or "float_literal" or "rune_literal" or "true" or "false")) return false;
            }
            return true;
        }
    }
}
