using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace RuntimePerf.CSharp.Analysis
{
    /// <summary>
    /// Facts about awaited calls for RP0008 and RP0009, resolved once per compilation: which call an await waits on,
    /// whether it only reads, and which single-operation objects (<see cref="AwaitedCallsTable.SingleOperationKinds"/>)
    /// it may reach — directly, or through the fields and constructor parameters of the classes in this compilation
    /// that serve it (an <c>IOrderRepository</c> whose implementation holds the request's DbContext).
    /// </summary>
    internal sealed class AwaitedCalls
    {
        /// <summary>How many class-to-dependency steps are followed (service → repository → DbContext).</summary>
        private const int MaxDepth = 3;

        private readonly TypeSet[] _kinds;
        private readonly TypeSet _concurrentSafe;
        private readonly Lazy<Dictionary<INamedTypeSymbol, List<INamedTypeSymbol>>> _implementations;
        private readonly ConcurrentDictionary<INamedTypeSymbol, int> _held = new ConcurrentDictionary<INamedTypeSymbol, int>(SymbolEqualityComparer.Default);

        public AwaitedCalls(Compilation compilation)
        {
            _kinds = AwaitedCallsTable.SingleOperationKinds.Select(row => new TypeSet(compilation, row)).ToArray();
            _concurrentSafe = new TypeSet(compilation, AwaitedCallsTable.ConcurrentSafeTypes);
            _implementations = new Lazy<Dictionary<INamedTypeSymbol, List<INamedTypeSymbol>>>(() => SourceImplementations(compilation));
        }

        /// <summary>The call an await waits on (<c>await x.GetAsync(…)</c>, also after ConfigureAwait); null for a task variable.</summary>
        public static IInvocationOperation? Call(IAwaitOperation awaited) => OperationFacts.StripConfigureAwait(awaited.Operation) as IInvocationOperation;

        /// <summary><c>GetUserAsync</c>, <c>FirstOrDefaultAsync</c>, <c>ReadAllTextAsync</c>: named for a read.</summary>
        public static bool IsRead(IMethodSymbol method) => Array.IndexOf(AwaitedCallsTable.ReadVerbs, FirstWord(method.Name)) >= 0;

        /// <summary><c>ReadLineAsync</c>, <c>ReceiveAsync</c>: a read that goes on where the previous one on the same object stopped.</summary>
        public static bool IsSequentialRead(IMethodSymbol method) => Array.IndexOf(AwaitedCallsTable.SequentialReadVerbs, FirstWord(method.Name)) >= 0;

        /// <summary>The variable a call works on: <c>_db.Users.FindAsync(…)</c> → <c>_db</c>; null for this, static calls and call chains.</summary>
        public static ISymbol? Target(IInvocationOperation call) => OperationFacts.RootSymbol(OperationFacts.Receiver(call));

        /// <summary>
        /// Could the two calls wait on each other: one object (unless it is a client made for concurrent calls), or the
        /// same kind of single-operation object within reach of both?
        /// </summary>
        public bool MayShareState(IInvocationOperation a, IInvocationOperation b) =>
            SameObject(a, b) || (Resources(a) & Resources(b)) != 0;

        // The same variable, both on this, or both static on one class of this compilation (its static state).
        private bool SameObject(IInvocationOperation a, IInvocationOperation b)
        {
            var receiverA = OperationFacts.Receiver(a);
            var receiverB = OperationFacts.Receiver(b);
            if (receiverA is IInstanceReferenceOperation && receiverB is IInstanceReferenceOperation) return true;
            var owner = a.TargetMethod.ContainingType;
            if (receiverA == null && receiverB == null)
            {
                return owner.DeclaringSyntaxReferences.Length > 0 && SymbolEqualityComparer.Default.Equals(owner, b.TargetMethod.ContainingType);
            }
            var target = Target(a);
            return target != null && SymbolEqualityComparer.Default.Equals(target, Target(b)) && !_concurrentSafe.IsAssignableFrom(TypeOf(target));
        }

        /// <summary>
        /// The kinds of single-operation object (bits, one per table row) a call may use: its receiver, the class of an
        /// implicit-this or static call, the receiver's variable and its arguments, with what their classes hold. Not the
        /// variables declared inside <paramref name="own"/> (a loop: each iteration has its own stream or reader).
        /// </summary>
        public int Resources(IInvocationOperation call, SyntaxNode? own = null)
        {
            var receiver = OperationFacts.Receiver(call);
            var target = Target(call);
            bool ownTarget = target != null && own != null && OperationFacts.IsDeclaredIn(target, own);
            var owner = receiver == null || receiver is IInstanceReferenceOperation ? call.TargetMethod.ContainingType : ownTarget ? null : receiver.Type;
            int kinds = Held(owner);
            if (target != null && !ownTarget) kinds |= Held(TypeOf(target));
            foreach (var argument in call.Arguments)
            {
                if (own != null && OperationFacts.RootSymbol(argument.Value) is { } root && OperationFacts.IsDeclaredIn(root, own)) continue;
                kinds |= Held(argument.Value.Type);
            }
            return kinds;
        }

        private static ITypeSymbol? TypeOf(ISymbol symbol) => symbol switch
        {
            ILocalSymbol local => local.Type,
            IParameterSymbol parameter => parameter.Type,
            IFieldSymbol field => field.Type,
            IPropertySymbol property => property.Type,
            _ => null,
        };

        private static string FirstWord(string name)
        {
            int end = 1;
            while (end < name.Length && !char.IsUpper(name[end])) end++;
            return name.Substring(0, end);
        }

        /// <summary>The kinds a type is, and for classes of this compilation the kinds their dependencies are or hold.</summary>
        private int Held(ITypeSymbol? type)
        {
            if (!(type is INamedTypeSymbol named)) return 0;
            return _held.GetOrAdd(named.OriginalDefinition, start =>
            {
                int kinds = 0;
                var seen = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default) { start };
                var pending = new Queue<(INamedTypeSymbol Type, int Depth)>();
                pending.Enqueue((start, 0));
                while (pending.Count > 0)
                {
                    var (current, depth) = pending.Dequeue();
                    kinds |= KindsOf(current);
                    if (depth == MaxDepth) continue;
                    foreach (var next in Dependencies(current))
                    {
                        if (next is INamedTypeSymbol n && seen.Add(n.OriginalDefinition)) pending.Enqueue((n.OriginalDefinition, depth + 1));
                    }
                }
                return kinds;
            });
        }

        private int KindsOf(ITypeSymbol type)
        {
            int kinds = 0;
            for (int i = 0; i < _kinds.Length; i++)
            {
                if (_kinds[i].IsAssignableFrom(type)) kinds |= 1 << i;
            }
            return kinds;
        }

        /// <summary>
        /// What a class of this compilation works with: the types of its fields, properties and constructor parameters
        /// (primary constructors too), also those declared by its base classes in this compilation; for an interface or
        /// a base class, its implementations in this compilation.
        /// </summary>
        private IEnumerable<ITypeSymbol> Dependencies(INamedTypeSymbol type)
        {
            if (type.DeclaringSyntaxReferences.Length == 0) yield break;
            if (_implementations.Value.TryGetValue(type, out var implementations))
            {
                foreach (var implementation in implementations) yield return implementation;
            }
            for (var t = type; t != null && t.DeclaringSyntaxReferences.Length > 0; t = t.BaseType)
            {
                foreach (var member in t.GetMembers())
                {
                    switch (member)
                    {
                        case IFieldSymbol field: yield return field.Type; break;
                        case IPropertySymbol property: yield return property.Type; break;
                        case IMethodSymbol { MethodKind: MethodKind.Constructor } constructor:
                            foreach (var parameter in constructor.Parameters) yield return parameter.Type;
                            break;
                    }
                }
            }
        }

        /// <summary>Interface or base class → the classes of this compilation that implement or derive from it.</summary>
        private static Dictionary<INamedTypeSymbol, List<INamedTypeSymbol>> SourceImplementations(Compilation compilation)
        {
            var map = new Dictionary<INamedTypeSymbol, List<INamedTypeSymbol>>(SymbolEqualityComparer.Default);
            var pending = new Stack<INamespaceOrTypeSymbol>();
            pending.Push(compilation.SourceModule.GlobalNamespace);
            while (pending.Count > 0)
            {
                foreach (var member in pending.Pop().GetMembers())
                {
                    if (!(member is INamedTypeSymbol type))
                    {
                        if (member is INamespaceSymbol ns) pending.Push(ns);
                        continue;
                    }
                    pending.Push(type);
                    if (type.TypeKind != TypeKind.Class || type.IsAbstract) continue;
                    var bases = type.AllInterfaces.Concat(BaseTypes(type));
                    foreach (var b in bases)
                    {
                        if (b.DeclaringSyntaxReferences.Length == 0) continue;
                        if (!map.TryGetValue(b.OriginalDefinition, out var list)) map[b.OriginalDefinition] = list = new List<INamedTypeSymbol>();
                        list.Add(type);
                    }
                }
            }
            return map;
        }

        private static IEnumerable<INamedTypeSymbol> BaseTypes(INamedTypeSymbol type)
        {
            for (var t = type.BaseType; t != null; t = t.BaseType) yield return t;
        }
    }
}
