// Drives the real @pulumi/pulumi dynamic-provider host over gRPC the way the Pulumi engine does, without the CLI.
// The implementation is production code shared with the offline runner (scripts/runner/host-client.ts,
// properties.ts, host-workdir.ts); this module keeps the API the tests were written against.
export {
  SECRET_SIG,
  SECRET_SIG_KEY,
  UNKNOWN,
  annotateSecrets,
  isSecret,
  makeUrn,
  secret,
  stripSecrets,
  type PropertyMap,
  type SecretValue,
} from "../../scripts/runner/properties";
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
} from "../../scripts/runner/host-client";
export { createHostWorkdir, type HostWorkdir } from "../../scripts/runner/host-workdir";
