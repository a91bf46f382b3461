using Trial.Analysis.Data;
using Trial.Analysis.Spec;

namespace Trial.Analysis.DiD;

/// <summary>
/// Event-study phases relative to a per-person start: adds one 0/1 column per <see cref="PhaseBin"/> from a period
/// column and a start column (both integer periods, e.g. months since Jan 2021). Periods not in any bin — before the
/// start, or persons without a start (missing) — are the reference. Seed 000 Model 1: bins 0–3, 4–6, 7–9, &gt;9 months.
/// </summary>
public static class EventStudyPhases
{
    /// <summary>Seed 000 Table 3 Model 1 bins (reference: all pre-start months).</summary>
    public static IReadOnlyList<PhaseBin> Seed000Bins { get; } =
    [
        new("phase_0_3", 0, 3), new("phase_4_6", 4, 6), new("phase_7_9", 7, 9), new("phase_gt9", 10, null),
    ];

    public static DataFrame AddPhaseColumns(DataFrame data, string period, string start, IReadOnlyList<PhaseBin> bins)
    {
        var t = data.Numeric(period).Values;
        var s = data.Numeric(start).Values;
        var overlap = bins.SelectMany((a, i) => bins.Skip(i + 1).Where(b => b.From <= (a.To ?? int.MaxValue) && a.From <= (b.To ?? int.MaxValue)).Select(b => (a, b))).FirstOrDefault();
        if (overlap.a is not null)
        {
            throw new ModelInputException($"phases: bins '{overlap.a.Column}' and '{overlap.b.Column}' overlap");
        }
        var result = data;
        foreach (var bin in bins)
        {
            var values = new double[data.RowCount];
            for (var i = 0; i < values.Length; i++)
            {
                if (double.IsNaN(t[i]))
                {
                    values[i] = double.NaN;
                }
                else if (!double.IsNaN(s[i]))
                {
                    var e = t[i] - s[i];
                    if (e != Math.Floor(e))
                    {
                        throw new ModelInputException($"phases: row {i + 1}: '{period}' and '{start}' must be whole periods (e.g. month numbers)");
                    }
                    values[i] = bin.Contains((int)e) ? 1 : 0;
                }
            }
            result = result.With(new NumericColumn(bin.Column, values));
        }
        return result;
    }

    /// <summary>
    /// Seed 000 Model 1: <c>outcome ~ phase bins | person + period</c>, clustered by person (person FE + calendar-month FE).
    /// Call <see cref="AddPhaseColumns"/> with <see cref="Seed000Bins"/> first.
    /// </summary>
    public static ModelSpec Seed000Model(string outcome, string person, string period) =>
        ModelSpec.FromFormula($"{outcome} ~ {string.Join(" + ", Seed000Bins.Select(b => b.Column))} | {person} + {period}").WithCluster(person);
}
