using System.Collections.Generic;
using RuntimePerf.Languages.Common;
using RuntimePerf.TreeSitter;

namespace RuntimePerf.Languages.Python
{
    /// <summary>Names and what they are bound to: identifier uses, assignments (value kinds), augmented updates, membership tests.</summary>
    internal sealed partial class PythonModelBuilder
    {
        // ---- names ----

        private void RecordIdentifier(int start, int end)
        {
            var parent = ParentKind();
            ushort field = _frames[^1].Field;
            switch (parent)
            {
                case NodeKind.Attribute when field == Field.Attribute:
                case NodeKind.KeywordArgument when field == Field.Name:
                case NodeKind.FunctionDefinition when field == Field.Name:
                case NodeKind.ClassDefinition when field == Field.Name:
                case NodeKind.Parameters:
                case NodeKind.LambdaParameters:
                case NodeKind.TypedParameter:
                case NodeKind.ListSplatPattern:
                case NodeKind.DictionarySplatPattern:
                case NodeKind.DefaultParameter when field == Field.Name:
                case NodeKind.TypedDefaultParameter when field == Field.Name:
                    return;
            }
            var kind = UseKind.Read;
            // Climb through patterns to see whether this name is an assignment target.
            int i = _frames.Count - 1;
            while (i > 0 && _frames[i - 1].Kind is NodeKind.PatternList or NodeKind.TuplePattern or NodeKind.ListPattern or NodeKind.ParenthesizedExpression
                       or NodeKind.ExpressionList)
            {
                i--;
            }
            if (i > 0)
            {
                var holder = _frames[i - 1].Kind;
                ushort holderField = _frames[i].Field;
                if (holderField == Field.Left && holder is NodeKind.Assignment or NodeKind.ForStatement or NodeKind.ForInClause) kind = UseKind.Write;
                else if (holder == NodeKind.AsPatternTarget || (holder == NodeKind.NamedExpression && holderField == Field.Name)) kind = UseKind.Write;
                else if (holderField == Field.Left && holder == NodeKind.AugmentedAssignment)
                {
                    _model.Uses.Add(new NameUse(start, end - start, UseKind.Read, Current.Index));
                    kind = UseKind.Write;
                }
                else if ((holder == NodeKind.Subscript && holderField == Field.Value || holder == NodeKind.Attribute && holderField == Field.Object) && IsTarget(i - 1))
                {
                    kind = UseKind.Mutate;
                }
            }
            _model.Uses.Add(new NameUse(start, end - start, kind, Current.Index));
        }

        /// <summary>The frame at <paramref name="index"/> is assigned to or deleted.</summary>
        private bool IsTarget(int index)
        {
            if (index < 1) return false;
            var holder = _frames[index - 1].Kind;
            ushort field = _frames[index].Field;
            return (field == Field.Left && holder is NodeKind.Assignment or NodeKind.AugmentedAssignment) || holder == NodeKind.DeleteStatement;
        }

        // ---- assignments ----

        private void LeaveAssignment(SyntaxNode node)
        {
            var left = node.ChildByFieldId(Field.Left);
            var right = node.ChildByFieldId(Field.Right);
            // result = total = "": each target holds the value at the end of the chain (two names for one list: neither is a fixed table)
            bool chain = false;
            while (right is { Type: "assignment" } chained) (right, chain) = (chained.ChildByFieldId(Field.Right), true);
            if (left is not { } l) return;
            if (l.Type == "identifier")
            {
                string name = l.Text;
                string? kind = right is { } r ? KindOf(r) : null;
                if (kind == null && node.ChildByFieldId(Field.Type) is { } t) kind = AnnotationKind(Short(t), out _);
                bool constant = !chain && right is { } rr && IsConstantCollection(rr);
                if (right is { } r2 && LeftmostOfSum(r2) is { } bl && bl.Type == "identifier" && bl.Text == name)
                {
                    _model.Updates.Add(new UpdateModel
                    {
                        Name = name, Operator = "+", Kind = UpdateKind.SelfConcat, StartByte = node.StartByte, EndByte = node.EndByte,
                        Function = Current, Loop = InnermostLoop(node.StartByte),
                    });
                }
                // A class attribute or field (`session: requests.Session` in a dataclass) is what `self.session` reads in its methods.
                if (kind != null && _classes.Count > 0 && _classes[^1].Depth == _frames.Count - 3)
                {
                    _model.ClassScopes[_classes[^1].QualifiedName].Bind("self." + name, kind, l.StartByte);
                }
                if (right is not { } value) return;
                Bind(name, kind, l.StartByte, constant, from: node.EndByte);
                var assigned = value.Type == "call" ? CallAt(value.StartByte, value.EndByte) : null;
                if (assigned != null) assigned.AssignedTo ??= name;
                _model.Assignments.Add(new AssignmentModel
                {
                    Names = new[] { name }, StartByte = node.StartByte, EndByte = node.EndByte, Function = Current, Loop = InnermostLoop(node.StartByte),
                    ValueShape = PythonShapes.Of(value.Type), ValueStartByte = value.StartByte, ValueEndByte = value.EndByte, ValueCall = assigned,
                    // the walk's frames, not node.Parent (tree-sitter finds a parent by walking down from the root)
                    BlockStart = _frames.Count >= 2 && _frames[^1].Kind == NodeKind.ExpressionStatement ? _frames[^2].Start : -1,
                });
            }
            else if (l.Type == "attribute" && l.ChildByFieldId(Field.Object) is { } o && o.Type == "identifier" && o.Text == "self"
                     && Current.ClassName is { } cls && l.ChildByFieldId(Field.Attribute) is { } attr)
            {
                // `self.client = None` (before connecting, after closing) says nothing of what the attribute holds when used.
                if (right is { } none && none.Type == "none") return;
                string? kind = right is { } r ? KindOf(r) : null;
                if (kind == null && node.ChildByFieldId(Field.Type) is { } t) kind = AnnotationKind(Short(t), out _);
                _model.ClassScopes[cls].Bind("self." + attr.Text, kind, l.StartByte);
            }
            else if (l.Type is "pattern_list" or "tuple_pattern")
            {
                // reader, writer = await asyncio.open_connection(…)
                var names = new List<SyntaxNode>(l.NamedChildren);
                bool streams = right is { } r && r.Type == "await" && r.NamedChild(0) is { } c && c.Type == "call"
                    && CallAt(c.StartByte, c.EndByte) is { } call
                    && call.Resolved is "asyncio.open_connection" or "asyncio.open_unix_connection";
                // (src, dst) = (Path(a), Path(b)): each name takes the kind of its own value.
                var values = right is { } rv && rv.Type is "tuple" or "expression_list" && rv.NamedChildCount == names.Count
                    ? new List<SyntaxNode>(rv.NamedChildren) : null;
                for (int i = 0; i < names.Count; i++)
                {
                    if (names[i].Type != "identifier") continue;
                    string? kind = streams && i == 1 ? "StreamWriter" : values != null ? KindOf(values[i]) : null;
                    Bind(names[i].Text, kind, names[i].StartByte, from: node.EndByte);
                }
            }
        }

        /// <summary>The first operand of a <c>+</c> chain (<c>s</c> in <c>s + a + b</c>), or null when the node is not a sum.</summary>
        private static SyntaxNode? LeftmostOfSum(SyntaxNode node)
        {
            SyntaxNode? leftmost = null;
            while (node.Type == "binary_operator" && node.ChildByFieldId(Field.Operator) is { } op && op.Type == "+"
                   && node.ChildByFieldId(Field.Left) is { } left)
            {
                leftmost = left;
                node = left;
            }
            return leftmost;
        }

        private void EnterAugmented(SyntaxNode node, int start, int end)
        {
            if (node.ChildByFieldId(Field.Left) is not { } l || l.Type != "identifier") return;
            string op = node.ChildByFieldId(Field.Operator)?.Type ?? "";
            _model.Updates.Add(new UpdateModel
            {
                Name = l.Text, Operator = op, Kind = UpdateKind.Augmented, StartByte = start, EndByte = end, Function = Current,
                Loop = InnermostLoop(start),
            });
        }

        /// <param name="joined">An operand of <c>+</c>: there a name bound to a constant collection joins a new fixed list (an alias
        /// alone is the same list, which the code may still extend).</param>
        private bool IsConstantCollection(SyntaxNode node, bool joined = false)
        {
            // [str(bits) for bits in range(8, 16)]: a small collection of fixed size, like a literal.
            if (node.Type is "list_comprehension" or "set_comprehension") return IsSmallFixedComprehension(node);
            // list(SETMAP.keys()), sorted(names): a copy of a constant collection has its fixed size
            if (node.Type == "call") return IsCopyOfConstant(node);
            // (_python_space_both + ["!", "~"]): a joined constant in parentheses; its parts may be names bound to constant collections
            if (node.Type == "parenthesized_expression" && node.NamedChildCount == 1 && node.NamedChild(0) is { } inner) return IsConstantCollection(inner, joined);
            if (node.Type == "identifier") return joined && Current.Lookup(node.Text).Binding is { IsConstant: true, Count: 1 };
            // [500, 502] + list(range(520, 531)): constants joined
            if (node.Type == "binary_operator" && node.ChildByFieldId(Field.Operator) is { Type: "+" }
                && node.ChildByFieldId(Field.Left) is { } left && node.ChildByFieldId(Field.Right) is { } right) return IsConstantCollection(left, true) && IsConstantCollection(right, true);
            if (node.Type is not ("list" or "tuple" or "set" or "dictionary")) return false;
            if (node.NamedChildCount == 0) return false;
            foreach (var c in node.NamedChildren)
            {
                // {1: None, 2: None}: a table with fixed keys, whatever the values
                var item = c.Type == "pair" && c.ChildByFieldId(Field.Key) is { } key ? key : c;
                if (!IsConstantItem(item)) return false;
            }
            return true;
        }

        /// <summary>
        /// A literal, or a constant named in capitals: of the module (<c>[TILEWIDTH, TILELENGTH]</c>) or of a class or enum
        /// (<c>[GlobalTokens.ENTITY, GlobalTokens.PI]</c>).
        /// </summary>
        private static bool IsConstantItem(SyntaxNode item) =>
            item.Type is "string" or "integer" or "float" or "true" or "false" or "none" or "comment" or "concatenated_string"
            || item.Type == "identifier" && PythonTables.IsConstantName(item.Text)
            || item.Type == "attribute" && item.ChildByFieldId(Field.Object) is { Type: "identifier" } owner && char.IsUpper(owner.Text[0])
               && item.ChildByFieldId(Field.Attribute) is { } name && PythonTables.IsConstantName(name.Text);

        /// <summary><c>names.keys()</c>, <c>names.values()</c>, <c>names.items()</c>: <c>names</c>, whose entries they list; else the node itself.</summary>
        private static SyntaxNode ViewedTable(SyntaxNode node) =>
            node.Type == "call" && node.ChildByFieldId(Field.Function) is { Type: "attribute" } view
            && view.ChildByFieldId(Field.Attribute) is { Text: "keys" or "values" or "items" } && view.ChildByFieldId(Field.Object) is { } owner
            && node.ChildByFieldId(Field.Arguments) is { NamedChildCount: 0 } ? owner : node;

        private bool IsCopyOfConstant(SyntaxNode call)
        {
            if (call.ChildByFieldId(Field.Function) is not { Type: "identifier" } f || !PythonTables.CollectionCopies.Contains(f.Text)
                || Current.Shadows(f.Text) || call.ChildByFieldId(Field.Arguments) is not { NamedChildCount: > 0 } args
                || args.NamedChild(0) is not { Type: not "keyword_argument" } source) return false;
            // sorted(SEVERITY_ORDER, key=…, reverse=True): the same few items in another order
            for (int i = 1; i < args.NamedChildCount; i++)
            {
                if (args.NamedChild(i) is not { Type: "keyword_argument" }) return false;
            }
            source = ViewedTable(source);
            // list(range(520, 531)): the numbers of a small constant range, as a comprehension over one; list("+-*/"): the
            // characters of a string written in the code (patsy's operator tables)
            return source.Type == "identifier" && Current.Lookup(source.Text).Binding is { IsConstant: true } || ConstantRange(source) is <= 16
                || source.Type == "string" && !HasInterpolation(source);
        }

        /// <summary>An f-string's <c>{…}</c> part: a string that is not written out in the code.</summary>
        private static bool HasInterpolation(SyntaxNode text)
        {
            foreach (var part in text.NamedChildren)
            {
                if (part.Type == "interpolation") return true;
            }
            return false;
        }

        private static bool IsSmallFixedComprehension(SyntaxNode node)
        {
            int clauses = 0;
            long? count = null;
            bool configured = false;
            foreach (var c in node.NamedChildren)
            {
                if (c.Type == "for_in_clause")
                {
                    clauses++;
                    count = c.ChildByFieldId(Field.Right) is { } r ? ConstantRange(r) : null;
                    configured = c.ChildByFieldId(Field.Right) is { } source && ReadsSetting(source);
                }
            }
            return clauses == 1 && (count is { } n && n <= 16 || configured);
        }

        /// <summary>
        /// <c>get_config_parameter('ATTRIBUTES_EXCLUDED_FROM_CHECK')</c>, <c>settings.get("ALLOWED_HOSTS")</c>: a setting read by a
        /// key written in the code (a function named for configuration, given only literals) — a list as long as the configuration.
        /// </summary>
        private static bool ReadsSetting(SyntaxNode source)
        {
            if (source.Type != "call" || source.ChildByFieldId(Field.Function) is not { } callee || source.ChildByFieldId(Field.Arguments) is not { NamedChildCount: > 0 } args) return false;
            foreach (var a in args.NamedChildren)
            {
                // a key (ATTRIBUTES_EXCLUDED_FROM_CHECK, "auth.hosts"), not a query's text
                if (a.Type != "string" || !PythonTables.SettingKey().IsMatch(a.Text)) return false;
            }
            // get_config_parameter(…), get_setting(…): the function's own name; settings.get(…), self.config.get(…): a get on the
            // configuration object itself (not NotificationSetting.objects.only(…), a table)
            string text = callee.Text;
            int dot = text.LastIndexOf('.');
            string name = text.Substring(dot + 1);
            if (CallNames.HasWordIn(name, PythonTables.SettingWords)) return true;
            if (name != "get" || dot < 0) return false;
            string holder = text.Substring(0, dot);
            return PythonTables.SettingWords.Contains(holder.Substring(holder.LastIndexOf('.') + 1).ToLowerInvariant());
        }

        /// <summary>The kind of value an expression produces, from what has been recorded so far.</summary>
        private string? KindOf(SyntaxNode node)
        {
            switch (node.Type)
            {
                case "call":
                    return CallAt(node.StartByte, node.EndByte) is { } call ? PythonKnowledge.Instance.KindOfCall(call) : null;
                case "await":
                    // picture = await asyncio.to_thread(Image.open, buf): what the offloaded function returns
                    return node.NamedChild(0) is { Type: "call" } awaited && CallAt(awaited.StartByte, awaited.EndByte) is { } offload
                        ? KindOfOffloadedResult(offload) : null;
                case "list":
                case "list_comprehension":
                    return "list";
                case "set":
                case "set_comprehension":
                    return "set";
                case "dictionary":
                case "dictionary_comprehension":
                    return "dict";
                case "string":
                case "concatenated_string":
                    return "str";
                case "identifier":
                    return Current.KindAt(node.Text, node.StartByte);
                case "attribute":
                    // self.root, set from a parameter annotated Path in __init__ (written before): (self.root / key).read_bytes()
                    if (node.ChildByFieldId(Field.Object) is { Type: "identifier", Text: "self" } && node.EndByte - node.StartByte <= 64) return Current.KindOfSelfAttribute(node.Text);
                    // Path(p).parent is a Path
                    return node.ChildByFieldId(Field.Object) is { } o && KindOf(o) is { } ok && node.ChildByFieldId(Field.Attribute) is { } at
                        && PythonTables.AttributeResults.TryGetValue((ok, at.Text), out var ak) ? ak : null;
                case "parenthesized_expression":
                    return node.NamedChild(0) is { } inner ? KindOf(inner) : null;
                case "binary_operator":
                    var left = node.ChildByFieldId(Field.Left);
                    var right = node.ChildByFieldId(Field.Right);
                    string op = node.ChildByFieldId(Field.Operator)?.Type ?? "";
                    string? lk = left is { } l ? KindOf(l) : null;
                    if (op == "/" && lk == "Path") return "Path";
                    if (op == "+" || op == "%")
                    {
                        if (lk == "str") return "str";
                        if (op == "+" && right is { } r && KindOf(r) == "str") return "str";
                        if (op == "+" && lk == "list") return "list";
                    }
                    return null;
                default:
                    return null;
            }
        }

        // ---- comparisons ----

        private void EnterComparison(SyntaxNode node, int start, int end)
        {
            // `x in items`: exactly two operands and an `in`/`not in` operator.
            if (node.NamedChildCount != 2) return;
            bool membership = false;
            foreach (var c in node.Children)
            {
                if (!c.IsNamed && c.Type is "in" or "not in") { membership = true; break; }
            }
            if (!membership || node.NamedChild(1) is not { } container) return;
            _model.Memberships.Add(new MembershipModel
            {
                StartByte = start,
                EndByte = end,
                Function = Current,
                Loop = InnermostLoop(start),
                ContainerName = container.Type == "identifier" || (container.Type == "attribute" && IsDotted(Short(container) ?? "("))
                    ? container.Text : null,
                Text = Short(node) ?? "…",
            });
        }
    }
}
