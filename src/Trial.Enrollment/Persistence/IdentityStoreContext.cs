using Microsoft.EntityFrameworkCore;
using Trial.Enrollment.Identity;

namespace Trial.Enrollment.Persistence;

/// <summary>
/// The identity store: names, fødselsnummer, phone, e-mail. A separate context with its own connection string (a
/// separate file on SQLite; schema "identity" or another database on PostgreSQL), so research queries cannot join it.
/// </summary>
internal sealed class IdentityStoreContext(DbContextOptions<IdentityStoreContext> options) : DbContext(options)
{
    public const string Schema = "identity";

    public DbSet<PersonRecord> Persons => Set<PersonRecord>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        if (Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL")
        {
            model.HasDefaultSchema(Schema);
        }
        model.Entity<PersonRecord>(e =>
        {
            e.ToTable("persons");
            e.HasKey(p => p.ParticipantId);
            e.HasIndex(p => p.NationalId).IsUnique();
        });
        SnakeCaseNames.Apply(model);
    }
}
