namespace Trial.Followup.Contact;

/// <summary>
/// The pseudonymous participant key as Follow-up sees it. Enrollment maps its own ParticipantId onto this;
/// Follow-up never sees names, national ID numbers or any other direct identifier.
/// </summary>
public readonly record struct ParticipantRef
{
    public Guid Value { get; }

    private ParticipantRef(Guid value) => Value = value;

    public static ParticipantRef From(Guid value) =>
        value == Guid.Empty
            ? throw new ArgumentException("A participant reference cannot be the empty GUID.", nameof(value))
            : new ParticipantRef(value);

    public override string ToString() => Value.ToString("N");
}
