namespace Trial.Analysis.Simulation;

/// <summary>
/// A questionnaire scale: baseline mean and SD (seed 001 Table 2), control means at 6 and 12 months and the true
/// IPS differences (Table 17), its range, and its sign relative to general distress (for Table 19's pattern).
/// Instrument and scale codes are those of protocol/ips-norway/instruments, as the export writes them.
/// </summary>
public sealed record QuestionnaireScale(
    string Instrument, string Scale, double Baseline, double Sd, double Control6, double Control12,
    double Difference6, double Difference12, double Min, double Max, double DistressSign, int ItemsTotal)
{
    public static IReadOnlyList<QuestionnaireScale> Seed001 { get; } =
    [
        new("hads", "anxiety", 9.1, 4.4, 10.58, 9.27, 0.42, -1.19, 0, 21, 1, 7),
        new("hads", "depression", 6.9, 4.1, 9.71, 7.50, -0.07, -1.85, 0, 21, 1, 7),
        new("shc", "total", 14.6, 10.5, 17.20, 16.91, -2.18, -2.79, 0, 87, 1, 29),
        new("chalder", "total", 15.0, 6.1, 15.30, 15.58, -0.08, -1.11, 0, 33, 1, 11),
        new("whodas12", "score", 22.9, 15.3, 24.20, 28.70, -1.63, -9.09, 0, 100, 1, 12),
        new("audit-c", "total", 3.25, 2.5, 2.90, 2.34, -0.49, 0.21, 0, 12, 0, 3),
        new("dudit", "total", 2.9, 6.9, 1.85, 2.33, -0.78, -0.26, 0, 40, 0, 11),
        new("eq5d-vas", "vas", 58.2, 20.0, 55.58, 53.41, 3.28, 7.38, 0, 100, -1, 1),
        new("ladder", "step", 4.8, 1.8, 4.67, 4.69, 0.44, 0.63, 1, 10, -1, 1),
    ];
}
