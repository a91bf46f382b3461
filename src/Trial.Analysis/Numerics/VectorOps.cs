using System.Numerics;
using System.Runtime.InteropServices;

namespace Trial.Analysis.Numerics;

/// <summary>SIMD dot product and axpy on spans (System.Numerics.Vector), for the QR inner loops.</summary>
internal static class VectorOps
{
    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var va = MemoryMarshal.Cast<double, Vector<double>>(a);
        var vb = MemoryMarshal.Cast<double, Vector<double>>(b[..a.Length]);
        var acc = Vector<double>.Zero;
        for (var i = 0; i < va.Length; i++)
        {
            acc += va[i] * vb[i];
        }
        var sum = Vector.Dot(acc, Vector<double>.One);
        for (var i = va.Length * Vector<double>.Count; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }
        return sum;
    }

    /// <summary>y −= f·x.</summary>
    public static void SubtractScaled(double f, ReadOnlySpan<double> x, Span<double> y)
    {
        var vx = MemoryMarshal.Cast<double, Vector<double>>(x);
        var vy = MemoryMarshal.Cast<double, Vector<double>>(y[..x.Length]);
        var vf = new Vector<double>(f);
        for (var i = 0; i < vx.Length; i++)
        {
            vy[i] -= vf * vx[i];
        }
        for (var i = vx.Length * Vector<double>.Count; i < x.Length; i++)
        {
            y[i] -= f * x[i];
        }
    }
}
