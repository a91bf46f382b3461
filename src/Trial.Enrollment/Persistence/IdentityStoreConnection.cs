using Microsoft.EntityFrameworkCore;
using Trial.Enrollment.Hosting;

namespace Trial.Enrollment.Persistence;

/// <summary>
/// How every <see cref="IdentityStoreContext"/> reaches the identity store: the scoped one that requests use (and that
/// <see cref="StoresTransaction"/> may move onto the research connection) and the pooled ones of
/// <see cref="IdentityStorePool"/> (a participant's language at randomisation).
/// </summary>
internal static class IdentityStoreConnection
{
    public static void Configure(DbContextOptionsBuilder builder, TrialHostOptions options)
    {
        DatabaseSetup.Configure(builder, options.Database, options.IdentityConnection);
        if (options.Database == DatabaseProvider.Sqlite)
        {
            builder.AddInterceptors(new SqliteSecureDelete());
        }
    }
}
