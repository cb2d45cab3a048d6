using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace RuntimePerf.CSharp.Analysis
{
    /// <summary>
    /// Finds the innermost function around a node by walking ancestors in a loop (no recursion: deeply nested
    /// code must not overflow the stack) and classifies it: async, handler, offloaded, startup, test.
    /// </summary>
    internal static class ScopeResolver
    {
        /// <summary>
        /// The node <see cref="Resolve"/> classifies for <paramref name="node"/>: the innermost lambda, local function,
        /// method, other member or top-level statement around it (null when a type comes first). Every node under it
        /// gets the same scope, so the scope can be computed once per owner.
        /// </summary>
        public static SyntaxNode? Owner(SyntaxNode node)
        {
            for (var n = node; n != null; n = n.Parent)
            {
                switch (n)
                {
                    case AnonymousFunctionExpressionSyntax _:
                    case LocalFunctionStatementSyntax _:
                    case GlobalStatementSyntax _:
                        return n;
                    case BaseTypeDeclarationSyntax _:
                    case BaseNamespaceDeclarationSyntax _:
                        return null;
                    case MemberDeclarationSyntax _:
                        return n;
                }
            }
            return null;
        }

        public static FunctionScope Resolve(SyntaxNode node, SemanticModel model, Frameworks frameworks, CancellationToken ct)
        {
            var scope = new FunctionScope();
            var segments = new List<string>(); // innermost first
            for (var n = node; n != null; n = n.Parent)
            {
                switch (n)
                {
                    case AnonymousFunctionExpressionSyntax lambda:
                        segments.Add(LambdaName(lambda));
                        if (scope.Node == null)
                        {
                            var target = DelegateTarget(lambda, model, ct);
                            Set(scope, lambda, FunctionKind.Lambda, lambda.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword),
                                model.GetSymbolInfo(lambda, ct).Symbol as IMethodSymbol);
                            scope.IsHandler = target != null && frameworks.IsHandlerRegistration(target);
                            scope.IsOffloaded = target != null && frameworks.IsOffload(target);
                            if (target != null && !scope.HasAsyncKeyword && frameworks.IsInlineInvoker(target) && lambda.Parent is { } call)
                            {
                                // list.ForEach(x => …) runs the lambda inside the enclosing function: it is async code where that is
                                Inherit(scope, Resolve(call, model, frameworks, ct));
                            }
                        }
                        break;
                    case LocalFunctionStatementSyntax local:
                        segments.Add(local.Identifier.ValueText);
                        if (scope.Node == null)
                        {
                            Set(scope, local, FunctionKind.LocalFunction, local.Modifiers.Any(SyntaxKind.AsyncKeyword),
                                model.GetDeclaredSymbol(local, ct) as IMethodSymbol);
                            scope.MethodGroupKey = local.GetLocation();
                        }
                        break;
                    case GlobalStatementSyntax _:
                        segments.Add("Program"); // top-level statements compile into Program.<Main>$
                        if (scope.Node == null)
                        {
                            Set(scope, n.Parent!, FunctionKind.TopLevel, hasAsyncKeyword: false, symbol: null);
                            scope.IsStartup = true;
                        }
                        return Finish(scope, segments);
                    case MethodDeclarationSyntax method:
                        segments.Add(method.Identifier.ValueText);
                        var symbol = model.GetDeclaredSymbol(method, ct);
                        scope.IsTest = symbol != null && frameworks.IsTest(symbol);
                        if (scope.Node == null)
                        {
                            Set(scope, method, FunctionKind.Method, method.Modifiers.Any(SyntaxKind.AsyncKeyword), symbol);
                            scope.IsHandler = symbol != null && frameworks.IsHandlerMethod(symbol);
                            scope.IsStartup = symbol != null && symbol.IsStatic && symbol.Name == "Main";
                            if (!scope.IsHandler) scope.MethodGroupKey = method.GetLocation();
                        }
                        break;
                    case BaseTypeDeclarationSyntax type:
                        segments.Add(type.Identifier.ValueText);
                        break;
                    case MemberDeclarationSyntax member when !(member is BaseNamespaceDeclarationSyntax):
                        segments.Add(MemberName(member));
                        if (scope.Node == null) Set(scope, member, FunctionKind.Member, hasAsyncKeyword: false, symbol: null);
                        break;
                }
            }
            return Finish(scope, segments);
        }

        private static void Set(FunctionScope scope, SyntaxNode node, FunctionKind kind, bool hasAsyncKeyword, IMethodSymbol? symbol)
        {
            scope.Node = node;
            scope.Kind = kind;
            scope.HasAsyncKeyword = hasAsyncKeyword;
            // RULES.md: a function returning an awaitable is async code with or without the keyword.
            if (!hasAsyncKeyword && symbol != null && !symbol.ReturnsVoid && OperationFacts.IsAsyncResult(symbol.ReturnType))
            {
                scope.AwaitableReturn = symbol.ReturnType.Name;
            }
            scope.IsAsync = hasAsyncKeyword || scope.AwaitableReturn != null;
        }

        /// <summary>The context of the function that runs a lambda inline; the lambda keeps its own node, kind and name.</summary>
        private static void Inherit(FunctionScope lambda, FunctionScope enclosing)
        {
            lambda.IsAsync = enclosing.IsAsync;
            lambda.IsHandler = enclosing.IsHandler;
            lambda.MethodGroupKey = enclosing.MethodGroupKey;
            lambda.IsOffloaded = enclosing.IsOffloaded;
            lambda.IsStartup = enclosing.IsStartup;
        }

        private static FunctionScope Finish(FunctionScope scope, List<string> segments)
        {
            segments.Reverse();
            scope.Symbol = string.Join(".", segments);
            return scope;
        }

        /// <summary>The method a lambda is passed to as an argument (MapGet, Task.Run, new Thread…), if any.</summary>
        private static IMethodSymbol? DelegateTarget(AnonymousFunctionExpressionSyntax lambda, SemanticModel model, CancellationToken ct)
        {
            if (!(lambda.Parent is ArgumentSyntax argument) || !(argument.Parent?.Parent is ExpressionSyntax call)) return null;
            var info = model.GetSymbolInfo(call, ct);
            return (info.Symbol ?? (info.CandidateSymbols.Length == 1 ? info.CandidateSymbols[0] : null)) as IMethodSymbol;
        }

        /// <summary><c>&lt;lambda in MapGet("/orders")&gt;</c>: the call it is passed to and its route literal, if any.</summary>
        private static string LambdaName(AnonymousFunctionExpressionSyntax lambda)
        {
            if (!(lambda.Parent is ArgumentSyntax argument) || !(argument.Parent is ArgumentListSyntax list)) return "<lambda>";
            string? callee = list.Parent switch
            {
                InvocationExpressionSyntax invocation => invocation.Expression switch
                {
                    MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
                    SimpleNameSyntax name => name.Identifier.ValueText,
                    _ => null,
                },
                ObjectCreationExpressionSyntax creation => "new " + creation.Type,
                _ => null,
            };
            if (callee == null) return "<lambda>";
            var first = list.Arguments[0].Expression;
            string route = first.IsKind(SyntaxKind.StringLiteralExpression) && first != lambda ? "(" + first + ")" : "";
            return "<lambda in " + callee + route + ">";
        }

        private static string MemberName(MemberDeclarationSyntax member) => member switch
        {
            ConstructorDeclarationSyntax _ => "ctor",
            DestructorDeclarationSyntax _ => "Finalize",
            OperatorDeclarationSyntax op => "operator " + op.OperatorToken.ValueText,
            ConversionOperatorDeclarationSyntax conversion => "operator " + conversion.Type,
            PropertyDeclarationSyntax property => property.Identifier.ValueText,
            EventDeclarationSyntax e => e.Identifier.ValueText,
            IndexerDeclarationSyntax _ => "this[]",
            BaseFieldDeclarationSyntax field when field.Declaration.Variables.Count > 0 => field.Declaration.Variables[0].Identifier.ValueText,
            EnumMemberDeclarationSyntax enumMember => enumMember.Identifier.ValueText,
            _ => "<member>",
        };
    }
}
