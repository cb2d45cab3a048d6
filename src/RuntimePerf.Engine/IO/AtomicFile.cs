using System;
using System.IO;

namespace RuntimePerf.Engine.IO
{
    /// <summary>Writes via a temp file + rename so a killed build never leaves half a report.</summary>
    public static class AtomicFile
    {
        /// <summary>Writes <paramref name="content"/> unless the file already holds exactly it. Returns true when written.</summary>
        public static bool WriteIfChanged(string path, byte[] content)
        {
            if (File.Exists(path))
            {
                var info = new FileInfo(path);
                if (info.Length == content.Length && BytesEqual(File.ReadAllBytes(path), content)) return false;
            }
            string? dir = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
            string temp = path + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".tmp";
            try
            {
                File.WriteAllBytes(temp, content);
                if (File.Exists(path)) File.Replace(temp, path, null);
                else File.Move(temp, path);
            }
            finally
            {
                if (File.Exists(temp)) File.Delete(temp);
            }
            return true;
        }

        private static bool BytesEqual(byte[] a, byte[] b)
        {
            if (a.Length != b.Length) return false;
            for (int i = 0; i < a.Length; i++) if (a[i] != b[i]) return false;
            return true;
        }
    }
}
