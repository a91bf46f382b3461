using Xunit;
using Xunit.Abstractions;

namespace Trial.TestServers;

/// <summary>
/// Starts the test collections declared with [CollectionDefinition] (several test classes sharing one fixture, e.g. a
/// service and a Chromium, run one after another) before the one-class collections, keeping xUnit's order otherwise.
/// A collection holds one of xUnit's parallel slots until all its classes are done, so such a collection is the longest
/// serial stretch of its assembly. In xUnit's own order Trial.Enrollment.Tests' coordinator browser collection (about
/// 220 s) started at 620 s of an 847 s run and ran on at the end with the other slot idle part of the time; started
/// first, it runs beside the short classes instead. An assembly opts in with
/// [assembly: TestCollectionOrderer(SharedFixtureCollectionsFirst.TypeName, SharedFixtureCollectionsFirst.AssemblyName)].
/// </summary>
public sealed class SharedFixtureCollectionsFirst : ITestCollectionOrderer
{
    public const string TypeName = "Trial.TestServers." + nameof(SharedFixtureCollectionsFirst);

    public const string AssemblyName = "Trial.TestServers";

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderBy(collection => collection.CollectionDefinition is null ? 1 : 0);
}
