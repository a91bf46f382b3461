using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Trial.Enrollment.Persistence;
using Trial.Enrollment.Tests.Hosting;
using Trial.Followup.Contact;

namespace Trial.Enrollment.Tests.Features.Access;

/// <summary>
/// The address Follow-up's dispatcher reads right before each send, through the production directory (one plain
/// statement on a pooled connection of its own): the opened address of a screened person, nothing for someone unknown,
/// nothing once the person is erased, and the right address for each of many lookups at once (connections returned to
/// the pool carry nothing over to the next lookup).
/// </summary>
public abstract class IdentityContactDirectoryTests(DatabaseProvider provider)
{
    [Fact]
    public async Task FindAsync_OpensTheAddressAtSendTime_NothingForUnknownOrErased_AndConcurrentLookupsStayApart()
    {
        await using var app = await TrialTestApp.StartAsync(provider, "contact_directory");
        var oslo = await app.ClientAsync("coord.oslo");
        var people = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            people.Add(await TrialApi.ScreenedIdAsync(await oslo.PostAsJsonAsync("/api/screenings", new
            {
                centre = "oslo",
                screenedOn = "2014-03-01",
                person = new { name = $"Person {281_000 + i}", nationalId = TestPeople.NationalId(281_000 + i), email = $"p{281_000 + i}@example.org", phone = $"+479100000{i}", language = i == 0 ? "en" : "nb-NO" },
                answers = TestPeople.AllYes,
            })));
        }
        var directory = app.Services.GetRequiredService<IContactDirectory>();

        Assert.Equal(new ContactAddress("p281000@example.org", "+4791000000", "en"), await directory.FindAsync(ParticipantRef.From(people[0]), CancellationToken.None));
        Assert.Null(await directory.FindAsync(ParticipantRef.From(Guid.NewGuid()), CancellationToken.None));

        var lookups = await Task.WhenAll(Enumerable.Range(0, 24).Select(i => Task.Run(() => directory.FindAsync(ParticipantRef.From(people[i % 3]), CancellationToken.None))));
        Assert.All(lookups.Select((found, i) => (found, i)), l => Assert.Equal($"p{281_000 + l.i % 3}@example.org", l.found?.Email));

        // An erasure goes through the request's own identity context inside a StoresTransaction; the directory's pooled
        // connections are apart from it and see the person gone at the next lookup.
        Assert.Equal(HttpStatusCode.NoContent, (await (await app.ClientAsync("manager")).DeleteAsync($"/api/participants/{people[1]}/identity")).StatusCode);
        Assert.Null(await directory.FindAsync(ParticipantRef.From(people[1]), CancellationToken.None));
        Assert.Equal("p281002@example.org", (await directory.FindAsync(ParticipantRef.From(people[2]), CancellationToken.None))?.Email);
    }
}

[Trait("db", "sqlite")]
public sealed class SqliteIdentityContactDirectoryTests() : IdentityContactDirectoryTests(DatabaseProvider.Sqlite);

[Trait("db", "postgres")]
public sealed class PostgresIdentityContactDirectoryTests() : IdentityContactDirectoryTests(DatabaseProvider.Postgres);
