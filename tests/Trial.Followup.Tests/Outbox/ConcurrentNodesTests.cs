using NodaTime;
using Trial.Followup.Bench;
using Trial.Followup.Bench.Synthetic;
using Trial.Followup.Channels;
using Trial.Followup.Contact;
using Trial.Followup.Hosting;
using Trial.Followup.Occasions;
using Trial.Followup.Outbox;
using Trial.Followup.Scheduling;
using Trial.Followup.Storage;
using Trial.Followup.Tests.Support;
using Trial.TestServers;
using Xunit.Abstractions;

namespace Trial.Followup.Tests.Outbox;

/// <summary>Several nodes at once against real PostgreSQL: the guarantees must come from row locks and constraints.</summary>
[Trait(TestTraits.Database, TestTraits.Postgres)]
public sealed class ConcurrentNodesTests(ITestOutputHelper output)
{
    private static readonly LocalDate Anchor = new(2013, 10, 15);
    private static readonly Instant OpenDay = Oslo.At(2014, 4, 1, 10);

    [Fact]
    public async Task Dispatch_TwoNodesFourWorkersEach_EveryInvitationDeliveredExactlyOnce()
    {
        await using var rig = await FollowupRig.CreateAsync(FollowupDatabase.Postgres, nameof(Dispatch_TwoNodesFourWorkersEach_EveryInvitationDeliveredExactlyOnce), OpenDay);
        await ScheduleManyAsync(rig, 300);
        await rig.SweepAsync();

        var reports = await Task.WhenAll(
            rig.Dispatcher("node-a").DispatchDueAsync(4, CancellationToken.None),
            rig.Dispatcher("node-b").DispatchDueAsync(4, CancellationToken.None));

        var audit = await DeliveryAudit.RunAsync(rig.Db.ConnectionString, rig.Sink);
        Assert.Equal(new DeliveryAudit(300, 300, 300, 0, 0, 0), audit);
        Assert.All(reports, r => Assert.True(r.Sent > 0, "both nodes took part"));
    }

    [Fact]
    public async Task Sweep_TwoNodesOpeningAtOnce_EachOccasionInvitedOnce()
    {
        await using var rig = await FollowupRig.CreateAsync(FollowupDatabase.Postgres, nameof(Sweep_TwoNodesOpeningAtOnce_EachOccasionInvitedOnce), OpenDay);
        await ScheduleManyAsync(rig, 1200);
        var other = new OccasionSweep(rig.Db.Store, TestProtocol.IpsNorway, rig.Clock);

        var opened = await Task.WhenAll(
            Task.Run(() => rig.Sweep.OpenDueAsync(CancellationToken.None)),
            Task.Run(() => other.OpenDueAsync(CancellationToken.None)));

        Assert.Equal(1200, opened.Sum());
        Assert.Equal(2400L, await rig.CountAsync(rig.Db.Store.Dialect.Outbox, "attempt = 0"));
    }

    [Fact]
    public async Task Dispatch_NodeKilledMidDispatchThenRestarted_EveryInvitationDeliveredExactlyOnceByMessageId()
    {
        const int participants = 600;
        await using var rig = await FollowupRig.CreateAsync(FollowupDatabase.Postgres, nameof(Dispatch_NodeKilledMidDispatchThenRestarted_EveryInvitationDeliveredExactlyOnceByMessageId), OpenDay);
        await ScheduleManyAsync(rig, participants);
        await rig.SweepAsync();
        const int workers = 4;

        await using (var doomed = StartNode(rig, "node-doomed", workers))
        {
            await WaitForAsync(() => rig.Sink.Messages().Count >= participants / 3, TimeSpan.FromSeconds(60));
            await doomed.KillAsync();
        }
        var deliveredBeforeKill = rig.Sink.Messages().Count;
        // The killed node's claims are out of reach until their lease runs out; the restarted node comes back after that.
        await using (var restarted = StartNode(rig, "node-restarted", workers, OpenDay + OutboxRetryPolicy.Default.ClaimLease))
        {
            Assert.Equal(0, await restarted.WaitAsync(TimeSpan.FromSeconds(120)));
        }

        var audit = await DeliveryAudit.RunAsync(rig.Db.ConnectionString, rig.Sink);
        output.WriteLine($"delivered before kill: {deliveredBeforeKill}; {audit}");
        Assert.True(deliveredBeforeKill < participants, "the kill landed mid-dispatch");
        Assert.Equal(participants, audit.Expected);
        Assert.Equal(0, audit.Losses);
        Assert.Equal(0, audit.Foreign);
        // Each killed worker can have had one message accepted by the relay but not yet marked sent; that message is
        // sent again with the same Message-ID, so a receiver dedupes it. Nothing else may repeat.
        Assert.InRange(audit.Duplicates, 0, workers);
        Assert.Equal(0L, await rig.CountAsync(rig.Db.Store.Dialect.Outbox, "state = 'pending'"));
    }

    [Fact]
    public async Task Complete_RacingReminderSweepAndDispatch_NoReminderSentAfterCompletionCommitted()
    {
        const int participants = 200;
        await using var rig = await FollowupRig.CreateAsync(FollowupDatabase.Postgres, nameof(Complete_RacingReminderSweepAndDispatch_NoReminderSentAfterCompletionCommitted), OpenDay);
        var requests = await ScheduleManyAsync(rig, participants);
        await rig.SweepAsync();
        await rig.DispatchAsync(workers: 4);
        rig.Clock.Reset(Oslo.At(2014, 4, 8, 10)); // first reminder due for everyone
        var occasions = new List<OccasionId>();
        foreach (var request in requests)
        {
            occasions.Add((await Contact.FollowupContactTests.OccasionAsync(rig.Db, request.Participant, "m6")).Id);
        }
        var probe = new CompletionProbe(rig.Db.Store, new SmtpEmailChannel(rig.Smtp));

        // Every second participant answers while the reminder job and two dispatch nodes run.
        var answers = Task.Run(async () =>
        {
            foreach (var occasion in occasions.Where((_, i) => i % 2 == 0))
            {
                await rig.Db.InTransactionAsync(tx => rig.Lifecycle.CompleteAsync(occasion, ResponseMode.Web, rig.Clock.GetCurrentInstant(), tx, CancellationToken.None));
            }
        });
        var remind = Task.Run(() => rig.Sweep.RemindDueAsync(CancellationToken.None));
        var dispatchA = Task.Run(async () => { while (!answers.IsCompleted || !remind.IsCompleted) { await rig.Dispatcher("node-a", probe).DispatchDueAsync(2, CancellationToken.None); } });
        var dispatchB = Task.Run(async () => { while (!answers.IsCompleted || !remind.IsCompleted) { await rig.Dispatcher("node-b", probe).DispatchDueAsync(2, CancellationToken.None); } });
        await Task.WhenAll(answers, remind, dispatchA, dispatchB);
        await rig.Dispatcher("node-a", probe).DispatchDueAsync(2, CancellationToken.None);

        output.WriteLine($"reminder rows for answered occasions: sent before the answer {await rig.CountAsync("followup.outbox", "attempt = 1 AND state = 'sent' AND occasion_id IN (SELECT id FROM followup.occasion WHERE state = 'completed')")}, cancelled {await rig.CountAsync("followup.outbox", "attempt = 1 AND state = 'cancelled'")}");
        Assert.Empty(probe.Violations);
        Assert.Equal(0L, await rig.CountAsync(rig.Db.Store.Dialect.Outbox,
            $"state = 'pending' AND occasion_id IN (SELECT id FROM {rig.Db.Store.Dialect.Occasion} WHERE state = 'completed')"));
        // Unanswered occasions all got their reminder.
        Assert.Equal(participants / 2, rig.Sink.Messages().Count(m => m.Subject.StartsWith("Påminnelse", StringComparison.Ordinal)
            && !occasions.Where((_, i) => i % 2 == 0).Any(o => m.MessageId.Contains(o.ToString(), StringComparison.Ordinal)))
            );
    }

    private static NodeProcess StartNode(FollowupRig rig, string nodeId, int workers, Instant? at = null) =>
        NodeProcess.Start(FollowupDatabase.Postgres, rig.Db.ConnectionString, TestProtocol.Directory, rig.Sink.Port, rig.SmsDirectory, at ?? OpenDay, nodeId, workers);

    private static async Task<List<ScheduleRequest>> ScheduleManyAsync(FollowupRig rig, int count)
    {
        var requests = Enumerable.Range(0, count).Select(_ => Participants.Request(Anchor)).ToList();
        foreach (var chunk in requests.Chunk(100))
        {
            await rig.Db.InTransactionAsync(async tx =>
            {
                foreach (var request in chunk)
                {
                    await rig.Contact.ScheduleAsync(request, tx, CancellationToken.None);
                }
            });
        }
        return requests;
    }

    /// <summary>Polls a condition on real processes (not on time): the killed node must have made progress first.</summary>
    private static async Task WaitForAsync(Func<bool> condition, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (!condition())
        {
            await Task.Delay(5, cts.Token);
        }
    }

    /// <summary>
    /// Wraps the SMTP channel and, at the moment of each send, reads the occasion's committed state on its own
    /// connection. A reminder going out for an occasion already recorded as completed is a violation.
    /// </summary>
    private sealed class CompletionProbe(FollowupStore store, IEmailChannel inner) : IEmailChannel
    {
        public List<string> Violations { get; } = [];

        private FollowupStore Store { get; } = store;

        public async Task<IEmailSession> OpenSessionAsync(CancellationToken cancellationToken) =>
            new Session(this, await inner.OpenSessionAsync(cancellationToken));

        private sealed class Session(CompletionProbe probe, IEmailSession inner) : IEmailSession
        {
            public async Task SendAsync(OutgoingEmail email, CancellationToken cancellationToken)
            {
                var occasion = Guid.ParseExact(email.MessageId[..32], "N");
                await using var connection = await probe.Store.OpenAsync(cancellationToken);
                await using var command = SqlStatement.Create(connection, "SELECT state FROM followup.occasion WHERE id = @id", ("id", (object?)occasion));
                if ((string?)await command.ExecuteScalarAsync(cancellationToken) is not ("invited" or "reminded"))
                {
                    lock (probe.Violations)
                    {
                        probe.Violations.Add(email.MessageId);
                    }
                }
                await inner.SendAsync(email, cancellationToken);
            }

            public ValueTask DisposeAsync() => inner.DisposeAsync();
        }
    }
}
