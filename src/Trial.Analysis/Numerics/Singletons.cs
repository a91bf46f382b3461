using System.Runtime.CompilerServices;
namespace Trial.Analysis.Numerics;

/// <summary>Iterative removal of fixed-effect singletons (levels with one observation), as reghdfe and fixest do.</summary>
public static class Singletons
{
    /// <summary>
    /// Returns a keep mask over n rows: repeatedly drops rows whose level in any of <paramref name="codes"/> has a
    /// single kept row, until no singleton remains. <paramref name="levels"/>[d] is the level count of dimension d.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool[] KeepMask(int[][] codes, int[] levels, int n)
    {
        var keep = new bool[n];
        Array.Fill(keep, true);
        var counts = levels.Select(l => new int[l]).ToArray();
        for (var d = 0; d < codes.Length; d++)
        {
            var c = counts[d];
            var code = codes[d];
            for (var i = 0; i < n; i++)
            {
                c[code[i]]++;
            }
        }
        // No level with a single row in any dimension (a balanced panel): nothing to drop, no pass over the rows.
        var changed = counts.Any(c => Array.IndexOf(c, 1) >= 0);
        while (changed)
        {
            changed = false;
            for (var d = 0; d < codes.Length; d++)
            {
                var code = codes[d];
                var c = counts[d];
                for (var i = 0; i < n; i++)
                {
                    if (keep[i] && c[code[i]] == 1)
                    {
                        keep[i] = false;
                        changed = true;
                        for (var e = 0; e < codes.Length; e++)
                        {
                            counts[e][codes[e][i]]--;
                        }
                    }
                }
            }
        }
        return keep;
    }
}
