namespace Trial.Analysis.Variance;

/// <summary>
/// H₀: Rβ = r over named coefficients, e.g. the joint test of IPS and IPS×early, or equal effects across centres.
/// Each row is a map coefficient → weight; missing names weigh 0.
/// </summary>
public sealed record LinearHypothesis(string Label, IReadOnlyList<IReadOnlyDictionary<string, double>> Rows, IReadOnlyList<double> Values)
{
    /// <summary>All named coefficients are zero (joint test).</summary>
    public static LinearHypothesis AllZero(params string[] names) =>
        new($"{string.Join(" = ", names)} = 0", names.Select(n => (IReadOnlyDictionary<string, double>)new Dictionary<string, double>(StringComparer.Ordinal) { [n] = 1.0 }).ToArray(),
            names.Select(_ => 0.0).ToArray());

    /// <summary>All named coefficients are equal (q = names − 1 restrictions against the first).</summary>
    public static LinearHypothesis AllEqual(params string[] names)
    {
        if (names.Length < 2)
        {
            throw new Spec.ModelInputException("hypothesis: equality needs at least two coefficients");
        }
        var rows = names.Skip(1).Select(n => (IReadOnlyDictionary<string, double>)new Dictionary<string, double>(StringComparer.Ordinal) { [names[0]] = 1.0, [n] = -1.0 }).ToArray();
        return new($"{string.Join(" = ", names)}", rows, rows.Select(_ => 0.0).ToArray());
    }

    /// <summary>One contrast Σ weight·β = value.</summary>
    public static LinearHypothesis Contrast(IReadOnlyDictionary<string, double> weights, double value = 0) =>
        new($"{string.Join(" + ", weights.Select(p => $"{p.Value:G4}·{p.Key}"))} = {value:G6}", [weights], [value]);
}
