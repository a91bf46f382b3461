using Trial.Analysis.Inputs;
using Trial.Analysis.Package;
using Trial.Analysis.Plan;
using Trial.Analysis.Register;
using Trial.Analysis.Simulation;

namespace Trial.Analysis.Run;

/// <summary>Everything an analysis reads: the plan, the verified package, the register panel and the arm labels.</summary>
public sealed class StudyData
{
    private StudyData(AnalysisPlan plan, DataPackage package, RegisterExtract register, IReadOnlyList<StudyParticipant> participants,
        PersonMonths panel, ArmDisclosure disclosure, string treatedLabel, string controlLabel)
    {
        Plan = plan;
        Package = package;
        Register = register;
        Participants = participants;
        Panel = panel;
        Disclosure = disclosure;
        TreatedLabel = treatedLabel;
        ControlLabel = controlLabel;
    }

    public AnalysisPlan Plan { get; }

    public DataPackage Package { get; }

    public RegisterExtract Register { get; }

    public IReadOnlyList<StudyParticipant> Participants { get; }

    public PersonMonths Panel { get; }

    public ArmDisclosure Disclosure { get; }

    public string TreatedLabel { get; }

    public string ControlLabel { get; }

    public static StudyData Build(AnalysisPlan plan, DataPackage package, RegisterExtract register, ArmDisclosure disclosure, string controlName = "Control")
    {
        var arms = new[] { plan.TreatmentArm, plan.ControlArm };
        for (var i = 0; i < package.Participants.Count; i++)
        {
            var arm = package.Participants[i].Arm;
            if (!arms.Contains(arm, StringComparer.Ordinal))
            {
                throw new InputRejectedException("participants.csv", $"line {i + 2}, column arm", $"'{arm}' is neither of the plan's arms ({string.Join(", ", arms)})");
            }
        }
        var treated = package.Participants.Select(p => p.Arm == plan.TreatmentArm).ToArray();
        var (treatedLabel, controlLabel) = ("IPS", controlName);
        if (disclosure == ArmDisclosure.Blinded)
        {
            var rng = new SimulationRandom(Convert.ToUInt64(package.Sha256[..15], 16));
            foreach (var centre in package.Participants.Select(p => p.Centre).Distinct(StringComparer.Ordinal))
            {
                var idx = Enumerable.Range(0, treated.Length).Where(i => package.Participants[i].Centre == centre).ToList();
                var values = idx.Select(i => treated[i]).ToList();
                rng.Shuffle(values);
                for (var j = 0; j < idx.Count; j++)
                {
                    treated[idx[j]] = values[j];
                }
            }
            const string letters = "BCDFGHJKLMNPQRSTVWXZ";
            treatedLabel = $"Arm {letters[rng.Below(letters.Length)]}{rng.Below(10)}";
            do
            {
                controlLabel = $"Arm {letters[rng.Below(letters.Length)]}{rng.Below(10)}";
            }
            while (controlLabel == treatedLabel);
        }
        var withRegister = register.Participant.ToHashSet(StringComparer.Ordinal);
        var participants = package.Participants.Select((p, i) => new StudyParticipant(p, treated[i],
            RegisterExtract.MonthIndex(p.RandomisedOn.Year, p.RandomisedOn.Month), withRegister.Contains(p.Id))).ToList();
        var panel = PersonMonths.Build(participants, register, plan);
        return new StudyData(plan, package, register, participants, panel, disclosure, treatedLabel, controlLabel);
    }

    public bool InPopulation(PopulationDefinition population, StudyParticipant p) => population.Rule switch
    {
        PopulationRule.AllRandomised => true,
        PopulationRule.MinimumAge => p.Age >= population.MinimumAge,
        _ => throw new ArgumentOutOfRangeException(nameof(population)),
    };

    public string ArmLabel(bool treated) => treated ? TreatedLabel : ControlLabel;
}
