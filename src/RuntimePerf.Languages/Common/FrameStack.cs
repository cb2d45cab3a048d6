using System;

namespace RuntimePerf.Languages.Common
{
    /// <summary>
    /// A model builder's ancestor stack, read in place (a List of structs would copy a frame on every look): the
    /// builders walk iteratively and keep their own frames instead of recursing.
    /// </summary>
    internal sealed class FrameStack<TFrame> where TFrame : struct
    {
        private TFrame[] _items = new TFrame[64];

        public int Count { get; private set; }

        public ref TFrame this[int index] => ref _items[index];

        public void Add(in TFrame frame)
        {
            if (Count == _items.Length) Array.Resize(ref _items, Count * 2);
            _items[Count++] = frame;
        }

        public TFrame Pop() => _items[--Count];
    }
}
