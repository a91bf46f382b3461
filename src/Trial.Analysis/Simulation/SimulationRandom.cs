namespace Trial.Analysis.Simulation;

/// <summary>
/// xoshiro256** seeded by SplitMix64: the same seed gives the same stream on every runtime and platform,
/// which System.Random does not promise. That is what makes a simulated package byte-identical per seed.
/// </summary>
public sealed class SimulationRandom
{
    private ulong s0, s1, s2, s3;

    public SimulationRandom(ulong seed)
    {
        var x = seed;
        s0 = SplitMix(ref x);
        s1 = SplitMix(ref x);
        s2 = SplitMix(ref x);
        s3 = SplitMix(ref x);
    }

    /// <summary>Uniform on [0, 1).</summary>
    public double Uniform() => (Next() >> 11) * (1.0 / (1UL << 53));

    public int Below(int n) => (int)(Uniform() * n);

    public bool Bernoulli(double p) => Uniform() < p;

    /// <summary>Standard normal by Box–Muller (one draw per call, the second is discarded for simplicity).</summary>
    public double Normal()
    {
        var u1 = 1.0 - Uniform();
        var u2 = Uniform();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    public void Shuffle<T>(IList<T> list)
    {
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = Below(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
    }

    private ulong Next()
    {
        var result = ulong.RotateLeft(s1 * 5, 7) * 9;
        var t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = ulong.RotateLeft(s3, 45);
        return result;
    }

    private static ulong SplitMix(ref ulong x)
    {
        var z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
