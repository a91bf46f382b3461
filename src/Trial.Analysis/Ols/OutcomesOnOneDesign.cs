using Trial.Analysis.Data;
using Trial.Analysis.Designs;
using Trial.Analysis.Spec;

namespace Trial.Analysis.Ols;

/// <summary>
/// One model fitted to several outcomes, each given in its own data frame (the analysis plan builds one frame per
/// outcome). Frames whose other columns are equal and whose outcomes are missing on the same rows have the same design
/// but for y: it is built once, and X is factored once for all of them (<see cref="OlsEstimator.FitSameX"/>). Each fit
/// is exactly the one <see cref="OlsEstimator.Fit(ModelSpec, DataFrame)"/> gives on its own frame; frames that differ
/// are fitted on their own.
/// </summary>
public static class OutcomesOnOneDesign
{
    public static IReadOnlyList<OlsFit> Fit(ModelSpec spec, IReadOnlyList<DataFrame> frames)
    {
        var outcome = spec.Formula.Outcome.Column;
        var fits = new OlsFit?[frames.Count];
        for (var first = 0; first < frames.Count; first++)
        {
            if (fits[first] is not null)
            {
                continue;
            }
            var group = Enumerable.Range(first, frames.Count - first)
                .Where(i => i == first || (fits[i] is null && SameButOutcome(spec, frames[first], frames[i], outcome))).ToList();
            var design = Design.Build(spec, frames[first]);
            var designs = group.Select(i => i == first ? design : design.WithOutcome(Gather(frames[i].Numeric(outcome).Values, design.SourceRows))).ToList();
            var fitted = OlsEstimator.FitSameX(designs);
            for (var k = 0; k < group.Count; k++)
            {
                fits[group[k]] = fitted[k];
            }
        }
        return [.. fits.Select(f => f!)];
    }

    /// <summary>
    /// Whether <paramref name="b"/>'s design is <paramref name="a"/>'s but for y: no sample filter or weights (they could
    /// read the outcome), the same columns with equal values, and the outcome missing on the same rows (so the same rows are used).
    /// </summary>
    private static bool SameButOutcome(ModelSpec spec, DataFrame a, DataFrame b, string outcome)
    {
        if (spec.Filter.Count > 0 || spec.Weights is not null || a.RowCount != b.RowCount || a.Columns.Count != b.Columns.Count)
        {
            return false;
        }
        foreach (var column in a.Columns)
        {
            if (!b.Contains(column.Name))
            {
                return false;
            }
            var other = b[column.Name];
            if (string.Equals(column.Name, outcome, StringComparison.Ordinal))
            {
                for (var i = 0; i < a.RowCount; i++)
                {
                    if (column.IsMissing(i) != other.IsMissing(i))
                    {
                        return false;
                    }
                }
            }
            else if (!Equal(column, other))
            {
                return false;
            }
        }
        return true;
    }

    private static bool Equal(DataColumn a, DataColumn b) => (a, b) switch
    {
        (NumericColumn x, NumericColumn y) => x.Values.AsSpan().SequenceEqual(y.Values),
        (TextColumn x, TextColumn y) => x.Interned() is var (xc, xl) && y.Interned() is var (yc, yl)
            && xc.AsSpan().SequenceEqual(yc) && xl.AsSpan().SequenceEqual(yl),
        _ => false,
    };

    private static double[] Gather(double[] values, int[] rows)
    {
        var result = new double[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            result[i] = values[rows[i]];
        }
        return result;
    }
}
