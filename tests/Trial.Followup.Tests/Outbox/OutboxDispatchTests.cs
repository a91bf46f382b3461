using NodaTime;
using Trial.Followup.Contact;
using Trial.Followup.Hosting;
using Trial.Followup.Occasions;
using Trial.Followup.Outbox;
using Trial.Followup.Tests.Contact;
using Trial.Followup.Tests.Support;
using Trial.TestServers;

namespace Trial.Followup.Tests.Outbox;

/// <summary>Invitations and reminders from the occasion table through the outbox to a real SMTP server, on both providers.</summary>
public abstract class OutboxDispatchTests(FollowupDatabase database)
{
    // Randomised 2013-10-15: the 6-month occasion is due 2014-04-15 and opens 2014-04-01 00:00 Oslo time.
    private static readonly LocalDate Anchor = new(2013, 10, 15);

    [Fact]
    public async Task Dispatch_OpenedOccasion_DeliversOneInvitationWithMessageIdFromKey()
    {
        await using var rig = await RigAsync(nameof(Dispatch_OpenedOccasion_DeliversOneInvitationWithMessageIdFromKey), Oslo.At(2014, 4, 1, 10));
        var participant = (await rig.ScheduleAsync(Anchor)).Participant;

        await rig.SweepAsync();
        var report = await rig.DispatchAsync();

        var mail = Assert.Single(rig.MailTo(participant));
        var occasion = await FollowupContactTests.OccasionAsync(rig.Db, participant, "m6");
        Assert.Equal($"<{new OutboxKey(occasion.Id, Channels.MessageChannel.Email, 0).MessageId}>", mail.MessageId);
        Assert.Equal(2, report.Sent); // e-mail and SMS
        Assert.Equal(OccasionState.Invited, occasion.State);
    }

    [Fact]
    public async Task Dispatch_NorwegianParticipant_GetsNorwegianTextWithLinkAndLastDay()
    {
        await using var rig = await RigAsync(nameof(Dispatch_NorwegianParticipant_GetsNorwegianTextWithLinkAndLastDay), Oslo.At(2014, 4, 1, 10));
        var participant = (await rig.ScheduleAsync(Anchor, "nb-NO")).Participant;

        await rig.SweepAsync();
        await rig.DispatchAsync();

        var mail = Assert.Single(rig.MailTo(participant));
        Assert.Equal("Spørreskjema fra IPS-studien", mail.Subject);
        Assert.Contains("https://followup.test/q/", mail.Body, StringComparison.Ordinal);
        Assert.Contains("10. juni 2014", mail.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispatch_EnglishParticipant_GetsEnglishText()
    {
        await using var rig = await RigAsync(nameof(Dispatch_EnglishParticipant_GetsEnglishText), Oslo.At(2014, 4, 1, 10));
        var participant = (await rig.ScheduleAsync(Anchor, "en")).Participant;

        await rig.SweepAsync();
        await rig.DispatchAsync();

        var mail = Assert.Single(rig.MailTo(participant));
        Assert.Equal("Questionnaire from the IPS study", mail.Subject);
        Assert.Contains("until 10 June 2014", mail.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispatch_Sms_WritesOneFileNamedByKey()
    {
        await using var rig = await RigAsync(nameof(Dispatch_Sms_WritesOneFileNamedByKey), Oslo.At(2014, 4, 1, 10));
        var participant = (await rig.ScheduleAsync(Anchor)).Participant;

        await rig.SweepAsync();
        await rig.DispatchAsync();

        var occasion = await FollowupContactTests.OccasionAsync(rig.Db, participant, "m6");
        var file = Assert.Single(Directory.GetFiles(rig.SmsDirectory));
        Assert.Equal(new OutboxKey(occasion.Id, Channels.MessageChannel.Sms, 0) + ".txt", Path.GetFileName(file));
    }

    [Fact]
    public async Task Dispatch_OpenedAtNight_WaitsUntilNineLocal()
    {
        await using var rig = await RigAsync(nameof(Dispatch_OpenedAtNight_WaitsUntilNineLocal), Oslo.At(2014, 4, 1, 0, 30));
        var participant = (await rig.ScheduleAsync(Anchor)).Participant;
        await rig.SweepAsync();

        await rig.DispatchAsync();
        Assert.Empty(rig.MailTo(participant));

        rig.Clock.Reset(Oslo.At(2014, 4, 1, 8, 59));
        await rig.DispatchAsync();
        Assert.Empty(rig.MailTo(participant));

        rig.Clock.Reset(Oslo.At(2014, 4, 1, 9, 0));
        await rig.DispatchAsync();
        Assert.Single(rig.MailTo(participant));
    }

    [Fact]
    public async Task Dispatch_NodeBackAfterEightPm_DefersToNextMorning()
    {
        await using var rig = await RigAsync(nameof(Dispatch_NodeBackAfterEightPm_DefersToNextMorning), Oslo.At(2014, 4, 1, 10));
        var participant = (await rig.ScheduleAsync(Anchor)).Participant;
        await rig.SweepAsync();

        rig.Clock.Reset(Oslo.At(2014, 4, 1, 20, 0));
        var report = await rig.DispatchAsync();
        Assert.Equal(2, report.Deferred);
        Assert.Empty(rig.MailTo(participant));

        rig.Clock.Reset(Oslo.At(2014, 4, 2, 9, 0));
        await rig.DispatchAsync();
        Assert.Single(rig.MailTo(participant));
    }

    [Fact]
    public async Task Reminders_SevenAndFourteenDaysAfterInvitation_AreSentOnceEach()
    {
        await using var rig = await RigAsync(nameof(Reminders_SevenAndFourteenDaysAfterInvitation_AreSentOnceEach), Oslo.At(2014, 4, 1, 10));
        var participant = (await rig.ScheduleAsync(Anchor)).Participant;
        await rig.SweepAsync();
        await rig.DispatchAsync();

        foreach (var day in new[] { 2, 7, 8, 9, 14, 15, 16, 20 })
        {
            rig.Clock.Reset(Oslo.At(2014, 4, day, 10));
            await rig.SweepAsync();
            await rig.DispatchAsync();
        }

        var subjects = rig.MailTo(participant).Select(m => m.Subject).ToList();
        Assert.Equal(["Spørreskjema fra IPS-studien", "Påminnelse: spørreskjema fra IPS-studien", "Påminnelse: spørreskjema fra IPS-studien"], subjects);
        Assert.Equal(OccasionState.Reminded, (await FollowupContactTests.OccasionAsync(rig.Db, participant, "m6")).State);
    }

    [Fact]
    public async Task PhoneTask_SevenDaysAfterLastReminder_IsCreatedOnce()
    {
        await using var rig = await RigAsync(nameof(PhoneTask_SevenDaysAfterLastReminder_IsCreatedOnce), Oslo.At(2014, 4, 1, 10));
        await rig.ScheduleAsync(Anchor);
        await rig.SweepAsync();
        rig.Clock.Reset(Oslo.At(2014, 4, 8, 10));
        await rig.SweepAsync();
        rig.Clock.Reset(Oslo.At(2014, 4, 15, 10));
        await rig.SweepAsync();

        rig.Clock.Reset(Oslo.At(2014, 4, 22, 9, 59));
        await rig.SweepAsync();
        Assert.Equal(0L, await rig.CountAsync(rig.Db.Store.Dialect.PhoneTask, "1 = 1"));

        rig.Clock.Reset(Oslo.At(2014, 4, 22, 10));
        await rig.SweepAsync();
        await rig.SweepAsync();
        Assert.Equal(1L, await rig.CountAsync(rig.Db.Store.Dialect.PhoneTask, "state = 'open'"));
    }

    [Fact]
    public async Task Complete_BeforeReminderDue_NoReminderIsEverSent()
    {
        await using var rig = await RigAsync(nameof(Complete_BeforeReminderDue_NoReminderIsEverSent), Oslo.At(2014, 4, 1, 10));
        var participant = (await rig.ScheduleAsync(Anchor)).Participant;
        await rig.SweepAsync();
        await rig.DispatchAsync();
        var occasion = await FollowupContactTests.OccasionAsync(rig.Db, participant, "m6");
        rig.Clock.Reset(Oslo.At(2014, 4, 3, 10));
        await rig.Db.InTransactionAsync(tx => rig.Lifecycle.CompleteAsync(occasion.Id, ResponseMode.Web, rig.Clock.GetCurrentInstant(), tx, CancellationToken.None));

        foreach (var day in new[] { 8, 15, 22 })
        {
            rig.Clock.Reset(Oslo.At(2014, 4, day, 10));
            await rig.SweepAsync();
            await rig.DispatchAsync();
        }

        Assert.Single(rig.MailTo(participant));
        Assert.Equal(0L, await rig.CountAsync(rig.Db.Store.Dialect.PhoneTask, "1 = 1"));
    }

    [Fact]
    public async Task Complete_WithInvitationStillQueued_CancelsItInSameTransaction()
    {
        await using var rig = await RigAsync(nameof(Complete_WithInvitationStillQueued_CancelsItInSameTransaction), Oslo.At(2014, 4, 1, 1));
        var participant = (await rig.ScheduleAsync(Anchor)).Participant;
        await rig.SweepAsync(); // queued for 09:00
        var occasion = await FollowupContactTests.OccasionAsync(rig.Db, participant, "m6");

        await rig.Db.InTransactionAsync(tx => rig.Lifecycle.CompleteAsync(occasion.Id, ResponseMode.Paper, rig.Clock.GetCurrentInstant(), tx, CancellationToken.None));
        rig.Clock.Reset(Oslo.At(2014, 4, 1, 10));
        await rig.DispatchAsync();

        Assert.Empty(rig.MailTo(participant));
        Assert.Equal(2L, await rig.CountAsync(rig.Db.Store.Dialect.Outbox, "state = 'cancelled' AND cancel_reason = 'completed'"));
    }

    [Fact]
    public async Task StopContact_Death_CancelsQueuedInvitationAndLaterReminders()
    {
        await using var rig = await RigAsync(nameof(StopContact_Death_CancelsQueuedInvitationAndLaterReminders), Oslo.At(2014, 4, 1, 1));
        var participant = (await rig.ScheduleAsync(Anchor)).Participant;
        await rig.SweepAsync();

        await rig.Db.InTransactionAsync(tx => rig.Contact.StopContactAsync(
            new StopContactRequest(participant, ContactStopScope.Died, new LocalDate(2014, 3, 30)), tx, CancellationToken.None));
        foreach (var day in new[] { 1, 8, 15, 22 })
        {
            rig.Clock.Reset(Oslo.At(2014, 4, day, 10));
            await rig.SweepAsync();
            await rig.DispatchAsync();
        }

        Assert.Empty(rig.MailTo(participant));
        Assert.Equal(0L, await rig.CountAsync(rig.Db.Store.Dialect.Outbox, "state = 'pending'"));
    }

    [Fact]
    public async Task Close_AfterWindow_MarksMissedAndCancelsPendingSends()
    {
        await using var rig = await RigAsync(nameof(Close_AfterWindow_MarksMissedAndCancelsPendingSends), Oslo.At(2014, 6, 10, 19, 59));
        var participant = (await rig.ScheduleAsync(Anchor)).Participant;
        await rig.SweepAsync(); // opened late in the window; the invitation is queued but not yet sent

        rig.Clock.Reset(Oslo.At(2014, 6, 11, 0, 0));
        await rig.SweepAsync();
        rig.Clock.Reset(Oslo.At(2014, 6, 11, 10, 0));
        await rig.DispatchAsync();

        Assert.Equal(OccasionState.Missed, (await FollowupContactTests.OccasionAsync(rig.Db, participant, "m6")).State);
        Assert.Empty(rig.MailTo(participant));
    }

    [Fact]
    public async Task Sweep_ServerDownOverOpeningAndFirstReminder_InvitesLateExactlyOnce()
    {
        // Nothing ran between scheduling and ten days after the window opened: the first pass must catch up.
        await using var rig = await RigAsync(nameof(Sweep_ServerDownOverOpeningAndFirstReminder_InvitesLateExactlyOnce), Oslo.At(2014, 3, 1, 10));
        var participant = (await rig.ScheduleAsync(Anchor)).Participant;

        rig.Clock.Reset(Oslo.At(2014, 4, 11, 10));
        await rig.SweepAsync();
        await rig.SweepAsync();
        await rig.DispatchAsync();
        await rig.DispatchAsync();

        var mail = Assert.Single(rig.MailTo(participant));
        Assert.Equal("Spørreskjema fra IPS-studien", mail.Subject);
    }

    [Fact]
    public async Task Dispatch_ParticipantWithoutAddress_RecordsNoAddressAndSendsNothing()
    {
        await using var rig = await RigAsync(nameof(Dispatch_ParticipantWithoutAddress_RecordsNoAddressAndSendsNothing), Oslo.At(2014, 4, 1, 10));
        await rig.ScheduleAsync(Anchor);
        await rig.SweepAsync();

        var dispatcher = new OutboxDispatcher(rig.Db.Store, TestProtocol.IpsNorway, rig.Clock, new EmptyDirectory(),
            new Bench.Synthetic.SyntheticQuestionnaireLinks(), new Channels.SmtpEmailChannel(rig.Smtp), new Channels.FileSmsChannel(rig.SmsDirectory), "node-a");
        var report = await dispatcher.DispatchDueAsync(1, CancellationToken.None);

        Assert.Equal(2, report.NoAddress);
        Assert.Empty(rig.Sink.Messages());
    }

    private Task<FollowupRig> RigAsync(string name, Instant start) => FollowupRig.CreateAsync(database, name, start);

    private sealed class EmptyDirectory : IContactDirectory
    {
        public Task<ContactAddress?> FindAsync(ParticipantRef participant, CancellationToken cancellationToken) => Task.FromResult<ContactAddress?>(null);
    }
}

[Trait(TestTraits.Database, TestTraits.Postgres)]
public sealed class OutboxDispatchPostgresTests() : OutboxDispatchTests(FollowupDatabase.Postgres);

[Trait(TestTraits.Database, TestTraits.Sqlite)]
public sealed class OutboxDispatchSqliteTests() : OutboxDispatchTests(FollowupDatabase.Sqlite);
