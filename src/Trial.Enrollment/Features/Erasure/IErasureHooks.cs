using Trial.Enrollment.Features.Participants;

namespace Trial.Enrollment.Features.Erasure;

/// <summary>
/// The point of an erasure where tests make it fail (and observe that it got there): the identifiers are deleted, the
/// audit entry not yet appended. Production uses <see cref="None"/>.
/// </summary>
internal interface IErasureHooks
{
    public static IErasureHooks None { get; } = new NoHooks();

    Task BetweenErasureAndAuditAsync(ParticipantId id, CancellationToken cancellationToken);

    private sealed class NoHooks : IErasureHooks
    {
        public Task BetweenErasureAndAuditAsync(ParticipantId id, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
