using MathNet.Numerics.Distributions;
using Trial.Analysis.Simulation;
using Trial.Demo.Population;

namespace Trial.Demo.Participants;

/// <summary>
/// How a simulated participant answers an item: a latent level (baseline distress, a little better over time, a
/// little more so in IPS) places each answer at a quantile of the item's range, with item-level noise. Alcohol and
/// drug items follow the person's substance use instead. Higher distress means worse answers on every instrument.
/// </summary>
internal static class AnswerModel
{
    /// <summary>Instruments on which a higher answer is the better state.</summary>
    private static readonly HashSet<string> HigherIsBetter = new(StringComparer.Ordinal) { "eq5d-vas", "ladder", "work-health" };

    /// <summary>Improvement in the latent level, in SD: by months since inclusion, and the extra in IPS (a small true effect).</summary>
    private const double ImprovementPerYear = 0.25;
    private const double IpsImprovement = 0.15;

    public static double Level(Referral person, bool ips, int months, SimulationRandom rng) =>
        person.Distress - ImprovementPerYear * months / 12.0 - (ips && months > 0 ? IpsImprovement : 0) + 0.4 * rng.Normal();

    /// <summary>One answer for an item whose allowed values are <paramref name="values"/> (ascending).</summary>
    public static int Answer(string instrument, IReadOnlyList<int> values, Referral person, double level, SimulationRandom rng)
    {
        var z = instrument switch
        {
            "dudit" => 1.2 * person.DrugUse - 1.6,
            "audit-c" => 0.6 * person.DrugUse - 0.4,
            _ => 0.8 * level - 0.2,
        };
        var q = Normal.CDF(0, 1, z + 0.6 * rng.Normal());
        if (HigherIsBetter.Contains(instrument))
        {
            q = 1 - q;
        }
        var target = values[0] + q * (values[^1] - values[0]);
        return values.MinBy(v => Math.Abs(v - target));
    }
}
