namespace Trial.Analysis.Simulation;

/// <summary>
/// Specialist-care use from the patient register (NPR) in the simulated register extract: five monthly counts per
/// person (seed 001 §3.3, Table 15), through December 2015 (NPR's last month; empty after), with no IPS effect, as
/// seed 001 found none. The rates are illustrative, NOT calibrated: the seed report gives no means for these counts.
/// They are drawn from their own random stream, so adding them left every other simulated column unchanged.
/// </summary>
public static class SpecialistCareSimulator
{
    /// <summary>Column name, mean count per person-month, SD of the person's log-normal frailty (overdispersion).</summary>
    public static readonly IReadOnlyList<(string Column, double Rate, double Frailty)> Columns =
    [
        ("npr_contracted_specialist", 0.10, 1.0),
        ("npr_bup", 0.03, 1.0),
        ("npr_phv_day", 0.08, 1.0),
        ("npr_phv_inpatient_days", 0.40, 1.5),
        ("npr_phv_outpatient", 1.20, 0.7),
    ];

    /// <summary>Last month with NPR data: December 2015 (months since January 2010).</summary>
    public const int LastMonth = 71;

    /// <summary>A random stream for these columns only, derived from the simulation seed.</summary>
    public static SimulationRandom Stream(ulong seed) => new(seed ^ 0x4E50525350454349UL);

    /// <summary>One person's counts, [column][month], for months 0..<paramref name="last"/>; months after NPR's end stay null.</summary>
    public static string?[][] Draw(SimulationRandom rng, int last)
    {
        var cells = new string?[Columns.Count][];
        for (var c = 0; c < Columns.Count; c++)
        {
            var (_, rate, frailty) = Columns[c];
            // Log-normal frailty with mean 1: exp(σZ − σ²/2).
            var personRate = rate * Math.Exp(frailty * rng.Normal() - frailty * frailty / 2);
            cells[c] = new string?[last + 1];
            for (var m = 0; m <= Math.Min(last, LastMonth); m++)
            {
                cells[c][m] = Poisson(rng, personRate).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        }
        return cells;
    }

    /// <summary>Poisson draw by multiplying uniforms (Knuth); rates here are small, and capped so the loop is short.</summary>
    private static int Poisson(SimulationRandom rng, double rate)
    {
        var limit = Math.Exp(-Math.Min(rate, 30));
        var k = 0;
        var product = rng.Uniform();
        while (product > limit)
        {
            k++;
            product *= rng.Uniform();
        }
        return k;
    }
}
