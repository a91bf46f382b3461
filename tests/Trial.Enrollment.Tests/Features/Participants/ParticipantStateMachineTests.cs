using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Trial.Enrollment.Features.Participants;
using Trial.Enrollment.Persistence;
using Trial.Enrollment.Tests.Features.Api;
using Trial.Enrollment.Tests.Hosting;

namespace Trial.Enrollment.Tests.Features.Participants;

/// <summary>
/// Generated from <see cref="ParticipantTransitions.Table"/>: every (state, verb) pair is tried through the API on a
/// participant brought into that state. Allowed pairs must succeed and land in the table's target state; refused
/// pairs must give 409 with the table's rule code and change nothing. The protocol has a newer consent form in force
/// (1.1), so a participant who consented on 1.0 can re-consent; the screening correction used here leaves the person
/// eligible (the table's target; the ineligible outcome is tested in ScreeningCorrectionTests).
/// </summary>
public abstract class ParticipantStateMachineTests(ApiFixture fixture)
{
    private TrialTestApp App => fixture.App;

    public static TheoryData<LifecycleState, ParticipantVerb> Pairs()
    {
        var data = new TheoryData<LifecycleState, ParticipantVerb>();
        foreach (var (state, verb) in ParticipantTransitions.Table.Keys)
        {
            data.Add(state, verb);
        }
        return data;
    }

    [Fact]
    public void Table_HasEveryPair() =>
        Assert.Equal(Enum.GetValues<LifecycleState>().Length * Enum.GetValues<ParticipantVerb>().Length, ParticipantTransitions.Table.Count);

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task Verb_InState_FollowsTheTable(LifecycleState state, ParticipantVerb verb)
    {
        var manager = await App.ClientAsync("manager");
        var id = await BringIntoAsync(manager, state);
        Assert.Equal(state, await StateAsync(manager, id));
        var transition = ParticipantTransitions.Table[(state, verb)];

        var response = await ApplyAsync(manager, id, verb, state);

        if (transition.Allowed)
        {
            Assert.True(response.IsSuccessStatusCode, $"{state} × {verb}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            Assert.Equal(transition.Target, await StateAsync(manager, id));
        }
        else
        {
            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
            Assert.Equal(transition.RefusalCode, (await TrialApi.ProblemAsync(response)).GetProperty("code").GetString());
            Assert.Equal(state, await StateAsync(manager, id));
        }
    }

    private static async Task<Guid> BringIntoAsync(HttpClient manager, LifecycleState state)
    {
        var person = ApiFixture.NextPerson();
        if (state == LifecycleState.Ineligible)
        {
            return await TrialApi.ScreenedIdAsync(await TrialApi.ScreenAsync(manager, "oslo", person,
                new Dictionary<string, bool>(TestPeople.AllYes) { ["wants-work"] = false }));
        }
        var id = await TrialApi.ScreenedIdAsync(await TrialApi.ScreenAsync(manager, "oslo", person));
        switch (state)
        {
            case LifecycleState.Eligible:
                return id;
            case LifecycleState.DeclinedConsent:
                Assert.Equal(HttpStatusCode.OK, (await TrialApi.ConsentAsync(manager, id, "declined")).StatusCode);
                return id;
        }
        Assert.Equal(HttpStatusCode.OK, (await TrialApi.ConsentAsync(manager, id)).StatusCode);
        if (state is LifecycleState.Randomised or LifecycleState.DiedAfterRandomisation)
        {
            Assert.Equal(HttpStatusCode.Created, (await TrialApi.RandomiseAsync(manager, id, Guid.NewGuid().ToString())).StatusCode);
        }
        if (state is LifecycleState.DiedBeforeRandomisation or LifecycleState.DiedAfterRandomisation)
        {
            Assert.Equal(HttpStatusCode.NoContent, (await manager.PostAsJsonAsync($"/api/participants/{id}/death", new { diedOn = "2014-11-01" })).StatusCode);
        }
        return id;
    }

    private static Task<HttpResponseMessage> ApplyAsync(HttpClient manager, Guid id, ParticipantVerb verb, LifecycleState state) => verb switch
    {
        // Every answer yes (so eligible) and a changed education, so the correction changes something in every state.
        ParticipantVerb.CorrectScreening => manager.PostAsJsonAsync($"/api/participants/{id}/screening/corrections",
            new { reasonCode = "entry-error", answers = TestPeople.AllYes, education = "higher", note = $"typed wrongly ({state})" }),
        ParticipantVerb.Reconsent => manager.PostAsJsonAsync($"/api/participants/{id}/reconsent", new { formVersion = "1.1" }),
        ParticipantVerb.GiveConsent => TrialApi.ConsentAsync(manager, id),
        ParticipantVerb.DeclineConsent => TrialApi.ConsentAsync(manager, id, "declined"),
        ParticipantVerb.Randomise => TrialApi.RandomiseAsync(manager, id, Guid.NewGuid().ToString()),
        ParticipantVerb.EnterPaperAllocation => TrialApi.PaperAllocationAsync(manager, id, Guid.NewGuid().ToString()),
        ParticipantVerb.Withdraw => manager.PostAsJsonAsync($"/api/participants/{id}/withdrawals",
            new { scope = "intervention", effectiveOn = "2014-06-01", reason = "moved away" }),
        ParticipantVerb.RecordDeath => manager.PostAsJsonAsync($"/api/participants/{id}/death", new { diedOn = "2014-11-01" }),
        _ => manager.PostAsJsonAsync($"/api/participants/{id}/randomisation/mistaken", new { reason = "already in another trial" }),
    };

    private static async Task<LifecycleState> StateAsync(HttpClient client, Guid id)
    {
        var detail = await client.GetFromJsonAsync<JsonElement>($"/api/participants/{id}");
        var stored = Enum.Parse<ParticipantState>(detail.GetProperty("state").GetString()!);
        var died = detail.GetProperty("diedOn").ValueKind != JsonValueKind.Null;
        return (stored, died) switch
        {
            (ParticipantState.Randomised, true) => LifecycleState.DiedAfterRandomisation,
            (_, true) => LifecycleState.DiedBeforeRandomisation,
            _ => Enum.Parse<LifecycleState>(stored.ToString()),
        };
    }
}

public sealed class SqliteParticipantStateMachineTests(SqliteNewConsentFormFixture fixture) : ParticipantStateMachineTests(fixture),
    IClassFixture<SqliteNewConsentFormFixture>;

[Trait("db", "postgres")]
public sealed class PostgresParticipantStateMachineTests(PostgresNewConsentFormFixture fixture) : ParticipantStateMachineTests(fixture),
    IClassFixture<PostgresNewConsentFormFixture>;
