using System;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace RuntimePerf.CSharp.Analysis
{
    /// <summary>
    /// The idiom of libraries that share one body between a synchronous and an asynchronous API (Npgsql, the Azure SDK,
    /// MySqlConnector, Polly): a parameter chooses the mode — <c>bool async</c> (also <c>isAsync</c>, <c>useAsyncRead</c>), an enum
    /// of two members compared with its <c>Synchronous</c>/<c>Asynchronous</c> member, or a context parameter's
    /// <c>IsSynchronous</c> — and the body blocks only where the mode is
    /// synchronous: there the caller asked for a blocking call, and an awaitable called in that mode is complete on return.
    /// </summary>
    internal static class SyncMode
    {
        // async, isAsync, useAsync, useAsyncRead (not runAsync/doAsync, which often mean "offload this")
        private static readonly Regex FlagName = new("^@?(?:is|use)?async(?:read|write|io|mode|call)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        /// <summary>The enum members that name a mode, and whether each is the synchronous one.</summary>
        private static bool? IsSyncMember(string name) => name switch
        {
            "Synchronous" or "Sync" => true,
            "Asynchronous" or "Async" => false,
            _ => null,
        };

        /// <summary>
        /// The node runs only in the synchronous mode: in the branch of a mode test taken when the mode is synchronous
        /// (<c>if (!async) …</c>, the else of <c>if (async)</c>, <c>async ? await x : x.Result</c>), or after
        /// <c>if (async) return …;</c> in the same block.
        /// </summary>
        public static bool InSyncBranch(SyntaxNode node, SyntaxNode function, SemanticModel model)
        {
            for (SyntaxNode child = node, parent = node.Parent!; parent != null && child != function; child = parent, parent = parent.Parent!)
            {
                (ExpressionSyntax? condition, bool taken) = parent switch
                {
                    IfStatementSyntax s when child == s.Statement => (s.Condition, true),
                    IfStatementSyntax s when child == s.Else => (s.Condition, false),
                    ConditionalExpressionSyntax c when child == c.WhenTrue => (c.Condition, true),
                    ConditionalExpressionSyntax c when child == c.WhenFalse => (c.Condition, false),
                    _ => ((ExpressionSyntax?)null, false),
                };
                if (condition != null && SyncWhen(condition, model, 0) == taken) return true;
                if (parent is BlockSyntax block && child is StatementSyntax statement && AfterAsyncExit(block, statement, model)) return true;
            }
            return false;
        }

        /// <summary>
        /// <c>ReadAsync(IOBehavior.Synchronous, ct)</c>, <c>WriteAsync(buffer, async: false)</c>: an awaitable made in the
        /// synchronous mode, complete when it returns.
        /// </summary>
        public static bool IsSyncModeCall(IInvocationOperation call)
        {
            foreach (var argument in call.Arguments)
            {
                if (argument.Parameter is not { } parameter || argument.ArgumentKind == ArgumentKind.DefaultValue) continue;
                var value = argument.Value is IConversionOperation { IsImplicit: true } conversion ? conversion.Operand : argument.Value;
                if (parameter.Type.SpecialType == SpecialType.System_Boolean && FlagName.IsMatch(parameter.Name)
                    && value is ILiteralOperation { ConstantValue: { HasValue: true, Value: false } }) return true;
                if (parameter.Type.TypeKind == TypeKind.Enum && value is IFieldReferenceOperation { Field: { } member }
                    && SymbolEqualityComparer.Default.Equals(member.ContainingType, parameter.Type) && IsSyncMember(member.Name) == true) return true;
            }
            return false;
        }

        /// <summary>
        /// The value of the condition under which the mode is synchronous (false for <c>async</c>, true for <c>!async</c> and
        /// <c>io == IOBehavior.Synchronous</c>), or null when the condition is not a test of a mode parameter.
        /// </summary>
        private static bool? SyncWhen(ExpressionSyntax condition, SemanticModel model, int depth)
        {
            if (depth > 8) return null; // a mode test is short; generated conditions may not be
            switch (condition)
            {
                case ParenthesizedExpressionSyntax parenthesized:
                    return SyncWhen(parenthesized.Expression, model, depth + 1);
                case PrefixUnaryExpressionSyntax not when not.IsKind(SyntaxKind.LogicalNotExpression):
                    return !SyncWhen(not.Operand, model, depth + 1);
                case IdentifierNameSyntax name when FlagName.IsMatch(name.Identifier.ValueText) && IsParameter(name, model, boolOnly: true):
                    return false;
                // Polly's context.IsSynchronous: the mode carried by a parameter's context
                case MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax context, Name.Identifier.ValueText: "IsSynchronous" or "IsAsynchronous" } mode
                    when IsParameter(context, model, boolOnly: false):
                    return mode.Name.Identifier.ValueText == "IsSynchronous";
                // !async && x: true only where !async is; async || x: false only where async is
                case BinaryExpressionSyntax both when both.IsKind(SyntaxKind.LogicalAndExpression):
                    return SyncWhen(both.Left, model, depth + 1) == true || SyncWhen(both.Right, model, depth + 1) == true ? true : null;
                case BinaryExpressionSyntax either when either.IsKind(SyntaxKind.LogicalOrExpression):
                    return SyncWhen(either.Left, model, depth + 1) == false || SyncWhen(either.Right, model, depth + 1) == false ? false : null;
                case BinaryExpressionSyntax test when test.IsKind(SyntaxKind.EqualsExpression) || test.IsKind(SyntaxKind.NotEqualsExpression):
                    var (operand, member) = test.Right is MemberAccessExpressionSyntax right ? (test.Left, right) : (test.Right, test.Left as MemberAccessExpressionSyntax);
                    if (member == null || operand is not IdentifierNameSyntax parameter || !IsParameter(parameter, model, boolOnly: false)
                        || IsSyncMember(member.Name.Identifier.ValueText) is not bool sync || !IsTwoModeEnum(member, model)) return null;
                    return test.IsKind(SyntaxKind.EqualsExpression) ? sync : !sync;
                default:
                    return null;
            }
        }

        /// <summary>The member belongs to an enum of exactly two modes (so "not asynchronous" means synchronous).</summary>
        private static bool IsTwoModeEnum(MemberAccessExpressionSyntax member, SemanticModel model) =>
            model.GetSymbolInfo(member).Symbol is IFieldSymbol { ContainingType: { TypeKind: TypeKind.Enum } modes }
            && modes.GetMembers().OfType<IFieldSymbol>().Count(f => f.HasConstantValue) == 2;

        /// <summary><c>if (async) { return …; }</c> (no else) before the statement in its block: only the synchronous mode gets past it.</summary>
        private static bool AfterAsyncExit(BlockSyntax block, StatementSyntax statement, SemanticModel model)
        {
            foreach (var earlier in block.Statements)
            {
                if (earlier == statement) return false;
                if (earlier is IfStatementSyntax { Else: null } test && AlwaysExits(test.Statement) && SyncWhen(test.Condition, model, 0) == false) return true;
            }
            return false;
        }

        private static bool AlwaysExits(StatementSyntax statement) => statement switch
        {
            ReturnStatementSyntax or ThrowStatementSyntax => true,
            BlockSyntax { Statements: { Count: > 0 } statements } => statements[statements.Count - 1] is ReturnStatementSyntax or ThrowStatementSyntax,
            _ => false,
        };

        /// <summary>The name is a parameter of the function (a bool one when asked).</summary>
        private static bool IsParameter(IdentifierNameSyntax name, SemanticModel model, bool boolOnly) =>
            model.GetSymbolInfo(name).Symbol is IParameterSymbol parameter && (!boolOnly || parameter.Type.SpecialType == SpecialType.System_Boolean);
    }
}
