using System.Collections.Generic;
using static RuntimePerf.CSharp.Analysis.MemberTable;

namespace RuntimePerf.CSharp.Rules.FireAndForget
{
    /// <summary>What RP0024 knows about delegates.</summary>
    internal static class FireAndForgetTable
    {
        /// <summary>
        /// Calls that run their Action argument to completion before they return: an async lambda passed to one returns at
        /// its first await, so the caller goes on while the work still runs. (An async lambda given to a callback
        /// registration — CancellationToken.Register, a Timer — is an event handler in all but name and is not reported.)
        /// </summary>
        public static readonly KeyValuePair<string, string[]>[] SynchronousInvokers =
        {
            Row("System.Collections.Generic.List`1", "ForEach"),
            Row("System.Collections.Immutable.ImmutableList`1", "ForEach"),
            Row("System.Array", "ForEach"),
            Row("System.Threading.Tasks.Parallel", "For", "ForEach", "Invoke"),
        };

        /// <summary><c>tcs.TrySetResult(r)</c>, <c>TrySetException</c>, <c>TrySetCanceled</c> on a TaskCompletionSource: they never throw.</summary>
        public static readonly KeyValuePair<string, string[]>[] Completions =
        {
            Row("System.Threading.Tasks.TaskCompletionSource", "TrySetResult", "TrySetException", "TrySetCanceled"),
            Row("System.Threading.Tasks.TaskCompletionSource`1", "TrySetResult", "TrySetException", "TrySetCanceled"),
        };

        /// <summary>
        /// <c>OnClick</c>, <c>OnValueChanged</c>, <c>OnŘád</c>: the .NET naming of event handlers, "On" and then an
        /// upper-case letter. Such handlers are often wired where the compiler cannot see it (XAML compiled to IL,
        /// a BindableProperty callback in another assembly, a framework calling methods by name), so one that the
        /// compilation never calls directly counts as a handler. <c>Onboard</c>, <c>On_X</c> and <c>On3D</c> are not
        /// handler names.
        /// </summary>
        public static bool IsHandlerName(string name) =>
            name.Length > 2 && name.StartsWith("On", System.StringComparison.Ordinal) && char.IsUpper(name, 2);
    }
}
