using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Trial.Enrollment.Persistence.Migrations;

/// <summary>Randomisations record how they were made (service or paper); paper ones have no slot or seed.</summary>
[DbContext(typeof(TrialDbContext))]
[Migration("20261130190000_PaperAllocation")]
public sealed class PaperAllocation : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(MigrationScripts.Read("0002_paper_allocation.sql"));
}
