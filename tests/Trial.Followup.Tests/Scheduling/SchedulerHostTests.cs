using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NodaTime;
using Quartz;
using Trial.Followup.Bench.Synthetic;
using Trial.Followup.Contact;
using Trial.Followup.Hosting;
using Trial.Followup.Questionnaires;
using Trial.Followup.Scheduling;
using Trial.Followup.Tests.Support;
using Trial.TestServers;

namespace Trial.Followup.Tests.Scheduling;

/// <summary>
/// Whole nodes as the host runs them: the Quartz jobs on the persistent store, the outbox loop and SMTP. The jobs fire
/// on Quartz's real timer (every second here); what they decide is driven by the shared fake clock.
/// </summary>
public sealed class SchedulerHostTests
{
    private static readonly LocalDate Anchor = new(2013, 10, 15);
    private static readonly SchedulerTiming Fast = new(TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(200), 2);

    [Fact]
    [Trait(TestTraits.Database, TestTraits.Postgres)]
    public async Task Scheduler_TwoClusteredNodes_EveryInvitationDeliveredExactlyOnce()
    {
        await using var rig = await FollowupRig.CreateAsync(FollowupDatabase.Postgres, nameof(Scheduler_TwoClusteredNodes_EveryInvitationDeliveredExactlyOnce), Oslo.At(2014, 4, 1, 10));
        for (var i = 0; i < 40; i++)
        {
            await rig.ScheduleAsync(Anchor);
        }

        using var nodeA = await StartNodeAsync(rig, "node-a");
        using var nodeB = await StartNodeAsync(rig, "node-b");
        await WaitForAsync(() => rig.Sink.Messages().Count >= 40);
        // Let both nodes run several more sweeps and polls over the same, fully invited schedule.
        await WaitForAsync(async () => await SweepRunsAsync(rig) >= 12);
        await nodeA.StopAsync();
        await nodeB.StopAsync();

        var ids = rig.Sink.Messages().Select(m => m.MessageId).ToList();
        Assert.Equal(40, ids.Count);
        Assert.Equal(40, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(2L, await rig.CountAsync("followup.qrtz_scheduler_state", "1 = 1"));
    }

    [Fact]
    [Trait(TestTraits.Database, TestTraits.Postgres)]
    public async Task Scheduler_AllNodesDownOverOpeningTime_InvitesLateExactlyOnceAfterRestart()
    {
        await using var rig = await FollowupRig.CreateAsync(FollowupDatabase.Postgres, nameof(Scheduler_AllNodesDownOverOpeningTime_InvitesLateExactlyOnceAfterRestart), Oslo.At(2014, 3, 31, 10));
        var participant = (await rig.ScheduleAsync(Anchor)).Participant;
        using (var before = await StartNodeAsync(rig, "node-a"))
        {
            await WaitForAsync(async () => await SweepRunsAsync(rig) >= 4);
            await before.StopAsync();
        }
        Assert.Empty(rig.Sink.Messages());

        rig.Clock.Reset(Oslo.At(2014, 4, 3, 11)); // the window opened while no node was running
        using var after = await StartNodeAsync(rig, "node-b");
        await WaitForAsync(() => rig.MailTo(participant).Count >= 1);
        await WaitForAsync(async () => await SweepRunsAsync(rig) >= 12);
        await after.StopAsync();

        Assert.Single(rig.MailTo(participant));
    }

    [Fact]
    [Trait(TestTraits.Database, TestTraits.Sqlite)]
    public async Task Scheduler_EmbeddedSqlite_ProvisionsQuartzTablesAndSendsInvitation()
    {
        await using var rig = await FollowupRig.CreateAsync(FollowupDatabase.Sqlite, nameof(Scheduler_EmbeddedSqlite_ProvisionsQuartzTablesAndSendsInvitation), Oslo.At(2014, 4, 1, 10));
        var participant = (await rig.ScheduleAsync(Anchor)).Participant;

        using var node = await StartNodeAsync(rig, "embedded");
        await WaitForAsync(() => rig.MailTo(participant).Count >= 1);
        await node.StopAsync();

        Assert.Single(rig.MailTo(participant));
    }

    [Fact]
    [Trait(TestTraits.Database, TestTraits.Sqlite)]
    public async Task Scheduler_OnDemand_FiresTheRealJobsOnlyWhenAsked()
    {
        await using var rig = await FollowupRig.CreateAsync(FollowupDatabase.Sqlite, nameof(Scheduler_OnDemand_FiresTheRealJobsOnlyWhenAsked), Oslo.At(2014, 3, 31, 10));
        var participant = (await rig.ScheduleAsync(Anchor)).Participant;
        using var node = await StartNodeAsync(rig, "on-demand", onDemand: true);
        var jobs = node.Services.GetRequiredService<FollowupJobs>();
        var scheduler = await node.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        // The four jobs are held without a trigger: no timer fires them, and nothing is written to Quartz's tables.
        Assert.Empty(await scheduler.GetTriggerKeys(GroupMatcher<TriggerKey>.AnyGroup()));
        Assert.Equal(FollowupJobs.InDailyOrder.Order(), (await scheduler.GetJobKeys(GroupMatcher<JobKey>.AnyGroup())).Select(k => k.Name).Order());
        Assert.False((await scheduler.GetMetadata()).JobStorePersistent);
        Assert.Equal(0L, await rig.Db.ScalarAsync<long>("SELECT count(*) FROM sqlite_master WHERE name LIKE 'followup_qrtz_%'"));

        // Before the window: the jobs run through Quartz (FollowupJobs waits for its listener's JobWasExecuted) and open nothing.
        Assert.Equal(0, await jobs.RunOnceAsync(CancellationToken.None));
        rig.Clock.Reset(Oslo.At(2014, 4, 3, 11));
        Assert.Equal(1, await jobs.RunOnceAsync(CancellationToken.None));
        Assert.Equal(0, await jobs.RunOnceAsync(CancellationToken.None));
        // No outbox loop: the opened occasion's invitation waits in the outbox until the host dispatches it.
        Assert.Empty(rig.MailTo(participant));
        await node.StopAsync();
    }

    private static async Task<IHost> StartNodeAsync(FollowupRig rig, string nodeId, bool onDemand = false)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddLogging();
        builder.Services.AddSingleton<IClock>(rig.Clock);
        builder.Services.AddSingleton<IContactDirectory, SyntheticContactDirectory>();
        builder.Services.AddSingleton<IQuestionnaireLinks, SyntheticQuestionnaireLinks>();
        builder.Services.AddFollowupScheduling(new FollowupHostOptions
        {
            ConnectionString = rig.Db.ConnectionString,
            Database = rig.Db.Database,
            ProtocolDirectory = TestProtocol.Directory,
            TimeZone = NodaTime.DateTimeZoneProviders.Tzdb["Europe/Oslo"],
            PublicBaseUrl = SyntheticQuestionnaireLinks.BaseUrl,
            Smtp = rig.Smtp,
            SmsOutboxDirectory = rig.SmsDirectory,
            NodeId = nodeId,
            JobsOnDemand = onDemand,
        }, Fast);
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    /// <summary>How many sweep firings Quartz has recorded, from the schedule's own trigger table.</summary>
    private static async Task<long> SweepRunsAsync(FollowupRig rig) =>
        await rig.Db.ScalarAsync<long>(rig.Db.Database == FollowupDatabase.Postgres
            ? "SELECT coalesce(sum(times_triggered), 0) FROM followup.qrtz_simple_triggers"
            : "SELECT coalesce(sum(times_triggered), 0) FROM followup_qrtz_simple_triggers");

    private static Task WaitForAsync(Func<bool> condition) => WaitForAsync(() => Task.FromResult(condition()));

    /// <summary>Waits for the nodes to make progress (a condition on their effects), never for a span of domain time.</summary>
    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (!await condition())
        {
            await Task.Delay(50, cts.Token);
        }
    }
}
