using System.Runtime.CompilerServices;

namespace Trial.Analysis.Numerics;

/// <summary>
/// Adds values into per-level sums, keeping the current run of equal levels in a register: for sorted panels this
/// avoids a store-to-load dependency on the same slot at every row. Call <see cref="Flush"/> after the last row.
/// </summary>
internal struct RunningGroupSum(int firstLevel)
{
    private int _level = firstLevel;
    private double _run;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(double[] sums, int level, double value)
    {
        if (level != _level)
        {
            sums[_level] += _run;
            _level = level;
            _run = 0;
        }
        _run += value;
    }

    public readonly void Flush(double[] sums) => sums[_level] += _run;
}
