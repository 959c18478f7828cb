// BackupStrategy: the scheduled-backup strategy of an OCP cluster or tenant (ocp.ts), of an OceanBase Cloud instance
// (oceanbase-cloud.ts) or of a TaurusDB instance (huawei-taurusdb.ts). This file dispatches on the platform (from the
// arguments, or from the self-describing id); the arguments are in args.ts and cloud-args.ts, the diff rules in
// diff.ts and cloud-diff.ts. The runtime (runtime.ts) loads this module and uses `handlers`.
import { checkArgs } from "./args";
import { diffStrategy } from "./diff";
import { parseStrategyRef, type StrategyRef } from "./id";
import { createOcpStrategy, deleteOcpStrategy, readOcpStrategy, updateOcpStrategy } from "./ocp";
import { createObCloudStrategy, deleteObCloudStrategy, readObCloudStrategy, updateObCloudStrategy } from "./oceanbase-cloud";
import { createTaurusDbStrategy, deleteTaurusDbStrategy, readTaurusDbStrategy, updateTaurusDbStrategy } from "./huawei-taurusdb";
import { parseCloudArgs, type ObCloudStrategyArgs, type TaurusDbStrategyArgs } from "./cloud-args";
import { platformIn } from "./args";
import type { ResourceHandlers } from "../types";

/** The id's platform must be the arguments' (diff replaces on a change of platform, so it always is). */
function samePlatform(ref: StrategyRef, platform: string | undefined): void {
  if (ref.platform !== platform) throw new Error(`BackupStrategy is on ${ref.platform}, not ${platform ?? "an unknown platform"}: changing the platform replaces it`);
}

export const handlers: ResourceHandlers = {
  check: async (_olds, news) => checkArgs(news),

  diff: async (_id, olds, news) => diffStrategy(olds, news),

  async create(inputs, ctx) {
    const platform = platformIn(inputs);
    if (platform === "oceanbase-cloud") return createObCloudStrategy(parseCloudArgs(platform, inputs) as ObCloudStrategyArgs, ctx);
    if (platform === "huawei-taurusdb") return createTaurusDbStrategy(parseCloudArgs(platform, inputs) as TaurusDbStrategyArgs, ctx);
    return createOcpStrategy(inputs, ctx);
  },

  async read(id, props, ctx) {
    const ref = parseStrategyRef(id);
    if (ref.platform === "oceanbase-cloud") return readObCloudStrategy(ref, props, ctx);
    if (ref.platform === "huawei-taurusdb") return readTaurusDbStrategy(ref, props, ctx);
    return readOcpStrategy(id, props, ctx);
  },

  async update(id, olds, news, ctx) {
    const ref = parseStrategyRef(id);
    samePlatform(ref, platformIn(news));
    if (ref.platform === "oceanbase-cloud") return updateObCloudStrategy(ref, olds, parseCloudArgs(ref.platform, news) as ObCloudStrategyArgs, ctx);
    if (ref.platform === "huawei-taurusdb") return updateTaurusDbStrategy(ref, olds, parseCloudArgs(ref.platform, news) as TaurusDbStrategyArgs, ctx);
    return updateOcpStrategy(id, olds, news, ctx);
  },

  async delete(id, props, ctx) {
    const ref = parseStrategyRef(id);
    if (ref.platform === "oceanbase-cloud") return deleteObCloudStrategy(ref, props, ctx);
    if (ref.platform === "huawei-taurusdb") return deleteTaurusDbStrategy(ref, props, ctx);
    return deleteOcpStrategy(id, props, ctx);
  },
};
