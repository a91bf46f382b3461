namespace Trial.Analysis.Designs;

/// <summary>Where the input rows went: excluded by the sample filter, dropped for missing values, zero weights or as FE singletons.</summary>
public sealed record RowAccounting(int InputRows, int Filtered, int MissingDropped, int ZeroWeightDropped, int SingletonsDropped)
{
    public int Used => InputRows - Filtered - MissingDropped - ZeroWeightDropped - SingletonsDropped;

    public override string ToString()
    {
        var parts = new List<string> { $"{Used} of {InputRows} rows used" };
        if (Filtered > 0) { parts.Add($"{Filtered} outside the sample filter"); }
        if (MissingDropped > 0) { parts.Add($"{MissingDropped} dropped for missing values"); }
        if (ZeroWeightDropped > 0) { parts.Add($"{ZeroWeightDropped} with zero weight"); }
        if (SingletonsDropped > 0) { parts.Add($"{SingletonsDropped} fixed-effect singletons dropped"); }
        return string.Join("; ", parts);
    }
}
