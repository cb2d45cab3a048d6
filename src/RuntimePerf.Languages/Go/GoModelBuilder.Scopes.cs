using RuntimePerf.Languages.Common;
using RuntimePerf.TreeSitter;

namespace RuntimePerf.Languages.Go
{
    /// <summary>Scopes: functions and methods (parameters, receivers), struct types (field kinds), loops and branches.</summary>
    internal sealed partial class GoModelBuilder
    {
        private void EnterFunction(SyntaxNode node, NodeKind kind, int start, int end)
        {
            var parent = Current;
            string name = kind == NodeKind.FuncLiteral ? "func literal" : TextOf(node.ChildByFieldId(Field.Name)) ?? "";
            string? receiverName = null, receiverType = null;
            if (kind == NodeKind.MethodDeclaration && node.ChildByFieldId(Field.Receiver) is { } receivers)
            {
                foreach (var p in receivers.NamedChildren)
                {
                    if (p.Type != "parameter_declaration") continue;
                    receiverName = TextOf(p.ChildByFieldId(Field.Name));
                    receiverType = BaseTypeName(TextOf(p.ChildByFieldId(Field.Type)));
                }
            }
            string qualified = kind == NodeKind.FuncLiteral
                ? (parent.Kind == FunctionKind.Module ? "" : parent.QualifiedName + ".") + "func literal"
                : receiverType != null ? receiverType + "." + name : name;
            var fn = new FunctionModel(_model, kind == NodeKind.FuncLiteral ? FunctionKind.Lambda : FunctionKind.Function, name, qualified,
                kind == NodeKind.FuncLiteral ? parent : null, receiverType, start, end)
            {
                HeaderStartByte = start,
            };
            if (receiverName != null && receiverType != null) fn.Locals.Bind(receiverName, receiverType, start);
            // func CORSWithConfig(c CORSConfig) echo.MiddlewareFunc: builds, once as the server is set up, what serves the requests
            if (kind != NodeKind.FuncLiteral && GoTables.BuildsHandler(TextOf(node.ChildByFieldId(Field.Result)))) fn.RunsOnce = true;
            string? firstResult = kind != NodeKind.FuncLiteral ? FirstResultType(node.ChildByFieldId(Field.Result)) : null;
            if (KindOfType(firstResult) is { } resultKind) _resultKinds[qualified] = resultKind;
            if (node.ChildByFieldId(Field.Parameters) is { } parameters)
            {
                foreach (var p in parameters.NamedChildren)
                {
                    if (p.Type is not ("parameter_declaration" or "variadic_parameter_declaration")) continue;
                    string? type = TextOf(p.ChildByFieldId(Field.Type));
                    string? kindOfType = p.Type == "variadic_parameter_declaration" ? ValueKinds.List : KindOfType(type);
                    bool named = false;
                    foreach (var n in p.NamedChildren)
                    {
                        if (n.Type != "identifier") continue;
                        named = true;
                        fn.Parameters.Add(new ParameterModel(n.Text, type, kindOfType));
                        fn.Locals.Bind(n.Text, kindOfType, n.StartByte);
                    }
                    if (!named) fn.Parameters.Add(new ParameterModel("_", type, kindOfType));
                }
            }
            // func UGCPolicy() *Policy, func DefaultConfig() Config: a factory named after the package's own type it builds, as NewX
            // is (not todoRegexp() *regexp.Regexp, which only compiles a pattern on every call)
            if (fn.Parameters.Count == 0 && BaseTypeName(firstResult) is { } typeName
                && typeName.IndexOf('.') < 0 && typeName.Length > 0 && char.IsUpper(typeName[0])
                && name.Length > typeName.Length && name.EndsWith(typeName, System.StringComparison.Ordinal))
            {
                fn.RunsOnce = true;
            }
            _model.Functions.Add(fn);
            _functions.Add(fn);
        }

        /// <summary>The type of a function's first result: <c>[]string</c> of <c>([]string, error)</c>; null when it has none.</summary>
        private string? FirstResultType(SyntaxNode? result)
        {
            if (result is not { Type: "parameter_list" } list) return TextOf(result);
            foreach (var p in list.NamedChildren)
            {
                if (p.Type == "parameter_declaration") return TextOf(p.ChildByFieldId(Field.Type));
            }
            return null;
        }

        /// <summary><c>type T struct { db *sql.DB }</c>: the kinds of T's fields, read when a method says <c>s.db</c>.</summary>
        private void RecordTypes(SyntaxNode declaration)
        {
            foreach (var spec in declaration.NamedChildren)
            {
                if (spec.Type != "type_spec" || TextOf(spec.ChildByFieldId(Field.Name)) is not { } name) continue;
                if (spec.ChildByFieldId(Field.Type) is not { } type || type.Type != "struct_type") continue;
                var scope = new Scope();
                _model.ClassScopes[name] = scope;
                foreach (var list in type.NamedChildren)
                {
                    foreach (var field in list.NamedChildren)
                    {
                        if (field.Type != "field_declaration") continue;
                        string? fieldType = TextOf(field.ChildByFieldId(Field.Type));
                        bool named = false;
                        foreach (var n in field.NamedChildren)
                        {
                            if (n.Type != "field_identifier") continue;
                            named = true;
                            scope.Bind(n.Text, KindOfType(fieldType), n.StartByte);
                        }
                        // An embedded field (sync.Mutex) is reached by its type's name.
                        if (!named && BaseTypeName(fieldType) is { } embedded)
                        {
                            int dot = embedded.LastIndexOf('.');
                            scope.Bind(dot < 0 ? embedded : embedded.Substring(dot + 1), KindOfType(fieldType), field.StartByte);
                        }
                    }
                }
            }
        }

        private void EnterLoop(SyntaxNode node, int start, int end)
        {
            var body = node.ChildByFieldId(Field.Body);
            LoopKind kind = LoopKind.While;
            string? iterable = null;
            Shape shape = Shape.Other;
            int iterStart = 0, iterEnd = 0;
            long? constant = null;
            (string, string)? counted = null;
            foreach (var child in node.NamedChildren)
            {
                if (child.Type == "range_clause" && child.ChildByFieldId(Field.Right) is { } right)
                {
                    kind = LoopKind.For;
                    iterable = TextOf(right);
                    shape = GoShapes.Of(right.Type);
                    (iterStart, iterEnd) = (right.StartByte, right.EndByte);
                    if (right.Type == "int_literal" && long.TryParse(iterable, out long n)) constant = n;
                    // range []string{"audit", "moderation"}: as many passes as the literal has elements
                    else if (right.Type == "composite_literal" && right.ChildByFieldId(Field.Body) is { } elements) constant = ElementCount(elements);
                }
                else if (child.Type == "for_clause")
                {
                    kind = LoopKind.For;
                    // for i := 0; i < 10; i++: a fixed count.
                    if (child.ChildByFieldId(Field.Condition) is { Type: "binary_expression" } condition
                        && condition.ChildByFieldId(Field.Right) is { Type: "int_literal" } bound && long.TryParse(bound.Text, out long n))
                    {
                        constant = n;
                    }
                    counted = CountedBy(child);
                }
            }
            var loop = new LoopModel
            {
                Kind = kind,
                StartByte = start,
                EndByte = end,
                BodyStartByte = body?.StartByte ?? end,
                BodyEndByte = body?.EndByte ?? end,
                Function = Current,
                Parent = InnermostLoop(start),
                IterableText = iterable,
                IterableShape = shape,
                IterableStartByte = iterStart,
                IterableEndByte = iterEnd,
                ConstantRange = constant,
                AtMost = body is { } b && LeavesOnFirstPass(b) ? 1 : null,
                Counted = counted,
            };
            _model.Loops.Add(loop);
            _loops.Add(loop);
        }

        /// <summary>
        /// <c>for _, rp := range providers { …; go watch(rp); return nil }</c>: the body ends in a <c>return</c> (or a <c>break</c>) and
        /// has no <c>continue</c>, so the loop stops in its first pass — it takes the first item, not each one.
        /// </summary>
        private static bool LeavesOnFirstPass(SyntaxNode body)
        {
            // the grammar wraps a block's statements in a statement_list
            var last = LastStatement(body);
            if (last is { Type: "statement_list" } list) last = LastStatement(list);
            if (last is not { Type: "return_statement" or "break_statement" } leave || leave.Type == "break_statement" && leave.NamedChildCount > 0) return false;
            foreach (var n in body.DescendantsAndSelf())
            {
                if (n.Type is "continue_statement" or "goto_statement") return false;
            }
            return true;
        }

        private static SyntaxNode? LastStatement(SyntaxNode block)
        {
            SyntaxNode? last = null;
            foreach (var statement in block.NamedChildren)
            {
                if (statement.Type != "comment") last = statement;
            }
            return last;
        }

        private static long ElementCount(SyntaxNode literal)
        {
            long count = 0;
            foreach (var element in literal.NamedChildren)
            {
                if (element.Type != "comment") count++;
            }
            return count;
        }

        /// <summary>
        /// <c>i := a; i &lt; n; i++</c> (also <c>&lt;=</c>, <c>!=</c>, <c>n &gt; i</c>) counts up to n; <c>i := n; i &gt; a; i--</c>
        /// counts down from n: the counter and n. Anything else (no initializer, another update, a compound condition): null.
        /// </summary>
        private (string, string)? CountedBy(SyntaxNode clause)
        {
            if (clause.ChildByFieldId(Field.Initializer) is not { Type: "short_var_declaration" } init
                || init.ChildByFieldId(Field.Left) is not { NamedChildCount: 1 } left || init.ChildByFieldId(Field.Right) is not { NamedChildCount: 1 } right
                || clause.ChildByFieldId(Field.Condition) is not { Type: "binary_expression" } condition
                || clause.ChildByFieldId(Field.Update) is not { Type: "inc_statement" or "dec_statement" } update) return null;
            string counter = TextOf(left.NamedChild(0))!;
            if (TextOf(update.NamedChild(0)) != counter) return null;
            var (l, r) = (condition.ChildByFieldId(Field.Left), condition.ChildByFieldId(Field.Right));
            string? op = condition.ChildByFieldId(Field.Operator)?.Type;
            if (l == null || r == null || op == null) return null;
            // n > i reads as i < n.
            if (TextOf(r) == counter && TextOf(l) != counter) (l, r, op) = (r, l, op switch { ">" => "<", ">=" => "<=", "<" => ">", "<=" => ">=", _ => op });
            if (TextOf(l) != counter) return null;
            bool up = update.Type == "inc_statement";
            if (up && op is "<" or "<=" or "!=") return (counter, TextOf(r)!);
            if (!up && op is ">" or ">=" or "!=") return (counter, TextOf(right.NamedChild(0))!);
            return null;
        }

        private void EnterBranch(SyntaxNode node, NodeKind kind, int start, int end)
        {
            var condition = kind == NodeKind.IfStatement ? node.ChildByFieldId(Field.Condition)
                : kind == NodeKind.ExpressionSwitchStatement ? node.ChildByFieldId(Field.Value) : null;
            int alternative = AlternativeOf(node, kind);
            _model.Branches.Add(new BranchModel
            {
                StartByte = start,
                EndByte = end,
                ConditionStartByte = condition?.StartByte ?? start,
                ConditionEndByte = condition?.EndByte ?? start,
                Function = Current,
                AlternativeStartByte = alternative,
                WaitsForACase = kind == NodeKind.SelectStatement && alternative < 0,
            });
        }

        /// <summary>The <c>else</c> of an if, the <c>default</c> case of a switch or select; -1 when there is none.</summary>
        private static int AlternativeOf(SyntaxNode node, NodeKind kind)
        {
            if (kind == NodeKind.IfStatement) return node.ChildByFieldId(Field.Alternative)?.StartByte ?? -1;
            foreach (var child in node.NamedChildren)
            {
                if (child.Type == "default_case") return child.StartByte;
            }
            return -1;
        }

        /// <summary>The innermost loop of the current function whose body holds <paramref name="position"/>.</summary>
        private LoopModel? InnermostLoop(int position) => LoopModel.Innermost(_loops, Current, position);
    }
}
