using NodaTime;

namespace Trial.Enrollment.Features.Fidelity;

/// <summary>One line of the action plan: what is done about an item, who owns it and by when (manual L9256–9262).</summary>
internal sealed class FidelityActionRecord
{
    public long Id { get; set; }
    public Guid ReviewId { get; set; }
    public string Item { get; set; } = "";
    public string Action { get; set; } = "";
    public string Owner { get; set; } = "";
    public LocalDate DueOn { get; set; }
}
