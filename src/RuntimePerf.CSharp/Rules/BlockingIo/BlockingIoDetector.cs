using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using RuntimePerf.CSharp.Analysis;
using RuntimePerf.Engine.Model;

namespace RuntimePerf.CSharp.Rules.BlockingIo
{
    /// <summary>
    /// RP0001: a synchronous call that has an awaitable twin on the same type hierarchy (<c>X</c> → <c>XAsync</c>,
    /// callable with the same arguments plus optionally a CancellationToken), or a twin listed in
    /// <see cref="BlockingIoTable.Twins"/>, inside async code or a request handler.
    /// </summary>
    internal sealed class BlockingIoDetector : Detector
    {
        private readonly TypeSet _ioTypes;
        private readonly TypeSet _excluded;
        private readonly TypeSet _streams;
        private readonly TypeSet _cancellationToken;
        private readonly MemberTable _notIoMembers;
        private readonly Dictionary<INamedTypeSymbol, Dictionary<string, string>> _twins =
            new Dictionary<INamedTypeSymbol, Dictionary<string, string>>(SymbolEqualityComparer.Default);
        // Per-compilation caches (the detector lives for one compilation): most invocations are on a few types and
        // names, and neither the methods a search finds nor whether a type is awaitable depend on the call site.
        private readonly ConcurrentDictionary<INamedTypeSymbol, ConcurrentDictionary<string, ISymbol[]>> _membersByStart =
            new ConcurrentDictionary<INamedTypeSymbol, ConcurrentDictionary<string, ISymbol[]>>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<ITypeSymbol, bool> _asyncResults =
            new ConcurrentDictionary<ITypeSymbol, bool>(SymbolEqualityComparer.Default);
        private readonly Lazy<Dictionary<string, List<IMethodSymbol>>> _sourceExtensions;

        public BlockingIoDetector(AnalysisSession session, Compilation compilation) : base(session)
        {
            _ioTypes = new TypeSet(compilation, BlockingIoTable.IoTypes);
            _excluded = new TypeSet(compilation, BlockingIoTable.ExcludedTypes);
            _streams = new TypeSet(compilation, new[] { "System.IO.Stream", "System.IO.TextReader", "System.IO.TextWriter", "System.Xml.XmlReader", "System.Xml.XmlWriter" });
            _cancellationToken = new TypeSet(compilation, new[] { "System.Threading.CancellationToken" });
            _notIoMembers = new MemberTable(compilation, BlockingIoTable.NotIoMembersOf);
            _sourceExtensions = new Lazy<Dictionary<string, List<IMethodSymbol>>>(() => SourceExtensions(compilation));
            Helpers = new BlockingHelpers(compilation, this);
            foreach (var row in BlockingIoTable.Twins)
            {
                foreach (var type in compilation.GetTypesByMetadataName(row.Key)) _twins[type] = row.Value;
            }
        }

        /// <summary>The compilation's sync helpers that block (RP0002 asks it about sleeps).</summary>
        public BlockingHelpers Helpers { get; }

        public override ImmutableArray<OperationKind> Kinds { get; } = ImmutableArray.Create(OperationKind.Invocation);

        public override void Analyze(IOperation operation, CancellationToken ct)
        {
            var call = (IInvocationOperation)operation;
            if (IsAwaited(call)) return;
            if (!(Classify(call, ct) is var (name, twin, confidence)))
            {
                ReportHelper(call, ct);
                return;
            }
            var scope = Session.ScopeOf(operation, ct);
            if (!scope.MayBeAsyncPath) return;

            var method = call.TargetMethod;
            var receiver = OperationFacts.Receiver(call);
            string target = receiver != null && !receiver.IsImplicit ? OperationFacts.Snippet(receiver.Syntax, 40) + "."
                : method.IsStatic ? method.ContainingType.Name + "."
                : "";
            Session.Add(new Candidate("RP0001", OperationFacts.NameLocation(call), scope,
                "Blocking I/O: " + name + "() inside ", " blocks a thread-pool thread",
                twin.Length == 0 ? "Use an async alternative (listed as blocking in .editorconfig: runtimeperf.RP0001.blocking_calls)"
                    : "Use await " + target + twin + "(…)" + OptIn(method.ContainingType),
                confidence) { AsyncPathOnly = true });
        }

        /// <summary>What the twin needs first on a type whose async methods throw unless it was created for them (XmlReader).</summary>
        private static string OptIn(INamedTypeSymbol type)
        {
            for (INamedTypeSymbol? t = type; t != null; t = t.BaseType)
            {
                if (BlockingIoTable.AsyncOptIn.TryGetValue(t.ToDisplayString(), out string? settings)) return ", creating it from " + settings + " if it was not (its async methods throw otherwise)";
            }
            return "";
        }

        /// <summary><c>LoadConfig()</c> in async code, where the sync helper reads a file: reported at the call, with the chain.</summary>
        private void ReportHelper(IInvocationOperation call, CancellationToken ct)
        {
            if (!(Helpers.Of(call, "RP0001", Session, ct) is var (blocking, scope))) return;
            Session.Add(new Candidate("RP0001", OperationFacts.NameLocation(call), scope,
                "Blocking I/O: " + blocking.Chain + " inside ", " blocks a thread-pool thread",
                "Make " + call.TargetMethod.Name + " async (await the Async twin of the blocking call inside it), or call it through await Task.Run(…)",
                Confidence.Medium) { AsyncPathOnly = true });
        }

        /// <summary>
        /// A blocking I/O call wherever it is: its name as the reader knows it (<c>File.ReadAllText</c>), its awaitable twin
        /// (empty for a call declared blocking in .editorconfig, which names none) and how sure that is; null for any other call. RP0014 asks the same of calls made under a lock.
        /// </summary>
        public (string Name, string Twin, Confidence Confidence)? Classify(IInvocationOperation call, CancellationToken ct)
        {
            var method = call.TargetMethod;
            if (method.MethodKind != MethodKind.Ordinary || method.Name.EndsWith("Async", StringComparison.Ordinal)
                || Array.IndexOf(BlockingIoTable.NotIoMembers, method.Name) >= 0 || _notIoMembers.Contains(method)
                || IsAsyncResult(method.ReturnType)
                || _excluded.ContainsSelfOrBase(method.ContainingType))
            {
                return null;
            }
            var (twin, confidence) = FindTwin(call);
            if (twin == null && IsConfiguredBlocking(call)) return (method.ContainingType.Name + "." + method.Name, "", Confidence.High);
            if (twin == null || ReadsMemory(call, ct) || IsOwnedByExcludedType(call.Instance)) return null;
            string typeName = (call.Instance?.Type as INamedTypeSymbol ?? method.ContainingType).Name;
            return (typeName + "." + method.Name, twin, confidence);
        }

        /// <summary><c>await node.Tasks()</c>: its result is awaited (an array of tasks, through an extension GetAwaiter).</summary>
        private static bool IsAwaited(IOperation call)
        {
            var parent = call.Parent;
            while (parent is IConversionOperation || parent is IParenthesizedOperation || parent is IConditionalAccessOperation
                   || parent is IConditionalAccessInstanceOperation)
            {
                parent = parent.Parent;
            }
            return parent is IAwaitOperation;
        }

        /// <summary>
        /// A call the team declared blocking in .editorconfig (<c>runtimeperf.RP0001.blocking_calls</c>), by the full
        /// name of its method (<c>Legacy.Data.Db.Query</c>) or of its type (every method of <c>Legacy.Data.Db</c>).
        /// </summary>
        private bool IsConfiguredBlocking(IInvocationOperation call)
        {
            var configured = Session.Options.List(call.Syntax.SyntaxTree, "RP0001", "blocking_calls");
            if (configured.Count == 0) return false;
            string type = call.TargetMethod.ContainingType.OriginalDefinition.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat.WithGenericsOptions(SymbolDisplayGenericsOptions.None));
            return configured.Contains(type) || configured.Contains(type + "." + call.TargetMethod.Name);
        }

        /// <summary>The twin's name, HIGH confidence when the table or a known I/O type vouches for it.</summary>
        private (string? Twin, Confidence Confidence) FindTwin(IInvocationOperation call)
        {
            var method = call.TargetMethod;
            for (var t = method.ContainingType; t != null; t = t.BaseType)
            {
                if (_twins.TryGetValue(t.OriginalDefinition, out var map) && map.TryGetValue(method.Name, out string? listed)
                    && MembersNamed(call, listed).Length > 0)
                {
                    return (listed, Confidence.High);
                }
            }
            string name = method.Name + "Async";
            foreach (var member in MembersNamed(call, name).Concat(OtherKindNamed(call, name)))
            {
                if (member is IMethodSymbol candidate && Accepts(candidate, call))
                {
                    bool knownIo = _ioTypes.ContainsSelfOrBase(method.ContainingType) || _ioTypes.IsAssignableFrom(call.Instance?.Type);
                    return (name, knownIo ? Confidence.High : Confidence.Medium);
                }
            }
            return (null, Confidence.Low);
        }

        /// <summary>
        /// Twins of the other kind, written in this project: for an instance call, extension methods of the project's own
        /// static classes (<c>Save()</c> → <c>SaveAsync(this Repository r)</c>); for an extension call, instance methods
        /// of its receiver's type. Library extensions stay out: EF Core's <c>ToListAsync</c> is no twin of
        /// <c>Enumerable.ToList</c>.
        /// </summary>
        private IEnumerable<ISymbol> OtherKindNamed(IInvocationOperation call, string name)
        {
            var method = call.TargetMethod;
            if (method.IsExtensionMethod)
            {
                return call.Arguments.Length > 0 && OperationFacts.Unwrap(call.Arguments[0].Value)?.Type is INamedTypeSymbol receiver
                    ? receiver.GetMembers(name).Where(m => !m.IsStatic)
                    : Enumerable.Empty<ISymbol>();
            }
            if (method.IsStatic || call.Instance == null) return Enumerable.Empty<ISymbol>();
            return _sourceExtensions.Value.TryGetValue(name, out var extensions) ? extensions : Enumerable.Empty<ISymbol>();
        }

        /// <summary>The project's own extension methods by name (its static classes, walked once per compilation).</summary>
        private static Dictionary<string, List<IMethodSymbol>> SourceExtensions(Compilation compilation)
        {
            var byName = new Dictionary<string, List<IMethodSymbol>>(StringComparer.Ordinal);
            var pending = new Stack<INamespaceOrTypeSymbol>();
            pending.Push(compilation.SourceModule.GlobalNamespace);
            while (pending.Count > 0)
            {
                var container = pending.Pop();
                foreach (var member in container.GetMembers())
                {
                    if (member is INamespaceOrTypeSymbol nested && !(member is INamedTypeSymbol { MightContainExtensionMethods: false, TypeKind: TypeKind.Class }))
                    {
                        pending.Push(nested);
                    }
                    if (member is IMethodSymbol { IsExtensionMethod: true } extension && extension.Name.EndsWith("Async", StringComparison.Ordinal))
                    {
                        if (!byName.TryGetValue(extension.Name, out var list)) byName[extension.Name] = list = new List<IMethodSymbol>();
                        list.Add(extension);
                    }
                }
            }
            return byName;
        }

        /// <summary>Members named <paramref name="name"/> of the call's <see cref="SearchTypes"/>, in search order.</summary>
        private ISymbol[] MembersNamed(IInvocationOperation call, string name)
        {
            var method = call.TargetMethod;
            // An extension method searches only its own class, an instance or static call the whole hierarchy: keys differ.
            var start = method.IsExtensionMethod ? method.ContainingType : call.Instance?.Type as INamedTypeSymbol ?? method.ContainingType;
            var byName = _membersByStart.GetOrAdd(start, _ => new ConcurrentDictionary<string, ISymbol[]>(StringComparer.Ordinal));
            string key = method.IsExtensionMethod ? "this " + name : name;
            return byName.GetOrAdd(key, _ =>
            {
                var found = new List<ISymbol>();
                foreach (var type in SearchTypes(call)) found.AddRange(type.GetMembers(name));
                return found.ToArray();
            });
        }

        // Instance calls: the receiver's type and its bases (interfaces too for an interface receiver). Static calls:
        // the declaring type and its bases. Extension methods: only their own static class (EF's ToListAsync in
        // another class is not a twin of Enumerable.ToList).
        private static List<INamedTypeSymbol> SearchTypes(IInvocationOperation call)
        {
            var method = call.TargetMethod;
            var types = new List<INamedTypeSymbol>();
            if (method.IsExtensionMethod)
            {
                types.Add(method.ContainingType);
                return types;
            }
            var start = call.Instance?.Type as INamedTypeSymbol ?? method.ContainingType;
            for (var t = start; t != null; t = t.BaseType) types.Add(t);
            if (start.TypeKind == TypeKind.Interface) types.AddRange(start.AllInterfaces);
            return types;
        }

        private bool IsAsyncResult(ITypeSymbol? type) =>
            type != null && _asyncResults.GetOrAdd(type, t => OperationFacts.IsAsyncResult(t));

        /// <summary>
        /// Can the caller use <paramref name="twin"/> instead: accessible from the calling code (a private twin counts in
        /// its own class), not obsolete, not the very method making the call or one it overrides (that would be advice to
        /// recurse), and
        /// callable with the arguments the caller wrote (plus optional ones or a CancellationToken)?
        /// </summary>
        private bool Accepts(IMethodSymbol twin, IInvocationOperation call)
        {
            var method = call.TargetMethod;
            // An extension twin of an instance method takes the receiver first (shift 1); an instance twin of an
            // extension method takes it as `this` (shift -1).
            int shift = twin.IsExtensionMethod == method.IsExtensionMethod ? 0 : twin.IsExtensionMethod ? 1 : -1;
            if ((shift == 0 ? twin.IsStatic != method.IsStatic : !ReceiverFits(twin, method, call)) || !IsAsyncResult(twin.ReturnType)
                || IsObsolete(twin) || !IsUsableFrom(twin, call))
            {
                return false;
            }
            if (!SameConstraints(method.OriginalDefinition.TypeParameters, twin.OriginalDefinition.TypeParameters)) return false;
            var syncParameters = method.OriginalDefinition.Parameters;
            var twinParameters = twin.OriginalDefinition.Parameters;
            var used = new bool[twinParameters.Length];
            if (shift == 1) used[0] = true;
            foreach (var argument in call.Arguments)
            {
                if (argument.ArgumentKind == ArgumentKind.DefaultValue || argument.Parameter == null) continue;
                if (shift == -1 && argument.Parameter.Ordinal == 0) continue; // the receiver, `this` for the instance twin
                var p = syncParameters[argument.Parameter.Ordinal];
                IParameterSymbol? q = null;
                if (argument.Syntax is ArgumentSyntax { NameColon: { } })
                {
                    foreach (var candidate in twinParameters) if (candidate.Name == p.Name) q = candidate;
                }
                else if (p.Ordinal + shift >= 0 && p.Ordinal + shift < twinParameters.Length)
                {
                    q = twinParameters[p.Ordinal + shift];
                }
                if (q == null || q.IsParams != p.IsParams || !SameRefKind(p.RefKind, q.RefKind)
                    || !(SameType(p.Type, q.Type, 0) || Widens(p.Type, q.Type, call.SemanticModel!.Compilation)))
                {
                    return false;
                }
                used[q.Ordinal] = true;
            }
            for (int i = 0; i < twinParameters.Length; i++)
            {
                var q = twinParameters[i];
                if (!used[i] && !q.IsOptional && !q.IsParams && !_cancellationToken.Contains(q.Type)) return false;
            }
            return true;
        }

        /// <summary>Type parameters the twin constrains differently (<c>where T : class</c> vs none) may not accept the caller's type arguments.</summary>
        private static bool SameConstraints(ImmutableArray<ITypeParameterSymbol> sync, ImmutableArray<ITypeParameterSymbol> twin)
        {
            if (sync.Length != twin.Length) return false;
            for (int i = 0; i < sync.Length; i++)
            {
                var (a, b) = (sync[i], twin[i]);
                if (a.HasReferenceTypeConstraint != b.HasReferenceTypeConstraint || a.HasValueTypeConstraint != b.HasValueTypeConstraint
                    || a.HasConstructorConstraint != b.HasConstructorConstraint || a.HasUnmanagedTypeConstraint != b.HasUnmanagedTypeConstraint
                    || a.ConstraintTypes.Length != b.ConstraintTypes.Length)
                {
                    return false;
                }
                for (int c = 0; c < a.ConstraintTypes.Length; c++)
                {
                    if (!SameType(a.ConstraintTypes[c], b.ConstraintTypes[c], 0)) return false;
                }
            }
            return true;
        }

        /// <summary>The receiver of the sync call is what the other kind of twin takes: its `this` parameter, or its type.</summary>
        private static bool ReceiverFits(IMethodSymbol twin, IMethodSymbol method, IInvocationOperation call)
        {
            if (twin.IsExtensionMethod)
            {
                var self = twin.Parameters[0].Type;
                return !method.IsStatic && call.Instance?.Type is { } receiver && !(self is ITypeParameterSymbol)
                    && call.SemanticModel!.Compilation.ClassifyCommonConversion(receiver, self) is var conversion
                    && (conversion.IsIdentity || conversion.IsImplicit && conversion.IsReference);
            }
            return !twin.IsStatic && method.IsExtensionMethod;
        }

        // `in` only avoids a copy: an argument for an `in` parameter fits a by-value one and back.
        private static bool SameRefKind(RefKind a, RefKind b) =>
            a == b || (a == RefKind.In || a == RefKind.None) && (b == RefKind.In || b == RefKind.None);

        /// <summary>
        /// Whatever the sync parameter accepts, the twin's accepts too: an implicit conversion that loses nothing
        /// (<c>int</c> → <c>long</c> or <c>double</c>, a class to its base) — not <c>int</c> → <c>float</c>, which rounds.
        /// </summary>
        private static bool Widens(ITypeSymbol from, ITypeSymbol to, Compilation compilation)
        {
            if (from is ITypeParameterSymbol || to is ITypeParameterSymbol || from.TypeKind == TypeKind.Error || to.TypeKind == TypeKind.Error) return false;
            var conversion = compilation.ClassifyCommonConversion(from, to);
            if (!conversion.IsImplicit) return false;
            bool toFloat = to.SpecialType == SpecialType.System_Single, toDouble = to.SpecialType == SpecialType.System_Double;
            switch (from.SpecialType)
            {
                case SpecialType.System_Int32:
                case SpecialType.System_UInt32:
                    return !toFloat;
                case SpecialType.System_Int64:
                case SpecialType.System_UInt64:
                    return !toFloat && !toDouble;
                default:
                    return true;
            }
        }

        private static bool IsObsolete(IMethodSymbol method)
        {
            foreach (var attribute in method.GetAttributes())
            {
                if (attribute.AttributeClass is { Name: "ObsoleteAttribute" } type && type.ContainingNamespace?.ToDisplayString() == "System") return true;
            }
            return false;
        }

        private static bool IsUsableFrom(IMethodSymbol twin, IInvocationOperation call)
        {
            if (!(call.SemanticModel is { } model) || !(model.GetEnclosingSymbol(call.Syntax.SpanStart) is { } enclosing)) return false;
            // On this object, also an override of the twin: GetSchemaTableAsync() => Task.FromResult(GetSchemaTable()) implements
            // it (on another object, _inner.Flush() in an override of FlushAsync, the twin is the other object's and no recursion).
            bool onThis = call.Instance == null || call.Instance is IInstanceReferenceOperation;
            for (var s = enclosing; s != null; s = s.ContainingSymbol)
            {
                if (s is IMethodSymbol caller && (onThis ? OperationFacts.IsOrOverrides(caller, twin)
                        : SymbolEqualityComparer.Default.Equals(caller.OriginalDefinition, twin.OriginalDefinition))) return false;
            }
            var within = enclosing as INamedTypeSymbol ?? enclosing.ContainingType;
            return within == null
                ? twin.DeclaredAccessibility == Accessibility.Public
                : model.Compilation.IsSymbolAccessibleWithin(twin, within, call.Instance?.Type);
        }

        // Method type parameters match by position (Query<T> ~ QueryAsync<T>); depth-capped, types are shallow.
        private static bool SameType(ITypeSymbol a, ITypeSymbol b, int depth)
        {
            if (depth > 8) return false;
            if (a is ITypeParameterSymbol ta && b is ITypeParameterSymbol tb
                && ta.TypeParameterKind == TypeParameterKind.Method && tb.TypeParameterKind == TypeParameterKind.Method)
            {
                return ta.Ordinal == tb.Ordinal;
            }
            if (SymbolEqualityComparer.Default.Equals(a, b)) return true;
            if (a is IArrayTypeSymbol arrayA && b is IArrayTypeSymbol arrayB)
            {
                return arrayA.Rank == arrayB.Rank && SameType(arrayA.ElementType, arrayB.ElementType, depth + 1);
            }
            if (a is INamedTypeSymbol na && b is INamedTypeSymbol nb && na.IsGenericType
                && SymbolEqualityComparer.Default.Equals(na.OriginalDefinition, nb.OriginalDefinition))
            {
                for (int i = 0; i < na.TypeArguments.Length; i++)
                {
                    if (!SameType(na.TypeArguments[i], nb.TypeArguments[i], depth + 1)) return false;
                }
                return true;
            }
            return false;
        }

        /// <summary><c>Console.Out.WriteLine(…)</c>: the receiver belongs to an excluded type.</summary>
        private bool IsOwnedByExcludedType(IOperation? receiver) =>
            OperationFacts.Unwrap(receiver) is IPropertyReferenceOperation property && _excluded.ContainsSelfOrBase(property.Property.ContainingType);

        /// <summary>A call on (or, for static calls, a stream argument that is) a MemoryStream, StringReader… never blocks.</summary>
        private bool ReadsMemory(IInvocationOperation call, CancellationToken ct)
        {
            if (call.Instance != null) return Session.InMemory.Contains(call.Instance, ct);
            foreach (var argument in call.Arguments)
            {
                if (_streams.IsAssignableFrom(argument.Value.Type)) return Session.InMemory.Contains(argument.Value, ct);
            }
            return false;
        }
    }
}
