namespace Trial.Enrollment.Features.Fidelity;

/// <summary>The fixed texts of the fidelity PDF report in nb-NO and en.</summary>
internal sealed record FidelityReportTexts(
    string Title, string Centre, string Date, string Reviewers, string Draft, string ScoreSheet, string Item, string Score,
    string Total, string Comments, string Strengths, string Recommendation, string ActionPlan, string Action, string Owner,
    string Due, string Computed, string Override, string Subtotal)
{
    public static FidelityReportTexts For(string language) => language == "en" ? English : Norwegian;

    private static readonly FidelityReportTexts Norwegian = new("IPS-kvalitetsevaluering", "Senter", "Dato", "Evaluatorer",
        "UTKAST – ikke ferdigstilt", "Skårskjema", "Punkt", "Skår", "Totalt", "Kommentarer", "Styrker", "Anbefaling",
        "Handlingsplan", "Tiltak", "Ansvarlig", "Frist", "Beregnet fra dokumentasjonen", "Begrunnelse for avvik", "Sum");

    private static readonly FidelityReportTexts English = new("IPS fidelity review", "Centre", "Date", "Reviewers",
        "DRAFT – not finalised", "Score sheet", "Item", "Score", "Total", "Comments", "Strengths", "Recommendation",
        "Action plan", "Action", "Owner", "Due", "Computed from the evidence", "Reason for the departure", "Subtotal");
}
