using System.Text;
using Microsoft.EntityFrameworkCore;

namespace Trial.Enrollment.Persistence;

/// <summary>snake_case column names, so hand-written SQL (locks, counters) reads naturally on both providers.</summary>
internal static class SnakeCaseNames
{
    public static void Apply(ModelBuilder model)
    {
        foreach (var entity in model.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(Convert(property.Name));
            }
        }
    }

    public static string Convert(string name)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                builder.Append('_');
            }
            builder.Append(char.ToLowerInvariant(name[i]));
        }
        return builder.ToString();
    }
}
