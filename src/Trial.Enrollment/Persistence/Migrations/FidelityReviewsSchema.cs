using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Trial.Enrollment.Persistence.Migrations;

/// <summary>PostgreSQL tables of the fidelity review workflow.</summary>
[DbContext(typeof(TrialDbContext))]
[Migration("20261130200000_FidelityReviewsSchema")]
public sealed class FidelityReviewsSchema : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(MigrationScripts.Read("0003_fidelity_reviews.sql"));
}
