using Trial.Enrollment.Problems;

namespace Trial.Enrollment.Features.Participants;

/// <summary>The pseudonymous key that links the research record, the identity store and Follow-up.</summary>
public readonly record struct ParticipantId
{
    public Guid Value { get; }

    private ParticipantId(Guid value) => Value = value;

    public static ParticipantId From(Guid value) =>
        value == Guid.Empty ? throw new ArgumentException("A participant id cannot be the empty GUID.", nameof(value)) : new(value);

    /// <summary>An id from a URL: the all-zero GUID names no participant, so it is a 404 like any unknown id.</summary>
    public static ParticipantId FromRoute(Guid value) => value == Guid.Empty ? throw RejectedException.NotFound("The participant") : new(value);

    public static ParticipantId New() => new(Guid.NewGuid());

    public override string ToString() => Value.ToString("D");
}
