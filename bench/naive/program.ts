// bench/state.ts's program, run from a project directory outside the repository where pulumi-dbbackup is installed
// (bench/state.ts copies this file there as index.js, with taurus-backup.js beside it): `count` TaurusDB manual
// backups made by ours (ManualBackup on huawei-taurusdb) from the package as node resolves it from the project's
// node_modules, as many made by the naive provider (taurus-backup.ts), and, when `byValueFrom` is set, as many more
// made by ManualBackup from the package's root loaded from that path (outside any node_modules, as a program inside this
// repository loads it: its providers are captured by their text). One stack, so all are deployed by the same
// `pulumi up` and weighed in the same `pulumi stack export`. Config (project namespace): count (default 5), instanceId
// (default the emulator's fixture instance), byValueFrom (default none).
import * as pulumi from "@pulumi/pulumi";
import * as installed from "pulumi-dbbackup";
import { NaiveTaurusBackup } from "./taurus-backup";

const config = new pulumi.Config();
const count = config.getNumber("count") ?? 5;
const instanceId = config.get("instanceId") ?? "d8e6ca5a624745bcb546a227aa3ae1cfin01";
const byValueFrom = config.get("byValueFrom");
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a path known at run time only
const byValue = byValueFrom === undefined ? undefined : (require(byValueFrom) as typeof installed);

const ours: installed.ManualBackup[] = [];
const naive: NaiveTaurusBackup[] = [];
const copies: installed.ManualBackup[] = [];
for (let i = 1; i <= count; i++) {
  const description = `benchmark backup ${i}`;
  ours.push(new installed.ManualBackup(`ours-${i}`, { platform: "huawei-taurusdb", instanceId, name: `bench-ours-${i}`, description }));
  naive.push(new NaiveTaurusBackup(`naive-${i}`, { instanceId, name: `bench-naive-${i}`, description }));
  if (byValue !== undefined) {
    copies.push(new byValue.ManualBackup(`copy-${i}`, { platform: "huawei-taurusdb", instanceId, name: `bench-copy-${i}`, description }));
  }
}

export const oursStatus = ours.map((b) => b.status);
export const naiveStatus = naive.map((b) => b.status);
export const byValueStatus = copies.map((b) => b.status);
