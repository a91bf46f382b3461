using System.Net;
using System.Net.Sockets;
using Trial.Followup.Hosting;
using Trial.Followup.Questionnaires;
using Trial.Followup.Tests.Support;
using Trial.TestServers;

namespace Trial.Followup.Tests.Questionnaires;

/// <summary>
/// Guessing tokens is throttled by failures per client address and per network; valid links use up no budget. Clients
/// connect from chosen loopback addresses (Linux routes all of 127.0.0.0/8 to lo), so the server sees distinct peers.
/// </summary>
[Trait(TestTraits.Database, TestTraits.Sqlite)]
public class TokenRateLimitTests
{
    private static Uri Guess(QuestionnaireHost host, int i) => new(host.BaseUrl, $"q/{i:D43}");

    /// <summary>An HTTP client whose connections come from <paramref name="source"/>.</summary>
    private static HttpClient From(string source) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(IPAddress.Parse(source), 0));
            await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        },
    });

    [Fact]
    public async Task Get_MoreFailuresThanPerAddressLimit_Returns429WithRetryAfter()
    {
        await using var host = await QuestionnaireHost.StartAsync(FollowupDatabase.Sqlite, "q_rate_ip", new QuestionnaireOptions { FailuresPerAddress = 5 });
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
    public async Task FloodFromManyAddresses_DoesNotRefuseAValidLinkFromAnotherNetwork_ButRefusesTheFloodingNetwork()
    {
        await using var host = await QuestionnaireHost.StartAsync(FollowupDatabase.Sqlite, "q_rate_flood",
            new QuestionnaireOptions { FailuresPerAddress = 3, FailuresPerNetwork = 40 });
        var (_, occasion) = await host.ScheduleAsync();
        var link = await host.IssueLinkAsync(occasion);
        var guesses = 0;
        for (var a = 2; a < 30; a++)
        {
            using var attacker = From($"127.0.0.{a}");
            for (var i = 0; i < 3; i++)
            {
                await attacker.GetAsync(Guess(host, guesses++));
            }
        }

        using var fresh = From("127.0.9.7");
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync(link)).StatusCode);
        using var sameNetwork = From("127.0.0.200");
        Assert.Equal(HttpStatusCode.TooManyRequests, (await sameNetwork.GetAsync(Guess(host, guesses))).StatusCode);
    }

    [Fact]
    public async Task ValidLink_OpenedManyTimes_UsesNoFailureBudget()
    {
        await using var host = await QuestionnaireHost.StartAsync(FollowupDatabase.Sqlite, "q_rate_valid", new QuestionnaireOptions { FailuresPerAddress = 2 });
        var (_, occasion) = await host.ScheduleAsync();
        var link = await host.IssueLinkAsync(occasion);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await host.Client.GetAsync(link)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.GetAsync(Guess(host, 1))).StatusCode);
    }

    [Fact]
    public async Task Requests_BeyondThePerAddressLimit_AreRefusedByTheRateLimitingMiddleware()
    {
        await using var host = await QuestionnaireHost.StartAsync(FollowupDatabase.Sqlite, "q_rate_all", new QuestionnaireOptions { RequestsPerAddress = 3 });
        var (_, occasion) = await host.ScheduleAsync();
        var link = await host.IssueLinkAsync(occasion);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await host.Client.GetAsync(link)).StatusCode);
        }
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task Get_RateLimited_PageExplainsInNorwegian()
    {
        await using var host = await QuestionnaireHost.StartAsync(FollowupDatabase.Sqlite, "q_rate_text", new QuestionnaireOptions { FailuresPerAddress = 1 });
        await host.Client.GetAsync(Guess(host, 1));
        var html = await (await host.Client.GetAsync(Guess(host, 2))).Content.ReadAsStringAsync();
        Assert.Contains("For mange forsøk", html, StringComparison.Ordinal);
    }
}
