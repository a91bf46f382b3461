using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Trial.Enrollment.Hosting;
using Trial.Enrollment.Identity;
using Trial.Enrollment.Persistence;
using Trial.Enrollment.Tests.Hosting;

namespace Trial.Enrollment.Tests.Features.Randomisation;

/// <summary>
/// Randomisation schedules the follow-up occasions in the language each person chose at screening, read from the
/// identity store: on PostgreSQL with the identity schema on the research connection (the default) in the randomisation's
/// first round trip; otherwise (SQLite, or an identity store with a connection string of its own) on a pooled context,
/// through a query compiled per service instance, so both providers' services in one test process each get their own.
/// </summary>
public abstract class FollowupLanguageTests(DatabaseProvider provider)
{
    [Fact]
    public async Task Randomise_SchedulesTheOccasionsInTheLanguageChosenAtScreening()
    {
        await using var app = await TrialTestApp.StartAsync(provider, "followup_language", registerFollowup: false);
        // Which way the language is read: in the randomisation's own statement only on PostgreSQL's shared connection.
        Assert.Equal(provider == DatabaseProvider.Postgres, app.Services.GetRequiredService<ParticipantLanguages>().InResearchStatement is not null);
        await RandomiseTwoLanguagesAsync(app);
    }

    protected async Task RandomiseTwoLanguagesAsync(TrialTestApp app)
    {
        await TrialApi.SetSeedAsync(app);
        var oslo = await app.ClientAsync("coord.oslo");
        async Task<Guid> ConsentedAsync(int person, string language)
        {
            var id = await TrialApi.ScreenedIdAsync(await oslo.PostAsJsonAsync("/api/screenings", new
            {
                centre = "oslo",
                screenedOn = "2014-03-01",
                person = new { name = $"Person {person}", nationalId = TestPeople.NationalId(person), email = $"p{person}@example.org", language },
                answers = TestPeople.AllYes,
            }));
            Assert.Equal(HttpStatusCode.OK, (await TrialApi.ConsentAsync(oslo, id)).StatusCode);
            return id;
        }
        var english = await ConsentedAsync(283_000, "en");
        var norwegian = await ConsentedAsync(283_001, "nb-NO");

        Assert.Equal(HttpStatusCode.Created, (await TrialApi.RandomiseAsync(oslo, english, "language-en")).StatusCode);
        Assert.Equal(["en:3"], await LanguagesAsync(app));
        Assert.Equal(HttpStatusCode.Created, (await TrialApi.RandomiseAsync(oslo, norwegian, "language-nb")).StatusCode);
        Assert.Equal(["en:3", "nb-NO:3"], await LanguagesAsync(app));
    }

    /// <summary>Each language of the scheduled occasions with its number of occasions.</summary>
    private async Task<List<string>> LanguagesAsync(TrialTestApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TrialDbContext>();
        const string Languages = "SELECT language || ':' || CAST(count(*) AS text) AS \"Value\" FROM {0} GROUP BY language ORDER BY language";
        return await db.Database.SqlQueryRaw<string>(string.Format(null, Languages,
            provider == DatabaseProvider.Postgres ? "followup.occasion" : "followup_occasion")).ToListAsync();
    }
}

[Trait("db", "sqlite")]
public sealed class SqliteFollowupLanguageTests() : FollowupLanguageTests(DatabaseProvider.Sqlite);

[Trait("db", "postgres")]
public sealed class PostgresFollowupLanguageTests() : FollowupLanguageTests(DatabaseProvider.Postgres)
{
    /// <summary>
    /// An identity store with a connection string of its own (here the same database under another application name, so
    /// a separate pool) may be another database or a role the research connection's role is not: the language is then
    /// read on the identity store's own connection, never by the research connection.
    /// </summary>
    [Fact]
    public async Task Randomise_WithAnIdentityStoreOfItsOwn_ReadsTheLanguageOnItsConnection()
    {
        await using var app = await TrialTestApp.StartAsync(DatabaseProvider.Postgres, "followup_language_own", registerFollowup: false,
            replace: services =>
            {
                var options = (TrialHostOptions)services.Last(d => d.ServiceType == typeof(TrialHostOptions)).ImplementationInstance!;
                services.Replace(ServiceDescriptor.Singleton(options with
                {
                    IdentityConnectionString = options.ResearchConnection + ";Application Name=identity-store",
                }));
            });
        Assert.Null(app.Services.GetRequiredService<ParticipantLanguages>().InResearchStatement);
        await RandomiseTwoLanguagesAsync(app);
    }
}
