using SkiaSharp;
using Trial.Analysis.Withdrawals;

namespace Trial.Analysis.Report;

/// <summary>Draws the CONSORT 2010 flow diagram (enrolment, allocation, follow-up, analysis) from <see cref="ConsortFlow"/>.</summary>
public static class ConsortDiagram
{
    public const float Height = 560;

    public static void Draw(SKCanvas c, SKRect area, PdfReportBuilder pdf, ConsortFlow f, ReportLocale l)
    {
        using var stroke = new SKPaint { Color = SKColors.Black, StrokeWidth = 0.8f, IsStroke = true, IsAntialias = true };
        using var band = new SKPaint { Color = new SKColor(0xDD, 0xE6, 0xF0), IsAntialias = true };
        string N(int n) => l.Number(n, 0);
        var mid = area.MidX;
        var boxW = 200f;
        SKRect Box(float cx, float top, float w, float h, string text, float size = 7.5f)
        {
            var r = new SKRect(cx - w / 2, top, cx + w / 2, top + h);
            c.DrawRect(r, stroke);
            pdf.BoxText(c, r, text, size);
            return r;
        }
        void Arrow(float x1, float y1, float x2, float y2)
        {
            c.DrawLine(x1, y1, x2, y2, stroke);
            var angle = Math.Atan2(y2 - y1, x2 - x1);
            c.DrawLine(x2, y2, x2 - 5 * (float)Math.Cos(angle - 0.45), y2 - 5 * (float)Math.Sin(angle - 0.45), stroke);
            c.DrawLine(x2, y2, x2 - 5 * (float)Math.Cos(angle + 0.45), y2 - 5 * (float)Math.Sin(angle + 0.45), stroke);
        }
        void Band(float top, string label)
        {
            var r = new SKRect(area.Left, top, area.Right, top + 13);
            c.DrawRect(r, band);
            pdf.BoxText(c, r, label, 7.5f, strong: true);
        }

        var y = area.Top;
        Band(y, l.Text("Enrolment", "Rekruttering"));
        var assessed = Box(mid - 60, y + 20, boxW - 40, 26, $"{l.Text("Assessed for eligibility", "Vurdert for deltakelse")} (n = {N(f.Assessed)})");
        var exclusionLines = f.NotEligible.Select(e => $"• {Reason(e.Reason, l)} (n = {N(e.Count)})")
            .Append($"• {l.Text("Declined to participate", "Takket nei")} (n = {N(f.Declined)})");
        var excluded = Box(area.Right - 110, y + 52, 210, 18 + 10 * (f.NotEligible.Count + 1),
            $"{l.Text("Excluded", "Ekskludert")} (n = {N(f.Excluded)})\n" + string.Join("\n", exclusionLines), 7f);
        var randomised = Box(mid - 60, y + 52 + excluded.Height + 10, boxW - 40, 24, $"{l.Text("Randomised", "Randomisert")} (n = {N(f.Randomised)})");
        Arrow(assessed.MidX, assessed.Bottom, randomised.MidX, randomised.Top);
        c.DrawLine(assessed.MidX, excluded.MidY, excluded.Left, excluded.MidY, stroke);
        Arrow(excluded.Left - 0.1f, excluded.MidY, excluded.Left, excluded.MidY);

        y = randomised.Bottom + 14;
        Band(y, l.Text("Allocation", "Fordeling"));
        var columns = new[] { area.Left + area.Width * 0.25f, area.Left + area.Width * 0.75f };
        var width = area.Width * 0.44f;
        var top = y + 22;
        // The rows line up across the arms: each follow-up box is as tall as the taller one (the arms list different
        // reasons and withdrawal scopes), and the analysis band runs below both data-use boxes, never across one.
        var arms = f.Arms.Take(2).ToList();
        var followUp = arms.Select(arm => FollowUpLines(arm, l)).ToList();
        var allocBottom = top + 36;
        var fuTop = allocBottom + 30;
        var fuHeight = 16 + 10 * followUp.Select(lines => lines.Count).DefaultIfEmpty(0).Max();
        var withdrawnTop = fuTop + fuHeight + 6;
        var analysisBand = withdrawnTop + 20 + 6;
        var anTop = analysisBand + 13 + 10;
        Band(allocBottom + 9, l.Text("Follow-up", "Oppfølging"));
        Band(analysisBand, l.Text("Analysis", "Analyse"));
        for (var i = 0; i < arms.Count; i++)
        {
            var arm = arms[i];
            var periods = string.Join("; ", arm.ByPeriod.Select(p => $"{PeriodLabel(p.Period, l)}: {N(p.Count)}"));
            var alloc = Box(columns[i], top, width, 36, $"{l.Text("Allocated to", "Fordelt til")} {arm.Label} (n = {N(arm.Allocated)})\n{periods}");
            c.DrawLine(randomised.MidX, randomised.Bottom, randomised.MidX, top - 6, stroke);
            c.DrawLine(randomised.MidX, top - 6, columns[i], top - 6, stroke);
            Arrow(columns[i], top - 6, columns[i], top);
            var fu = Box(columns[i], fuTop, width, fuHeight, string.Join("\n", followUp[i]), 6.8f);
            Arrow(columns[i], alloc.Bottom, columns[i], fu.Top);
            // CONSORT: withdrawn from data use is its own box beside the follow-up column, with the count per arm.
            var withdrawn = Box(columns[i] + (i == 0 ? -1 : 1) * (width / 2 - 45), withdrawnTop, 90, 20,
                $"{l.Text("Withdrawn from data use", "Trukket fra bruk av data")}: n = {N(arm.WithdrawnDataUse)}", 6.2f);
            c.DrawLine(columns[i], withdrawn.MidY, i == 0 ? withdrawn.Right : withdrawn.Left, withdrawn.MidY, stroke);
            var an = Box(columns[i], anTop, width, 40,
                $"{l.Text("Analysed, register outcomes (ITT)", "Analysert, registerutfall (ITT)")}: n = {N(arm.AnalysedRegister)}\n" +
                $"{l.Text("Excluded: no register data", "Ekskludert: ingen registerdata")}: n = {N(arm.ExcludedNoRegister)}\n" +
                $"{l.Text("Questionnaire analyses: all with baseline (mixed model)", "Spørreskjema: alle med baseline (blandet modell)")}", 6.8f);
            Arrow(columns[i], fu.Bottom, columns[i], an.Top);
        }
    }

    /// <summary>
    /// One arm's follow-up box: questionnaire response per occasion with the reasons for the rest, deaths, and CONSORT's
    /// "discontinued": the arm's withdrawers once each, then per scope (one who withdrew from several is under each).
    /// </summary>
    private static List<string> FollowUpLines(ConsortArm arm, ReportLocale l)
    {
        string N(int n) => l.Number(n, 0);
        var lines = arm.FollowUp.Select(o => $"{Occasion(o.Occasion, l)}: {l.Text("completed", "besvart")} {N(o.Completed)} ({l.Number(100.0 * o.Completed / Math.Max(1, arm.Allocated), 0)} %)"
            + (o.NotCompleted.Count > 0 ? "; " + string.Join(", ", o.NotCompleted.Select(r => $"{Reason(r.Reason, l)} {N(r.Count)}")) : "")).ToList();
        lines.Add($"{l.Text("Died during follow-up", "Døde i oppfølgingen")}: {N(arm.Died)}");
        lines.Add($"{l.Text("Withdrew", "Trakk seg")} (n = {N(arm.WithdrewAny)}){(arm.WithdrewAny > 0 ? ":" : "")}");
        foreach (var (scope, count) in arm.Withdrawn.OrderBy(w => w.Key))
        {
            lines.Add($"  • {Scope(scope, l)}: {N(count)}");
        }
        return lines;
    }

    public static string Reason(string code, ReportLocale l) => code switch
    {
        "outside-target-group" => l.Text("Outside the target group", "Utenfor målgruppen"),
        "insufficient-norwegian" => l.Text("Insufficient Norwegian", "Utilstrekkelige norskkunnskaper"),
        "disability-benefit-quarantine" or "disability-benefit-waiting-period" => l.Text("Waiting period for disability benefit", "Karantene for uføretrygd"),
        "under-age" => l.Text("Under 18", "Under 18 år"),
        "no-response" => l.Text("no response", "ikke svart"),
        "declined-consent" => l.Text("Declined consent", "Ga ikke samtykke"),
        "missed" => l.Text("no response", "ikke svart"),
        "died" => l.Text("died", "døde"),
        "withdrew-followup-contact" => l.Text("withdrew from follow-up contact", "trakk seg fra oppfølgingskontakt"),
        "withdrew-data-collection" => l.Text("withdrew from data collection", "trakk seg fra datainnsamling"),
        "cancelled" => l.Text("cancelled", "avlyst"),
        WithdrawalFilter.WithdrawnReason => l.Text("answers withdrawn", "svar trukket"),
        _ => code,
    };

    public static string Scope(WithdrawalScope scope, ReportLocale l) => scope switch
    {
        WithdrawalScope.Intervention => l.Text("intervention", "intervensjonen"),
        WithdrawalScope.FollowupContact => l.Text("follow-up contact", "oppfølgingskontakt"),
        WithdrawalScope.DataCollection => l.Text("data collection", "datainnsamling"),
        WithdrawalScope.RegisterLinkage => l.Text("register linkage", "registerkobling"),
        _ => l.Text("data use", "bruk av data"),
    };

    public static string PeriodLabel(string period, ReportLocale l) => period switch
    {
        "p1-2to1" => l.Text("2:1 period", "2:1-perioden"),
        "p2-1to1" => l.Text("1:1 period", "1:1-perioden"),
        _ => period,
    };

    private static string Occasion(string o, ReportLocale l) => o switch
    {
        "6m" => l.Text("6 months", "6 måneder"),
        "12m" => l.Text("12 months", "12 måneder"),
        _ => o,
    };
}
