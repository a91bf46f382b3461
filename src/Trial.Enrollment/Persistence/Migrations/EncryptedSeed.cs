using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Trial.Enrollment.Persistence.Migrations;

/// <summary>The allocation seed row records which key encrypts it.</summary>
[DbContext(typeof(TrialDbContext))]
[Migration("20261130203000_EncryptedSeed")]
public sealed class EncryptedSeed : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(MigrationScripts.Read("0004_seed_key.sql"));
}
