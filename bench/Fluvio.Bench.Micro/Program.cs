using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

// Fluvio.Bench.Micro: BenchmarkDotNet over the hot paths the producer, the broker and the
// consumer run per batch or per record.
//   dotnet run -c Release --project bench/Fluvio.Bench.Micro -- --filter '*'               default job
//   dotnet run -c Release --project bench/Fluvio.Bench.Micro -- --filter '*' --job short   a few minutes
// Reports go under artifacts/benchmarks (git-ignored) unless --artifacts says otherwise, so a run
// from the repository root leaves no BenchmarkDotNet.Artifacts folder behind.
string root = RepositoryRoot(AppContext.BaseDirectory);
var config = DefaultConfig.Instance.WithArtifactsPath(Path.Combine(root, "artifacts", "benchmarks"));
BenchmarkSwitcher.FromAssembly(typeof(Fluvio.Bench.Micro.Samples).Assembly).Run(args, config);

// The program runs from artifacts/bin/Fluvio.Bench.Micro/<config>/, four folders below the repository root.
static string RepositoryRoot(string baseDirectory) =>
    Path.GetFullPath(Path.Combine(baseDirectory, "..", "..", "..", ".."));
