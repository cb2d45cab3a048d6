using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace RuntimePerf.CSharp.Analysis
{
    /// <summary>
    /// Values whose data lives in memory (MemoryStream, StringReader, StringBuilder…), followed through a few wrapping
    /// steps: <c>new StreamReader(new MemoryStream(…))</c>, <c>XmlReader.Create(stringReader)</c>, a local's initializer.
    /// Reading or writing them never waits on a device.
    /// </summary>
    internal sealed class InMemoryValues
    {
        public static readonly string[] Types =
        {
            "System.IO.MemoryStream", "System.IO.UnmanagedMemoryStream", "System.IO.StringReader", "System.IO.StringWriter",
            "System.Text.StringBuilder",
        };

        private readonly TypeSet _types;

        public InMemoryValues(Compilation compilation) => _types = new TypeSet(compilation, Types);

        public bool Contains(IOperation? operation, CancellationToken ct)
        {
            for (int step = 0; step < 5; step++)
            {
                operation = OperationFacts.Unwrap(operation);
                if (operation == null) return false;
                if (_types.ContainsSelfOrBase(operation.Type)) return true;
                switch (operation)
                {
                    case IObjectCreationOperation creation when creation.Arguments.Length > 0:
                        operation = creation.Arguments[0].Value;
                        break;
                    case IInvocationOperation factory when factory.TargetMethod.IsStatic && !factory.TargetMethod.IsExtensionMethod && factory.Arguments.Length > 0:
                        operation = factory.Arguments[0].Value;
                        break;
                    case ILocalReferenceOperation local:
                        operation = OperationFacts.Initializer(local.Local, local.SemanticModel!, ct);
                        break;
                    default:
                        return false;
                }
            }
            return false;
        }
    }
}
