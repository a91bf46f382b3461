using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Trial.Enrollment.Persistence.Migrations;

/// <summary>PostgreSQL: security stamp, disabling and lockout for staff users; the shared data-protection key ring.</summary>
[DbContext(typeof(TrialDbContext))]
[Migration("20261130210000_AccountSecurity")]
public sealed class AccountSecurity : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(MigrationScripts.Read("0004_accounts.sql"));
}
