using System;
using System.Runtime.CompilerServices;
using Microsoft.Build.Locator;

namespace RuntimePerf.Cli
{
    public static class Program
    {
        public static int Main(string[] args)
        {
            var parsed = Options.Parse(args);
            if (parsed.Error != null)
            {
                Console.Error.WriteLine("runtimeperf: " + parsed.Error + " (runtimeperf --help)");
                return ExitCodes.Usage;
            }
            if (parsed.Options == null)
            {
                Console.Out.Write(Options.Help);
                return ExitCodes.Clean;
            }
            try
            {
                // Before any MSBuild type is loaded: the SDK's own MSBuild evaluates the user's projects.
                if (!MSBuildLocator.IsRegistered) MSBuildLocator.RegisterDefaults();
            }
            catch (InvalidOperationException e)
            {
                Console.Error.WriteLine("runtimeperf: no .NET SDK found to evaluate projects with (" + e.Message + ")");
                return ExitCodes.Usage;
            }
            return Run(parsed.Options);
        }

        // Separate method: MSBuild types must not be touched by the JIT before the locator has registered the SDK.
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static int Run(Options options) => new AuditCommand(options, Console.Out, Console.Error).Run();
    }

    /// <summary>0 clean, 1 the gate failed, 2 usage or configuration error.</summary>
    public static class ExitCodes
    {
        public const int Clean = 0;
        public const int GateFailed = 1;
        public const int Usage = 2;
    }
}
