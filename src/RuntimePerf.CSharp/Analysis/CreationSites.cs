using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace RuntimePerf.CSharp.Analysis
{
    internal enum Recurrence
    {
        /// <summary>With every object of a type the framework builds per request (controller, hub, page model).</summary>
        PerRequestObject,
        PerCall,
        PerIteration,
    }

    /// <summary>How often an object creation runs, as seen where it is written.</summary>
    internal sealed class CreationSite
    {
        public CreationSite(Recurrence recurrence, List<StatementSyntax> loops, bool overData, ITypeSymbol? owner)
        {
            Recurrence = recurrence;
            Loops = loops;
            OverData = overData;
            Owner = owner;
        }

        public Recurrence Recurrence { get; }
        /// <summary>The loops it repeats in, innermost first (empty unless <see cref="Recurrence.PerIteration"/>).</summary>
        public List<StatementSyntax> Loops { get; }
        /// <summary>One of <see cref="Loops"/> runs as fast as its data: not a small fixed loop, not paced by a delay.</summary>
        public bool OverData { get; }
        /// <summary>The per-request type for <see cref="Recurrence.PerRequestObject"/>.</summary>
        public ITypeSymbol? Owner { get; }

        /// <summary>Completes "X is created ___ &lt;scope&gt;".</summary>
        public string Where => Recurrence switch
        {
            Recurrence.PerIteration => "on every iteration of a " + Analysis.Loops.Keyword(Loops[0]) + " loop in ",
            Recurrence.PerRequestObject => "with every " + Owner!.Name + " (one per request), in ",
            _ => "on every call of ",
        };
    }

    /// <summary>
    /// Classifies object creations for the "expensive object per call" rules (RP0011, RP0015). Not reported (null):
    /// static initializers and static constructors, startup code outside loops, instance initializers and constructors
    /// of types whose lifetime is not known to be per request, and values that are kept rather than used and dropped —
    /// stored in a field or property, returned from a factory or lambda, handed to a collection or a container.
    /// </summary>
    internal static class CreationSites
    {
        /// <summary>Calls that keep an argument beyond the call (collections, caches, DI registration, lazy init).</summary>
        private static readonly string[] KeepingMethods =
        {
            "Add", "TryAdd", "AddOrUpdate", "GetOrAdd", "Set", "Push", "Enqueue", "Insert",
            "AddSingleton", "TryAddSingleton", "Register", "RegisterInstance", "CompareExchange", "Exchange",
        };

        /// <summary>How many values <see cref="IsKept"/> follows before it gives up and assumes the value is kept.</summary>
        private const int FollowBudget = 32;

        public static CreationSite? Classify(IOperation creation, FunctionScope scope, Frameworks frameworks, CancellationToken ct)
        {
            var model = creation.SemanticModel!;
            var loops = OperationFacts.EnclosingLoops(creation.Syntax, scope.Node);
            bool returnKeeps = true;
            if (scope.Kind == FunctionKind.Member)
            {
                var span = creation.Syntax.Span;
                switch (scope.Node)
                {
                    case BaseFieldDeclarationSyntax field:
                        return PerObject(field.Modifiers, creation, frameworks, ct);
                    case PropertyDeclarationSyntax { Initializer: { } initializer } property when initializer.Span.Contains(span):
                        return PerObject(property.Modifiers, creation, frameworks, ct);
                    case ConstructorDeclarationSyntax constructor when loops.Count == 0:
                        return PerObject(constructor.Modifiers, creation, frameworks, ct);
                    case BasePropertyDeclarationSyntax _:
                        returnKeeps = false; // a getter runs on every access: what it returns is built per access
                        break;
                }
            }
            else if (scope.IsStartup && loops.Count == 0)
            {
                return null;
            }
            if (IsKept(creation, scope.Node, returnKeeps, model, ct)) return null;
            return loops.Count == 0
                ? new CreationSite(Recurrence.PerCall, loops, false, null)
                : new CreationSite(Recurrence.PerIteration, loops, loops.Exists(l => !Loops.IsSmallFixed(l, model, ct) && !Loops.IsPaced(l, model, ct)), null);
        }

        private static CreationSite? PerObject(SyntaxTokenList modifiers, IOperation creation, Frameworks frameworks, CancellationToken ct)
        {
            if (modifiers.Any(SyntaxKind.StaticKeyword)) return null;
            var type = creation.SemanticModel!.GetEnclosingSymbol(creation.Syntax.SpanStart, ct)?.ContainingType;
            return type != null && frameworks.IsPerRequestType(type)
                ? new CreationSite(Recurrence.PerRequestObject, new List<StatementSyntax>(), false, type)
                : null;
        }

        /// <summary>Does the created value outlive the call: stored, returned (when <paramref name="returnKeeps"/>) or handed over to keep?</summary>
        private static bool IsKept(IOperation creation, SyntaxNode function, bool returnKeeps, SemanticModel model, CancellationToken ct)
        {
            var pending = new Stack<IOperation>();
            var followed = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            pending.Push(creation);
            for (int budget = FollowBudget; pending.Count > 0; budget--)
            {
                if (budget == 0) return true; // too involved to follow: silence rather than a wrong finding
                var value = pending.Pop();
                var parent = value.Parent;
                while (parent is IConversionOperation || parent is IParenthesizedOperation || parent is ICoalesceOperation
                       || parent is IConditionalOperation || parent is ISwitchExpressionArmOperation || parent is ISwitchExpressionOperation)
                {
                    value = parent;
                    parent = parent.Parent;
                }
                switch (parent)
                {
                    case IReturnOperation _: // return, yield return, an expression body
                        if (returnKeeps) return true;
                        break;
                    case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                        Follow(declarator.Symbol);
                        break;
                    case IAssignmentOperation assignment when assignment.Value == value:
                        if (assignment.Target is ILocalReferenceOperation local) Follow(local.Local);
                        else if (IsInitializerMember(assignment.Target) && Owner(assignment) is IOperation owner) pending.Push(owner);
                        else return true; // a field, property, element or out parameter keeps it
                        break;
                    case IArgumentOperation argument:
                        if (argument.Parent is IObjectCreationOperation wrapper) pending.Push(wrapper);
                        else if (argument.Parent is IInvocationOperation call && Array.IndexOf(KeepingMethods, call.TargetMethod.Name) >= 0) return true;
                        break;
                    case IArrayInitializerOperation initializer when initializer.Parent is IArrayCreationOperation array:
                        pending.Push(array);
                        break;
                }
            }
            return false;

            void Follow(ILocalSymbol local)
            {
                if (!followed.Add(local)) return;
                foreach (var reference in OperationFacts.References(local, function, model, ct)) pending.Push(reference);
            }
        }

        /// <summary><c>Client = …</c> inside <c>new Wrapper { Client = … }</c>.</summary>
        private static bool IsInitializerMember(IOperation target) =>
            target is IMemberReferenceOperation { Instance: IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver } };

        /// <summary>The object an initializer member assignment belongs to.</summary>
        private static IOperation? Owner(IOperation assignment)
        {
            var parent = assignment.Parent;
            if (parent is IObjectOrCollectionInitializerOperation) parent = parent.Parent;
            return parent is IObjectCreationOperation || parent is IAnonymousObjectCreationOperation ? parent : null;
        }
    }
}
