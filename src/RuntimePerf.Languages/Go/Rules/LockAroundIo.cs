using System.Text.RegularExpressions;
using RuntimePerf.Engine.Catalog;
using RuntimePerf.Engine.Model;
using RuntimePerf.Languages.Common;

namespace RuntimePerf.Languages.Go.Rules
{
    /// <summary>
    /// RP0014: <c>mu.Lock()</c> … network, disk or database I/O or a sleep … <c>mu.Unlock()</c> (or a <c>defer mu.Unlock()</c>):
    /// every goroutine that needs the mutex waits for the I/O too, so one slow peer serialises the whole service.
    /// </summary>
    public sealed class LockAroundIo : IRule
    {
        public string RuleId => RuleIds.LockAroundIo;

        /// <summary>Names mutexes go by when their type is not in the file (<c>mu</c>, <c>s.mtx</c>, <c>cacheMu</c>, <c>lock</c>).</summary>
        private static readonly Regex MutexName = new(@"(^|\.)(mu|mtx|mutex|lock|[A-Za-z0-9_]*(Mu|Mtx|Mutex|Lock))$", RegexOptions.CultureInvariant);

        public void Check(FileAudit audit)
        {
            foreach (var call in audit.Model.Calls)
            {
                if (call.Method is not ("Lock" or "RLock") || call.IsDeferred || call.Arguments.Count != 0 || call.Receiver is not { } mutex) continue;
                var fn = call.Function;
                var kind = audit.Knowledge.ReceiverKind(call);
                if (!(audit.Knowledge.IsThreadLockKind(kind) || kind == null && MutexName.IsMatch(mutex))) continue;
                int end = HeldUntil(fn, call, mutex);
                if (end < 0 || FirstBlocking(audit, fn, call.EndByte, end) is not { } io) continue;
                audit.Report(RuleIds.LockAroundIo, fn, call.StartByte, call.EndByte,
                    "Lock held across I/O: " + mutex + " stays locked across " + io.Display + " (line " + audit.Model.SpanOf(io.StartByte, io.StartByte).Line
                    + ") in " + fn.Describe() + ", so every goroutine that needs it waits for the I/O",
                    audit.Knowledge.Advice.LockAroundIo);
            }
        }

        /// <summary>Where the lock is released: its next Unlock, or the function's end with a deferred Unlock; -1 when unseen.</summary>
        private static int HeldUntil(FunctionModel fn, CallModel lockCall, string mutex)
        {
            string unlock = lockCall.Method == "RLock" ? "RUnlock" : "Unlock";
            foreach (var c in fn.Calls)
            {
                if (c.StartByte <= lockCall.EndByte || c.Method != unlock || c.Receiver != mutex) continue;
                return c.IsDeferred ? fn.EndByte : c.StartByte;
            }
            return -1;
        }

        private static CallModel? FirstBlocking(FileAudit audit, FunctionModel fn, int start, int end)
        {
            foreach (var c in fn.Calls)
            {
                if (c.StartByte < start || c.StartByte >= end || c.IsSpawned || c.IsLiteral) continue;
                if (c.Resolved is { } r && GoTables.BlockingFunctions.Contains(r)) return c;
                if (c.Method is not { } m) continue;
                var kind = audit.Knowledge.ReceiverKind(c);
                if (kind != null && GoTables.BlockingMethods.TryGetValue(kind, out var methods) && methods.Contains(m)) return c;
                if (kind == null && c.Receiver != null && GoTables.QueryContextMethods.Contains(m)) return c;
            }
            return null;
        }
    }
}
