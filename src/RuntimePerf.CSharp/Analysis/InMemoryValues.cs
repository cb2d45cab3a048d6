using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace RuntimePerf.CSharp.Analysis
{
    /// <summary>
    /// Values whose data lives in memory (MemoryStream, StringReader, StringBuilder…), followed through a few wrapping
    /// steps: <c>new StreamReader(new MemoryStream(…))</c>, <c>XmlReader.Create(stringReader)</c>, a local's initializer,
    /// a stream an extension method makes from a buffer alone (<c>bytes.AsMemory().AsStream()</c>).
    /// Reading or writing them never waits on a device.
    /// </summary>
    internal sealed class InMemoryValues
    {
        public static readonly string[] Types =
        {
            "System.IO.MemoryStream", "System.IO.UnmanagedMemoryStream", "System.IO.StringReader", "System.IO.StringWriter",
            "System.Text.StringBuilder",
        };

        /// <summary>Buffers in memory: given nothing but one of these (or an array of bytes or chars), a method can only make a stream over it.</summary>
        public static readonly string[] Buffers =
        {
            "System.Memory`1", "System.ReadOnlyMemory`1", "System.Buffers.ReadOnlySequence`1", "System.Buffers.IMemoryOwner`1",
        };

        private readonly TypeSet _types;
        private readonly TypeSet _buffers;
        private readonly TypeSet _stream;

        public InMemoryValues(Compilation compilation)
        {
            _types = new TypeSet(compilation, Types);
            _buffers = new TypeSet(compilation, Buffers);
            _stream = new TypeSet(compilation, new[] { "System.IO.Stream" });
        }

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
                    case IInvocationOperation wrap when IsStreamOverBuffer(wrap):
                        return true;
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

        /// <summary><c>memory.AsStream()</c>: an extension method given only a buffer in memory, returning a stream.</summary>
        private bool IsStreamOverBuffer(IInvocationOperation call)
        {
            if (!call.TargetMethod.IsExtensionMethod || call.Arguments.Length == 0 || !_stream.ContainsSelfOrBase(call.TargetMethod.ReturnType)) return false;
            for (int i = 1; i < call.Arguments.Length; i++)
            {
                if (call.Arguments[i].ArgumentKind != ArgumentKind.DefaultValue) return false;
            }
            // the parameter's type, not the argument's: an extension of object or of an array of paths is given no buffer
            var buffer = call.Arguments[0].Parameter?.Type;
            return buffer is IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_Byte or SpecialType.System_SByte or SpecialType.System_Char }
                   || _buffers.Contains(buffer);
        }
    }
}
