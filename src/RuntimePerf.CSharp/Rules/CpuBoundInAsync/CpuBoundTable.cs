using RuntimePerf.Engine.Model;

namespace RuntimePerf.CSharp.Rules.CpuBoundInAsync
{
    /// <summary>Calls that do heavy CPU work, by the type that declares them.</summary>
    /// <param name="Type">Metadata name (matched by name: BCrypt.Net or ImageSharp need no reference in the analyzer).</param>
    /// <param name="Work">What the call spends its time on, for the issue sentence.</param>
    /// <param name="SmallWhenConstant">Parsing a constant (a literal in the source) is small: not reported.</param>
    internal sealed record CpuWork(string Type, string[] Members, string Work, Confidence Confidence = Confidence.High, bool SmallWhenConstant = false);

    /// <summary>What RP0005 knows: the CPU-heavy .NET APIs, and the compression streams whose whole-buffer use is.</summary>
    internal static class CpuBoundTable
    {
        public static readonly CpuWork[] Calls =
        {
            new CpuWork("System.Security.Cryptography.Rfc2898DeriveBytes", new[] { "GetBytes", "Pbkdf2" }, "PBKDF2 key derivation"),
            new CpuWork("System.Security.Cryptography.PasswordDeriveBytes", new[] { "GetBytes" }, "key derivation"),
            new CpuWork("Microsoft.AspNetCore.Cryptography.KeyDerivation.KeyDerivation", new[] { "Pbkdf2" }, "PBKDF2 key derivation"),
            new CpuWork("BCrypt.Net.BCrypt", new[] { "HashPassword", "Verify", "EnhancedHashPassword", "EnhancedVerify", "HashString", "ValidateAndReplacePassword" },
                "bcrypt password hashing"),
            new CpuWork("Microsoft.AspNetCore.Identity.PasswordHasher`1", new[] { "HashPassword", "VerifyHashedPassword" }, "PBKDF2 password hashing"),
            // Through the interface: usually PasswordHasher<T>, but the implementation is registered elsewhere.
            new CpuWork("Microsoft.AspNetCore.Identity.IPasswordHasher`1", new[] { "HashPassword", "VerifyHashedPassword" }, "password hashing",
                Confidence.Medium),
            new CpuWork("System.Xml.Linq.XDocument", new[] { "Load" }, "XML parsing"),
            new CpuWork("System.Xml.Linq.XElement", new[] { "Load" }, "XML parsing"),
            new CpuWork("System.Xml.XmlDocument", new[] { "Load" }, "XML parsing"),
            new CpuWork("System.Xml.Linq.XDocument", new[] { "Parse" }, "XML parsing", SmallWhenConstant: true),
            new CpuWork("System.Xml.Linq.XElement", new[] { "Parse" }, "XML parsing", SmallWhenConstant: true),
            new CpuWork("System.Xml.XmlDocument", new[] { "LoadXml" }, "XML parsing", SmallWhenConstant: true),
            new CpuWork("System.Drawing.Image", new[] { "FromStream", "FromFile" }, "image decoding"),
            new CpuWork("SixLabors.ImageSharp.Image", new[] { "Load" }, "image decoding"),
            new CpuWork("SixLabors.ImageSharp.Processing.ProcessingExtensions", new[] { "Mutate", "Clone" }, "image processing"),
            new CpuWork("System.IO.Compression.BrotliEncoder", new[] { "TryCompress" }, "Brotli compression"),
            new CpuWork("System.IO.Compression.BrotliDecoder", new[] { "TryDecompress" }, "Brotli decompression"),
        };

        /// <summary>Compression streams: copying or writing a whole in-memory buffer through one is pure CPU.</summary>
        public static readonly string[] CompressionStreams =
        {
            "System.IO.Compression.GZipStream", "System.IO.Compression.BrotliStream", "System.IO.Compression.ZLibStream",
            "System.IO.Compression.DeflateStream",
        };

        /// <summary>The stream calls that move a whole buffer: <c>gzip.Write(bytes)</c>, <c>input.CopyTo(gzip)</c>.</summary>
        public static readonly string[] WholeBufferCalls = { "Write", "WriteAsync", "CopyTo", "CopyToAsync" };
    }
}
