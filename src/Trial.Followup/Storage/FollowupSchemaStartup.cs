using Microsoft.Extensions.Hosting;
using Trial.Followup.Hosting;
using Trial.Followup.Scheduling.Protocol;

namespace Trial.Followup.Storage;

/// <summary>
/// Runs before the scheduler and the web host start: validates followup.yaml (resolving it from the container
/// fails start-up with a file/path/rule message) and creates Follow-up's tables if they are missing.
/// </summary>
internal sealed class FollowupSchemaStartup(FollowupHostOptions options, FollowupProtocol protocol) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = protocol;
        return FollowupSchema.UpgradeAsync(options.Database, options.ConnectionString, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
