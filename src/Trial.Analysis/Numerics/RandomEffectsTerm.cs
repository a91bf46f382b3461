namespace Trial.Analysis.Numerics;

/// <summary>
/// One random-effects block of a linear mixed model, as arrays: every row belongs to one level of a grouping
/// factor and carries <see cref="Width"/> model-matrix values (1 for an intercept, the slope variable, ...).
/// The relative covariance factor T (lower-triangular, Width×Width) is repeated over the levels; its free
/// entries are <see cref="FreeEntries"/>, in lme4's column-wise lower-triangle order.
/// </summary>
public sealed class RandomEffectsTerm
{
    /// <summary>Builds a term; validates lengths, level indices and the structure of T.</summary>
    /// <param name="levelOfRow">0-based level index for each row.</param>
    /// <param name="levelCount">Number of levels of the grouping factor.</param>
    /// <param name="values">Row-major rows × <paramref name="width"/> random-effects model matrix.</param>
    /// <param name="width">Number of random effects per level.</param>
    /// <param name="freeEntries">Free (row, column) entries of T, row ≥ column; the diagonal must be included.</param>
    public RandomEffectsTerm(int[] levelOfRow, int levelCount, double[] values, int width, IReadOnlyList<(int Row, int Column)> freeEntries)
    {
        ArgumentNullException.ThrowIfNull(levelOfRow);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(freeEntries);
        if (width < 1) { throw new ArgumentOutOfRangeException(nameof(width), width, "A random-effects term needs at least one column."); }
        if (levelCount < 1) { throw new ArgumentOutOfRangeException(nameof(levelCount), levelCount, "A grouping factor needs at least one level."); }
        if (values.Length != levelOfRow.Length * width)
        {
            throw new ArgumentException($"values has {values.Length} entries; expected rows ({levelOfRow.Length}) × width ({width}) = {levelOfRow.Length * width}.", nameof(values));
        }
        foreach (var level in levelOfRow)
        {
            if ((uint)level >= (uint)levelCount) { throw new ArgumentException($"Level index {level} is outside 0..{levelCount - 1}.", nameof(levelOfRow)); }
        }
        for (var d = 0; d < width; d++)
        {
            if (!freeEntries.Contains((d, d))) { throw new ArgumentException($"The diagonal entry ({d},{d}) of T must be free.", nameof(freeEntries)); }
        }
        foreach (var (r, c) in freeEntries)
        {
            if (r < c || r >= width || c < 0) { throw new ArgumentException($"Entry ({r},{c}) is not in the lower triangle of a {width}×{width} factor.", nameof(freeEntries)); }
        }
        LevelOfRow = levelOfRow;
        LevelCount = levelCount;
        Values = values;
        Width = width;
        FreeEntries = freeEntries.OrderBy(e => e.Column).ThenBy(e => e.Row).ToArray();
    }

    /// <summary>Unstructured (full lower-triangular) T, as lme4's <c>(1 + t | g)</c>.</summary>
    public static IReadOnlyList<(int Row, int Column)> Unstructured(int width) =>
        [.. from c in Enumerable.Range(0, width) from r in Enumerable.Range(c, width - c) select (r, c)];

    /// <summary>Diagonal T, as lme4's <c>(1 | g) + (0 + t | g)</c>.</summary>
    public static IReadOnlyList<(int Row, int Column)> Diagonal(int width) => [.. Enumerable.Range(0, width).Select(d => (d, d))];

    public int[] LevelOfRow { get; }
    public int LevelCount { get; }
    public double[] Values { get; }
    public int Width { get; }
    public IReadOnlyList<(int Row, int Column)> FreeEntries { get; }

    /// <summary>Number of θ parameters of this term.</summary>
    public int ThetaCount => FreeEntries.Count;

    /// <summary>Columns of Z for this term: levels × width.</summary>
    public int ColumnCount => LevelCount * Width;

    /// <summary>Fills the dense Width×Width lower-triangular factor T (row-major) from this term's slice of θ.</summary>
    internal void FillFactor(ReadOnlySpan<double> theta, double[] factor)
    {
        Array.Clear(factor);
        for (var i = 0; i < FreeEntries.Count; i++)
        {
            var (r, c) = FreeEntries[i];
            factor[r * Width + c] = theta[i];
        }
    }
}
