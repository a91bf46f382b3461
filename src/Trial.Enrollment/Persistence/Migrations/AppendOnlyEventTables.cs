using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Trial.Enrollment.Persistence.Migrations;

/// <summary>Withdrawals and randomisations become append-only (only the mistaken mark may be set, once).</summary>
[DbContext(typeof(TrialDbContext))]
[Migration("20261130191500_AppendOnlyEventTables")]
public sealed class AppendOnlyEventTables : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(AppendOnlyTriggers.PostgresEventTables);
}
