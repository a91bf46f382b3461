using System.Net;
using System.Net.Http.Json;
using Npgsql;
using Trial.Enrollment.Persistence;
using Trial.Enrollment.Tests.Hosting;

namespace Trial.Enrollment.Tests.Features.Withdrawal;

/// <summary>With Follow-up's real implementation: randomisation creates the 0- (baseline), 6- and 12-month occasions in the same
/// transaction, and withdrawal from follow-up contact cancels them.</summary>
[Trait("db", "postgres")]
public class RealFollowupContractTests
{
    private static async Task<List<string>> OccasionStatesAsync(TrialTestApp app, Guid participant)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT occasion_code || ':' || state FROM followup.occasion WHERE participant = @p ORDER BY occasion_code", connection);
        command.Parameters.AddWithValue("p", participant);
        var states = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            states.Add(reader.GetString(0));
        }
        return states;
    }

    [Fact]
    public async Task WithdrawFromFollowupContact_AfterRandomisation_CancelsEveryOccasion()
    {
        await using var app = await TrialTestApp.StartAsync(DatabaseProvider.Postgres, "realfollowup", registerFollowup: false);
        await TrialApi.SetSeedAsync(app);
        var oslo = await app.ClientAsync("coord.oslo");
        var id = await TrialApi.ConsentedAsync(oslo, "oslo", 230_000);
        Assert.Equal(HttpStatusCode.Created, (await TrialApi.RandomiseAsync(oslo, id, "real-1")).StatusCode);
        Assert.Equal(["m0:pending", "m12:pending", "m6:pending"], await OccasionStatesAsync(app, id));

        var response = await oslo.PostAsJsonAsync($"/api/participants/{id}/withdrawals",
            new { scope = "followup-contact", effectiveOn = "2014-04-01", reason = "no more contact" });
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(["m0:cancelled", "m12:cancelled", "m6:cancelled"], await OccasionStatesAsync(app, id));
    }
}
