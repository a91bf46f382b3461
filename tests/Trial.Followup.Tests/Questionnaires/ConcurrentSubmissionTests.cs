using System.Net;
using Trial.Followup.Hosting;
using Trial.Followup.Occasions;
using Trial.Followup.Questionnaires.Storage;
using Trial.Followup.Tests.Support;
using Trial.TestServers;

namespace Trial.Followup.Tests.Questionnaires;

/// <summary>
/// Many simultaneous submissions of one link: exactly one response is stored. PostgreSQL serialises them on the link
/// row lock; SQLite on its single writer.
/// </summary>
public abstract class ConcurrentSubmissionTests(FollowupDatabase database)
{
    private const int Parallel = 24;

    [Fact]
    public async Task Submit_SameSubmissionInParallel_StoresOneResponseAndThanksAll()
    {
        await using var host = await QuestionnaireHost.StartAsync(database, "q_conc_same");
        var (_, occasion) = await host.ScheduleAsync();
        var link = await host.IssueLinkAsync(occasion);
        var fields = FormAnswers.Complete(Guid.NewGuid());

        var responses = await FireAsync(Parallel, () => FormAnswers.PostAsync(host.Client, link, fields));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r));
        await AssertOneResponseAsync(host, occasion);
    }

    [Fact]
    public async Task Submit_DifferentSubmissionsInParallel_StoresOneAndRefusesTheRest()
    {
        await using var host = await QuestionnaireHost.StartAsync(database, "q_conc_diff");
        var (_, occasion) = await host.ScheduleAsync();
        var link = await host.IssueLinkAsync(occasion);

        var responses = await FireAsync(Parallel, () => FormAnswers.PostAsync(host.Client, link, FormAnswers.Complete(Guid.NewGuid())));

        Assert.Equal((1, Parallel - 1), (responses.Count(r => r == HttpStatusCode.OK), responses.Count(r => r == HttpStatusCode.Conflict)));
        await AssertOneResponseAsync(host, occasion);
    }

    [Fact]
    public async Task Submit_ParallelThroughTwoLinksOfOneOccasion_StoresOneResponse()
    {
        await using var host = await QuestionnaireHost.StartAsync(database, "q_conc_links");
        var (_, occasion) = await host.ScheduleAsync();
        var links = new[] { await host.IssueLinkAsync(occasion), await host.IssueLinkAsync(occasion) };
        var n = 0;

        var responses = await FireAsync(Parallel, () => FormAnswers.PostAsync(host.Client, links[Interlocked.Increment(ref n) % 2], FormAnswers.Complete(Guid.NewGuid())));

        Assert.Equal(1, responses.Count(r => r == HttpStatusCode.OK));
        await AssertOneResponseAsync(host, occasion);
    }

    private static async Task<HttpStatusCode[]> FireAsync(int count, Func<Task<HttpResponseMessage>> send)
    {
        using var gate = new SemaphoreSlim(0);
        var tasks = Enumerable.Range(0, count).Select(async _ =>
        {
            await gate.WaitAsync();
            using var response = await send();
            return response.StatusCode;
        }).ToList();
        gate.Release(count);
        return await Task.WhenAll(tasks);
    }

    private static async Task AssertOneResponseAsync(QuestionnaireHost host, OccasionId occasion)
    {
        var tables = new QuestionnaireTables(host.Db.Store.Dialect);
        Assert.Equal(1, await host.CountAsync(tables.Response, occasion));
        Assert.Equal(83, await host.CountAsync(tables.Item, occasion));
        Assert.Equal(OccasionState.Completed, await host.StateAsync(occasion));
    }
}

[Trait(TestTraits.Database, TestTraits.Postgres)]
public sealed class ConcurrentSubmissionPostgresTests() : ConcurrentSubmissionTests(FollowupDatabase.Postgres);

[Trait(TestTraits.Database, TestTraits.Sqlite)]
public sealed class ConcurrentSubmissionSqliteTests() : ConcurrentSubmissionTests(FollowupDatabase.Sqlite);
