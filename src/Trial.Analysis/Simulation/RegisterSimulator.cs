using System.Globalization;
using MathNet.Numerics.Distributions;
using Trial.Analysis.Package;

namespace Trial.Analysis.Simulation;

/// <summary>
/// The monthly register extract, January 2010 to April 2016, for everyone with register data. Each status is drawn
/// for both arms with the same random numbers, so the true effect is known exactly (<see cref="SimulationTruth"/>).
/// After the nine core columns come the plan's declared specialist-care counts (<see cref="SpecialistCareSimulator"/>).
/// </summary>
public static class RegisterSimulator
{
    public const int FirstYear = 2010;
    public const int Months = 76; // 2010-01 .. 2016-04

    public static (CsvTable Table, SimulationTruth Truth) Draw(SimulationRandom rng, IReadOnlyList<SimulatedPerson> people, SimulationSettings settings)
    {
        var meanRelative = people.Where(p => p.HasRegisterData).Average(p => p.Centre.RelativeEffect);
        var scale = EffectScale(people, settings.Effect, meanRelative);
        var outcomes = RegisterOutcome.Seed001(Months - 1);
        var rows = new List<IReadOnlyList<string>>();
        double workSum = 0, navSum = 0;
        var postMonths = 0;
        var centreSums = new Dictionary<string, (double Sum, int N)>(StringComparer.Ordinal);
        var specialistCare = SpecialistCareSimulator.Stream(settings.Seed);
        foreach (var person in people.Where(p => p.HasRegisterData))
        {
            var inclusion = MonthIndex(person.RandomisedOn.Year, person.RandomisedOn.Month);
            var last = person.DiedOn is { } d ? Math.Min(Months - 1, MonthIndex(d.Year, d.Month)) : Months - 1;
            var workEffect = scale * settings.Effect * person.Centre.RelativeEffect / meanRelative;
            var work = Chain(rng, last, inclusion, 0.9, k => RegisterOutcome.WorkPath(k) + person.Propensity, workEffect);
            var others = outcomes.Select(o => Chain(rng, Math.Min(last, o.LastMonth), inclusion, o.Persistence, o.Path, o.IpsEffect)).ToList();
            var npr = SpecialistCareSimulator.Draw(specialistCare, last);
            for (var m = 0; m <= last; m++)
            {
                var cells = new List<string>(9) { person.Id, MonthText(m), Cell(work, m, person.Ips) };
                cells.AddRange(others.Select((o, j) => m <= Math.Min(last, outcomes[j].LastMonth) ? Cell(o, m, person.Ips) : ""));
                cells.AddRange(npr.Select(c => c[m] ?? ""));
                rows.Add(cells);
            }
            for (var m = inclusion + 1; m <= last; m++)
            {
                var diff = work.Treated[m] - work.Control[m];
                workSum += diff;
                navSum += others[3].Treated[m] - others[3].Control[m];
                postMonths++;
                var c = centreSums.GetValueOrDefault(person.Centre.Code);
                centreSums[person.Centre.Code] = (c.Sum + diff, c.N + 1);
            }
        }
        var table = new CsvTable("register.csv",
            ["participant_id", "month", "employed", .. outcomes.Select(o => o.Column), .. SpecialistCareSimulator.Columns.Select(c => c.Column)], rows);
        var truth = new SimulationTruth(settings.Seed, settings.Effect, workSum / postMonths,
            centreSums.ToDictionary(kv => kv.Key, kv => kv.Value.Sum / kv.Value.N, StringComparer.Ordinal), navSum / postMonths);
        return (table, truth);
    }

    /// <summary>
    /// The factor that makes the effect mean what `simulate --effect D` says: the expected average of
    /// P(work | IPS) − P(work | control) over all post-inclusion person-months is exactly D. Without it the first month's
    /// half effect and, above all, probabilities clamped at 0.005 for people with a low propensity gave about 0.0885 for
    /// D = 0.095. The scale is found by bisection on the same probabilities the chains use; it draws no random numbers.
    /// </summary>
    public static double EffectScale(IReadOnlyList<SimulatedPerson> people, double effect, double meanRelative)
    {
        if (effect == 0)
        {
            return 1;
        }
        var cells = new List<(double P0, double Step)>();
        foreach (var person in people.Where(p => p.HasRegisterData))
        {
            var inclusion = MonthIndex(person.RandomisedOn.Year, person.RandomisedOn.Month);
            var last = person.DiedOn is { } d ? Math.Min(Months - 1, MonthIndex(d.Year, d.Month)) : Months - 1;
            for (var m = inclusion + 1; m <= last; m++)
            {
                var k = m - inclusion;
                cells.Add((RegisterOutcome.WorkPath(k) + person.Propensity, effect * person.Centre.RelativeEffect / meanRelative * RegisterOutcome.Ramp(k)));
            }
        }
        double Mean(double c) => cells.Average(x => Math.Clamp(x.P0 + c * x.Step, 0.005, 0.995) - Math.Clamp(x.P0, 0.005, 0.995)) / effect;
        var (lo, hi) = (0.0, 1.0);
        while (Mean(hi) < 1 && hi < 64)
        {
            hi *= 2;
        }
        for (var i = 0; i < 60; i++)
        {
            var mid = (lo + hi) / 2;
            (lo, hi) = Mean(mid) < 1 ? (mid, hi) : (lo, mid);
        }
        return (lo + hi) / 2;
    }

    public static int MonthIndex(int year, int month) => (year - FirstYear) * 12 + month - 1;

    public static string MonthText(int index) =>
        $"{(FirstYear + index / 12).ToString("0000", CultureInfo.InvariantCulture)}-{(index % 12 + 1).ToString("00", CultureInfo.InvariantCulture)}";

    private static string Cell((int[] Control, int[] Treated) chain, int m, bool ips) =>
        (ips ? chain.Treated[m] : chain.Control[m]) == 1 ? "1" : "0";

    /// <summary>
    /// Both potential paths of one status from one latent Gaussian AR(1) series z: status = 1[z &lt; Φ⁻¹(p)]. The marginal is
    /// exactly p in every month (so the effect is exactly p₁ − p₀ in expectation) while spells persist through z's correlation ρ.
    /// </summary>
    private static (int[] Control, int[] Treated) Chain(SimulationRandom rng, int last, int inclusion, double rho, Func<int, double> path, double effect)
    {
        var control = new int[Months];
        var treated = new int[Months];
        var z = rng.Normal();
        var innovation = Math.Sqrt(1 - rho * rho);
        for (var m = 0; m <= last; m++)
        {
            if (m > 0)
            {
                z = rho * z + innovation * rng.Normal();
            }
            var k = m - inclusion;
            var p0 = Math.Clamp(path(k), 0.005, 0.995);
            var p1 = Math.Clamp(path(k) + effect * RegisterOutcome.Ramp(k), 0.005, 0.995);
            control[m] = z < Normal.InvCDF(0, 1, p0) ? 1 : 0;
            treated[m] = z < Normal.InvCDF(0, 1, p1) ? 1 : 0;
        }
        return (control, treated);
    }
}
