using Trial.Analysis.Plan;

namespace Trial.Analysis.Run;

/// <summary>Questionnaire scores of one scale by participant and occasion, restricted to the analysis population.</summary>
public static class QuestionnaireScores
{
    public static Dictionary<string, double> At(StudyData d, QuestionnaireOutcomeDefinition q, string occasion) =>
        d.Scores.Where(s => s.Occasion == occasion && s.Instrument == q.Instrument && s.Scale == q.Scale)
            .GroupBy(s => s.Participant, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Score, StringComparer.Ordinal);

    /// <summary>Mean and its 95 % t interval (n − 1 df).</summary>
    public static (double Mean, double Lower, double Upper) MeanCi(IReadOnlyList<double> v)
    {
        var (mean, sd) = SampleMoments.Of(v);
        var q = MathNet.Numerics.Distributions.StudentT.InvCDF(0, 1, v.Count - 1, 0.975);
        return (mean, mean - q * sd / Math.Sqrt(v.Count), mean + q * sd / Math.Sqrt(v.Count));
    }
}
