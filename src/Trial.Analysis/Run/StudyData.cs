using Trial.Analysis.Inputs;
using Trial.Analysis.Package;
using Trial.Analysis.Plan;
using Trial.Analysis.Register;
using Trial.Analysis.Simulation;
using Trial.Analysis.Withdrawals;

namespace Trial.Analysis.Run;

/// <summary>Everything an analysis reads: the plan, the verified package, the register panel and the arm labels.</summary>
public sealed class StudyData
{
    private StudyData(AnalysisPlan plan, DataPackage package, RegisterExtract register, IReadOnlyList<StudyParticipant> randomised,
        IReadOnlyList<StudyParticipant> participants, PersonMonths panel, ArmDisclosure disclosure, string treatedLabel, string controlLabel)
    {
        Plan = plan;
        Package = package;
        Register = register;
        Randomised = randomised;
        Participants = participants;
        Panel = panel;
        Disclosure = disclosure;
        TreatedLabel = treatedLabel;
        ControlLabel = controlLabel;
    }

    public AnalysisPlan Plan { get; }

    public DataPackage Package { get; }

    public RegisterExtract Register { get; }

    /// <summary>Everyone randomised (CONSORT's allocated), including those withdrawn from data use.</summary>
    public IReadOnlyList<StudyParticipant> Randomised { get; }

    /// <summary>The participants analysed: everyone randomised except those withdrawn from data use.</summary>
    public IReadOnlyList<StudyParticipant> Participants { get; }

    public PersonMonths Panel { get; }

    /// <summary>Questionnaire scores that may be used (none of a data-use withdrawal, none completed after a data-collection withdrawal).</summary>
    public IReadOnlyList<ScoreRecord> Scores { get; private init; } = [];

    /// <summary>occasions.csv, with occasions whose answers were withdrawn marked <see cref="WithdrawalFilter.WithdrawnStatus"/>.</summary>
    public IReadOnlyList<OccasionRecord> Occasions { get; private init; } = [];

    /// <summary>What the withdrawals left out; quoted under every table.</summary>
    public WithdrawalAccount LeftOut { get; private init; } = WithdrawalAccount.None;

    public ArmDisclosure Disclosure { get; }

    /// <summary>The protocol's baseline form (fields, labels, codes in their natural order), or empty when no protocol was given.</summary>
    public Trial.Protocol.Baseline.BaselineForm BaselineForm { get; private init; } = Trial.Protocol.Baseline.BaselineForm.Empty;

    public string TreatedLabel { get; }

    public string ControlLabel { get; }

    /// <param name="baselineForm">The protocol's baseline form: its labels and code order label the baseline table (empty: raw column names and codes).</param>
    public static StudyData Build(AnalysisPlan plan, DataPackage package, RegisterExtract register, ArmDisclosure disclosure, string controlName = "Control",
        Trial.Protocol.Baseline.BaselineForm? baselineForm = null)
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
        var filter = new WithdrawalFilter(package.Withdrawals);
        var known = package.Participants.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        var withRegister = new HashSet<string>(StringComparer.Ordinal);
        var (droppedMonths, droppedPeople) = (0, new HashSet<string>(StringComparer.Ordinal));
        var keepRow = new bool[register.Count];
        for (var r = 0; r < register.Count; r++)
        {
            var id = register.Participant[r];
            keepRow[r] = !known.Contains(id) || filter.KeepRegisterMonth(id, register.Month[r]);
            if (keepRow[r])
            {
                withRegister.Add(id);
            }
            else if (!filter.WithdrewDataUse(id))
            {
                droppedMonths++;
                droppedPeople.Add(id);
            }
        }
        var randomised = package.Participants.Select((p, i) => new StudyParticipant(p, treated[i],
            RegisterExtract.MonthIndex(p.RandomisedOn.Year, p.RandomisedOn.Month), withRegister.Contains(p.Id))).ToList();
        var participants = randomised.Where(p => !filter.WithdrewDataUse(p.Id)).ToList();
        var panel = PersonMonths.Build(participants, register, plan, keepRow);
        var occasionOf = package.Occasions.GroupBy(o => (o.Participant, o.Occasion)).ToDictionary(g => g.Key, g => g.First());
        var randomisedOn = package.Participants.ToDictionary(p => p.Id, p => p.RandomisedOn, StringComparer.Ordinal);
        bool Keep(string id, string occasion) =>
            !randomisedOn.TryGetValue(id, out var on) || filter.KeepAnswer(id, occasion, occasionOf.GetValueOrDefault((id, occasion)), on);
        var scores = package.Scores.Where(s => Keep(s.Participant, s.Occasion)).ToList();
        var withdrawnScores = package.Scores.Where(s => !filter.WithdrewDataUse(s.Participant) && !Keep(s.Participant, s.Occasion)).ToList();
        var occasions = package.Occasions.Select(o => o.Status == "completed" && !filter.WithdrewDataUse(o.Participant) && !Keep(o.Participant, o.Occasion)
            ? o with { Status = WithdrawalFilter.WithdrawnStatus, Reason = WithdrawalFilter.WithdrawnReason }
            : o).ToList();
        return new StudyData(plan, package, register, randomised, participants, panel, disclosure, treatedLabel, controlLabel)
        {
            Scores = scores,
            Occasions = occasions,
            BaselineForm = baselineForm ?? Trial.Protocol.Baseline.BaselineForm.Empty,
            LeftOut = new WithdrawalAccount(randomised.Where(p => filter.WithdrewDataUse(p.Id)).ToList(), droppedPeople.Count, droppedMonths,
                withdrawnScores.Select(s => s.Participant).Distinct(StringComparer.Ordinal).Count(), withdrawnScores.Count),
        };
    }

    public bool InPopulation(PopulationDefinition population, StudyParticipant p) => population.Rule switch
    {
        PopulationRule.AllRandomised => true,
        PopulationRule.MinimumAge => p.Age >= population.MinimumAge,
        _ => throw new ArgumentOutOfRangeException(nameof(population)),
    };

    public string ArmLabel(bool treated) => treated ? TreatedLabel : ControlLabel;
}
