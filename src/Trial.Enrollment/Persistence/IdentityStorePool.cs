using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Trial.Enrollment.Hosting;

namespace Trial.Enrollment.Persistence;

/// <summary>
/// Identity-store contexts rented from a pool, for hot reads that stand outside a request's unit of work (a participant's
/// language at randomisation; Follow-up's dispatch reads addresses without EF, <see cref="Features.Access.IdentityContactDirectory"/>). A fresh context costs EF's resolution of its
/// internal services every time, more than the read itself. The scoped <see cref="IdentityStoreContext"/> stays unpooled
/// because <see cref="StoresTransaction"/> moves it onto the research connection, which a pooled one could carry on.
/// </summary>
internal sealed class IdentityStorePool : IDisposable
{
    private readonly PooledDbContextFactory<IdentityStoreContext> _pool;

    public IdentityStorePool(TrialHostOptions options)
    {
        var builder = new DbContextOptionsBuilder<IdentityStoreContext>();
        IdentityStoreConnection.Configure(builder, options);
        _pool = new PooledDbContextFactory<IdentityStoreContext>(builder.Options);
    }

    /// <summary>A context for one read; dispose it to return it.</summary>
    public Task<IdentityStoreContext> RentAsync(CancellationToken cancellationToken) => _pool.CreateDbContextAsync(cancellationToken);

    public void Dispose() => (_pool as IDisposable)?.Dispose();
}
