using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NodaTime;
using NodaTime.Text;
using Trial.Analysis.Package;

namespace Trial.Analysis.Simulation;

/// <summary>
/// A data package and register extract of seed 001's shape with a known IPS effect. Same seed → same data files:
/// one deterministic generator, invariant formatting. The manifest records the real time it was written and
/// lockedBy "simulated: …" (protocol/data-package.md), so every report built from it is marked as simulated.
/// </summary>
public static class TrialSimulator
{
    /// <summary>The manifest's lockedBy: starts with "simulated" so that `run` marks the report.</summary>
    public static string LockedBy(SimulationSettings settings) =>
        $"simulated: trial-analysis simulate --seed {settings.Seed.ToString(CultureInfo.InvariantCulture)} --effect {settings.Effect.ToString("R", CultureInfo.InvariantCulture)}";

    private static readonly (string Reason, int Count)[] Exclusions =
    [
        ("declined-consent", 15),
        ("outside-target-group", 1),
        ("insufficient-norwegian", 1),
        ("disability-benefit-waiting-period", 2),
    ];

    /// <param name="protocol">The protocol (version, SHA-256) to record in the manifest; null records a placeholder that no real protocol matches.</param>
    public static SimulationTruth Write(SimulationSettings settings, string packageFolder, string registerFile, Instant createdAt,
        (string Version, string Sha256)? protocol = null)
    {
        var rng = new SimulationRandom(settings.Seed);
        var people = ParticipantSimulator.Draw(rng);
        var screening = Screening(rng, people);
        var (register, truth) = RegisterSimulator.Draw(rng, people, settings);
        var (occasions, scores) = QuestionnaireSimulator.Draw(rng, people, settings.Seed);
        var tables = new List<CsvTable> { Participants(people), Covariates(people), screening, Consort(people, screening, occasions), occasions, scores };
        var protocolSha = DataPackageWriter.Sha256(Encoding.UTF8.GetBytes($"simulated ips-norway protocol, seed 001 shape, seed {settings.Seed}"));
        DataPackageWriter.Write(packageFolder, "ips-norway", createdAt, LockedBy(settings), protocol?.Version ?? "1.0.0-simulated", protocol?.Sha256 ?? protocolSha, tables);
        var registerDirectory = Path.GetDirectoryName(Path.GetFullPath(registerFile));
        if (registerDirectory is not null)
        {
            Directory.CreateDirectory(registerDirectory);
        }
        File.WriteAllBytes(registerFile, register.ToBytes());
        File.WriteAllText(Path.Combine(packageFolder, "simulation-truth.json"), TruthJson(truth), new UTF8Encoding(false));
        return truth;
    }

    private static CsvTable Participants(IReadOnlyList<SimulatedPerson> people) => new("participants.csv",
        ["participant_id", "centre", "arm", "period", "ratio", "stratum", "block", "randomised_on", "protocol_sha256", "mistaken", "mistaken_reason", "died_on",
            "withdrawn_scopes"],
        people.Select(p => (IReadOnlyList<string>)[p.Id, p.Centre.Code, p.Ips ? "ips" : "control", p.Period, p.Ratio, p.Centre.Code,
            Int(p.Block), Date(p.RandomisedOn), "", "false", "", p.DiedOn is { } d ? Date(d) : "", ""]).ToList());

    private static CsvTable Covariates(IReadOnlyList<SimulatedPerson> people) => new("covariates.csv",
        ["participant_id", "age", "sex", "income_2013_g", "born_norway", "civil_status", "single_divorced", "education", "reading_writing_difficulties",
            "years_mental_complaints", "involuntary_admission", "mini_diagnosis", "psychotic", "severity", "return_to_work_expectation",
            "nav_benefit"],
        people.Select(p => (IReadOnlyList<string>)[p.Id, Int(p.Age), p.Female ? "female" : "male", p.IncomeG.ToString("0.00", CultureInfo.InvariantCulture),
            Bool(p.BornInNorway), p.SingleOrDivorced ? "unmarried" : "married", Bool(p.SingleOrDivorced), p.Education, "", "", Bool(p.InvoluntaryAdmission),
            Diagnosis(p), p.Psychotic, p.Severity, "", ""]).ToList());

    /// <summary>
    /// The protocol's baseline form has every column; the simulator fills those the analyses use and derives the MINI
    /// diagnosis from severity and the psychotic indicator (no extra random draws, so a seed gives the same trial).
    /// </summary>
    private static string Diagnosis(SimulatedPerson p) => p.Severity switch
    {
        "severe" => p.Psychotic == "true" ? "psychotic" : "bipolar",
        "moderate" => "depression",
        _ => "",
    };

    private static CsvTable Screening(SimulationRandom rng, IReadOnlyList<SimulatedPerson> people)
    {
        var rows = people.Select(p => (Centre: p.Centre.Code, On: p.RandomisedOn.PlusDays(-rng.Below(14)), Reason: "")).ToList();
        foreach (var (reason, count) in Exclusions)
        {
            for (var i = 0; i < count; i++)
            {
                var like = people[rng.Below(people.Count)];
                rows.Add((like.Centre.Code, like.RandomisedOn.PlusDays(-rng.Below(14)), reason));
            }
        }
        rows = rows.OrderBy(r => r.On).ThenBy(r => r.Centre, StringComparer.Ordinal).ToList();
        return new CsvTable("screening.csv", ["screening_id", "centre", "screened_on", "eligible", "exclusion_reason", "consent", "randomised"],
            rows.Select((r, i) => (IReadOnlyList<string>)[$"S-{i + 1:0000}", r.Centre, Date(r.On),
                Bool(r.Reason is "" or "declined-consent"), r.Reason == "declined-consent" ? "" : r.Reason,
                r.Reason == "declined-consent" ? "declined" : r.Reason == "" ? "given" : "", Bool(r.Reason == "")]).ToList());
    }

    private static CsvTable Consort(IReadOnlyList<SimulatedPerson> people, CsvTable screening, CsvTable occasions)
    {
        var rows = new List<IReadOnlyList<string>> { Row("assessed", "all", screening.Rows.Count) };
        rows.AddRange(Exclusions.Select(e => Row("excluded", e.Reason, e.Count)));
        rows.Add(Row("randomised", "all", people.Count));
        foreach (var arm in new[] { "ips", "control" })
        {
            var inArm = people.Where(p => (p.Ips ? "ips" : "control") == arm).ToList();
            rows.Add(Row("allocated", arm, inArm.Count));
            rows.AddRange(inArm.GroupBy(p => p.Period).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Row("allocated", $"{arm}/{g.Key}", g.Count())));
            var ids = inArm.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
            rows.AddRange(occasions.Rows.Where(o => ids.Contains(o[0])).GroupBy(o => $"{o[1]}/{arm}/{o[3]}")
                .OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Row("followup", g.Key, g.Count())));
            rows.Add(Row("analysed", arm, inArm.Count));
        }
        return new CsvTable("consort.csv", ["stage", "group", "count"], rows);
    }

    private static IReadOnlyList<string> Row(string stage, string group, int count) => [stage, group, Int(count)];

    private static string TruthJson(SimulationTruth t) => new JsonObject
    {
        ["seed"] = t.Seed,
        ["nominalEffect"] = t.NominalEffect,
        ["averageEffectInWork"] = t.AverageEffectInWork,
        ["averageEffectNavMeasure"] = t.AverageEffectNavMeasure,
        ["centreEffectInWork"] = new JsonObject(t.CentreEffectInWork.OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
        ["note"] = "averageEffectInWork: the realised sample average of Y(IPS) − Y(control) over post-inclusion person-months, from both potential outcomes; its expectation is nominalEffect. Not part of the package (not in the manifest).",
    }.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";

    private static string Date(LocalDate d) => LocalDatePattern.Iso.Format(d);

    private static string Int(int v) => v.ToString(CultureInfo.InvariantCulture);

    private static string Bool(bool v) => v ? "true" : "false";
}
