namespace Trial.Analysis.Plan;

/// <summary>Months relative to inclusion (0 = inclusion month); null means the first or last month with data.</summary>
public sealed record EventWindow(int? From, int? To)
{
    public bool Contains(int k) => (From is null || k >= From) && (To is null || k <= To);

    public override string ToString() => $"{From?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "first"}..{To?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "last"}";
}
