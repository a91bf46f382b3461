using System.Runtime.CompilerServices;

namespace Trial.Analysis.Numerics;

/// <summary>Kahan-compensated accumulation into arrays of sums, for sums of many terms that later cancel heavily.</summary>
internal static class CompensatedSum
{
    /// <summary>sum[index] += value, carrying the lost low-order part in compensation[index].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Add(double[] sum, double[] compensation, int index, double value)
    {
        var y = value - compensation[index];
        var t = sum[index] + y;
        compensation[index] = (t - sum[index]) - y;
        sum[index] = t;
    }
}
