namespace Trial.Followup.Coordinator;

/// <summary>
/// Counts for one occasion and arm at one centre. Due: window open, no answer yet. Invited: invitation sent, no answer
/// yet. Overdue: past the due date, no answer, not yet closed. ResponseRate: completed / occasions whose window has
/// opened (cancelled excluded); null before any has opened.
/// </summary>
public sealed record OccasionArmStatus(
    string Occasion,
    string Arm,
    int Due,
    int Invited,
    int Overdue,
    int Completed,
    int Missed,
    int Cancelled,
    int Opened,
    decimal? ResponseRate);
