namespace Trial.Analysis.Register;

/// <summary>
/// A validated register extract held column-wise: row r is participant <see cref="Participant"/>[r] in month
/// <see cref="Month"/>[r] (months since 2000-01, so arithmetic on months is integer arithmetic).
/// Status values are 1, 0 or NaN (no data); extra columns declared in the plan hold their values or NaN.
/// </summary>
public sealed class RegisterExtract(string source, string[] participant, int[] month, double[][] status, string sha256,
    IReadOnlyDictionary<string, double[]>? extra = null)
{
    /// <summary>The core columns, in file order, as the contract lists them (data-package.schema.yaml, registerExtract).</summary>
    public static readonly string[] Columns = [.. Trial.Protocol.Package.PackageContract.Current.RegisterExtract.Columns.Select(c => c.Name)];

    public string Source { get; } = source;

    public string Sha256 { get; } = sha256;

    public string[] Participant { get; } = participant;

    public int[] Month { get; } = month;

    public int Count => Participant.Length;

    public double[] Status(RegisterStatus s) => status[(int)s];

    /// <summary>The extra columns the plan declared and the file carries, by name (in file order).</summary>
    public IReadOnlyDictionary<string, double[]> Extra { get; } = extra ?? new Dictionary<string, double[]>(StringComparer.Ordinal);

    /// <summary>Months since January 2000: (year − 2000)·12 + month − 1.</summary>
    public static int MonthIndex(int year, int month) => (year - 2000) * 12 + month - 1;

    public static (int Year, int Month) FromIndex(int index) => (2000 + index / 12, index % 12 + 1);

    /// <summary>The register column name of a status (e.g. "social_assistance").</summary>
    public static string ColumnOf(RegisterStatus s) => Columns[(int)s + 2];
}
