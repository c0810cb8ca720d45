using Fluvio.Broker.SmartModules;

namespace Fluvio.Broker.Core;

internal sealed partial class BrokerCore
{
    /// <summary>The SmartModule runtime and the stored modules; both doors' streams start their chains here.</summary>
    public SmartModuleEngine SmartModules { get; init; } = new(new SmartModuleLimits(), new SmartModuleStore(null));
}
