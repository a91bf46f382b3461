using System.Net.Http.Json;

namespace Trial.Enrollment.Tests.Hosting;

/// <summary>Baseline forms as a coordinator submits them (PUT /api/participants/{id}/baseline).</summary>
internal static class BaselineForms
{
    public static readonly Dictionary<string, object?> Complete = new()
    {
        ["born_norway"] = true,
        ["civil_status"] = "divorced",
        ["education"] = "upper-secondary",
        ["reading_writing_difficulties"] = false,
        ["years_mental_complaints"] = 12,
        ["involuntary_admission"] = true,
        ["mini_diagnosis"] = "bipolar",
        ["severity"] = "severe",
        ["return_to_work_expectation"] = "within-weeks",
    };

    public static Dictionary<string, object?> With(string field, object? value) => new(Complete) { [field] = value };

    public static Task<HttpResponseMessage> PutAsync(HttpClient client, Guid id, IReadOnlyDictionary<string, object?> values, string recordedOn = "2014-03-02") =>
        client.PutAsJsonAsync($"/api/participants/{id}/baseline", new { recordedOn, values });
}
