using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Trial.Enrollment.Persistence.Migrations;

/// <summary>The baseline form's answers, one append-only row per field and submission.</summary>
[DbContext(typeof(TrialDbContext))]
[Migration("20261130220000_BaselineAnswers")]
public sealed class BaselineAnswers : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(MigrationScripts.Read("0005_baseline_answers.sql"));
}
