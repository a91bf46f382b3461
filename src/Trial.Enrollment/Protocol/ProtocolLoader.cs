using System.Globalization;
using NodaTime;
using Trial.Protocol.Baseline;
using Trial.Protocol.Files;
using Trial.Protocol.Hashing;

namespace Trial.Enrollment.Protocol;

/// <summary>
/// Reads protocol.yaml from a protocol folder with the project's one YAML reader, validates every rule, and hashes the
/// folder. Every broken rule is collected (one load lists all problems) and thrown as one
/// <see cref="ProtocolFileException"/>, each error naming the file, the path (<c>$.allocationPeriods[1].from</c>) and the line.
/// </summary>
public static class ProtocolLoader
{
    public const string FileName = "protocol.yaml";

    private static readonly string[] TopLevelKeys =
    [
        "trial", "version", "title", "timeZone", "arms", "centres", "organisations", "eligibility", "consentForms",
        "allocationPeriods", "stratification", "blocks", "followUp", "baselineForm", "amendment", "fieldAccess",
    ];

    private static readonly Dictionary<string, CriterionRule> Rules = new(StringComparer.Ordinal)
    {
        ["min-age"] = CriterionRule.MinAge,
        ["yes-no"] = CriterionRule.YesNo,
    };

    public static TrialProtocol Load(string directory)
    {
        var root = YamlValue.Load(Path.Combine(directory, FileName), FileName);
        var errors = new ProtocolFileErrors();
        var protocol = new ProtocolValidation(directory, errors).Build(root);
        errors.ThrowIfAny();
        return protocol!;
    }

    /// <summary>Collects every error rather than stopping at the first, so one run lists all problems.</summary>
    private sealed class ProtocolValidation(string directory, ProtocolFileErrors errors)
    {
        private T Check<T>(Func<T> read, T fallback) => errors.Check(read, fallback);

        public TrialProtocol? Build(YamlValue root)
        {
            errors.Check(() => root.OnlyKeys(TopLevelKeys));
            var trial = Check(() => Code(root.Child("trial")), null);
            var version = Check(() => root.Child("version").Text(), null);
            Check(() => root.Optional("title")?.Localised(), null);
            var zone = Check(() => TimeZone(root), null);
            var arms = Check(() => Arms(root.Child("arms")), []);
            var centres = Check(() => Centres(root.Child("centres")), []);
            var organisations = Check(() => root.Optional("organisations") is { } o ? Organisations(o, centres) : [], []);
            var criteria = Check(() => root.Optional("eligibility") is { } e ? Criteria(e) : [], []);
            var forms = Check(() => ConsentForms(root.Child("consentForms")), []);
            var periods = Check(() => Periods(root.Child("allocationPeriods"), arms), []);
            var stratifyByCentre = Check(() => root.Optional("stratification") is { } s && Stratification(s), false);
            var blocks = Check(() => Blocks(root.Child("blocks")), null);
            var followUp = Check(() => root.Optional("followUp") is { } f ? FollowUp(f) : [], []);
            var baseline = Check(() => BaselineForm.Read(root), BaselineForm.Empty);
            var amendment = Check(() => root.Optional("amendment") is { } a ? Amendment(a) : null, null);
            var fieldAccess = Check(() => root.Optional("fieldAccess") is { } fa ? FieldAccessClasses(fa, baseline) : [], []);
            if (errors.Count > 0)
            {
                return null;
            }
            return new TrialProtocol(trial!, version!, ProtocolHash.Compute(directory), Path.GetFullPath(directory), zone!,
                arms, centres, organisations, criteria, forms, periods, stratifyByCentre, blocks!, followUp, baseline)
            {
                Amendment = amendment, FieldAccess = new FieldAccess(fieldAccess),
            };
        }

        private static DateTimeZone TimeZone(YamlValue root)
        {
            if (root.Optional("timeZone") is not { } node)
            {
                return DateTimeZoneProviders.Tzdb["Europe/Oslo"];
            }
            var id = node.Text();
            return DateTimeZoneProviders.Tzdb.GetZoneOrNull(id) ?? throw node.Fail($"'{id}' is not an IANA time zone");
        }

        private static string Code(YamlValue node)
        {
            var value = node.Text();
            return CodeFormat.IsValid(value) ? value : throw node.Fail($"'{value}' must be 1–40 lower-case letters, digits or hyphens");
        }

        /// <summary>Every item of a list is read on its own, so one bad item does not hide the errors of the next.</summary>
        private List<T> Each<T>(YamlValue list, Func<YamlValue, T?> read) where T : class =>
            list.Items().Select(item => Check(() => read(item), null)).OfType<T>().ToList();

        private void Unique<T>(YamlValue list, IReadOnlyList<T> items, Func<T, string> key, string keyName, string what)
        {
            // Only when every item was read, so indexes line up with the file.
            if (items.Count != list.Items().Count)
            {
                return;
            }
            foreach (var group in items.Select((item, i) => (Key: key(item), Index: i)).GroupBy(x => x.Key).Where(g => g.Count() > 1))
            {
                errors.Add(list.Items()[group.Skip(1).First().Index].Child(keyName).ErrorAt($"{what} '{group.Key}' is declared more than once"));
            }
        }

        private List<ArmDefinition> Arms(YamlValue list)
        {
            if (list.Items().Count < 2)
            {
                throw list.Fail("a trial needs at least two arms");
            }
            var arms = Each(list, a =>
            {
                a.OnlyKeys("code", "name");
                var code = Check(() => Code(a.Child("code")), null);
                var name = Check(() => a.Child("name").Localised(), null);
                return code is null || name is null ? null : new ArmDefinition(ArmCode.Trusted(code), name);
            });
            Unique(list, arms, a => a.Code.Value, "code", "arm");
            return arms;
        }

        private List<CentreDefinition> Centres(YamlValue list)
        {
            if (list.Items().Count == 0)
            {
                throw list.Fail("declare at least one centre");
            }
            var centres = Each(list, c =>
            {
                c.OnlyKeys("code", "number", "name");
                var code = Check(() => Code(c.Child("code")), null);
                var number = Check<int?>(() => c.Child("number").Integer(1), null);
                var name = Check(() => c.Child("name").Text(), null);
                return code is null || number is null || name is null ? null : new CentreDefinition(CentreCode.Trusted(code), number.Value, name);
            });
            Unique(list, centres, c => c.Code.Value, "code", "centre");
            Unique(list, centres, c => c.Number.ToString(CultureInfo.InvariantCulture), "number", "centre number");
            return centres;
        }

        private List<OrganisationDefinition> Organisations(YamlValue list, List<CentreDefinition> centres)
        {
            var organisations = Each(list, o =>
            {
                o.OnlyKeys("code", "kind", "name", "centres");
                var code = Check(() => Code(o.Child("code")), null);
                var kind = Check<OrganisationKind?>(() => o.Child("kind").Enum(OrganisationKinds.ByCode), null);
                var name = Check(() => o.Child("name").Localised(), null);
                var members = Check(() =>
                {
                    var list = o.Child("centres");
                    if (list.Items().Count == 0)
                    {
                        throw list.Fail("an organisation belongs to at least one centre");
                    }
                    return list.Items().Select(c => centres.Any(d => d.Code.Value == c.Text())
                        ? CentreCode.Trusted(c.Text())
                        : throw c.Fail($"'{c.Text()}' is not a centre declared under centres")).ToList();
                }, null);
                return code is null || kind is null || name is null || members is null
                    ? null
                    : new OrganisationDefinition(OrganisationCode.Trusted(code), kind.Value, name, members);
            });
            Unique(list, organisations, o => o.Code.Value, "code", "organisation");
            return organisations;
        }

        private List<EligibilityCriterion> Criteria(YamlValue list)
        {
            var criteria = Each(list, c =>
            {
                c.OnlyKeys("code", "rule", "minAge", "exclusionReason", "text");
                var code = Check(() => Code(c.Child("code")), null);
                var rule = Check<CriterionRule?>(() => c.Child("rule").Enum(Rules), null);
                var minAge = Check<int?>(() => rule == CriterionRule.MinAge ? c.Child("minAge").Integer(1, 120) : null, null);
                var reason = Check(() => Code(c.Child("exclusionReason")), null);
                var text = Check(() => c.Child("text").Localised(), null);
                return code is null || rule is null || (rule == CriterionRule.MinAge && minAge is null) || reason is null || text is null
                    ? null
                    : new EligibilityCriterion(code, rule.Value, minAge, reason, text);
            });
            Unique(list, criteria, c => c.Code, "code", "criterion");
            return criteria;
        }

        private List<ConsentFormVersion> ConsentForms(YamlValue list)
        {
            if (list.Items().Count == 0)
            {
                throw list.Fail("declare at least one consent form version");
            }
            var forms = Each(list, f =>
            {
                f.OnlyKeys("version", "validFrom", "file");
                var version = Check(() => f.Child("version").Text(), null);
                var validFrom = Check<LocalDate?>(() => f.Child("validFrom").Date(), null);
                var file = Check(() =>
                {
                    var node = f.Child("file");
                    var name = node.Text();
                    return File.Exists(Path.Combine(directory, name)) ? name : throw node.Fail($"'{name}' does not exist in the protocol folder");
                }, null);
                return version is null || validFrom is null || file is null ? null : new ConsentFormVersion(version, validFrom.Value, file);
            });
            Unique(list, forms, f => f.Version, "version", "consent form version");
            return forms;
        }

        private List<AllocationPeriod> Periods(YamlValue list, List<ArmDefinition> arms)
        {
            var items = list.Items();
            if (items.Count == 0)
            {
                throw list.Fail("declare at least one allocation period");
            }
            var periods = Each(list, p =>
            {
                p.OnlyKeys("code", "from", "to", "ratio", "reason");
                var last = p.Path == items[^1].Path;
                var code = Check(() => Code(p.Child("code")), null);
                var from = Check<LocalDate?>(() => p.Child("from").Date(), null);
                var to = Check<LocalDate?>(() => p.Optional("to") is { } t ? t.Date() : last ? null : throw p.Fail("only the last allocation period may be open-ended (give 'to')"), null);
                if (from is { } f && to is { } e && e < f)
                {
                    errors.Add(p.Child("to").ErrorAt($"'to' ({e:uuuu-MM-dd}) is before 'from' ({f:uuuu-MM-dd})"));
                    return null;
                }
                var ratio = Check(() => Ratio(p.Child("ratio"), arms), null);
                var reason = Check(() => p.Child("reason").Text(), null);
                return code is null || from is null || ratio is null || reason is null || (!last && to is null)
                    ? null
                    : new AllocationPeriod(PeriodCode.Trusted(code), from.Value, to, ratio, reason);
            });
            Unique(list, periods, p => p.Code.Value, "code", "allocation period");
            if (periods.Count == items.Count)
            {
                for (var i = 1; i < periods.Count; i++)
                {
                    if (periods[i - 1].To is not { } previousEnd)
                    {
                        continue;
                    }
                    var expected = previousEnd.PlusDays(1);
                    var from = items[i].Child("from");
                    if (periods[i].From > expected)
                    {
                        errors.Add(from.ErrorAt($"gap: no period covers {expected:uuuu-MM-dd} to {periods[i].From.PlusDays(-1):uuuu-MM-dd}; this period must start on {expected:uuuu-MM-dd}"));
                    }
                    else if (periods[i].From < expected)
                    {
                        errors.Add(from.ErrorAt($"overlap: {periods[i].From:uuuu-MM-dd} is already covered by {periods[i - 1].Code}; this period must start on {expected:uuuu-MM-dd}"));
                    }
                }
            }
            return periods;
        }

        private AllocationRatio? Ratio(YamlValue ratio, List<ArmDefinition> arms)
        {
            if (!ratio.IsMapping)
            {
                throw ratio.Fail("give a whole-number weight for every arm, e.g. { ips: 2, control: 1 }");
            }
            var failed = errors.Count;
            foreach (var (key, value) in ratio.Entries().Where(e => arms.All(a => a.Code.Value != e.Key)))
            {
                errors.Add(value.ErrorAt($"'{key}' is not an arm declared under arms"));
            }
            var weights = new List<ArmWeight>();
            foreach (var arm in arms)
            {
                if (ratio.Optional(arm.Code.Value) is not { } weight)
                {
                    errors.Add(ratio.ErrorAt($"the ratio has no weight for arm '{arm.Code}'"));
                    continue;
                }
                var w = Check<int?>(() => weight.Integer(), null);
                if (w is < 1)
                {
                    errors.Add(weight.ErrorAt($"a ratio weight must be at least 1; {w} would never allocate '{arm.Code}'"));
                }
                else if (w is { } ok)
                {
                    weights.Add(new ArmWeight(arm.Code, ok));
                }
            }
            return errors.Count == failed ? new AllocationRatio(weights) : null;
        }

        private static bool Stratification(YamlValue list)
        {
            foreach (var factor in list.Items().Where(f => f.Text() != "centre"))
            {
                throw factor.Fail($"'{factor.Text()}' is not a supported stratification factor; use centre");
            }
            return list.Items().Count > 0;
        }

        private static BlockDesign Blocks(YamlValue blocks)
        {
            blocks.OnlyKeys("minMultiples", "maxMultiples");
            var min = blocks.Child("minMultiples").Integer(1, 10);
            var maxNode = blocks.Child("maxMultiples");
            var max = maxNode.Integer();
            return max >= min && max <= 10 ? new BlockDesign(min, max) : throw maxNode.Fail("maxMultiples must be between minMultiples and 10");
        }

        private List<FollowUpOccasion> FollowUp(YamlValue list)
        {
            var occasions = Each(list, o =>
            {
                o.OnlyKeys("code", "monthsAfterRandomisation");
                var code = Check(() => Code(o.Child("code")), null);
                var months = Check<int?>(() => o.Child("monthsAfterRandomisation").Integer(0, 600), null);
                return code is null || months is null ? null : new FollowUpOccasion(code, months.Value);
            });
            Unique(list, occasions, o => o.Code, "code", "follow-up occasion");
            return occasions;
        }

        /// <summary>fieldAccess: classes of protected fields, each field named once, recorded only by kinds that also see it.</summary>
        private List<FieldAccessClass> FieldAccessClasses(YamlValue list, BaselineForm baseline)
        {
            var classes = Each(list, c =>
            {
                c.OnlyKeys("class", "label", "fields", "see", "record");
                var code = Check(() => Code(c.Child("class")), null);
                var label = Check(() => c.Child("label").Localised(), null);
                var fields = Check(() =>
                {
                    var items = c.Child("fields");
                    if (items.Items().Count == 0)
                    {
                        throw items.Fail("a field class lists at least one field");
                    }
                    return items.Items().Select(f => KnownField(f.Text(), baseline)
                        ? f.Text()
                        : throw f.Fail($"'{f.Text()}' is not screening.severity, screening.education, baseline.<a baselineForm code> or followup.<an instrument in instruments/>")).ToList();
                }, null);
                var see = Check(() => c.Child("see").Items().Select(k => k.Enum(OrganisationKinds.ByCode)).ToList(), null);
                var record = Check(() => c.Child("record").Items().Select(k => k.Enum(OrganisationKinds.ByCode)).ToList(), null);
                if (see is not null && record?.Where(k => !see.Contains(k)).Select(k => (OrganisationKind?)k).FirstOrDefault() is { } blind)
                {
                    errors.Add(c.Child("record").ErrorAt($"'{OrganisationKinds.Code(blind)}' would record what it may not see; add it to see"));
                    return null;
                }
                return code is null || label is null || fields is null || see is null || record is null ? null : new FieldAccessClass(code, label, fields, see, record);
            });
            Unique(list, classes, c => c.Code, "class", "field class");
            foreach (var field in classes.SelectMany(c => c.Fields).GroupBy(f => f, StringComparer.Ordinal).Where(g => g.Count() > 1))
            {
                errors.Add(list.ErrorAt($"field '{field.Key}' is in more than one class"));
            }
            return classes;
        }

        private bool KnownField(string field, BaselineForm baseline)
        {
            const string Baseline = "baseline.", Followup = "followup.";
            if (field is "screening.severity" or "screening.education")
            {
                return true;
            }
            if (field.StartsWith(Baseline, StringComparison.Ordinal))
            {
                return baseline.Field(field[Baseline.Length..]) is not null;
            }
            return field.StartsWith(Followup, StringComparison.Ordinal) && CodeFormat.IsValid(field[Followup.Length..])
                && File.Exists(Path.Combine(directory, "instruments", field[Followup.Length..] + ".yaml"));
        }

        private static ProtocolAmendment Amendment(YamlValue amendment)
        {
            amendment.OnlyKeys("effectiveOn", "reason");
            return new ProtocolAmendment(amendment.Child("effectiveOn").Date(), amendment.Child("reason").Text());
        }
    }
}
