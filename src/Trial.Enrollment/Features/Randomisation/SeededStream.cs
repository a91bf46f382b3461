using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Trial.Enrollment.Features.Randomisation;

/// <summary>
/// A reproducible stream of uniform integers: HMAC-SHA256(seed, label ‖ counter) blocks, consumed 4 bytes at a time
/// with rejection sampling. The same seed and label always give the same numbers on every platform and .NET version,
/// and without the seed the stream cannot be predicted.
/// </summary>
internal sealed class SeededStream(byte[] seed, string label)
{
    private readonly byte[] _label = Encoding.UTF8.GetBytes(label);
    private byte[] _block = [];
    private int _offset;
    private long _counter;

    /// <summary>Uniform in [0, exclusiveMax).</summary>
    public int NextInt(int exclusiveMax)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(exclusiveMax, 1);
        var limit = uint.MaxValue - uint.MaxValue % (uint)exclusiveMax;
        while (true)
        {
            var value = NextUInt32();
            if (value < limit)
            {
                return (int)(value % (uint)exclusiveMax);
            }
        }
    }

    private uint NextUInt32()
    {
        if (_offset + 4 > _block.Length)
        {
            var input = new byte[_label.Length + 8];
            _label.CopyTo(input, 0);
            BinaryPrimitives.WriteInt64BigEndian(input.AsSpan(_label.Length), _counter++);
            _block = HMACSHA256.HashData(seed, input);
            _offset = 0;
        }
        var value = BinaryPrimitives.ReadUInt32BigEndian(_block.AsSpan(_offset));
        _offset += 4;
        return value;
    }
}
