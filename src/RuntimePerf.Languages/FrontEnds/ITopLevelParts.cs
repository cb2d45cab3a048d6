using System.Collections.Generic;
using RuntimePerf.Languages.Common;
using RuntimePerf.TreeSitter;

namespace RuntimePerf.Languages.FrontEnds
{
    /// <summary>
    /// A front end that can model a file from its top-level parts, parsed one at a time, so a very large file never
    /// holds its whole syntax tree in memory (the tree costs about 25 times the file; the model a third of that).
    /// <see cref="TreeSitterAudit"/> cuts only files above <see cref="PartSizes.CutAbove"/>; others are one part.
    /// </summary>
    public interface ITopLevelParts
    {
        /// <summary>
        /// Byte offsets where a top-level statement starts, found without parsing, each at the start of a line. An offset
        /// inside a string or brackets costs memory, never findings: a part that does not parse cleanly is joined with the
        /// next one and parsed again.
        /// </summary>
        IReadOnlyList<int> TopLevelStarts(SourceText text);

        /// <summary>The model of one file from its parts in order; each part's tree is disposed when the next is asked for.</summary>
        SourceModel Build(SourceText text, IEnumerable<SyntaxTree> parts, string relativePath, LanguageOptions options);
    }
}
