using NodaTime;

namespace Trial.Enrollment.Features.Baseline;

/// <summary>
/// One baseline-form answer as recorded (append-only: a correction is a newer row; the export takes the latest per
/// field). <see cref="Value"/> is the package text (true/false, a number, a code), or null for "not known".
/// </summary>
internal sealed class BaselineAnswerRecord
{
    public long Id { get; set; }
    public Guid ParticipantId { get; set; }
    public required string Field { get; set; }
    public string? Value { get; set; }
    public LocalDate RecordedOn { get; set; }
    public required string RecordedBy { get; set; }
    public Instant RecordedAt { get; set; }
}
