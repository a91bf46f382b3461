using Microsoft.EntityFrameworkCore;
using NodaTime;
using Trial.Enrollment.Identity;

namespace Trial.Enrollment.Persistence;

/// <summary>
/// The identity store: names, fødselsnummer, phone, e-mail, and free-text notes about a person. A separate context with its own connection string (a
/// separate file on SQLite; schema "identity" or another database on PostgreSQL), so research queries cannot join it.
/// </summary>
internal sealed class IdentityStoreContext(DbContextOptions<IdentityStoreContext> options) : DbContext(options)
{
    public DbSet<PersonRecord> Persons => Set<PersonRecord>();
    public DbSet<NoteRecord> Notes => Set<NoteRecord>();
    public DbSet<PersonKeyRecord> PersonKeys => Set<PersonKeyRecord>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configuration)
    {
        configuration.Properties<Instant>().HaveConversion<NodaTimeConverters.InstantConverter>();
        configuration.Properties<NoteKind>().HaveConversion<string>().HaveMaxLength(40);
    }

    protected override void OnModelCreating(ModelBuilder model)
    {
        if (Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL")
        {
            model.HasDefaultSchema(IdentityTables.Schema);
        }
        model.Entity<PersonRecord>(e =>
        {
            e.ToTable(IdentityTables.Persons);
            e.HasKey(p => p.ParticipantId);
            e.HasIndex(p => p.NationalIdHash).IsUnique();
        });
        model.Entity<PersonKeyRecord>(e =>
        {
            e.ToTable(IdentityTables.PersonKeys);
            e.HasKey(k => k.ParticipantId);
        });
        model.Entity<NoteRecord>(e =>
        {
            e.ToTable(IdentityTables.Notes);
            e.HasKey(n => n.Id);
            e.HasIndex(n => n.ParticipantId);
        });
        SnakeCaseNames.Apply(model);
    }
}
