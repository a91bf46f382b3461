using System.Net;
using Trial.Followup.Hosting;
using Trial.Followup.Questionnaires;
using Trial.Followup.Tests.Support;
using Trial.TestServers;

namespace Trial.Followup.Tests.Questionnaires;

/// <summary>Guessing tokens is throttled per client address and over all clients; a refused guess never reaches the database.</summary>
[Trait(TestTraits.Database, TestTraits.Sqlite)]
public class TokenRateLimitTests
{
    private static Uri Guess(QuestionnaireHost host, int i) => new(host.BaseUrl, $"q/{i:D43}");

    [Fact]
    public async Task Get_MoreGuessesThanPerAddressLimit_Returns429WithRetryAfter()
    {
        await using var host = await QuestionnaireHost.StartAsync(FollowupDatabase.Sqlite, "q_rate_ip", new QuestionnaireOptions { PermitsPerAddress = 5, PermitsOverall = 1000 });
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 6; i++)
        {
            last = await host.Client.GetAsync(Guess(host, i));
            statuses.Add(last.StatusCode);
        }
        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.NotFound, 5), HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal("60", string.Join(",", last!.Headers.GetValues("Retry-After")));
    }

    [Fact]
    public async Task Post_MoreAttemptsThanOverallLimit_Returns429()
    {
        await using var host = await QuestionnaireHost.StartAsync(FollowupDatabase.Sqlite, "q_rate_all", new QuestionnaireOptions { PermitsPerAddress = 1000, PermitsOverall = 3 });
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await FormAnswers.PostAsync(host.Client, Guess(host, i), FormAnswers.Complete(Guid.NewGuid()))).StatusCode);
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [Fact]
    public async Task Get_RateLimited_PageExplainsInNorwegian()
    {
        await using var host = await QuestionnaireHost.StartAsync(FollowupDatabase.Sqlite, "q_rate_text", new QuestionnaireOptions { PermitsPerAddress = 1, PermitsOverall = 1000 });
        await host.Client.GetAsync(Guess(host, 1));
        var html = await (await host.Client.GetAsync(Guess(host, 2))).Content.ReadAsStringAsync();
        Assert.Contains("For mange forsøk", html, StringComparison.Ordinal);
    }
}
