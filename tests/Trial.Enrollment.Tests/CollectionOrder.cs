using Trial.TestServers;

// The browser collections (several classes on one service and one Chromium) first: they are this assembly's longest
// serial stretches, see SharedFixtureCollectionsFirst.
[assembly: TestCollectionOrderer(SharedFixtureCollectionsFirst.TypeName, SharedFixtureCollectionsFirst.AssemblyName)]
