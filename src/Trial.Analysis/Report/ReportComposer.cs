using Trial.Analysis.Run;

namespace Trial.Analysis.Report;

/// <summary>Writes report.pdf: title page, CONSORT diagram, baseline table, every planned table and figure, cost-benefit.</summary>
public static class ReportComposer
{
    public static ReportLayout Write(Stream output, StudyData d, RunResults r, RunContext c, ReportLocale l)
    {
        var plan = d.Plan;
        using var pdf = new PdfReportBuilder(output, Footer(plan, c, l), c.Simulated ? $"{plan.TitleIn(l.IsNorwegian)} ({l.Text("simulated data", "simulerte data")})" : plan.TitleIn(l.IsNorwegian),
            l.Text("continued", "fortsatt"));
        pdf.NewPage();
        pdf.Space(20);
        pdf.Title(plan.TitleIn(l.IsNorwegian));
        pdf.Paragraph(l.Text("Statistical report of the prespecified analysis plan", "Statistisk rapport etter forhåndsspesifisert analyseplan"), 12);
        pdf.Space(8);
        if (c.Simulated)
        {
            pdf.Bold(l.Text($"SIMULATED DATA: this report was built from a simulated data package (locked by '{c.PackageLockedBy}'). It describes no real participant and no real effect of IPS.",
                $"SIMULERTE DATA: rapporten bygger på en simulert datapakke (låst av «{c.PackageLockedBy}»). Den beskriver ingen virkelige deltakere og ingen virkelig effekt av IPS."), 11);
            pdf.Space(10);
        }
        if (d.Disclosure == ArmDisclosure.Blinded)
        {
            pdf.Bold(l.Text("BLINDED DRY RUN: allocations permuted within centre and arms shown as random codes. No estimate in this report says anything about the effect of IPS.",
                "BLINDET PRØVEKJØRING: tildeling permutert innen senter og grupper vist som tilfeldige koder. Ingen estimater i denne rapporten sier noe om effekten av IPS."), 11);
            pdf.Space(10);
        }
        foreach (var (k, v) in new[]
        {
            (l.Text("Trial", "Studie"), plan.Trial),
            (l.Text("Analysis plan", "Analyseplan"), $"{Path.GetFileName(c.PlanFile)} v{c.PlanVersion}"),
            (l.Text("Plan SHA-256", "Planens SHA-256"), c.PlanSha256),
            (l.Text("Plan lock", "Planlås"), c.LockStatus),
            (l.Text("Data package", "Datapakke"), c.PackageFolder),
            (l.Text("Package SHA-256 (manifest)", "Pakkens SHA-256 (manifest)"), c.PackageSha256),
            (l.Text("Package locked", "Pakke låst"), c.PackageCreatedAt),
            (l.Text("Package locked by", "Pakke låst av"), c.PackageLockedBy.Length > 0 ? c.PackageLockedBy : l.Text("(not recorded)", "(ikke registrert)")),
            (l.Text("Register extract", "Registeruttrekk"), $"{Path.GetFileName(c.RegisterFile)} (SHA-256 {c.RegisterSha256})"),
            (l.Text("Arms", "Grupper"), c.Disclosure),
            (l.Text("Generated", "Generert"), c.GeneratedAt),
        })
        {
            pdf.Paragraph($"{k}: {v}", 8.5f);
        }
        pdf.Space(12);
        pdf.Bold(l.Text("Deviations from the locked plan", "Avvik fra den låste planen"), 11);
        if (plan.Deviations.Count == 0)
        {
            pdf.Paragraph(l.Text("None recorded.", "Ingen registrert."));
        }
        foreach (var dev in plan.Deviations)
        {
            pdf.Paragraph($"{dev.Date} · {dev.Section}: {dev.Change}. {l.Text("Reason", "Begrunnelse")}: {dev.Reason}");
        }
        pdf.Space(12);
        pdf.Bold(l.Text("Contents", "Innhold"), 11);
        pdf.Paragraph(string.Join("; ", new[] { l.Text("CONSORT 2010 flow diagram", "CONSORT 2010 flytdiagram"), r.Baseline.Heading }
            .Concat(r.Analyses.Select(a => a.Heading)).Append(l.Text("Cost-benefit: critical wage", "Kost-nytte: kritisk lønn"))));

        pdf.NewPage();
        pdf.Heading(l.Text("CONSORT 2010 flow diagram", "CONSORT 2010 flytdiagram"));
        pdf.Drawing(ConsortDiagram.Height, (canvas, area, b) => ConsortDiagram.Draw(canvas, area, b, r.Consort, l));
        pdf.Note(l.Text("Counts derived from screening.csv, participants.csv, occasions.csv and the register extract.",
            "Tall utledet fra screening.csv, participants.csv, occasions.csv og registeruttrekket."));

        pdf.NewPage();
        Section(pdf, r.Baseline);
        pdf.Plot(r.WorkShare.Build(), r.WorkShare.Height, r.WorkShare.Caption);
        foreach (var a in r.Analyses)
        {
            Section(pdf, a);
        }
        if (r.CostBenefit is { } cb)
        {
            pdf.Heading(l.Text("Cost-benefit: critical gross wage (seed 001 §6)", "Kost-nytte: kritisk bruttolønn (seed 001 §6)"));
            foreach (var t in CostBenefitTables.Tables(cb, l))
            {
                pdf.Table(t);
            }
            var f = CostBenefitTables.Figure(cb, l);
            pdf.Plot(f.Build(), f.Height, f.Caption);
        }
        if (r.Study is { } study)
        {
            pdf.NewPage();
            pdf.Heading(l.Text("Appendix: simulation study of the main analysis", "Vedlegg: simuleringsstudie av hovedanalysen"));
            pdf.Paragraph(l.Text(
                "How well the main analysis recovers a known effect in simulated trials of this design (trial-analysis simulate-study): bias and RMSE of the estimate, and how often each method's 95 % CI contains the true effect.",
                "Hvor godt hovedanalysen finner en kjent effekt i simulerte studier med dette designet (trial-analysis simulate-study): skjevhet og RMSE for estimatet, og hvor ofte hver metodes 95 %-KI inneholder den sanne effekten."));
            pdf.Table(SimulationStudy.StudyOutput.Table(study, l));
            pdf.Plot(SimulationStudy.StudyOutput.Figure(study, l), 240, l.Text("Coverage of 95 % CIs by method, with ±1.96 Monte-Carlo SE; dashed: nominal 95 %.",
                "Dekning av 95 %-KI etter metode, med ±1,96 Monte Carlo-SE; stiplet: nominelt 95 %."));
        }
        pdf.Finish();
        return new ReportLayout(pdf.Pages, pdf.Layout);
    }

    /// <summary>The footer printed on every page; it starts with "SIMULATED DATA" when the package is simulated.</summary>
    public static string Footer(Plan.AnalysisPlan plan, RunContext c, ReportLocale l) =>
        $"{(c.Simulated ? l.Text("SIMULATED DATA · ", "SIMULERTE DATA · ") : "")}{plan.Trial} · plan {c.PlanSha256[..12]} · {l.Text("package", "pakke")} {c.PackageSha256[..12]} · {c.Disclosure}";

    private static void Section(PdfReportBuilder pdf, AnalysisResult a)
    {
        pdf.Heading(a.Heading);
        foreach (var note in a.Notes)
        {
            pdf.Paragraph(note);
        }
        foreach (var t in a.Tables)
        {
            pdf.Table(t);
        }
        foreach (var f in a.Figures)
        {
            pdf.Plot(f.Build(), f.Height, f.Caption);
        }
    }
}
