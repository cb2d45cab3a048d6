using System.Collections.Generic;
using RuntimePerf.Engine.Sources;
using RuntimePerf.Languages.Common;
using RuntimePerf.TreeSitter;

namespace RuntimePerf.Languages.FrontEnds
{
    /// <summary>
    /// One tree-sitter language: its files, its grammar, the builder that turns a tree into the shared
    /// <see cref="SourceModel"/> (handlers, entry points and offloads marked), the knowledge and advice the shared rules
    /// ask for, and the rules it runs. Adding a language is one folder with one of these, listed in <see cref="FrontEndRegistry"/>.
    /// </summary>
    public interface ILanguageFrontEnd
    {
        /// <summary>The languages it audits, with their file conventions (JavaScript and TypeScript share one front end).</summary>
        IReadOnlyList<LanguageFiles> Files { get; }

        /// <summary>The grammar to parse <paramref name="relativePath"/> with (<c>.tsx</c> needs the TSX grammar).</summary>
        TreeSitter.Language Grammar(string relativePath);

        /// <summary>
        /// Why a file of this language is not audited although its name passed (a minified bundle, a generated file, build
        /// tooling), judged from its place and its text before it is parsed; null when it is audited.
        /// </summary>
        string? SkipReason(string relativePath, SourceText text);

        /// <summary>
        /// The text the grammar parses: the file's, or a copy of the same length (every offset stays the same) mended where the
        /// grammar is known to misread valid code.
        /// </summary>
        SourceText ForParsing(SourceText text) => text;

        /// <summary>The model of one parsed file, with what the team's <paramref name="options"/> add (their handler decorators).</summary>
        SourceModel Build(SyntaxTree tree, string relativePath, LanguageOptions options);

        /// <summary>
        /// What a file's findings depend on besides its text and <paramref name="options"/> (Go: the go directive of its
        /// go.mod), as text for the audit cache's key; null when nothing.
        /// </summary>
        string? OutsideSettings(LanguageOptions options) => null;

        /// <summary>
        /// The unit a file is modelled with before any rule runs on it (Go: a package is its folder, and a handler in one file
        /// makes the helpers it calls in another request paths), or null when each file stands alone.
        /// </summary>
        string? UnitOf(string relativePath) => null;

        /// <summary>Completes the models of one unit once all of them are built (see <see cref="UnitOf"/>).</summary>
        void Link(IReadOnlyList<SourceModel> unit) { }

        ILanguageKnowledge Knowledge { get; }

        /// <summary>The rules run on each file's model: the shared ones and the language's own.</summary>
        IReadOnlyList<IRule> Rules { get; }
    }
}
