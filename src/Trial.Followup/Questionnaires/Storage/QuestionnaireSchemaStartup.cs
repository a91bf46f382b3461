using Microsoft.Extensions.Hosting;
using Trial.Followup.Instruments;
using Trial.Followup.Scheduling.Protocol;
using Trial.Followup.Storage;
using Trial.Protocol.Files;

namespace Trial.Followup.Questionnaires.Storage;

/// <summary>Creates the questionnaire tables at start, after the scheduling feature's own schema start-up.</summary>
internal sealed class QuestionnaireSchemaStartup(FollowupStore store, InstrumentCatalog catalog, FollowupProtocol protocol) : IHostedService
{
    // Resolving the catalog here makes a broken instrument file stop start-up with its file/path/rule message.
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var unasked = protocol.Occasions.FirstOrDefault(o => !catalog.OccasionCodes.Contains(o.Code));
        if (unasked is not null)
        {
            throw new ProtocolFileException(new ProtocolFileError(InstrumentCatalogLoader.QuestionnairesFile, "$.occasions", null,
                $"occasion '{unasked.Code}' of followup.yaml lists no instruments"));
        }
        return QuestionnaireSchema.UpgradeAsync(store, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
