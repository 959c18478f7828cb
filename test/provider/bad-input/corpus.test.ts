// The bad-input corpus (corpus.ts): every case refused before any request, with its property path and reason.
// Resources go through the real dynamic-provider host's check, as the engine calls it for a program's inputs; the
// functions are called as a program calls them, configured for the same emulator. One host and one emulator for the
// whole file; the emulator's request log shows that nothing was sent.
import { getBackupSets, getRestoreWindows } from "../../../provider/index";
import { InvalidArgumentsError } from "../../../provider/functions/arguments";
import type { ResourceKind } from "../../../provider/types";
import { useProviderHost } from "../../support/provider-host";
import { programStackConfig, setProgramConfig, withoutSettingsEnvironment } from "../../support/program-config";
import { rejection } from "../../support/rejection";
import { baseline, CORPUS, SUBJECTS, type BadInput, type Subject } from "./corpus";

/** The least number of cases each subject must have, and the least in all (issue 10). */
const PER_SUBJECT = 10;
const TOTAL = 150;

const FUNCTIONS = { getBackupSets, getRestoreWindows } as const;
type FunctionName = keyof typeof FUNCTIONS;

function split(subject: Subject): { what: string; platform: string } {
  const [what = "", platform = ""] = subject.split("/");
  return { what, platform };
}

const isFunction = (what: string): what is FunctionName => what in FUNCTIONS;

describe("the bad-input corpus", () => {
  withoutSettingsEnvironment();
  const h = useProviderHost({ resetBeforeEach: false });
  beforeAll(() => setProgramConfig(programStackConfig(h.url)));

  /** The failures of one case: the resource's check through the host, or the function's refusal. */
  async function failuresOf(subject: Subject, inputs: Record<string, unknown>): Promise<{ property: string; reason: string }[]> {
    const { what } = split(subject);
    if (isFunction(what)) {
      const e = await rejection(FUNCTIONS[what](inputs as never));
      if (!(e instanceof InvalidArgumentsError)) throw e;
      return e.failures.map(({ property, reason }) => ({ property, reason }));
    }
    const kind = what as ResourceKind;
    return (await h.resource(kind).check(await h.programInputs(kind, inputs))).failures;
  }

  test(`holds at least ${TOTAL} cases, at least ${PER_SUBJECT} for every resource on every platform and every function`, () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(TOTAL);
    for (const subject of SUBJECTS) expect([subject, CORPUS.filter((c) => c.subject === subject).length >= PER_SUBJECT]).toEqual([subject, true]);
    const names = CORPUS.map((c) => `${c.subject} ${c.name}`);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
  });

  test.each(SUBJECTS.map((s) => [s]))("the baseline of %s passes, so each case fails for its own rule", async (subject) => {
    const { what } = split(subject);
    if (isFunction(what)) {
      await expect(FUNCTIONS[what](baseline(subject) as never)).resolves.toBeDefined();
      return;
    }
    const kind = what as ResourceKind;
    const r = await h.resource(kind).check(await h.programInputs(kind, baseline(subject)));
    expect(r.failures).toEqual([]);
  });

  // The log's last entry seen: a case that sent something moves it on, so the next case is judged on its own requests.
  let mark: number | undefined;
  const cases = CORPUS.map((c): [string, BadInput] => [`${c.subject}: ${c.name}`, c]);
  test.each(cases)("%s: refused at check, nothing sent", async (_title, c) => {
    mark ??= await h.mark();
    const failures = await failuresOf(c.subject, c.inputs);
    const sent = await h.requestsSince(mark);
    mark = Math.max(mark, ...sent.map((r) => r.seq));
    expect(failures).toContainEqual({ property: c.property, reason: expect.stringMatching(c.reason) });
    expect(sent.map((r) => `${r.method} ${r.path}`)).toEqual([]);
  });
});
