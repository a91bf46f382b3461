namespace Trial.Enrollment.Protocol;

/// <summary>The raw shape of protocol.yaml as YamlDotNet reads it; <see cref="ProtocolLoader"/> validates it into records.</summary>
internal sealed class ProtocolDocument
{
    public string? Trial { get; set; }
    public string? Version { get; set; }
    public Dictionary<string, string>? Title { get; set; }
    public string? TimeZone { get; set; }
    public List<ArmYaml>? Arms { get; set; }
    public List<CentreYaml>? Centres { get; set; }
    public List<OrganisationYaml>? Organisations { get; set; }
    public List<CriterionYaml>? Eligibility { get; set; }
    public List<ConsentFormYaml>? ConsentForms { get; set; }
    public List<PeriodYaml>? AllocationPeriods { get; set; }
    public List<string>? Stratification { get; set; }
    public BlocksYaml? Blocks { get; set; }
    public List<OccasionYaml>? FollowUp { get; set; }
    /// <summary>Read by Trial.Protocol's <c>BaselineForm</c>; taken here only so the deserializer accepts the key.</summary>
    public List<object>? BaselineForm { get; set; }
    /// <summary>Required from the second version on: when the new version takes effect and why (an amendment).</summary>
    public AmendmentYaml? Amendment { get; set; }

    internal sealed class AmendmentYaml
    {
        public string? EffectiveOn { get; set; }
        public string? Reason { get; set; }
    }

    internal sealed class ArmYaml
    {
        public string? Code { get; set; }
        public Dictionary<string, string>? Name { get; set; }
    }

    internal sealed class CentreYaml
    {
        public string? Code { get; set; }
        public int? Number { get; set; }
        public string? Name { get; set; }
    }

    internal sealed class OrganisationYaml
    {
        public string? Code { get; set; }
        public string? Kind { get; set; }
        public string? Name { get; set; }
        public List<string>? Centres { get; set; }
    }

    internal sealed class CriterionYaml
    {
        public string? Code { get; set; }
        public string? Rule { get; set; }
        public int? MinAge { get; set; }
        public string? ExclusionReason { get; set; }
        public Dictionary<string, string>? Text { get; set; }
    }

    internal sealed class ConsentFormYaml
    {
        public string? Version { get; set; }
        public string? ValidFrom { get; set; }
        public string? File { get; set; }
    }

    internal sealed class PeriodYaml
    {
        public string? Code { get; set; }
        public string? From { get; set; }
        public string? To { get; set; }
        public Dictionary<string, int>? Ratio { get; set; }
        public string? Reason { get; set; }
    }

    internal sealed class BlocksYaml
    {
        public int? MinMultiples { get; set; }
        public int? MaxMultiples { get; set; }
    }

    internal sealed class OccasionYaml
    {
        public string? Code { get; set; }
        public int? MonthsAfterRandomisation { get; set; }
    }
}
