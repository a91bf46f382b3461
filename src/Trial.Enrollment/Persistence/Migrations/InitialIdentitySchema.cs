using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Trial.Enrollment.Persistence.Migrations;

/// <summary>PostgreSQL identity store in its own schema.</summary>
[DbContext(typeof(IdentityStoreContext))]
[Migration("20261123150001_InitialIdentitySchema")]
public sealed class InitialIdentitySchema : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(MigrationScripts.Read("0001_identity.sql"));
}
