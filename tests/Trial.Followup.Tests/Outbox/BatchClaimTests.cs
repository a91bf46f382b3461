using NodaTime;
using Trial.Followup.Contact;
using Trial.Followup.Hosting;
using Trial.Followup.Occasions;
using Trial.Followup.Outbox;
using Trial.Followup.Tests.Contact;
using Trial.Followup.Tests.Support;
using Trial.TestServers;

namespace Trial.Followup.Tests.Outbox;

/// <summary>
/// One claim transaction takes several due rows (<see cref="OutboxDispatcher.ClaimBatch"/>), each with its own token
/// and lease, and the worker then sends them one by one. Each test forces something to happen between the claim and a
/// later row's send, and checks through the hooks that the rows were in fact claimed together first.
/// </summary>
public abstract class BatchClaimTests(FollowupDatabase database)
{
    private static readonly LocalDate Anchor = new(2013, 10, 15);
    private static readonly Instant OpenDay = Oslo.At(2014, 4, 1, 10);

    [Fact]
    public async Task ContactEndsAfterTheBatchIsClaimed_ThatParticipantsRowsAreCancelledAtTheLastLook_TheOthersAreSent()
    {
        var (rig, people) = await ThreeInvitedAsync(nameof(ContactEndsAfterTheBatchIsClaimed_ThatParticipantsRowsAreCancelledAtTheLastLook_TheOthersAreSent));
        await using var _ = rig;
        var occasions = await OccasionsAsync(rig, people);
        ParticipantRef? withdrawn = null;
        var hooks = new BatchHooks(async (key, sends) =>
        {
            if (sends == 1)
            {
                // The first send of the batch: every row is claimed and committed; withdraw someone whose rows come later.
                withdrawn = people.First(p => occasions[p] != key.Occasion);
                await rig.Db.InTransactionAsync(tx => rig.Contact.StopContactAsync(
                    new StopContactRequest(withdrawn.Value, ContactStopScope.WithdrewFromFollowupContact, new LocalDate(2014, 4, 1)), tx, CancellationToken.None));
            }
        });

        var report = await rig.Dispatcher("node-a", null, null, null, hooks).DispatchDueAsync(1, CancellationToken.None);

        Assert.Equal((6, 6), (hooks.ClaimedBeforeFirstSend, hooks.Sends)); // one batch; the withdrawn rows reached their last look
        Assert.Equal((4, 2), (report.Sent, report.Cancelled));
        Assert.Empty(rig.MailTo(withdrawn!.Value));
        Assert.All(people.Where(p => p != withdrawn), p => Assert.Single(rig.MailTo(p)));
        Assert.Equal(2L, await rig.CountAsync(rig.Db.Store.Dialect.Outbox, "state = 'cancelled' AND cancel_reason = 'withdrew-followup-contact'"));
        Assert.Equal(4L, await rig.CountAsync(rig.Db.Store.Dialect.Outbox, "state = 'sent'"));
    }

    [Fact]
    public async Task WorkerStopsMidBatch_ItsUnsentClaimsWaitForTheLease_ThenAnotherNodeSendsEachOnce()
    {
        var (rig, people) = await ThreeInvitedAsync(nameof(WorkerStopsMidBatch_ItsUnsentClaimsWaitForTheLease_ThenAnotherNodeSendsEachOnce));
        await using var _ = rig;
        using var stop = new CancellationTokenSource();
        var hooks = new BatchHooks((_, sends) =>
        {
            if (sends == 2)
            {
                // As a kill would: after the first row was sent and recorded, before the second one's send.
                stop.Cancel();
                stop.Token.ThrowIfCancellationRequested();
            }
            return Task.CompletedTask;
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => rig.Dispatcher("node-doomed", null, null, null, hooks).DispatchDueAsync(1, stop.Token));
        Assert.Equal((6, 2), (hooks.ClaimedBeforeFirstSend, hooks.Sends));
        Assert.Equal(1L, await rig.CountAsync(rig.Db.Store.Dialect.Outbox, "state = 'sent'"));
        Assert.Equal(5L, await rig.CountAsync(rig.Db.Store.Dialect.Outbox, "state = 'pending' AND tries = 1 AND claim_token IS NOT NULL"));

        // Within the lease the claims are out of reach; after it, another node sends each of them once.
        Assert.Equal(0, (await rig.Dispatcher("node-b").DispatchDueAsync(4, CancellationToken.None)).Sent);
        rig.Clock.Advance(OutboxRetryPolicy.Default.ClaimLease);
        Assert.Equal(5, (await rig.Dispatcher("node-b").DispatchDueAsync(4, CancellationToken.None)).Sent);

        var mail = rig.Sink.Messages();
        Assert.Equal(3, mail.Count);
        Assert.Equal(3, mail.Select(m => m.MessageId).Distinct().Count());
        Assert.All(people, p => Assert.Single(rig.MailTo(p)));
        Assert.Equal(6L, await rig.CountAsync(rig.Db.Store.Dialect.Outbox, "state = 'sent'"));
        Assert.Equal(5L, await rig.CountAsync(rig.Db.Store.Dialect.Outbox, "sent_by = 'node-b' AND tries = 2"));
    }

    [Fact]
    public async Task HalfTheLeaseGoneBeforeALaterRowsTurn_TheRestAreGivenBackWithoutCountingATry_AndSentFromAFreshClaim()
    {
        var (rig, _) = await ThreeInvitedAsync(nameof(HalfTheLeaseGoneBeforeALaterRowsTurn_TheRestAreGivenBackWithoutCountingATry_AndSentFromAFreshClaim));
        await using var __ = rig;
        var hooks = new BatchHooks((_, sends) =>
        {
            if (sends == 1)
            {
                // A slow relay: the first send of the batch ends half a lease after the claim.
                rig.Clock.Advance(OutboxRetryPolicy.Default.ClaimLease / 2);
            }
            return Task.CompletedTask;
        });

        var report = await rig.Dispatcher("node-a", null, null, null, hooks).DispatchDueAsync(1, CancellationToken.None);

        // 6 claimed, 1 sent, 5 given back and claimed again: 11 claims, 6 sends, each row's try counted once.
        Assert.Equal((6, 11, 6), (hooks.ClaimedBeforeFirstSend, hooks.Claims, hooks.Sends));
        Assert.Equal(6, report.Sent);
        Assert.Equal(6L, await rig.CountAsync(rig.Db.Store.Dialect.Outbox, "state = 'sent' AND tries = 1 AND claim_token IS NULL"));
    }

    private async Task<(FollowupRig Rig, List<ParticipantRef> People)> ThreeInvitedAsync(string name)
    {
        Assert.True(OutboxDispatcher.ClaimBatch >= 6, "the six rows fit one claim");
        var rig = await FollowupRig.CreateAsync(database, name, OpenDay);
        var people = new List<ParticipantRef>();
        for (var i = 0; i < 3; i++)
        {
            people.Add((await rig.ScheduleAsync(Anchor)).Participant);
        }
        await rig.SweepAsync();
        return (rig, people);
    }

    private static async Task<Dictionary<ParticipantRef, OccasionId>> OccasionsAsync(FollowupRig rig, IEnumerable<ParticipantRef> people)
    {
        var occasions = new Dictionary<ParticipantRef, OccasionId>();
        foreach (var p in people)
        {
            occasions[p] = (await FollowupContactTests.OccasionAsync(rig.Db, p, "m6")).Id;
        }
        return occasions;
    }

    /// <summary>Counts claims and sends; <paramref name="beforeSend"/> runs at each send with its 1-based number.</summary>
    private sealed class BatchHooks(Func<OutboxKey, int, Task> beforeSend) : IDispatchHooks
    {
        private int _claims;
        private int _sends;

        public int Claims => Volatile.Read(ref _claims);

        public int Sends => Volatile.Read(ref _sends);

        /// <summary>How many rows were claimed when the first send started.</summary>
        public int ClaimedBeforeFirstSend { get; private set; }

        public Task InsideClaimAsync(OutboxKey key, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _claims);
            return Task.CompletedTask;
        }

        public Task BeforeSendAsync(OutboxKey key, CancellationToken cancellationToken)
        {
            var sends = Interlocked.Increment(ref _sends);
            if (sends == 1)
            {
                ClaimedBeforeFirstSend = Claims;
            }
            return beforeSend(key, sends);
        }
    }
}

[Trait(TestTraits.Database, TestTraits.Postgres)]
public sealed class BatchClaimPostgresTests() : BatchClaimTests(FollowupDatabase.Postgres);

[Trait(TestTraits.Database, TestTraits.Sqlite)]
public sealed class BatchClaimSqliteTests() : BatchClaimTests(FollowupDatabase.Sqlite);
