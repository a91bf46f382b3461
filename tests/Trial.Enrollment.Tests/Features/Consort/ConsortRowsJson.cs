using System.Text.Json;

namespace Trial.Enrollment.Tests.Features.Consort;

/// <summary>Reads /api/consort's rows (stage, group, count) as the CONSORT tests check them.</summary>
internal static class ConsortRowsJson
{
    /// <summary>The count of one stage and group; 0 when the service wrote no such row.</summary>
    public static int Count(JsonElement rows, string stage, string group) =>
        rows.EnumerateArray().Where(r => r.GetProperty("stage").GetString() == stage && r.GetProperty("group").GetString() == group)
            .Select(r => r.GetProperty("count").GetInt32()).SingleOrDefault();
}
