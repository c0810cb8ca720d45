using Fluvio.Broker.Core;
using Fluvio.Broker.SmartModules;
using Fluvio.Protocol.Grpc;
using Grpc.Core;

namespace Fluvio.Broker.Services;

/// <summary>The stored SmartModules over gRPC: the same core calls as the native SC's SmartModule objects.</summary>
internal sealed class SmartModuleAdminService(BrokerCore core) : SmartModuleAdmin.SmartModuleAdminBase
{
    public override Task<SmartModuleInfo> CreateSmartModule(CreateSmartModuleRequest request, ServerCallContext context)
    {
        Guard(() => core.CreateSmartModule(request.Name, request.Wasm.Memory));
        return Task.FromResult(new SmartModuleInfo { Name = request.Name, Size = request.Wasm.Length });
    }

    public override Task<ListSmartModulesResponse> ListSmartModules(ListSmartModulesRequest request, ServerCallContext context)
    {
        var response = new ListSmartModulesResponse();
        response.Smartmodules.AddRange(core.ListSmartModules().Select(m => new SmartModuleInfo { Name = m.Name, Size = m.Size }));
        return Task.FromResult(response);
    }

    public override Task<DeleteSmartModuleResponse> DeleteSmartModule(DeleteSmartModuleRequest request, ServerCallContext context)
    {
        Guard(() => core.DeleteSmartModule(request.Name));
        return Task.FromResult(new DeleteSmartModuleResponse());
    }

    private static void Guard(Action call)
    {
        try
        {
            call();
        }
        catch (SmartModuleException e)
        {
            throw GrpcSmartModules.ToRpcException(e);
        }
    }
}
