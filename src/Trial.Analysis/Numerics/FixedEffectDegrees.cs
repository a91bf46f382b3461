namespace Trial.Analysis.Numerics;

/// <summary>
/// Degrees of freedom absorbed by fixed effects: one dimension = its levels; two = L1 + L2 − connected components of
/// the bipartite level graph (exact, as fixest and reghdfe); more = Σ L − (D − 1) (exact only when the extra
/// dimensions are connected, fixest's K.exact = FALSE).
/// </summary>
public static class FixedEffectDegrees
{
    public static int Count(int[][] codes, int[] levels)
    {
        return codes.Length switch
        {
            0 => 0,
            1 => levels[0],
            2 => levels[0] + levels[1] - Components(codes[0], codes[1], levels[0], levels[1]),
            _ => levels.Sum() - (codes.Length - 1),
        };
    }

    private static int Components(int[] a, int[] b, int la, int lb)
    {
        var parent = new int[la + lb];
        for (var i = 0; i < parent.Length; i++)
        {
            parent[i] = i;
        }
        for (var i = 0; i < a.Length; i++)
        {
            var x = Find(parent, a[i]);
            var y = Find(parent, la + b[i]);
            if (x != y)
            {
                parent[x] = y;
            }
        }
        var count = 0;
        for (var i = 0; i < parent.Length; i++)
        {
            if (Find(parent, i) == i)
            {
                count++;
            }
        }
        return count;
    }

    private static int Find(int[] parent, int i)
    {
        while (parent[i] != i)
        {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }
}
