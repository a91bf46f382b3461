using Trial.Analysis.Data;
using Trial.Analysis.Designs;
using Trial.Analysis.Spec;

namespace Trial.Analysis.MissingData;

/// <summary>
/// Inverse probability of response weights: a logistic response model (responded ~ baseline variables) on everyone in
/// the population whose baseline variables are known, then w = 1/p̂ for each responder (unstabilised, untrimmed, so the
/// weighted responders stand for the whole population). People with an unknown baseline variable get no weight and
/// are left out of the weighted analysis; <see cref="Unweighted"/> counts them.
/// </summary>
public sealed record ResponseWeights(LogisticFit Model, IReadOnlyDictionary<string, double> Weights, int ModelledPeople, int Unweighted)
{
    public double MaxWeight => Weights.Count == 0 ? double.NaN : Weights.Values.Max();

    /// <param name="frame">One row per person: <paramref name="idColumn"/>, a 0/1 column <c>responded</c>, and the predictors.</param>
    /// <param name="predictors">Right-hand side of the response model, e.g. "ips + age + female + y0".</param>
    public static ResponseWeights Estimate(DataFrame frame, string idColumn, string predictors)
    {
        var design = Design.Build(ModelSpec.FromFormula("responded ~ " + predictors), frame);
        var fit = LogisticRegression.Fit(design.X, design.ColumnNames, design.Y);
        var ids = frame[idColumn];
        var weights = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var r = 0; r < design.RowCount; r++)
        {
            if (design.Y[r] == 1)
            {
                weights[ids.Format(design.SourceRows[r])] = 1 / fit.Fitted[r];
            }
        }
        return new ResponseWeights(fit, weights, design.RowCount, frame.RowCount - design.RowCount);
    }
}
