# The dynpmnn command in a container, for sweeps run as Kubernetes Indexed Jobs (docs/sweep-spec.md, "Kubernetes").
# It copies a self-contained single-file build made beforehand, so the image runs exactly the program that was built
# (and tested) from this checkout, with the same program version in its trial ids:
#
#   dotnet publish src/DynPmnn.Cli -c Release -r linux-x64 --self-contained -p:PublishSingleFile=true -o publish/linux-x64
#   docker build -t registry.example/dynpmnn:0.1.0 .
FROM mcr.microsoft.com/dotnet/runtime-deps:10.0

# The program's own name is DynPmnn.Cli; users and the generated Job call it dynpmnn.
COPY publish/linux-x64/DynPmnn.Cli /usr/local/bin/dynpmnn

# No USER here: the pods write the shared volume, whose owner differs between clusters; set runAsUser and fsGroup in
# the Job's securityContext to match it.
WORKDIR /sweep
ENTRYPOINT ["/usr/local/bin/dynpmnn"]
CMD ["--help"]
