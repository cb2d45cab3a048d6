using System.Collections.Generic;
using static RuntimePerf.CSharp.Analysis.MemberTable;

namespace RuntimePerf.CSharp.Analysis
{
    /// <summary>
    /// What marks code as a request handler, as offloaded, or as a test: per-framework knowledge kept as data.
    /// Everything is matched by resolved symbol, so a look-alike type from another library never matches.
    /// </summary>
    internal static class FrameworkTable
    {
        /// <summary>Endpoint registrations whose delegate argument serves requests (by the extension's <c>this</c> type).</summary>
        public static readonly KeyValuePair<string, string[]>[] HandlerRegistrations =
        {
            Row("Microsoft.AspNetCore.Routing.IEndpointRouteBuilder",
                "Map", "MapGet", "MapPost", "MapPut", "MapDelete", "MapPatch", "MapMethods", "MapFallback"),
            // Inline middleware: app.Use(async (context, next) => …), app.Run(async context => …).
            Row("Microsoft.AspNetCore.Builder.IApplicationBuilder", "Use", "Run"),
        };

        /// <summary>Calls whose delegate argument runs on another thread (already offloaded).</summary>
        public static readonly KeyValuePair<string, string[]>[] Offloads =
        {
            Row("System.Threading.Tasks.Task", "Run"),
            Row("System.Threading.Tasks.TaskFactory", "StartNew"),
            Row("System.Threading.Tasks.TaskFactory`1", "StartNew"),
            Row("System.Threading.Thread", ".ctor"),
            Row("System.Threading.ThreadPool", "QueueUserWorkItem", "UnsafeQueueUserWorkItem"),
            Row("System.Threading.Tasks.Parallel", "For", "ForEach", "Invoke"),
        };

        /// <summary>
        /// Calls that run their delegate argument on the caller's thread before they return: a sync lambda given to one
        /// is part of the calling function (in an async method, <c>items.ForEach(i => Thread.Sleep(1))</c> blocks that method).
        /// </summary>
        public static readonly KeyValuePair<string, string[]>[] InlineInvokers =
        {
            Row("System.Collections.Generic.List`1", "ForEach"),
            Row("System.Collections.Immutable.ImmutableList`1", "ForEach"),
            Row("System.Array", "ForEach"),
        };

        public static readonly string[] ControllerBases = { "Microsoft.AspNetCore.Mvc.ControllerBase" };
        public static readonly string[] ControllerAttributes =
        {
            "Microsoft.AspNetCore.Mvc.ApiControllerAttribute",
            "Microsoft.AspNetCore.Mvc.ControllerAttribute",
        };
        public static readonly string[] NonControllerAttributes = { "Microsoft.AspNetCore.Mvc.NonControllerAttribute" };
        public static readonly string[] NonActionAttributes = { "Microsoft.AspNetCore.Mvc.NonActionAttribute" };
        public static readonly string[] HubBases = { "Microsoft.AspNetCore.SignalR.Hub", "Microsoft.AspNetCore.SignalR.Hub`1" };
        public static readonly string[] PageModelBases = { "Microsoft.AspNetCore.Mvc.RazorPages.PageModel" };
        public static readonly string[] HttpContext = { "Microsoft.AspNetCore.Http.HttpContext" };

        /// <summary>Middleware entry points (convention-based middleware and IMiddleware) taking HttpContext first.</summary>
        public static readonly string[] MiddlewareMethods = { "Invoke", "InvokeAsync" };

        /// <summary>Razor Pages handler verbs: On{Verb}[Name][Async].</summary>
        public static readonly string[] PageHandlerVerbs = { "Get", "Post", "Put", "Delete", "Patch", "Head", "Options" };

        /// <summary>Test methods and classes: not audited (RULES.md: tests are not audited).</summary>
        public static readonly string[] TestAttributes =
        {
            "Xunit.FactAttribute", "Xunit.TheoryAttribute",
            "NUnit.Framework.TestAttribute", "NUnit.Framework.TestCaseAttribute", "NUnit.Framework.TestCaseSourceAttribute",
            "NUnit.Framework.TestFixtureAttribute",
            "Microsoft.VisualStudio.TestTools.UnitTesting.TestMethodAttribute",
            "Microsoft.VisualStudio.TestTools.UnitTesting.DataTestMethodAttribute",
            "Microsoft.VisualStudio.TestTools.UnitTesting.TestClassAttribute",
        };
    }
}
