using Trial.Enrollment.Features.Access;
using Trial.Enrollment.Features.Participants;
using Trial.Enrollment.Protocol;

namespace Trial.Enrollment.Features.Baseline;

internal static class BaselineEndpoints
{
    public static void MapBaselineEndpoints(this RouteGroupBuilder api)
    {
        api.MapPut("/participants/{id:guid}/baseline", async (Guid id, BaselineRequest request, HttpContext context, ParticipantBaseline baseline,
                CancellationToken ct) =>
            {
                var user = StaffUser.From(context.User);
                await baseline.RecordAsync(ParticipantId.From(id), request, user, ct);
                return TypedResults.Ok(await baseline.ReadAsync(ParticipantId.From(id), user, ct));
            })
            .WithName("RecordBaseline")
            .WithSummary("Record the protocol's baseline form for a consented participant; a later submission corrects it (history kept).");
        api.MapGet("/participants/{id:guid}/baseline", async (Guid id, HttpContext context, ParticipantBaseline baseline, CancellationToken ct) =>
                TypedResults.Ok(await baseline.ReadAsync(ParticipantId.From(id), StaffUser.From(context.User), ct)))
            .WithName("GetBaseline")
            .WithSummary("The participant's current baseline answers (latest per field; null = not known).");
        api.MapGet("/protocol/baseline-form", (TrialProtocol protocol) => TypedResults.Ok(BaselineFormView.Of(protocol.Baseline)))
            .WithName("GetBaselineForm")
            .WithSummary("The baseline form of the protocol: fields, types, allowed codes and nb-NO/en labels.");
    }
}
