namespace Trial.Enrollment.Features.Participants;

/// <summary>
/// A page of the participant list: optional centre, state and free text (research ID, name or fødselsnummer; name
/// and fødselsnummer only for roles that see identities), 1-based page of PageSize rows ordered by research ID.
/// </summary>
public sealed record ParticipantSearch(string? Centre, string? Query, string? State, int Page = 1, int PageSize = ParticipantSearch.DefaultPageSize)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;
}

/// <summary>One page of participants and how many match in all.</summary>
public sealed record ParticipantListResult(IReadOnlyList<ParticipantView> Rows, int Total, int Page, int PageSize)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}
