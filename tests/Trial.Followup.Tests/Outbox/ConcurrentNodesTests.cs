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
}
