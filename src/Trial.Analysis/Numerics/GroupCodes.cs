namespace Trial.Analysis.Numerics;

/// <summary>Operations on integer group codes.</summary>
public static class GroupCodes
{
    /// <summary>Codes of the intersection of two groupings (e.g. firm × year cells), renumbered 0..count−1 in order of appearance.</summary>
    public static (int[] Codes, int Count) Intersect(int[] a, int[] b)
    {
        var map = new Dictionary<long, int>();
        var codes = new int[a.Length];
        for (var i = 0; i < a.Length; i++)
        {
            var key = ((long)a[i] << 32) | (uint)b[i];
            if (!map.TryGetValue(key, out var code))
            {
                code = map.Count;
                map[key] = code;
            }
            codes[i] = code;
        }
        return (codes, map.Count);
    }
}
