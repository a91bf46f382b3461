using System.Net;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Trial.Enrollment.Persistence;
using Trial.Enrollment.Tests.Hosting;
using Trial.Followup.Hosting;

namespace Trial.Enrollment.Tests.Protocol;

/// <summary>
/// The trial's zone is the protocol's, not the machine's nor a hard-coded Europe/Oslo: a service started on a protocol
/// that names another zone judges "today" there, and hands the same zone to Follow-up's pages and sweeps.
/// </summary>
public class ProtocolTimeZoneTests
{
    [Fact]
    public async Task ProtocolInNewYork_TodayIsNewYorksDate_AndFollowupGetsTheSameZone()
    {
        var protocol = RepositoryPaths.CopyOfIpsProtocol();
        var file = Path.Combine(protocol, "protocol.yaml");
        var text = await File.ReadAllTextAsync(file);
        Assert.Contains("timeZone: Europe/Oslo\n", text, StringComparison.Ordinal);
        await File.WriteAllTextAsync(file, text.Replace("timeZone: Europe/Oslo\n", "timeZone: America/New_York\n", StringComparison.Ordinal));

        await using var app = await TrialTestApp.StartAsync(DatabaseProvider.Sqlite, "zone_new_york", registerFollowup: false, protocolDirectory: protocol);
        Assert.Equal("America/New_York", app.Services.GetRequiredService<FollowupHostOptions>().TimeZone.Id);

        // 03:00 UTC on 2 November 2014: already the 2nd in Oslo, still the evening of the 1st in New York.
        app.Clock.Reset(Instant.FromUtc(2014, 11, 2, 3, 0));
        var oslo = await app.ClientAsync("coord.oslo");
        var tomorrow = await TrialApi.ScreenAsync(oslo, "oslo", 270_001, screenedOn: "2014-11-02");
        Assert.Equal(HttpStatusCode.BadRequest, tomorrow.StatusCode);
        var problem = await TrialApi.ProblemAsync(tomorrow);
        Assert.Equal("date-range", problem.GetProperty("code").GetString());
        Assert.Contains("latest allowed date is Saturday, 01 November 2014", problem.GetProperty("errors").GetProperty("screenedOn")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, (await TrialApi.ScreenAsync(oslo, "oslo", 270_002, screenedOn: "2014-11-01")).StatusCode);
    }
}
