using System;
using System.Collections.Generic;
using RuntimePerf.Languages.Common;
using RuntimePerf.TreeSitter;

namespace RuntimePerf.Languages.Rust
{
    /// <summary>Scopes: functions, async blocks and closures, impls and structs, loops.</summary>
    internal sealed partial class RustModelBuilder
    {
        private readonly List<int> _loopDepths = new();

        /// <summary>Ends of the sync closures being walked that an awaited call runs elsewhere.</summary>
        private readonly List<int> _offloadedUntil = new();

        /// <summary>The call at frame <paramref name="depth"/> is awaited (possibly through <c>?</c>).</summary>
        private bool AwaitedOrTried(int depth)
        {
            int up = depth - 1;
            while (up >= 0 && _frames[up].Kind == NodeKind.TryExpression) up--;
            return up >= 0 && _frames[up].Kind == NodeKind.AwaitExpression;
        }

        // ---- functions ----

        /// <returns>false when the function is a test that is not audited (its body is skipped).</returns>
        private bool EnterFunction(SyntaxNode node, int start, int end)
        {
            var attributes = Attributes(node);
            if (!_includeTests && IsTest(attributes)) return false;
            string name = node.ChildByFieldId(Field.Name) is { } n ? n.Text : "<fn>";
            int own = _frames.Count - 1;
            bool method = _impls.Count > 0 && _impls[^1].Depth == own - 2 && _impls[^1].Depth > FunctionDepth;
            string? className = method ? _impls[^1].TypeName : null;
            string qualified = className != null ? className + "::" + name : Current.Kind == FunctionKind.Module ? name : Current.QualifiedName + "::" + name;
            var fn = new FunctionModel(_model, FunctionKind.Function, name, qualified, Current.Kind == FunctionKind.Module ? null : Current, className, start, end)
            {
                IsAsync = IsAsyncFunction(node),
                ReturnsAwaitable = node.ChildByFieldId(Field.ReturnType) is { } returned && MayNameFuture(returned) && ReturnsFuture.IsMatch(returned.Text),
                ClassBases = method && _impls[^1].TraitName is { } t ? new[] { t } : Array.Empty<string>(),
                HeaderStartByte = attributes.Count > 0 ? attributes[0].StartByte : start,
                Namespace = _mods.Count > 0 ? _mods[^1].Path : null,
                // an item of an inline module sees the module's imports (its `use` items come first, as they do in practice)
                LocalImports = _mods.Count > 0 && Current.Kind == FunctionKind.Module ? new Dictionary<string, string>(_mods[^1].Imports, StringComparer.Ordinal) : null,
            };
            foreach (var a in attributes)
            {
                if (Decorator(a) is { } d) fn.Decorators.Add(d);
            }
            if (node.ChildByFieldId(Field.Parameters) is { } ps) ReadParameters(fn, ps);
            OpenFunction(fn);
            return true;
        }

        private void OpenFunction(FunctionModel fn)
        {
            if (fn.IsAsync) _model.HasAsyncCode = true;
            _model.Functions.Add(fn);
            _functions.Add(fn);
            _functionDepths.Add(_frames.Count - 1);
            _frames[_frames.Count - 1].Opens |= Opens.Function;
        }

        private int FunctionDepth => _functionDepths.Count == 0 ? -1 : _functionDepths[^1];

        /// <summary><c>-&gt; impl Future&lt;…&gt;</c>, <c>Pin&lt;Box&lt;dyn Future…&gt;&gt;</c>, <c>BoxFuture&lt;…&gt;</c>: a future the caller must poll, as an async fn's is.</summary>
        private static readonly System.Text.RegularExpressions.Regex ReturnsFuture =
            new(@"^(?:impl\s+(?:(?:std|core)::future::)?Future\b|(?:(?:std|core)::pin::)?Pin<\s*Box<\s*dyn\s+(?:(?:std|core)::future::)?Future\b|(?:futures::future::)?(?:Local)?BoxFuture\b)",
                System.Text.RegularExpressions.RegexOptions.CultureInvariant);

        /// <summary>The return type starts as a future type can (<c>impl</c>, <c>Pin</c>, <c>BoxFuture</c>…): most do not, and their text is not read.</summary>
        private bool MayNameFuture(SyntaxNode returned)
        {
            var head = _model.Text.Utf8.Slice(returned.StartByte, Math.Min(returned.EndByte - returned.StartByte, 16));
            return head.StartsWith("impl"u8) || head.StartsWith("Pin"u8) || head.StartsWith("std::pin"u8) || head.StartsWith("core::pin"u8)
                || head.StartsWith("BoxFuture"u8) || head.StartsWith("LocalBoxFuture"u8) || head.StartsWith("futures::"u8);
        }

        private static bool IsAsyncFunction(SyntaxNode node)
        {
            foreach (var c in node.NamedChildren)
            {
                if (c.Type == "function_modifiers") return c.Text.Contains("async", StringComparison.Ordinal);
                if (c.Type == "identifier") break;
            }
            return false;
        }

        /// <summary>An async block or async closure: async code that runs when it is awaited or spawned.</summary>
        private void EnterLambda(int start, int end)
        {
            string name = "<async block>";
            var fn = new FunctionModel(_model, FunctionKind.Lambda, name, Current.Kind == FunctionKind.Module ? name : Current.QualifiedName + "::" + name,
                Current, null, start, end) { IsAsync = true, HeaderStartByte = start, Namespace = _mods.Count > 0 ? _mods[^1].Path : null };
            OpenFunction(fn);
        }

        /// <summary>
        /// A <c>static</c> or <c>const</c> item declared inside a function (<c>static RE: LazyLock&lt;Regex&gt; = LazyLock::new(|| …)</c>
        /// in a loop body): its value is made once for the program, not on each pass or call, so it is a scope of its own.
        /// </summary>
        private void EnterInitializer(int start, int end)
        {
            string name = "<static initializer>";
            OpenFunction(new FunctionModel(_model, FunctionKind.Lambda, name, Current.QualifiedName + "::" + name, Current, null, start, end)
                { HeaderStartByte = start, Namespace = _mods.Count > 0 ? _mods[^1].Path : null });
        }

        /// <summary>
        /// A sync closure runs inline in its caller's code (it is no function of its own); given to an iterator adapter
        /// (<c>.map(|x| …)</c>, <c>.for_each(…)</c>) its body runs once per item, like a loop body.
        /// </summary>
        private void EnterClosure(SyntaxNode node, int start, int end)
        {
            if (StartsWithAsync(start))
            {
                EnterLambda(start, end);
                return;
            }
            _closureDepths.Add(_frames.Count - 1);
            _frames[_frames.Count - 1].Opens |= Opens.Closure;
            // asyncify(move || std::fs::read(p)).await: a sync closure handed to an awaited call runs where that call
            // puts it (a project's own spawn_blocking wrapper: tokio's asyncify, blocking's unblock, actix's web::block).
            if (ParentKind() == NodeKind.Arguments && _openCalls.Count > 0 && AwaitedOrTried(_openCalls[^1].Depth)) _offloadedUntil.Add(end);
            if (ParentKind() != NodeKind.Arguments || _openCalls.Count == 0 || _openCalls[^1].Call.Method is not { } m || !RustTables.IteratorAdapters.Contains(m)) return;
            var adapter = _openCalls[^1].Call;
            var body = node.ChildByFieldId(Field.Body);
            var loop = new LoopModel
            {
                Kind = LoopKind.Comprehension,
                StartByte = start,
                EndByte = end,
                BodyStartByte = body?.StartByte ?? end,
                BodyEndByte = body?.EndByte ?? end,
                Function = Current,
                Parent = _loops.Count > 0 ? _loops[^1] : null,
                IterableText = adapter.Receiver,
                IterableShape = adapter.ReceiverCall != null ? Shape.Call : Shape.Other,
                IterableStartByte = adapter.StartByte,
                IterableEndByte = adapter.StartByte + (adapter.Receiver?.Length ?? 0),
            };
            OpenLoop(loop);
        }

        private List<SyntaxNode> Attributes(SyntaxNode item)
        {
            var list = new List<SyntaxNode>();
            for (var s = item.PrevNamedSibling; s is { } sib; s = sib.PrevNamedSibling)
            {
                if (sib.Type == "attribute_item") list.Insert(0, sib);
                else if (sib.Type is not ("line_comment" or "block_comment")) break;
            }
            return list;
        }

        private DecoratorModel? Decorator(SyntaxNode attributeItem)
        {
            if (attributeItem.NamedChild(0) is not { } attribute || attribute.NamedChild(0) is not { } path) return null;
            string text = Short(attribute) ?? "…";
            string written = Short(path) ?? "…";
            string resolved = ResolvePath(written);
            int sep = written.LastIndexOf("::", StringComparison.Ordinal);
            return new DecoratorModel(text, resolved, attribute.NamedChildCount > 1, sep > 0 ? written.Substring(0, sep) : null,
                sep > 0 ? written.Substring(sep + 2) : written, attributeItem.StartByte, attributeItem.EndByte);
        }

        private bool IsTest(List<SyntaxNode> attributes)
        {
            foreach (var a in attributes)
            {
                if (Decorator(a) is not { } d) continue;
                if (RustTables.TestAttributes.Contains(d.Resolved ?? d.Text) || RustTables.TestAttributes.Contains(d.Method ?? "")) return true;
                if (d.Text.Replace(" ", "", StringComparison.Ordinal) == "cfg(test)") return true;
            }
            return false;
        }

        /// <summary>A <c>#[cfg(test)]</c> module (or one under a test attribute).</summary>
        private bool IsTestItem(SyntaxNode node) => IsTest(Attributes(node));

        private void ReadParameters(FunctionModel fn, SyntaxNode parameters)
        {
            foreach (var p in parameters.NamedChildren)
            {
                // &self, &'a self: only &self methods can be called on it (not &mut self, self, mut self)
                if (p.Type == "self_parameter") fn.TakesSelfShared = p.Text.StartsWith('&') && !RustTables.MutableBorrow().IsMatch(p.Text);
                if (p.Type != "parameter" || p.ChildByFieldId(Field.Pattern) is not { } pattern) continue;
                string? type = p.ChildByFieldId(Field.Type) is { } t ? Short(t) : null;
                string? name = pattern.Type == "identifier" ? pattern.Text
                    : pattern.Type == "tuple_struct_pattern" && pattern.NamedChildCount == 2 && pattern.NamedChild(1) is { Type: "identifier" } inner ? inner.Text
                    : pattern.Type == "mut_pattern" && pattern.NamedChild(pattern.NamedChildCount - 1) is { Type: "identifier" } m ? m.Text : null;
                // `_: &str`, `(a, b): (u8, u8)` keep their place: rules read a callee's parameters by position
                fn.Parameters.Add(new ParameterModel(name ?? "_", type, type != null ? ResolvePath(TypeBase(type)) : null));
                if (name != null) fn.Locals.Bind(name, TypeKind(type, allowReference: true), p.StartByte);
            }
        }

        // ---- inline modules ----

        /// <summary>
        /// <c>mod name { … }</c>: its items see its own imports (and the file's through <c>use super::…</c> only), and a bare
        /// name there calls its own functions, not the file's top level (nor the other way round).
        /// </summary>
        private void EnterMod(SyntaxNode node)
        {
            if (node.ChildByFieldId(Field.Body) == null || Current.Kind != FunctionKind.Module) return;
            string name = node.ChildByFieldId(Field.Name) is { } n ? n.Text : "<mod>";
            _mods.Add(new ModFrame(_mods.Count > 0 ? _mods[^1].Path + "::" + name : name, new Dictionary<string, string>(StringComparer.Ordinal)));
            _frames[_frames.Count - 1].Opens |= Opens.Mod;
        }

        // ---- impls and structs ----

        private void EnterImpl(SyntaxNode node, NodeKind kind)
        {
            var typeNode = kind == NodeKind.TraitItem ? node.ChildByFieldId(Field.Name) : node.ChildByFieldId(Field.Type);
            string type = typeNode is { } t ? TypeBase(Short(t) ?? "…") : "<impl>";
            string? trait = kind == NodeKind.ImplItem && node.ChildByFieldId(Field.Trait) is { } tr ? ResolvePath(TypeBase(Short(tr) ?? "…")) : null;
            _impls.Add(new ImplFrame(type, trait, _frames.Count - 1));
            _frames[_frames.Count - 1].Opens |= Opens.Impl;
            if (!_model.ClassScopes.ContainsKey(type)) _model.ClassScopes[type] = new Scope();
        }

        /// <summary>
        /// <c>impl Arbitrary for MerkleReg&lt;T&gt;</c> with quickcheck's, proptest's or the fuzzers' <c>Arbitrary</c>: it makes random
        /// values for property tests and fuzzing (<c>arbitrary</c>, <c>shrink</c>), test support however it is compiled in.
        /// </summary>
        private bool IsTestDataImpl(SyntaxNode node) =>
            node.ChildByFieldId(Field.Trait) is { } trait && RustTables.TestDataTraits.Contains(ResolvePath(TypeBase(Short(trait) ?? "")));

        /// <summary>A struct's field types give <c>self.field</c> its kind in the struct's methods.</summary>
        private void RecordStruct(SyntaxNode node)
        {
            if (node.ChildByFieldId(Field.Name) is not { } n || node.ChildByFieldId(Field.Body) is not { } body) return;
            string name = n.Text;
            if (!_model.ClassScopes.TryGetValue(name, out var scope)) _model.ClassScopes[name] = scope = new Scope();
            foreach (var field in body.NamedChildren)
            {
                if (field.Type != "field_declaration" || field.ChildByFieldId(Field.Name) is not { } fname) continue;
                string? type = field.ChildByFieldId(Field.Type) is { } t ? Short(t) : null;
                scope.Bind("self." + fname.Text, TypeKind(type, allowReference: true), field.StartByte);
            }
        }

        // ---- loops ----

        private LoopModel? InnermostLoop(int position) => LoopModel.Innermost(_loops, Current, position);

        private void EnterLoop(SyntaxNode node, NodeKind kind, int start, int end)
        {
            var body = node.ChildByFieldId(Field.Body);
            SyntaxNode? iterable = kind == NodeKind.ForExpression ? node.ChildByFieldId(Field.Value) : null;
            var loop = new LoopModel
            {
                Kind = kind == NodeKind.ForExpression ? LoopKind.For : LoopKind.While,
                StartByte = start,
                EndByte = end,
                BodyStartByte = body?.StartByte ?? end,
                BodyEndByte = body?.EndByte ?? end,
                Function = Current,
                Parent = _loops.Count > 0 ? _loops[^1] : null,
                IterableText = iterable is { } it ? Short(it) : null,
                IterableShape = iterable is { } shaped ? RustShapes.Of(shaped.Type) : Shape.Other,
                IterableStartByte = iterable?.StartByte ?? start,
                IterableEndByte = iterable?.EndByte ?? start,
            };
            if (iterable is { } r) loop.ConstantRange = ConstantRange(r);
            OpenLoop(loop);
        }

        private void OpenLoop(LoopModel loop)
        {
            _model.Loops.Add(loop);
            _loops.Add(loop);
            _loopDepths.Add(_frames.Count - 1);
            _frames[_frames.Count - 1].Opens |= Opens.Loop;
        }

        /// <summary><c>0..10</c> / <c>0..=9</c> with integer literals: the number of iterations.</summary>
        private static long? ConstantRange(SyntaxNode iterable)
        {
            if (iterable.Type != "range_expression" || iterable.NamedChildCount != 2) return null;
            if (iterable.NamedChild(0) is not { Type: "integer_literal" } lo || iterable.NamedChild(1) is not { Type: "integer_literal" } hi) return null;
            if (!long.TryParse(lo.Text.Replace("_", ""), out long a) || !long.TryParse(hi.Text.Replace("_", ""), out long b)) return null;
            return iterable.Text.Contains("..=", StringComparison.Ordinal) ? b - a + 1 : b - a;
        }

        /// <summary>Frame depths of the sync closures being walked (they are not functions of their own).</summary>
        private readonly List<int> _closureDepths = new();

        private bool InClosure => _closureDepths.Count > 0 && _closureDepths[^1] > FunctionDepth;

        /// <summary>Frame depths of the branches (if, else, match arm) and closures being walked.</summary>
        private readonly List<int> _branchDepths = new();

        /// <summary>
        /// A <c>match</c>, <c>if let</c> or <c>while let</c>, recorded as a branch whose condition is the scrutinee: the
        /// scrutinee's temporaries (a lock guard) live until the match ends, or through the <c>if let</c>'s block and each
        /// pass of the <c>while let</c>'s body. A plain <c>if</c>/<c>while</c> condition drops them before the block runs.
        /// </summary>
        private void RecordScrutinee(SyntaxNode node, NodeKind kind, int start)
        {
            SyntaxNode? scrutinee, held;
            if (kind == NodeKind.MatchExpression) (scrutinee, held) = (node.ChildByFieldId(Field.Value), node);
            else if (node.ChildByFieldId(Field.Condition) is { Type: "let_condition" } let)
                (scrutinee, held) = (let.ChildByFieldId(Field.Value), node.ChildByFieldId(kind == NodeKind.IfExpression ? Field.Consequence : Field.Body));
            else return;
            // while let Some(job) = { let mut q = jobs.lock().unwrap(); q.pop_front() }: the block drops its guard before the body
            if (scrutinee is not { } value || held is not { } scope || value.Type == "block") return;
            _model.Branches.Add(new BranchModel
            {
                StartByte = start, EndByte = scope.EndByte, ConditionStartByte = value.StartByte, ConditionEndByte = value.EndByte, Function = Current,
            });
        }

        private void OpenBranch()
        {
            _branchDepths.Add(_frames.Count - 1);
            _frames[_frames.Count - 1].Opens |= Opens.Branch;
        }

        /// <summary>A branch or closure lies between the current node and its innermost loop (or function): it may not run every pass.</summary>
        private bool InBranch()
        {
            int stop = Math.Max(_loopDepths.Count > 0 && _loops[^1].Function == Current ? _loopDepths[^1] : -1, FunctionDepth);
            return _branchDepths.Count > 0 && _branchDepths[^1] > stop;
        }

        private void Bind(string name, string? kind, int position) => Current.Locals.Bind(name, kind, position);
    }
}
