using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NodaTime;
using NodaTime.Text;
using Trial.Analysis.Package;
using Trial.Analysis.Simulation;
using Trial.Demo.Timeline;

namespace Trial.Demo.Register;

/// <summary>
/// The register extract the trial office would receive for the exported participant ids: monthly statuses from
/// January 2010 to April 2016, drawn by Analysis's own register simulator (calibrated to seed 001 as `trial-analysis
/// simulate` is) for the people the service actually randomised, with their real centre, arm, date and death.
/// </summary>
internal static class RegisterExtractWriter
{
    /// <summary>Randomised before this date counts as "early" (seed 001 Table 14: October 2013 – March 2014).</summary>
    public static readonly LocalDate LateFrom = new(2014, 4, 1);

    public static SimulationTruth Write(DataPackage package, IReadOnlyDictionary<string, Enrolled> enrolled, ulong seed, double effect, double earlyLate,
        string registerFile, string truthFile)
    {
        var rng = new SimulationRandom(seed ^ 0x5245474953544552UL);
        var centres = Centre.Seed001.ToDictionary(c => c.Code, StringComparer.Ordinal);
        // The effect at each centre scales with its relative effect; the early/late difference scales it further, so
        // that (with the simulator's normalisation to the set average) early − late ≈ earlyLate.
        var k = effect == 0 ? 0 : Math.Clamp(earlyLate / (2 * effect), -0.95, 0.95);
        var people = package.Participants.Select(p =>
        {
            var e = enrolled[p.Id];
            var centre = centres[p.Centre];
            var early = p.RandomisedOn < LateFrom;
            var person = e.Person;
            return new SimulatedPerson(p.Id, centre with { RelativeEffect = centre.RelativeEffect * (early ? 1 + k : 1 - k) }, p.Arm == "ips",
                p.Period, "", 0, p.RandomisedOn, p.DiedOn, HasRegisterData: p.DiedOn is null, person.Age, person.Female, person.Severity,
                person.Education, Math.Max(0, Math.Round(2.0 + 1.1 * rng.Normal(), 2)), person.BornInNorway, person.SingleOrDivorced,
                person.InvoluntaryAdmission, "", person.Propensity, person.Distress, person.DrugUse);
        }).ToList();
        var (table, truth) = RegisterSimulator.Draw(rng, people, new SimulationSettings(seed, effect));
        File.WriteAllBytes(registerFile, table.ToBytes());
        File.WriteAllText(truthFile, TruthJson(truth, earlyLate, people), new UTF8Encoding(false));
        return truth;
    }

    private static string TruthJson(SimulationTruth truth, double earlyLate, IReadOnlyList<SimulatedPerson> people) => new JsonObject
    {
        ["nominalEffect"] = truth.NominalEffect,
        ["averageEffectInWork"] = truth.AverageEffectInWork,
        ["centreEffectInWork"] = new JsonObject(truth.CentreEffectInWork.OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
        ["earlyMinusLateNominal"] = earlyLate,
        ["earlyParticipants"] = people.Count(p => p.RandomisedOn < LateFrom),
        ["lateParticipants"] = people.Count(p => p.RandomisedOn >= LateFrom),
        ["lateFrom"] = LocalDatePattern.Iso.Format(LateFrom),
        ["note"] = "Simulated register extract (trial-demo). Sample average of Y(IPS) − Y(control) over post-inclusion person-months, from both potential outcomes. Not part of the data package.",
    }.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";

    public static string Number(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);
}
