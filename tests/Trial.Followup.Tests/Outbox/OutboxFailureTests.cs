using NodaTime;
using Trial.Followup.Bench.Synthetic;
using Trial.Followup.Channels;
using Trial.Followup.Contact;
using Trial.Followup.Coordinator;
using Trial.Followup.Hosting;
using Trial.Followup.Outbox;
using Trial.Followup.Tests.Support;
using Trial.TestServers;

namespace Trial.Followup.Tests.Outbox;

/// <summary>
/// Messages that cannot stall and cannot lie, against a real SMTP server on loopback that refuses chosen recipients:
/// a failing message is retried with exponential backoff from the injected clock, then parked with a phone task,
/// while every other message goes out in the same pass; without a relay nothing is marked sent.
/// </summary>
public abstract class OutboxFailureTests(FollowupDatabase database)
{
    private static readonly LocalDate Anchor = new(2013, 10, 15);
    private static readonly Instant Opened = Oslo.At(2014, 4, 1, 10);
    private static readonly OutboxRetryPolicy ThreeTries = new(3, Duration.FromMinutes(1), Duration.FromHours(1), Duration.FromMinutes(10));

    [Fact]
    public async Task Dispatch_RelayRefusesOneAddressTemporarily_RetriedWithBackoffThenParkedAsPhoneTaskWhileOthersAreSent()
    {
        await using var rig = await FollowupRig.CreateAsync(database, nameof(Dispatch_RelayRefusesOneAddressTemporarily_RetriedWithBackoffThenParkedAsPhoneTaskWhileOthersAreSent), Opened);
        var good = new[] { (await rig.ScheduleAsync(Anchor)).Participant, (await rig.ScheduleAsync(Anchor)).Participant };
        var bad = (await rig.ScheduleAsync(Anchor)).Participant;
        var directory = new AddressesWith(bad, "smtp451.kari@participants.test");
        await rig.SweepAsync();
        Task<DispatchReport> Dispatch() => rig.Dispatcher("node-a", null, directory, ThreeTries, null).DispatchDueAsync(1, CancellationToken.None);

        var first = await Dispatch();
        Assert.All(good, p => Assert.Single(rig.MailTo(p)));
        Assert.Equal((5, 1, 0), (first.Sent, first.Failed, first.Parked)); // every SMS and the good e-mails went in the same pass
        // Visible to the coordinator while it waits for its next try, not only once parked.
        var retrying = Assert.Single(await new CentreStatusQuery(rig.Db.Store, rig.Clock, NodaTime.DateTimeZoneProviders.Tzdb["Europe/Oslo"]).UndeliveredAsync("oslo", CancellationToken.None));
        Assert.Equal((bad.Value, UndeliveredState.Retrying, 1, "smtp-451", Opened + Duration.FromMinutes(1)),
            (retrying.Participant, retrying.State, retrying.Tries, retrying.Error, retrying.NextAttemptAt));
        Assert.Equal(new LocalDateTime(2014, 4, 1, 10, 1), retrying.NextAttemptLocal); // in the occasion's zone, Oslo

        // Backoff from the injected clock: 1 minute after try 1, then 2 minutes after try 2.
        Assert.Equal(0, (await Dispatch()).Failed);
        rig.Clock.Reset(Opened + Duration.FromSeconds(59));
        Assert.Equal(0, (await Dispatch()).Failed);
        rig.Clock.Reset(Opened + Duration.FromMinutes(1));
        Assert.Equal(1, (await Dispatch()).Failed);
        rig.Clock.Reset(Opened + Duration.FromMinutes(3) - Duration.FromSeconds(1));
        Assert.Equal(0, (await Dispatch()).Failed);
        rig.Clock.Reset(Opened + Duration.FromMinutes(3));
        Assert.Equal(1, (await Dispatch()).Parked);
        rig.Clock.Reset(Opened + Duration.FromDays(1));
        Assert.Equal(DispatchReport.Empty, await Dispatch());

        var query = new CentreStatusQuery(rig.Db.Store, rig.Clock, NodaTime.DateTimeZoneProviders.Tzdb["Europe/Oslo"]);
        var task = Assert.Single(await query.PhoneTasksAsync("oslo", CancellationToken.None));
        Assert.Equal((bad.Value, PhoneTaskReason.Undeliverable), (task.Participant, task.Reason));
        var parked = Assert.Single(await query.UndeliveredAsync("oslo", CancellationToken.None));
        Assert.Equal((bad.Value, MessageChannel.Email, UndeliveredState.Parked, 3, "smtp-451"), (parked.Participant, parked.Channel, parked.State, parked.Tries, parked.Error));
        Assert.DoesNotContain(rig.Sink.Messages(), m => m.To.Any(t => t.StartsWith("smtp451.", StringComparison.Ordinal)));
        Assert.Equal(0L, await rig.CountAsync(rig.Db.Store.Dialect.Outbox, "state = 'sent' AND channel = 'email' AND tries > 1"));
    }

    [Fact]
    public async Task Dispatch_RelayRefusesAddressPermanently_ParkedAtFirstTryNotRetried()
    {
        await using var rig = await FollowupRig.CreateAsync(database, nameof(Dispatch_RelayRefusesAddressPermanently_ParkedAtFirstTryNotRetried), Opened);
        var bad = (await rig.ScheduleAsync(Anchor)).Participant;
        var good = (await rig.ScheduleAsync(Anchor)).Participant;
        await rig.SweepAsync();

        var report = await rig.Dispatcher("node-a", null, new AddressesWith(bad, "smtp550.kari@participants.test"), ThreeTries, null).DispatchDueAsync(1, CancellationToken.None);

        Assert.Equal((3, 0, 1), (report.Sent, report.Failed, report.Parked));
        Assert.Single(rig.MailTo(good));
        var parked = Assert.Single(await new CentreStatusQuery(rig.Db.Store, rig.Clock, NodaTime.DateTimeZoneProviders.Tzdb["Europe/Oslo"]).UndeliveredAsync("oslo", CancellationToken.None));
        Assert.Equal((1, "smtp-550"), (parked.Tries, parked.Error));
    }

    [Fact]
    public async Task Dispatch_AddressWithSpaceFromOldData_ParkedAsInvalidAndTheOthersAreSent()
    {
        await using var rig = await FollowupRig.CreateAsync(database, nameof(Dispatch_AddressWithSpaceFromOldData_ParkedAsInvalidAndTheOthersAreSent), Opened);
        var bad = (await rig.ScheduleAsync(Anchor)).Participant;
        var good = (await rig.ScheduleAsync(Anchor)).Participant;
        await rig.SweepAsync();

        var report = await rig.Dispatcher("node-a", null, new AddressesWith(bad, "kari nordmann@example.org"), ThreeTries, null).DispatchDueAsync(1, CancellationToken.None);

        Assert.Equal((3, 1), (report.Sent, report.Parked));
        Assert.Single(rig.MailTo(good));
        Assert.Equal("address-invalid", Assert.Single(await new CentreStatusQuery(rig.Db.Store, rig.Clock, NodaTime.DateTimeZoneProviders.Tzdb["Europe/Oslo"]).UndeliveredAsync("oslo", CancellationToken.None)).Error);
    }

    [Fact]
    public async Task Dispatch_NoRelayConfigured_EmailHeldNeverMarkedSentAndSentOnceARelayIsThere()
    {
        await using var rig = await FollowupRig.CreateAsync(database, nameof(Dispatch_NoRelayConfigured_EmailHeldNeverMarkedSentAndSentOnceARelayIsThere), Opened);
        var participant = (await rig.ScheduleAsync(Anchor)).Participant;
        await rig.SweepAsync();

        var report = await rig.Dispatcher("node-a", new NoRelayEmailChannel()).DispatchDueAsync(1, CancellationToken.None);

        Assert.Equal((1, 1), (report.Sent, report.Held)); // the SMS went; the e-mail is held
        Assert.Equal(0L, await rig.CountAsync(rig.Db.Store.Dialect.Outbox, "channel = 'email' AND (state = 'sent' OR sent_at IS NOT NULL)"));
        var held = Assert.Single(await new CentreStatusQuery(rig.Db.Store, rig.Clock, NodaTime.DateTimeZoneProviders.Tzdb["Europe/Oslo"]).UndeliveredAsync("oslo", CancellationToken.None));
        Assert.Equal((UndeliveredState.Held, "no-relay", 0), (held.State, held.Error, held.Tries));
        Assert.Equal(DispatchReport.Empty, await rig.Dispatcher("node-a", new NoRelayEmailChannel()).DispatchDueAsync(1, CancellationToken.None));

        Assert.Equal(1, (await rig.DispatchAsync()).Sent);
        Assert.Single(rig.MailTo(participant));
        Assert.Empty(await new CentreStatusQuery(rig.Db.Store, rig.Clock, NodaTime.DateTimeZoneProviders.Tzdb["Europe/Oslo"]).UndeliveredAsync("oslo", CancellationToken.None));
    }

    [Fact]
    public async Task Dispatch_DateHeader_IsTheInjectedClocksNow()
    {
        await using var rig = await FollowupRig.CreateAsync(database, nameof(Dispatch_DateHeader_IsTheInjectedClocksNow), Opened);
        var participant = (await rig.ScheduleAsync(Anchor)).Participant;
        await rig.SweepAsync();

        await rig.DispatchAsync();

        var date = DateTimeOffset.Parse(Assert.Single(rig.MailTo(participant)).Date!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(Opened.ToDateTimeOffset(), date.ToUniversalTime());
    }

    [Fact]
    public async Task Dispatch_RelayUnreachable_NothingMarkedSentAndNoTryCounted()
    {
        await using var rig = await FollowupRig.CreateAsync(database, nameof(Dispatch_RelayUnreachable_NothingMarkedSentAndNoTryCounted), Opened);
        await rig.ScheduleAsync(Anchor);
        await rig.ScheduleAsync(Anchor);
        await rig.SweepAsync();
        var closedPort = new SmtpSettings("127.0.0.1", ClosedPort(), "followup@trial.test", "IPS-studien");

        var report = await rig.Dispatcher("node-a", new SmtpEmailChannel(closedPort)).DispatchDueAsync(1, CancellationToken.None);

        // The SMS went; the first e-mail found the relay down, and the second waited for the relay's next try without knocking.
        Assert.Equal((2, 1, 1, 0), (report.Sent, report.Failed, report.Deferred, report.Parked));
        Assert.Equal(0L, await rig.CountAsync(rig.Db.Store.Dialect.Outbox, "channel = 'email' AND (state <> 'pending' OR tries <> 0 OR last_error <> 'transport')"));
    }

    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The synthetic directory, with one participant's e-mail address replaced.</summary>
    private sealed class AddressesWith(ParticipantRef participant, string email) : IContactDirectory
    {
        private readonly SyntheticContactDirectory _others = new();

        public async Task<ContactAddress?> FindAsync(ParticipantRef who, CancellationToken cancellationToken) =>
            who == participant ? new ContactAddress(email, "+4740000001", "") : await _others.FindAsync(who, cancellationToken);
    }
}

[Trait(TestTraits.Database, TestTraits.Postgres)]
public sealed class OutboxFailurePostgresTests() : OutboxFailureTests(FollowupDatabase.Postgres);

[Trait(TestTraits.Database, TestTraits.Sqlite)]
public sealed class OutboxFailureSqliteTests() : OutboxFailureTests(FollowupDatabase.Sqlite);
