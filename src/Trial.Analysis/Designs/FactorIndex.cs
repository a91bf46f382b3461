namespace Trial.Analysis.Designs;

/// <summary>A grouping column coded 0..LevelCount−1 over the design's rows (fixed effect, cluster or factor).</summary>
public sealed record FactorIndex(string Name, int[] Codes, IReadOnlyList<string> Levels)
{
    public int LevelCount => Levels.Count;

    /// <summary>Number of rows in each level.</summary>
    public int[] Counts()
    {
        var counts = new int[LevelCount];
        foreach (var code in Codes)
        {
            counts[code]++;
        }
        return counts;
    }

    /// <summary>True when every level of this index lies inside one level of <paramref name="outer"/> (e.g. person FE in person clusters).</summary>
    public bool IsNestedIn(FactorIndex outer)
    {
        var owner = new int[LevelCount];
        Array.Fill(owner, -1);
        for (var i = 0; i < Codes.Length; i++)
        {
            ref var o = ref owner[Codes[i]];
            if (o < 0)
            {
                o = outer.Codes[i];
            }
            else if (o != outer.Codes[i])
            {
                return false;
            }
        }
        return true;
    }
}
