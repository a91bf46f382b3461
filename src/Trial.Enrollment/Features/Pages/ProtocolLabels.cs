using Trial.Enrollment.Protocol;
using Trial.Web.Localisation;

namespace Trial.Enrollment.Features.Pages;

/// <summary>The protocol's words for arms, centres, organisations, criteria and allocation periods, so no page shows a code.</summary>
public sealed class ProtocolLabels(TrialProtocol protocol) : ITrialLabels
{
    public string Arm(string code, TextLanguage language) =>
        protocol.Arms.FirstOrDefault(a => a.Code.Value == code)?.Name.For(language.Tag()) ?? code;

    public string Centre(string code) => protocol.Centres.FirstOrDefault(c => c.Code.Value == code)?.Name ?? code;

    /// <summary>The organisation's name in the reader's language, else the code (an account of an organisation since removed).</summary>
    public string Organisation(string code, TextLanguage language) =>
        protocol.Organisations.FirstOrDefault(o => o.Code.Value == code)?.Name.For(language.Tag()) ?? code;

    public string Criterion(string code, TextLanguage language) =>
        protocol.Eligibility.FirstOrDefault(e => e.Code == code)?.Text.For(language.Tag()) ?? code;

    /// <summary>The baseline form's label of a coded answer (e.g. severity "severe"), else the code.</summary>
    public string BaselineCode(string field, string code, TextLanguage language) =>
        protocol.Baseline.Field(field)?.Codes.FirstOrDefault(c => c.Code == code)?.Label.For(language.Tag()) ?? code;

    /// <summary>"2:1 (11.10.2013–01.02.2014)": the ratio and dates, which say more to staff than the period's code.</summary>
    public string Period(string code, TextLanguage language)
    {
        var period = protocol.Periods.FirstOrDefault(p => p.Code.Value == code);
        if (period is null)
        {
            return code;
        }
        var culture = language.Culture();
        var to = period.To is { } end ? end.ToString("d", culture) : "…";
        return $"{string.Join(":", period.Ratio.Weights.Select(w => w.Weight))} ({period.From.ToString("d", culture)}–{to})";
    }
}
