namespace Trial.Analysis.Run;

/// <summary>Mean and sample standard deviation (n − 1), the descriptive pair every baseline and attrition table prints.</summary>
public static class SampleMoments
{
    public static (double Mean, double Sd) Of(IReadOnlyList<double> v)
    {
        var mean = v.Average();
        return (mean, Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Count - 1)));
    }

    public static Report.ReportCell Cell(IReadOnlyList<double> v, int decimals, Report.ReportLocale l)
    {
        if (v.Count < 2)
        {
            return Report.ReportCell.Empty;
        }
        var (mean, sd) = Of(v);
        return new Report.ReportCell($"{l.Number(mean, decimals)} ({l.Number(sd, decimals)})", [Report.ReportCell.Raw(mean), Report.ReportCell.Raw(sd)], Parts: ["mean", "sd"]);
    }
}
