using System.Text.Json;

namespace Trial.Enrollment.Features.Baseline;

/// <summary>The baseline form as a coordinator submits it.</summary>
/// <param name="RecordedOn">The day the form was filled in (yyyy-MM-dd); not before screening, not in the future.</param>
/// <param name="Values">
/// Field code → answer, for the fields of protocol.yaml's baselineForm: true/false for boolean fields, a whole number
/// for integer fields, a code (string) for coded fields, null for "not known". Fields left out are not known.
/// </param>
public sealed record BaselineRequest(string? RecordedOn, Dictionary<string, JsonElement>? Values);
