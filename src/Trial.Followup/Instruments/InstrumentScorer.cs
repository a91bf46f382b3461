namespace Trial.Followup.Instruments;

/// <summary>
/// Scores one instrument's answers by its declared scales. Answers must already be valid for their items (see
/// <see cref="AnswerValidator"/>); an answer to an item the instrument does not have is an error.
/// Scores are rounded to 4 decimals (half to even) so prorated values such as 14 × 7/6 are stable in exports.
/// </summary>
public static class InstrumentScorer
{
    public const int Decimals = 4;

    public static IReadOnlyList<ScaleScore> Score(InstrumentDefinition instrument, IReadOnlyDictionary<string, int> answers)
    {
        foreach (var code in answers.Keys)
        {
            if (instrument.FindItem(code) is null)
            {
                throw new ArgumentException($"Instrument '{instrument.Code}' has no item '{code}'.", nameof(answers));
            }
        }
        var results = new Dictionary<string, ScaleScore>(StringComparer.Ordinal);
        foreach (var scale in instrument.Scales)
        {
            results[scale.Code] = scale.Parts.Count > 0
                ? Composite(instrument, scale, results)
                : FromItems(instrument, scale, answers);
        }
        return instrument.Scales.Select(s => results[s.Code]).ToList();
    }

    private static ScaleScore FromItems(InstrumentDefinition instrument, ScaleDefinition scale, IReadOnlyDictionary<string, int> answers)
    {
        var total = scale.Items.Count;
        var answered = scale.Items.Where(answers.ContainsKey).Select(i => answers[i]).ToList();
        var missing = total - answered.Count;
        var allowed = scale.Missing == MissingItemRule.ProrateByMean ? scale.MaxMissing : 0;
        if (answered.Count == 0 || missing > allowed)
        {
            return new ScaleScore(instrument.Code, scale.Code, null, answered.Count, total, Prorated: false);
        }
        decimal raw = answered.Sum();
        if (missing > 0)
        {
            raw = raw * total / answered.Count;
        }
        var score = scale.Transform switch
        {
            ScaleTransform.None => raw,
            ScaleTransform.PercentOfRange => PercentOfRange(instrument, scale, raw),
            _ => throw new InvalidOperationException($"Unknown transform {scale.Transform}."),
        };
        return new ScaleScore(instrument.Code, scale.Code, Math.Round(score, Decimals, MidpointRounding.ToEven), answered.Count, total, missing > 0);
    }

    private static decimal PercentOfRange(InstrumentDefinition instrument, ScaleDefinition scale, decimal raw)
    {
        var items = scale.Items.Select(code => instrument.FindItem(code)!).ToList();
        decimal lowest = items.Sum(i => i.Minimum);
        decimal highest = items.Sum(i => i.Maximum);
        return (raw - lowest) / (highest - lowest) * 100m;
    }

    private static ScaleScore Composite(InstrumentDefinition instrument, ScaleDefinition scale, IReadOnlyDictionary<string, ScaleScore> earlier)
    {
        var parts = scale.Parts.Select(p => earlier[p]).ToList();
        var score = parts.Any(p => p.Score is null) ? null : parts.Sum(p => p.Score);
        return new ScaleScore(instrument.Code, scale.Code, score, parts.Sum(p => p.ItemsAnswered), parts.Sum(p => p.ItemsTotal), parts.Any(p => p.Prorated));
    }
}
