using NodaTime;
using NodaTime.Text;
using Trial.Analysis.Inputs;
using Trial.Analysis.Package;
using Trial.Analysis.Plan;
using Trial.Analysis.Register;
using Trial.Analysis.Report;
using Trial.Analysis.Run;
using Trial.Analysis.Spec;
using Trial.Protocol.Baseline;
using Trial.Protocol.Files;

namespace Trial.Analysis.Cli;

/// <summary>`trial-analysis run`: the whole locked plan on a data package → report.pdf, results.json, tables/*.csv.</summary>
public sealed class RunCommand(IClock clock) : ICliCommand
{
    public RunCommand()
        : this(SystemClock.Instance)
    {
    }

    public string Name => "run";

    public string Summary => "Run the locked analysis plan on a data package: report.pdf, results.json, CSV tables";

    public string Help => """
        trial-analysis run --plan FILE --data PACKAGE --register FILE --out FOLDER [--locale en|nb-NO] [--only ID] [--blinded] [--study FILE] [--protocol FOLDER]

        Validates the plan, checks it against its lock (<plan>.lock.json; see lock-plan), verifies the data package
        (every file's SHA-256 and row count against manifest.json) and the register extract (line/column errors),
        runs every planned analysis, and writes into FOLDER:
          report.pdf    title page (plan and package hashes, deviations), CONSORT diagram, baseline table,
                        every planned table and figure, cost-benefit
          results.json  every estimate with its inference conventions
          tables/*.csv  one tidy CSV per table, all with the same columns (table, outcome, population, group, term,
                        statistic, estimate, std_error, df, p_value, conf_low, conf_high, n, vcov, text): one row
                        per estimate, invariant numbers, NA empty; R: read.csv(f), Stata: import delimited
          figures/*.png, figures/*.svg   every figure also as its own file
        Nothing is written when any input is rejected.

          --locale L   en (default) or nb-NO (decimal commas)
          --only ID    re-run one analysis (its id, e.g. main, or one of its tables, e.g. centres-in_work, or
                       cost-benefit); the report and results then hold that analysis only
          --blinded    dry run before unblinding: allocations permuted within centre, arms shown as random codes;
                       allowed without a lock
          --study FILE study.json from `simulate-study`: its coverage table and figure become the report's appendix
          --protocol FOLDER  the trial's protocol folder: the package's codes and baseline columns are checked against it
                       and manifest.json's protocol SHA-256 must be this folder's hash (protocol/data-package.md)

        The package is checked against the data-package contract (protocol/data-package.schema.yaml) first; every broken
        rule is listed with its file, column, line and rule.

        Withdrawals (withdrawals.csv) are honoured scope by scope: data use → left out of every analysis and shown in
        CONSORT; register linkage → no register month from the effective month on; data collection → no answer completed
        on or after the effective date. Each table, results.json and tables/left-out.csv say how many were left out.
        A package locked by "simulated…" gives a report marked SIMULATED DATA on the title page and every footer.

        Exit codes: 0 ok, 2 usage, 3 invalid input (nothing written), 4 estimation failed, 5 plan does not match its lock.
        """;

    public int Run(IReadOnlyList<string> arguments, TextWriter output, TextWriter error)
    {
        var options = CommandOptions.Parse(arguments,
            new HashSet<string>(StringComparer.Ordinal) { "--plan", "--data", "--register", "--out", "--locale", "--study", "--protocol", "--only" },
            new HashSet<string>(StringComparer.Ordinal) { "--blinded" }, error);
        if (options is null)
        {
            return ExitCodes.Usage;
        }
        var (planPath, dataPath, registerPath, outPath) = (options.Value("--plan"), options.Value("--data"), options.Value("--register"), options.Value("--out"));
        if (planPath is null || dataPath is null || registerPath is null || outPath is null)
        {
            error.WriteLine("trial-analysis run: --plan, --data, --register and --out are required (see --help).");
            return ExitCodes.Usage;
        }
        var locale = ReportLocale.Find(options.Value("--locale") ?? "en");
        if (locale is null)
        {
            error.WriteLine("trial-analysis run: --locale must be en or nb-NO.");
            return ExitCodes.Usage;
        }
        var only = options.Value("--only");
        var disclosure = options.Has("--blinded") ? ArmDisclosure.Blinded : ArmDisclosure.Unblinded;
        try
        {
            output.WriteLine($"run: plan {planPath}");
            var plan = AnalysisPlanLoader.Load(planPath);
            var lockStatus = LockStatus(plan, planPath, disclosure, locale);
            output.WriteLine($"run: plan SHA-256 {plan.Sha256}: {lockStatus}");
            output.WriteLine($"run: verifying data package {dataPath} against the data-package contract" +
                (options.Value("--protocol") is { } protocolPath ? $" and the protocol {protocolPath}" : " (no --protocol: codes, baseline form and protocol hash not checked)"));
            // The register extract is read on the other core while the package is verified and opened (all three only
            // read files); a broken package is still reported before a broken register, as when they ran in turn.
            var registerRead = Task.Run(() => RegisterExtractReader.Read(registerPath, plan.RegisterColumnKinds()));
            PackageContractCheck.Verify(dataPath, options.Value("--protocol"));
            var package = DataPackageReader.Open(dataPath);
            output.WriteLine($"run: reading register extract {registerPath}");
            var register = registerRead.GetAwaiter().GetResult();
            PlanDataCheck.Verify(plan, package);
            var study = options.Value("--study") is { } studyPath ? SimulationStudy.StudyOutput.Read(studyPath) : null;
            if (only is not null && !plan.Analyses.Any(a => PlanRunner.Selects(only, a.Id)) && !(plan.CostBenefit is not null && PlanRunner.Selects(only, "cost-benefit")))
            {
                error.WriteLine($"trial-analysis run: --only {only} names no analysis or table of the plan; analyses: {string.Join(", ", plan.Analyses.Select(a => a.Id))}{(plan.CostBenefit is null ? "" : ", cost-benefit")}.");
                return ExitCodes.Usage;
            }
            if (Directory.Exists(outPath) && Directory.EnumerateFileSystemEntries(outPath).Any())
            {
                throw new InputRejectedException(outPath, "--out", "the output folder is not empty; results are never overwritten");
            }
            var data = StudyData.Build(plan, package, register, disclosure, locale.Text("Control", "Kontroll"), BaselineFormFor(options.Value("--protocol"), planPath));
            locale = locale.ForStudy(data);
            var results = PlanRunner.Run(data, locale, output, only) with { Study = study };
            var context = new RunContext(planPath, plan.Sha256, plan.Version, lockStatus, dataPath, package.Sha256, package.CreatedAt,
                registerPath, register.Sha256, disclosure == ArmDisclosure.Blinded ? locale.Text("BLINDED", "BLINDET") + $" ({data.TreatedLabel}, {data.ControlLabel})" : locale.Text("unblinded", "ublindet"),
                InstantPattern.ExtendedIso.Format(clock.GetCurrentInstant()))
            {
                PackageLockedBy = package.LockedBy,
                Blinded = disclosure == ArmDisclosure.Blinded,
                Simulated = package.Simulated,
            };
            if (package.Simulated)
            {
                output.WriteLine($"run: SIMULATED DATA (the package was locked by '{package.LockedBy}'); the report says so on its title page and every page footer");
            }
            output.WriteLine("run: writing report.pdf");
            using var pdf = new MemoryStream();
            Directory.CreateDirectory(outPath);
            // The tidy tables and PNG figures only read the results, so they are rendered on the other core while the PDF
            // is composed (about half a second of CPU each); the SVGs and results.json come after it (see WriteSvgsAndSummary).
            var tablesAndFigures = Task.Run(() => ResultsWriter.WriteTablesAndPngs(outPath, results, locale));
            int pages;
            try
            {
                pages = ReportComposer.Write(pdf, data, results, context, locale).Pages;
            }
            finally
            {
                // Never leave it writing into the folder after this command has returned, whatever the PDF did.
                ((IAsyncResult)tablesAndFigures).AsyncWaitHandle.WaitOne();
            }
            tablesAndFigures.GetAwaiter().GetResult();
            File.WriteAllBytes(Path.Combine(outPath, "report.pdf"), pdf.ToArray());
            ResultsWriter.WriteSvgsAndSummary(outPath, results, context, locale, pages);
            output.WriteLine($"run: wrote {Path.Combine(outPath, "report.pdf")} ({pages} pages), results.json and {ResultsWriter.AllTables(results, locale).Count} tables");
            return ExitCodes.Ok;
        }
        catch (InputRejectedException e)
        {
            error.WriteLine($"trial-analysis run: {e.Message}");
            return ExitCodes.InvalidInput;
        }
        catch (ModelInputException e)
        {
            error.WriteLine($"trial-analysis run: {e.Message}");
            return ExitCodes.InvalidInput;
        }
        catch (Trial.Protocol.Files.ProtocolFileException e)
        {
            error.WriteLine($"trial-analysis run: the input breaks {e.Errors.Count} rule(s):");
            foreach (var problem in e.Errors)
            {
                error.WriteLine($"  {problem}");
            }
            return ExitCodes.InvalidInput;
        }
        catch (PlanLockMismatchException e)
        {
            error.WriteLine($"trial-analysis run: {e.Message}");
            return ExitCodes.LockMismatch;
        }
        catch (EstimationException e)
        {
            error.WriteLine($"trial-analysis run: estimation failed: {e.Message}");
            return ExitCodes.EstimationFailed;
        }
    }

    /// <summary>
    /// The baseline form that labels the baseline table: from --protocol, else from protocol.yaml beside the plan (as
    /// lock-plan finds it), else none (raw column names and codes).
    /// </summary>
    private static BaselineForm BaselineFormFor(string? protocolFolder, string planPath)
    {
        var folder = protocolFolder ?? Path.GetDirectoryName(Path.GetFullPath(planPath))!;
        var file = Path.Combine(folder, "protocol.yaml");
        return File.Exists(file) ? BaselineForm.Read(YamlValue.Load(file)) : BaselineForm.Empty;
    }

    private static string LockStatus(AnalysisPlan plan, string planPath, ArmDisclosure disclosure, ReportLocale l)
    {
        var planLock = PlanLock.Read(PlanLock.PathFor(planPath));
        if (planLock is null)
        {
            return disclosure == ArmDisclosure.Blinded
                ? l.Text("not locked (allowed for a blinded dry run)", "ikke låst (tillatt for en blindet prøvekjøring)")
                : throw new PlanLockMismatchException(planPath, $"the plan is not locked ({PlanLock.PathFor(planPath)} is missing): run `trial-analysis lock-plan --plan {planPath}` before an unblinded run, or use --blinded");
        }
        return planLock.Check(plan, l);
    }
}
