// What the CLI prints at start: the emulator's public demo credentials and fixtures, so a developer can point
// a program at it. Kept static here (not imported from the families) so the CLI stays a thin shell; the
// families' seed() is the authority if the two ever disagree.
export const fixturesSummary: readonly string[] = [
  "OceanBase Cloud  Digest AK/SK emulator-ak / emulator-sk, project emulator-project;",
  "                 instances obcluster-demo (tenant t-demo, database shop: orders, items, customers) and obcluster-drill",
  "OCP              AK/SK emulator-ocp-ak / emulator-ocp-sk or Basic admin / emulator; cluster 1000005, tenant 1002",
  "Huawei TaurusDB  AK/SK EMULATORAK0000000000 / emulator-huawei-sk, project 0483b6b16e954cb88930a360d2c4e663,",
  "                 instance d8e6ca5a624745bcb546a227aa3ae1cfin01",
  "Control API      /__emulator/ (reset, objects, requests, faults, clock, durations)",
];
