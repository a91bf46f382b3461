using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Trial.Enrollment.Persistence.Migrations;

/// <summary>PostgreSQL research schema, generated with `trial-enrollment schema` and reviewed; plus the append-only triggers.</summary>
[DbContext(typeof(TrialDbContext))]
[Migration("20261123150000_InitialResearchSchema")]
public sealed class InitialResearchSchema : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql(MigrationScripts.Read("0001_research.sql"));
        migrationBuilder.Sql(AppendOnlyTriggers.Postgres);
    }
}
