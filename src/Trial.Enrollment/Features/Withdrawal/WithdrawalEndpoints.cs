using Trial.Enrollment.Features.Access;
using Trial.Enrollment.Features.Participants;

namespace Trial.Enrollment.Features.Withdrawal;

internal static class WithdrawalEndpoints
{
    public static void MapWithdrawalEndpoints(this RouteGroupBuilder api) =>
        api.MapPost("/participants/{id:guid}/withdrawals", async (Guid id, WithdrawalRequest request, HttpContext context,
                ParticipantWithdrawal withdrawal, CancellationToken ct) =>
            {
                await withdrawal.RecordAsync(ParticipantId.FromRoute(id), request, StaffUser.From(context.User), ct);
                return TypedResults.NoContent();
            })
            .WithName("Withdraw")
            .WithSummary("Record a withdrawal in one scope; follow-up contact and data collection scopes cancel pending invitations.");
}
