namespace RuntimePerf.CSharp.Rules.ExpensiveObject
{
    /// <summary>One type that is costly to build and meant to be reused.</summary>
    /// <param name="Type">Metadata name (subclasses are not included: they may cache on their own).</param>
    /// <param name="Cost">Completes the issue sentence: what building one costs.</param>
    /// <param name="PerCall">Worth a finding once per call (or per controller); otherwise only per loop iteration.</param>
    /// <param name="ConstantArgument">Per call, only when this argument is fixed (a regex pattern from input is built per input anyway); -1: any.</param>
    /// <param name="CheapConstructors">Constructors (parameter types, comma-separated) the runtime caches: never reported.</param>
    internal sealed record ExpensiveType(string Type, string Cost, string Recommendation, bool PerCall, int ConstantArgument = -1,
        params string[] CheapConstructors);

    /// <summary>What RP0015 knows: the reusable objects that are expensive to build.</summary>
    internal static class ExpensiveObjectTable
    {
        public static readonly ExpensiveType[] Types =
        {
            new ExpensiveType("System.Text.RegularExpressions.Regex",
                ": the pattern is parsed again (and with RegexOptions.Compiled compiled to IL again) every time",
                "Make it a static readonly field or a [GeneratedRegex] method; the static Regex.IsMatch/Match/Replace(input, pattern) also reuse a cached parse",
                PerCall: true, ConstantArgument: 0),
            new ExpensiveType("System.Text.Json.JsonSerializerOptions",
                ": System.Text.Json caches serialization metadata in the options instance, so a new instance repeats that work (CA1869)",
                "Create the options once (a static readonly field or a singleton) and reuse them",
                PerCall: true),
            new ExpensiveType("System.Xml.Serialization.XmlSerializer",
                ": this constructor generates and loads a new serialization assembly every time, and never unloads it",
                "Cache the serializer in a static field (the runtime caches only XmlSerializer(Type) and XmlSerializer(Type, string))",
                PerCall: true, ConstantArgument: -1, "System.Type", "System.Type,System.String"),
            new ExpensiveType("Microsoft.Extensions.Configuration.ConfigurationBuilder",
                ": the configuration sources (files, environment) are read and parsed again every time",
                "Build the configuration once (or inject IConfiguration / IOptions<T>) and reuse it",
                PerCall: false),
            new ExpensiveType("Markdig.MarkdownPipelineBuilder",
                ": the Markdown pipeline and its extensions are set up again every time",
                "Build the MarkdownPipeline once (a static readonly field) and pass it to every Markdown.ToHtml call",
                PerCall: false),
        };
    }
}
