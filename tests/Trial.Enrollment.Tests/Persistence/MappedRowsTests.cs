using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Trial.Enrollment.Features.Participants;
using Trial.Enrollment.Persistence;
using Trial.Enrollment.Tests.Hosting;

namespace Trial.Enrollment.Tests.Persistence;

/// <summary>
/// A row read raw in a batch (as randomisation reads the participant it locks) is exactly the row EF reads, on both
/// providers: every mapped property, with every nullable column set and with every one null.
/// </summary>
public class MappedRowsTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    [Trait("db", "postgres")]
    public async Task ParticipantReadRaw_EqualsTheRowEfReads_OnEveryMappedProperty(DatabaseProvider provider)
    {
        await using var app = await TrialTestApp.StartAsync(provider, "mapped_rows");
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TrialDbContext>();
        var on = new LocalDate(2014, 3, 1);
        ParticipantRecord Person(bool filled) => new()
        {
            Id = Guid.NewGuid(), ResearchId = filled ? "RAW-1" : "RAW-2", Centre = "oslo", Organisation = filled ? "nav-oslo" : null,
            ScreenedOn = on, ScreenedBy = "coordinator", AgeAtScreening = 41, Sex = "female", Eligible = filled,
            ExclusionReason = filled ? "other" : null, Screening = "{\"answers\":{}}", Severity = filled ? "moderate" : null,
            Education = filled ? "upper-secondary" : null, State = filled ? ParticipantState.Consented : ParticipantState.Eligible,
            ConsentFormVersion = filled ? "1.0" : null, ConsentOn = filled ? on.PlusDays(2) : null, ConsentTakenBy = filled ? "coordinator" : null,
            RegisterLinkageConsent = filled, DiedOn = filled ? on.PlusDays(300) : null, ScreeningCorrectedOn = filled ? on.PlusDays(1) : null,
            ReconsentedOn = filled ? on.PlusDays(200) : null,
        };
        var people = new[] { Person(filled: true), Person(filled: false) };
        db.Participants.AddRange(people);
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();

        var properties = db.Model.FindEntityType(typeof(ParticipantRecord))!.GetProperties().Select(p => p.PropertyInfo!).ToList();
        Assert.Contains(properties, p => p.Name == nameof(ParticipantRecord.ReconsentedOn));
        await using var transaction = await db.Database.BeginTransactionAsync();
        foreach (var person in people)
        {
            var byEf = await db.Participants.AsNoTracking().SingleAsync(p => p.Id == person.Id);
            await using var batch = new SqlBatch(db);
            batch.Add(ParticipantLocks.LockStatement(db), ("id", person.Id));
            await using var reader = await batch.ReadAsync(CancellationToken.None);
            Assert.True(await reader.ReadAsync());
            var raw = MappedRows<ParticipantRecord>.For(db).Read(reader);
            Assert.All(properties, p => Assert.Equal(p.GetValue(byEf), p.GetValue(raw)));
            Assert.All(properties, p => Assert.Equal(p.GetValue(person), p.GetValue(raw)));
        }
    }
}
