using System;

namespace RuntimePerf.Languages.Common
{
    /// <summary>How a call is named, as the knowledge tables of method-name prefixes read it.</summary>
    public static class CallNames
    {
        /// <summary>The called function's own name: <c>saveAll</c> for <c>repo.saveAll</c>, without a private prefix (<c>_</c>, <c>#</c>).</summary>
        public static string Callee(CallModel call)
        {
            string name = call.Method ?? call.Resolved ?? call.Written;
            int dot = name.LastIndexOf('.');
            return (dot >= 0 ? name.Substring(dot + 1) : name).TrimStart('_', '#');
        }

        /// <summary><c>self.save</c>, <c>cls.load</c>, <c>this.fetchOne</c>: a method of the object's own class, called on it.</summary>
        public static bool IsOnSelf(string written) =>
            (written.StartsWith("self.", StringComparison.Ordinal) || written.StartsWith("cls.", StringComparison.Ordinal) || written.StartsWith("this.", StringComparison.Ordinal))
            && written.IndexOf('.', written.IndexOf('.') + 1) < 0;

        /// <summary>The name starts with one of the prefixes, in any case (<c>SaveAll</c>, <c>saveAll</c>).</summary>
        public static bool StartsWithAny(string name, string[] prefixes)
        {
            foreach (string prefix in prefixes)
            {
                if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) return true;
            }
            return false;
        }
    }
}
