using Microsoft.Extensions.Hosting;
using Trial.Followup.Storage;

namespace Trial.Followup.Questionnaires.Storage;

/// <summary>Creates the questionnaire tables at start, after the scheduling feature's own schema start-up.</summary>
internal sealed class QuestionnaireSchemaStartup(FollowupStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => QuestionnaireSchema.EnsureCreatedAsync(store, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
