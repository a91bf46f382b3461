using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using NodaTime;

namespace Trial.Enrollment.Persistence;

/// <summary>Stores NodaTime values as provider-neutral types, so SQLite and PostgreSQL share one model.</summary>
internal static class NodaTimeConverters
{
    internal sealed class LocalDateConverter() : ValueConverter<LocalDate, DateOnly>(d => d.ToDateOnly(), d => LocalDate.FromDateOnly(d));

    internal sealed class InstantConverter() : ValueConverter<Instant, DateTimeOffset>(i => i.ToDateTimeOffset(), d => Instant.FromDateTimeOffset(d));
}
