// bench/state.ts's program: `count` TaurusDB manual backups made by ours (ManualBackup on huawei-taurusdb) and as
// many made by the naive provider (taurus-backup.ts), in one stack, so both are deployed by the same `pulumi up` and
// weighed in the same `pulumi stack export`. Config (project namespace): count (default 5), instanceId (default the
// emulator's fixture instance).
import * as pulumi from "@pulumi/pulumi";
import { ManualBackup } from "../../provider/index";
import { NaiveTaurusBackup } from "./taurus-backup";

const config = new pulumi.Config();
const count = config.getNumber("count") ?? 5;
const instanceId = config.get("instanceId") ?? "d8e6ca5a624745bcb546a227aa3ae1cfin01";

const ours: ManualBackup[] = [];
const naive: NaiveTaurusBackup[] = [];
for (let i = 1; i <= count; i++) {
  const description = `benchmark backup ${i}`;
  ours.push(new ManualBackup(`ours-${i}`, { platform: "huawei-taurusdb", instanceId, name: `bench-ours-${i}`, description }));
  naive.push(new NaiveTaurusBackup(`naive-${i}`, { instanceId, name: `bench-naive-${i}`, description }));
}

export const oursStatus = ours.map((b) => b.status);
export const naiveStatus = naive.map((b) => b.status);
