using Trial.Followup.Channels;
using NodaTime;

namespace Trial.Followup.Scheduling.Protocol;

/// <summary>The validated follow-up schedule of a trial, loaded from protocol/&lt;trial&gt;/followup.yaml.</summary>
public sealed record FollowupProtocol(
    IReadOnlyList<OccasionRule> Occasions,
    IReadOnlyList<Period> Reminders,
    AllowedHours AllowedHours,
    Period PhoneTaskAfterLastReminder,
    IReadOnlyList<MessageChannel> Channels,
    MessageTemplates Messages)
{
    /// <summary>How long after an occasion closes a coordinator may still enter a phone or paper answer (followup.yaml manualEntry.graceAfterClose).</summary>
    public Period ManualEntryGrace { get; init; } = Period.Zero;
}
