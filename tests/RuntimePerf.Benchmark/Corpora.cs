using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace RuntimePerf.Benchmark
{
    /// <summary>Real code bases per language, fetched at run time with the ordinary package clients and cached under .bench/.</summary>
    internal sealed record Corpus(string Description, Func<string, string> Fetch);

    internal static class Corpora
    {
        /// <summary>Adding a language's corpus is adding a row.</summary>
        public static readonly Dictionary<string, Corpus> ByLanguage = new(StringComparer.Ordinal)
        {
            ["python"] = Debian("python3-aiohttp", "python3-tornado"),
            // Go sources as Debian ships them (under /usr/share/gocode/src): clients, servers, routers, a message bus.
            ["go"] = Debian("golang-github-minio-minio-go-v7-dev", "golang-github-prometheus-client-golang-dev", "golang-github-gin-gonic-gin-dev",
                "golang-github-labstack-echo-dev", "golang-github-nats-io-go-nats-dev", "golang-github-caddyserver-certmagic-dev",
                "golang-github-go-chi-chi-dev", "golang-github-gorilla-mux-dev", "golang-github-hashicorp-go-retryablehttp-dev"),
            // Crate sources as Debian ships them (under usr/share/cargo/registry): an HTTP stack, a runtime, database drivers.
            ["rust"] = Debian("librust-hyper-dev", "librust-tokio-dev", "librust-tokio-postgres-dev", "librust-rusqlite-dev", "librust-reqwest-dev"),
            ["javascript"] = Npm("undici@6.21.0", "express@4.21.2", "fastify@5.2.1", "koa@2.15.3", "ws@8.18.0", "mongodb@6.12.0"),
        };

        /// <summary>Debian binary packages, downloaded with apt-get and unpacked (their files as installed).</summary>
        public static Corpus Debian(params string[] packages) => new("Debian " + string.Join(", ", packages), directory =>
        {
            string extracted = Path.Combine(directory, "extracted");
            if (Directory.Exists(extracted)) return extracted;
            Directory.CreateDirectory(directory);
            Exec(directory, "apt-get", new[] { "download" }.Concat(packages).ToArray());
            foreach (string deb in Directory.GetFiles(directory, "*.deb"))
                Exec(directory, "dpkg-deb", "-x", deb, extracted);
            return extracted;
        });

        /// <summary>
        /// The upstream tarball of a Debian source package (tests and all, as a project holds it), through apt-get with a
        /// private deb-src list, so the machine's apt configuration is left alone; unpacked as it is.
        /// </summary>
        public static Corpus DebianSource(string package) => new("Debian source of " + package, directory =>
        {
            string extracted = Path.Combine(directory, "extracted");
            if (Directory.Exists(extracted)) return extracted;
            string lists = Directory.CreateDirectory(Path.Combine(directory, "lists", "partial")).Parent!.FullName;
            string sources = Path.Combine(directory, "deb-src.sources");
            string system = File.ReadAllText("/etc/apt/sources.list.d/debian.sources");
            File.WriteAllText(sources, Regex.Replace(system, @"^Types: deb$", "Types: deb-src", RegexOptions.Multiline));
            var options = new[] { "-o", "Dir::Etc::SourceList=" + sources, "-o", "Dir::Etc::SourceParts=/dev/null", "-o", "Dir::State::Lists=" + lists };
            Exec(directory, "apt-get", options.Concat(new[] { "update", "-qq" }).ToArray());
            // The Debian patches may be missing on the mirror: apt-get then fails, but only the upstream tarball is needed.
            Exec(directory, "apt-get", options.Concat(new[] { "source", "--download-only", "-qq", package }).ToArray(), mayFail: true);
            string tarball = Directory.GetFiles(directory, "*.orig.tar.*").SingleOrDefault()
                ?? throw new InvalidOperationException($"apt-get source {package} brought no upstream tarball into {directory}");
            string partial = Directory.CreateDirectory(extracted + ".partial").FullName;
            Exec(directory, "tar", "-xf", tarball, "-C", partial);
            Directory.Move(partial, extracted);
            return extracted;
        });

        /// <summary>npm packages (name or name@version), fetched with npm pack and unpacked, one folder each.</summary>
        public static Corpus Npm(params string[] packages) => new("npm " + string.Join(", ", packages), directory =>
        {
            string extracted = Path.Combine(directory, "extracted");
            if (Directory.Exists(extracted)) return extracted;
            Directory.CreateDirectory(directory);
            Exec(directory, "npm", new[] { "pack", "--silent" }.Concat(packages).ToArray());
            foreach (string tgz in Directory.GetFiles(directory, "*.tgz"))
            {
                string target = Path.Combine(extracted, Path.GetFileNameWithoutExtension(tgz));
                Directory.CreateDirectory(target);
                Exec(directory, "tar", "-xzf", tgz, "-C", target);
            }
            return extracted;
        });

        private static void Exec(string directory, string file, params string[] args) => Exec(directory, file, args, mayFail: false);

        private static void Exec(string directory, string file, string[] args, bool mayFail)
        {
            var psi = new ProcessStartInfo(file) { WorkingDirectory = directory };
            foreach (var a in args) psi.ArgumentList.Add(a);
            using var p = Process.Start(psi) ?? throw new InvalidOperationException("cannot start " + file);
            p.WaitForExit();
            if (p.ExitCode != 0 && !mayFail)
                throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed with exit code {p.ExitCode} (for apt-get: run 'apt-get update' first?)");
        }
    }
}
