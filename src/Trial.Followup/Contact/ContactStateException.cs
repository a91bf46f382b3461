namespace Trial.Followup.Contact;

/// <summary>Scheduling or stopping contact conflicts with what is already recorded for the participant.</summary>
public sealed class ContactStateException(ParticipantRef participant, string message) : InvalidOperationException(message)
{
    public ParticipantRef Participant { get; } = participant;
}
