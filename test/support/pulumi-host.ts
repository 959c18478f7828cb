// Drives the real @pulumi/pulumi dynamic-provider host over gRPC the way the Pulumi engine does, for fast tests of
// single handlers (the end-to-end tests run the real Pulumi CLI instead): one import for host-client.ts (the gRPC
// client), properties.ts (the engine's property encoding) and host-workdir.ts (the host's program directory).
export {
  SECRET_SIG,
  SECRET_SIG_KEY,
  UNKNOWN,
  annotateSecrets,
  isSecret,
  makeUrn,
  secret,
  stripSecrets,
  unwrappedPaths,
  type PropertyMap,
  type SecretValue,
} from "./properties";
export {
  HostError,
  startDynamicProviderHost,
  type CheckResult,
  type DiffResult,
  type HostHandle,
  type HostLog,
  type HostOptions,
  type InitFailure,
  type LogSource,
  type Protocol,
  type ReadResult,
} from "./host-client";
export { createHostWorkdir, type HostWorkdir } from "./host-workdir";
