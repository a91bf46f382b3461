using Trial.Protocol.Files;
using Trial.Protocol.Hashing;
using NodaTime;
using NodaTime.Text;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Trial.Enrollment.Protocol;

/// <summary>Reads protocol.yaml from a protocol folder, validates every rule, and hashes the folder.</summary>
public static class ProtocolLoader
{
    public const string FileName = "protocol.yaml";

    public static TrialProtocol Load(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            throw new ProtocolInvalidException([new ProtocolError(FileName, "$", "file-exists", $"No {FileName} in '{directory}'.")]);
        }
        ProtocolDocument document;
        try
        {
            var deserializer = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build();
            document = deserializer.Deserialize<ProtocolDocument>(File.ReadAllText(path)) ?? new ProtocolDocument();
        }
        catch (YamlException e)
        {
            var message = e.InnerException?.Message ?? e.Message;
            throw new ProtocolInvalidException(
                [new ProtocolError(FileName, $"line {e.Start.Line}, column {e.Start.Column}", "yaml-syntax", message)]);
        }
        var errors = new List<ProtocolError>();
        var baseline = Trial.Protocol.Baseline.BaselineForm.Empty;
        try
        {
            baseline = Trial.Protocol.Baseline.BaselineForm.Read(YamlValue.Load(path));
        }
        catch (ProtocolFileException e)
        {
            errors.AddRange(e.Errors.Select(x => new ProtocolError(x.File, x.Line is { } line ? $"{x.Path} (line {line})" : x.Path, "baseline-form", x.Rule)));
        }
        var protocol = new ProtocolValidation(directory, errors).Build(document, baseline);
        if (errors.Count > 0 || protocol is null)
        {
            throw new ProtocolInvalidException(errors);
        }
        return protocol;
    }

    /// <summary>Collects every error rather than stopping at the first, so one run lists all problems.</summary>
    private sealed class ProtocolValidation(string directory, List<ProtocolError> errors)
    {
        private static readonly LocalDatePattern IsoDate = LocalDatePattern.Iso;

        private void Fail(string path, string rule, string message) => errors.Add(new ProtocolError(FileName, path, rule, message));

        public TrialProtocol? Build(ProtocolDocument d, Trial.Protocol.Baseline.BaselineForm baseline)
        {
            var trial = Required(d.Trial, "trial");
            var version = Required(d.Version, "version");
            var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(d.TimeZone ?? "Europe/Oslo");
            if (zone is null)
            {
                Fail("timeZone", "known-time-zone", $"'{d.TimeZone}' is not an IANA time zone.");
            }
            var arms = Arms(d.Arms);
            var centres = Centres(d.Centres);
            var organisations = Organisations(d.Organisations, centres);
            var criteria = Criteria(d.Eligibility);
            var forms = ConsentForms(d.ConsentForms);
            var periods = Periods(d.AllocationPeriods, arms);
            var stratifyByCentre = Stratification(d.Stratification);
            var blocks = Blocks(d.Blocks);
            var followUp = FollowUp(d.FollowUp);
            ProtocolAmendment? amendment = null;
            if (d.Amendment is { } a)
            {
                var effectiveOn = Date(a.EffectiveOn, "amendment.effectiveOn");
                var reason = Required(a.Reason, "amendment.reason");
                amendment = effectiveOn is { } on && reason is not null ? new ProtocolAmendment(on, reason) : null;
            }
            if (errors.Count > 0)
            {
                return null;
            }
            return new TrialProtocol(trial!, version!, ProtocolHash.Compute(directory), Path.GetFullPath(directory), zone!,
                arms, centres, organisations, criteria, forms, periods, stratifyByCentre, blocks!, followUp, baseline) { Amendment = amendment };
        }

        private string? Required(string? value, string path)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                Fail(path, "required", "A value is required.");
                return null;
            }
            return value;
        }

        private bool ValidCode(string? value, string path)
        {
            if (Required(value, path) is null)
            {
                return false;
            }
            if (!CodeFormat.IsValid(value))
            {
                Fail(path, "code-format", $"'{value}' must be 1–40 lower-case letters, digits or hyphens.");
                return false;
            }
            return true;
        }

        private void Unique<T>(IEnumerable<(T Key, string Path)> items, string what)
        {
            foreach (var group in items.GroupBy(i => i.Key).Where(g => g.Count() > 1))
            {
                Fail(group.Skip(1).First().Path, "unique", $"{what} '{group.Key}' is declared more than once.");
            }
        }

        private LocalizedText Text(Dictionary<string, string>? texts, string path)
        {
            if (texts is null || !texts.ContainsKey("nb-NO") || !texts.ContainsKey("en"))
            {
                Fail(path, "languages", "Give the text in both nb-NO and en.");
                return new LocalizedText(new Dictionary<string, string>());
            }
            return new LocalizedText(texts);
        }

        private LocalDate? Date(string? value, string path)
        {
            if (Required(value, path) is null)
            {
                return null;
            }
            var parsed = IsoDate.Parse(value!);
            if (!parsed.Success)
            {
                Fail(path, "iso-date", $"'{value}' is not a date in the form yyyy-MM-dd.");
                return null;
            }
            return parsed.Value;
        }

        private List<ArmDefinition> Arms(List<ProtocolDocument.ArmYaml>? yaml)
        {
            var arms = new List<ArmDefinition>();
            if (yaml is null || yaml.Count < 2)
            {
                Fail("arms", "min-arms", "A trial needs at least two arms.");
                return arms;
            }
            for (var i = 0; i < yaml.Count; i++)
            {
                if (ValidCode(yaml[i].Code, $"arms[{i}].code"))
                {
                    arms.Add(new ArmDefinition(ArmCode.Trusted(yaml[i].Code!), Text(yaml[i].Name, $"arms[{i}].name")));
                }
            }
            Unique(arms.Select((a, i) => (a.Code.Value, $"arms[{i}].code")), "Arm");
            return arms;
        }

        private List<CentreDefinition> Centres(List<ProtocolDocument.CentreYaml>? yaml)
        {
            var centres = new List<CentreDefinition>();
            if (yaml is null || yaml.Count == 0)
            {
                Fail("centres", "required", "Declare at least one centre.");
                return centres;
            }
            for (var i = 0; i < yaml.Count; i++)
            {
                var c = yaml[i];
                if (c.Number is null or < 1)
                {
                    Fail($"centres[{i}].number", "positive", "A centre number is a whole number from 1.");
                }
                if (ValidCode(c.Code, $"centres[{i}].code") && Required(c.Name, $"centres[{i}].name") is not null && c.Number is >= 1)
                {
                    centres.Add(new CentreDefinition(CentreCode.Trusted(c.Code!), c.Number.Value, c.Name!));
                }
            }
            Unique(centres.Select((c, i) => (c.Code.Value, $"centres[{i}].code")), "Centre");
            Unique(centres.Select((c, i) => (c.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), $"centres[{i}].number")), "Centre number");
            return centres;
        }

        private List<OrganisationDefinition> Organisations(List<ProtocolDocument.OrganisationYaml>? yaml, List<CentreDefinition> centres)
        {
            var organisations = new List<OrganisationDefinition>();
            for (var i = 0; i < (yaml?.Count ?? 0); i++)
            {
                var o = yaml![i];
                var path = $"organisations[{i}]";
                OrganisationKind? kind = o.Kind switch
                {
                    "nav" => OrganisationKind.Nav,
                    "health-trust" => OrganisationKind.HealthTrust,
                    "sponsor" => OrganisationKind.Sponsor,
                    _ => null,
                };
                if (kind is null)
                {
                    Fail($"{path}.kind", "known-value", $"'{o.Kind}' is not one of nav, health-trust, sponsor.");
                }
                var members = new List<CentreCode>();
                for (var j = 0; j < (o.Centres?.Count ?? 0); j++)
                {
                    var code = o.Centres![j];
                    if (!centres.Any(c => c.Code.Value == code))
                    {
                        Fail($"{path}.centres[{j}]", "known-centre", $"'{code}' is not a centre declared under centres.");
                    }
                    else
                    {
                        members.Add(CentreCode.Trusted(code));
                    }
                }
                if (members.Count == 0 && (o.Centres?.Count ?? 0) == 0)
                {
                    Fail($"{path}.centres", "required", "An organisation belongs to at least one centre.");
                }
                if (ValidCode(o.Code, $"{path}.code") && Required(o.Name, $"{path}.name") is not null && kind is not null)
                {
                    organisations.Add(new OrganisationDefinition(OrganisationCode.Trusted(o.Code!), kind.Value, o.Name!, members));
                }
            }
            Unique(organisations.Select((o, i) => (o.Code.Value, $"organisations[{i}].code")), "Organisation");
            return organisations;
        }

        private List<EligibilityCriterion> Criteria(List<ProtocolDocument.CriterionYaml>? yaml)
        {
            var criteria = new List<EligibilityCriterion>();
            for (var i = 0; i < (yaml?.Count ?? 0); i++)
            {
                var c = yaml![i];
                var path = $"eligibility[{i}]";
                CriterionRule? rule = c.Rule switch { "min-age" => CriterionRule.MinAge, "yes-no" => CriterionRule.YesNo, _ => null };
                if (rule is null)
                {
                    Fail($"{path}.rule", "known-value", $"'{c.Rule}' is not one of min-age, yes-no.");
                }
                if (rule == CriterionRule.MinAge && c.MinAge is null or < 1)
                {
                    Fail($"{path}.minAge", "positive", "A min-age criterion needs minAge of at least 1.");
                }
                var text = Text(c.Text, $"{path}.text");
                if (ValidCode(c.Code, $"{path}.code") & ValidCode(c.ExclusionReason, $"{path}.exclusionReason") && rule is not null)
                {
                    criteria.Add(new EligibilityCriterion(c.Code!, rule.Value, c.MinAge, c.ExclusionReason!, text));
                }
            }
            Unique(criteria.Select((c, i) => (c.Code, $"eligibility[{i}].code")), "Criterion");
            return criteria;
        }

        private List<ConsentFormVersion> ConsentForms(List<ProtocolDocument.ConsentFormYaml>? yaml)
        {
            var forms = new List<ConsentFormVersion>();
            if (yaml is null || yaml.Count == 0)
            {
                Fail("consentForms", "required", "Declare at least one consent form version.");
                return forms;
            }
            for (var i = 0; i < yaml.Count; i++)
            {
                var f = yaml[i];
                var path = $"consentForms[{i}]";
                var version = Required(f.Version, $"{path}.version");
                var validFrom = Date(f.ValidFrom, $"{path}.validFrom");
                var file = Required(f.File, $"{path}.file");
                if (file is not null && !File.Exists(Path.Combine(directory, file)))
                {
                    Fail($"{path}.file", "file-exists", $"'{file}' does not exist in the protocol folder.");
                }
                else if (version is not null && validFrom is not null && file is not null)
                {
                    forms.Add(new ConsentFormVersion(version, validFrom.Value, file));
                }
            }
            Unique(forms.Select((f, i) => (f.Version, $"consentForms[{i}].version")), "Consent form version");
            return forms;
        }

        private List<AllocationPeriod> Periods(List<ProtocolDocument.PeriodYaml>? yaml, List<ArmDefinition> arms)
        {
            var periods = new List<AllocationPeriod>();
            if (yaml is null || yaml.Count == 0)
            {
                Fail("allocationPeriods", "required", "Declare at least one allocation period.");
                return periods;
            }
            for (var i = 0; i < yaml.Count; i++)
            {
                var p = yaml[i];
                var path = $"allocationPeriods[{i}]";
                var from = Date(p.From, $"{path}.from");
                LocalDate? to = null;
                if (p.To is not null)
                {
                    to = Date(p.To, $"{path}.to");
                }
                else if (i < yaml.Count - 1)
                {
                    Fail($"{path}.to", "open-end-last", "Only the last allocation period may be open-ended.");
                }
                if (from is not null && to is not null && to < from)
                {
                    Fail($"{path}.to", "date-order", $"'to' ({to}) is before 'from' ({from}).");
                }
                var ratio = Ratio(p.Ratio, arms, $"{path}.ratio");
                var reason = Required(p.Reason, $"{path}.reason");
                if (ValidCode(p.Code, $"{path}.code") && from is not null && ratio is not null && reason is not null)
                {
                    periods.Add(new AllocationPeriod(PeriodCode.Trusted(p.Code!), from.Value, to, ratio, reason));
                }
            }
            Unique(periods.Select((p, i) => (p.Code.Value, $"allocationPeriods[{i}].code")), "Allocation period");
            for (var i = 1; i < periods.Count && periods.Count == yaml.Count; i++)
            {
                var previousEnd = periods[i - 1].To;
                if (previousEnd is null)
                {
                    continue;
                }
                var expected = previousEnd.Value.PlusDays(1);
                if (periods[i].From > expected)
                {
                    Fail($"allocationPeriods[{i}].from", "periods-contiguous",
                        $"Gap: no period covers {expected} to {periods[i].From.PlusDays(-1)}; this period must start on {expected}.");
                }
                else if (periods[i].From < expected)
                {
                    Fail($"allocationPeriods[{i}].from", "periods-contiguous",
                        $"Overlap: {periods[i].From} is already covered by {periods[i - 1].Code}; this period must start on {expected}.");
                }
            }
            return periods;
        }

        private AllocationRatio? Ratio(Dictionary<string, int>? yaml, List<ArmDefinition> arms, string path)
        {
            if (yaml is null)
            {
                Fail(path, "required", "Give a whole-number weight for every arm, e.g. { ips: 2, control: 1 }.");
                return null;
            }
            var ok = true;
            foreach (var key in yaml.Keys.Where(k => arms.All(a => a.Code.Value != k)))
            {
                Fail($"{path}.{key}", "known-arm", $"'{key}' is not an arm declared under arms.");
                ok = false;
            }
            var weights = new List<ArmWeight>();
            foreach (var arm in arms)
            {
                if (!yaml.TryGetValue(arm.Code.Value, out var weight))
                {
                    Fail($"{path}.{arm.Code}", "ratio-arms", $"The ratio has no weight for arm '{arm.Code}'.");
                    ok = false;
                }
                else if (weight < 1)
                {
                    Fail($"{path}.{arm.Code}", "ratio-positive", $"A ratio weight must be at least 1; {weight} would never allocate '{arm.Code}'.");
                    ok = false;
                }
                else
                {
                    weights.Add(new ArmWeight(arm.Code, weight));
                }
            }
            return ok ? new AllocationRatio(weights) : null;
        }

        private bool Stratification(List<string>? yaml)
        {
            for (var i = 0; i < (yaml?.Count ?? 0); i++)
            {
                if (yaml![i] != "centre")
                {
                    Fail($"stratification[{i}]", "known-stratification-factor", $"'{yaml[i]}' is not a supported factor; use centre.");
                }
            }
            return yaml?.Contains("centre") ?? false;
        }

        private BlockDesign? Blocks(ProtocolDocument.BlocksYaml? yaml)
        {
            if (yaml?.MinMultiples is null || yaml.MaxMultiples is null)
            {
                Fail("blocks", "required", "Give blocks.minMultiples and blocks.maxMultiples.");
                return null;
            }
            if (yaml.MinMultiples < 1)
            {
                Fail("blocks.minMultiples", "block-bounds", "A block holds at least one whole ratio multiple.");
                return null;
            }
            if (yaml.MaxMultiples < yaml.MinMultiples || yaml.MaxMultiples > 10)
            {
                Fail("blocks.maxMultiples", "block-bounds", "maxMultiples must be between minMultiples and 10.");
                return null;
            }
            return new BlockDesign(yaml.MinMultiples.Value, yaml.MaxMultiples.Value);
        }

        private List<FollowUpOccasion> FollowUp(List<ProtocolDocument.OccasionYaml>? yaml)
        {
            var occasions = new List<FollowUpOccasion>();
            for (var i = 0; i < (yaml?.Count ?? 0); i++)
            {
                var o = yaml![i];
                if (o.MonthsAfterRandomisation is null or < 0)
                {
                    Fail($"followUp[{i}].monthsAfterRandomisation", "not-negative", "Give a whole number of months from 0 (0 = the baseline, at inclusion).");
                }
                else if (ValidCode(o.Code, $"followUp[{i}].code"))
                {
                    occasions.Add(new FollowUpOccasion(o.Code!, o.MonthsAfterRandomisation.Value));
                }
            }
            Unique(occasions.Select((o, i) => (o.Code, $"followUp[{i}].code")), "Follow-up occasion");
            return occasions;
        }
    }
}
