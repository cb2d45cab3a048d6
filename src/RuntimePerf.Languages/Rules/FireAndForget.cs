using System.Linq;
using RuntimePerf.Engine.Catalog;
using RuntimePerf.Engine.Model;
using RuntimePerf.Languages.Common;

namespace RuntimePerf.Languages.Rules
{
    /// <summary>
    /// RP0024: background work started and its handle dropped (<c>asyncio.create_task(…)</c> as a bare statement, a floating promise, in a
    /// comprehension that is one, or bound to a local that nothing ever reads). The loop keeps only a weak reference, so
    /// the task can be garbage-collected mid-flight and its exception is never seen. Where calling an async function only
    /// builds a coroutine or future (Python, Rust), such a call dropped is work that never runs at all.
    /// </summary>
    public sealed class FireAndForget : IRule
    {
        public string RuleId => RuleIds.FireAndForget;

        public void Check(FileAudit audit)
        {
            foreach (var call in audit.Model.Calls)
            {
                if (audit.Knowledge.DropsCallbackTask(call))
                {
                    audit.Report(RuleIds.FireAndForget, call.Function, call.StartByte, call.EndByte,
                        "Fire-and-forget: " + call.Display + " in " + call.Function.Describe()
                        + " is given an async callback whose promise it ignores, so a rejection inside it is never handled",
                        audit.Knowledge.Advice.FireAndForget);
                    continue;
                }
                if (call.IsAwaited) continue;
                bool dropped = call.IsStatement || call.InDroppedExpression;
                if (!dropped && call.AssignedTo == null) continue;
                if (dropped && audit.Knowledge.Advice.UnstartedIssue is { } unstarted && AsyncCallee(audit, call) is { } asyncFn)
                {
                    audit.Report(RuleIds.FireAndForget, call.Function, call.StartByte, call.EndByte,
                        unstarted.Replace("{call}", call.Display).Replace("{where}", call.Function.Describe()).Replace("{name}", asyncFn.Name),
                        audit.Knowledge.Advice.UnstartedAdvice, Confidence.High, Severity.Medium);
                    continue;
                }
                if (dropped && audit.Knowledge.Advice.LazyQueryIssue is { } lazy && audit.Knowledge.IsLazyQuery(call))
                {
                    audit.Report(RuleIds.FireAndForget, call.Function, call.StartByte, call.EndByte,
                        lazy.Replace("{call}", call.Display).Replace("{where}", call.Function.Describe()),
                        audit.Knowledge.Advice.LazyQueryAdvice, Confidence.High, audit.Knowledge.TaskSpawnSeverity(call));
                    continue;
                }
                if (!audit.Knowledge.IsTaskSpawn(call))
                {
                    // import { save } from './db'; save(x); — a floating promise once the pass finds save async.
                    if (dropped && audit.Knowledge.TaskSpawnIfAsync(call) is { } callee && audit.Helpers.Target(callee) is { Local: null } imported)
                    {
                        string issue = audit.Knowledge.Advice.FireAndForgetIssue.Replace("{where}", call.Function.Describe());
                        int at = issue.IndexOf("{call}", System.StringComparison.Ordinal);
                        audit.ReportIfHelperIsAsync(RuleIds.FireAndForget, call.Function, call, imported,
                            issue.Substring(0, at) + call.Written + "() (", " is async, in another file)" + issue.Substring(at + "{call}".Length),
                            audit.Knowledge.Advice.FireAndForget);
                    }
                    continue;
                }
                if (dropped)
                {
                    audit.Report(RuleIds.FireAndForget, call.Function, call.StartByte, call.EndByte,
                        audit.Knowledge.Advice.FireAndForgetIssue.Replace("{call}", call.Display).Replace("{where}", call.Function.Describe()),
                        audit.Knowledge.Advice.FireAndForget, Confidence.High, audit.Knowledge.TaskSpawnSeverity(call));
                }
                else if (NeverRead(audit, call, call.AssignedTo!))
                {
                    audit.Report(RuleIds.FireAndForget, call.Function, call.StartByte, call.EndByte,
                        audit.Knowledge.Advice.FireAndForgetUnreadIssue.Replace("{call}", call.Display).Replace("{where}", call.Function.Describe())
                            .Replace("{name}", call.AssignedTo),
                        audit.Knowledge.Advice.FireAndForget);
                }
            }
            foreach (var value in audit.Model.DroppedValues)
            {
                if (!audit.Knowledge.HoldsTask(value)) continue;
                audit.Report(RuleIds.FireAndForget, value.Function, value.StartByte, value.EndByte,
                    audit.Knowledge.Advice.FireAndForgetIssue.Replace("{call}", value.Name).Replace("{where}", value.Function.Describe()),
                    audit.Knowledge.Advice.FireAndForget);
            }
        }

        /// <summary>
        /// The one async function (or, in Rust, one declared to return a future) of the file the call names: <c>f(…)</c> at
        /// module level or nested in a function around the call, <c>self.f(…)</c> (Rust also <c>Self::f(…)</c>) in the caller's
        /// class, <c>p.f(…)</c> in the class a parameter is declared as. Two of that name (<c>cfg</c> variants, redefinitions): not sure which runs. Nor one a
        /// decorator may have wrapped into a function that schedules itself, nor an entry point (<c>#[tokio::main]</c>).
        /// </summary>
        private static FunctionModel? AsyncCallee(FileAudit audit, CallModel call)
        {
            string name;
            string? cls = null;
            if (call.Method != null)
            {
                // self in a def nested in a method is the method's own
                if ((call.Receiver == "self" ? (call.Function.Lookup("self").Owner ?? call.Function).ClassName : ParameterType(call.Function, call.Receiver)) is not { } own) return null;
                (name, cls) = (call.Method, own);
            }
            else if (SourceModel.IsPlainName(call.Written))
            {
                name = call.Written;
            }
            else if (call.Written.StartsWith("Self::", System.StringComparison.Ordinal) && call.Function.ClassName is { } own)
            {
                (name, cls) = (call.Written.Substring("Self::".Length), own);
            }
            else
            {
                return null;
            }
            if (cls == null && call.Function.Lookup(name) is { Owner: { Kind: not FunctionKind.Module } }) return null; // a local or parameter of that name
            FunctionModel? found = null;
            // a def nested in a function around the call is what the name calls there (and hides the module's)
            bool nested = cls == null && audit.Model.FunctionsNamed(name).Any(fn => fn.Parent is { Kind: not FunctionKind.Module } scope && call.Function.IsWithin(scope));
            foreach (var fn in audit.Model.FunctionsNamed(name))
            {
                // another inline module's function is not what a bare name calls here
                if (fn.ClassName != cls || fn.Namespace != call.Function.Namespace) continue;
                if (cls == null && (fn.Parent is { Kind: not FunctionKind.Module } scope ? !call.Function.IsWithin(scope) : nested)) continue;
                if (found != null || !fn.IsAsync && !(fn.ReturnsAwaitable && OnlyBuildsTheFuture(fn)) || fn.IsEntryPoint
                    || fn.Decorators.Exists(d => !audit.Knowledge.KeepsCoroutine(d))) return null;
                found = fn;
            }
            return found;
        }

        /// <summary>The class a parameter is declared as (<c>cache: &amp;Cache</c>, <c>c: Cache</c>): its methods are that class's.</summary>
        private static string? ParameterType(FunctionModel fn, string? receiver)
        {
            if (receiver == null || !SourceModel.IsPlainName(receiver) || fn.DeclaredParameterType(receiver) is not { } type) return null;
            string bare = type.TrimStart('&').Trim();
            if (bare.StartsWith("mut ", System.StringComparison.Ordinal)) bare = bare.Substring(4).Trim();
            return SourceModel.IsPlainName(bare) ? bare : null;
        }

        /// <summary>
        /// A function declared to return a future that does nothing else first (<c>fn f() -> impl Future { async move { … } }</c>,
        /// <c>Box::pin(async …)</c>): work it starts eagerly (a spawned task) runs whether or not the future is polled.
        /// </summary>
        private static bool OnlyBuildsTheFuture(FunctionModel fn) =>
            fn.Calls.TrueForAll(c => Pins(c) || c.ArgumentOf is { } pinned && Pins(pinned)); // Box::pin(cache.flush()): the future it boxes

        private static bool Pins(CallModel call) => call.Written is "Box::pin" or "std::boxed::Box::pin" or "pin" || call.Method is "boxed" or "boxed_local";

        /// <summary>
        /// A local of the call's own function (not a global, which other code may read) that is never read from the call on
        /// (from the start of the outermost loop around it: the next iteration may read it above the call), nested functions included.
        /// </summary>
        private static bool NeverRead(FileAudit audit, CallModel call, string name)
        {
            var fn = call.Function;
            if (fn.Kind == FunctionKind.Module || fn.NonLocals.Contains(name) || fn.Lookup(name).Owner != fn) return false;
            int from = call.EndByte;
            for (var loop = call.Loop; loop != null && loop.Function == fn; loop = loop.Parent) from = loop.StartByte;
            return !audit.Model.IsReadIn(name, from, fn.EndByte);
        }
    }
}
