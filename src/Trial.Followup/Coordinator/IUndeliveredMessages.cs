namespace Trial.Followup.Coordinator;

/// <summary>What the host's participant page asks Follow-up: the messages that did not reach one person.</summary>
public interface IUndeliveredMessages
{
    /// <summary>The participant's retrying, parked and held messages, oldest occasion first.</summary>
    Task<IReadOnlyList<UndeliveredMessage>> UndeliveredOfAsync(Guid participant, CancellationToken cancellationToken);
}
