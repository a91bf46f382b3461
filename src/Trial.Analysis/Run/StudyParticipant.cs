using Trial.Analysis.Package;

namespace Trial.Analysis.Run;

/// <summary>A participant as analysed: the package record, the arm used (real or blinded) and the inclusion month.</summary>
public sealed record StudyParticipant(ParticipantRecord Record, bool Treated, int InclusionMonth, bool HasRegisterData)
{
    public string Id => Record.Id;

    public string Centre => Record.Centre;

    public double Age => double.TryParse(Record.Covariate("age"), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var a) ? a : double.NaN;
}
