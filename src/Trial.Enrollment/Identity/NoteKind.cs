namespace Trial.Enrollment.Identity;

/// <summary>What a <see cref="NoteRecord"/> explains; stored as its code.</summary>
internal enum NoteKind
{
    Withdrawal,
    MistakenRandomisation,
    ScreeningCorrection,
    PaperAllocation,
}
