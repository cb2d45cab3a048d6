using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text;

namespace RuntimePerf.IntegrationTests
{
    public sealed record RunResult(int ExitCode, string Output)
    {
        public bool Succeeded => ExitCode == 0;
        public override string ToString() => $"exit {ExitCode}\n{Output}";
    }

    /// <summary>Runs the real dotnet CLI, capturing stdout and stderr together.</summary>
    public static class DotNet
    {
        public static RunResult Run(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
        {
            var psi = StartInfo("dotnet", workingDirectory, environment, args);

            var output = new StringBuilder();
            using var process = new Process { StartInfo = psi };
            process.OutputDataReceived += (_, e) => { if (e.Data != null) lock (output) output.AppendLine(e.Data); };
            process.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (output) output.AppendLine(e.Data); };
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("dotnet " + string.Join(' ', args) + " did not finish in 5 minutes:\n" + output);
            }
            process.WaitForExit();
            return new RunResult(process.ExitCode, output.ToString());
        }

        /// <summary>A child process of the .NET CLI (dotnet itself, or a tool it installed), isolated from the test host's MSBuild.</summary>
        public static ProcessStartInfo StartInfo(string file, string workingDirectory, IReadOnlyDictionary<string, string>? environment, IEnumerable<string> args)
        {
            var psi = new ProcessStartInfo(file)
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var a in args) psi.ArgumentList.Add(a);
            // Isolate from the test host's MSBuild environment (dotnet test sets variables that confuse child builds).
            foreach (var name in new[] { "MSBuildExtensionsPath", "MSBUILD_EXE_PATH", "MSBuildSDKsPath", "MSBuildLoadMicrosoftTargetsReadOnly" })
                psi.Environment.Remove(name);
            psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            psi.Environment["DOTNET_NOLOGO"] = "1";
            psi.Environment["MSBUILDDISABLENODEREUSE"] = "1";
            if (environment != null)
                foreach (var kv in environment) psi.Environment[kv.Key] = kv.Value;
            return psi;
        }
    }
}
