// npm start's command line: one operation at most, the value flags, and clear refusals.
import { parseArgs, UsageError } from "../../scripts/deploy/args";

describe("npm start's arguments", () => {
  it("defaults to pulumi up on the dev stack", () => {
    expect(parseArgs([])).toEqual({ operation: "up", stack: "dev", expectNoChanges: false, help: false });
  });

  it("maps each operation flag and takes values in both spellings", () => {
    expect(parseArgs(["--preview"]).operation).toBe("preview");
    expect(parseArgs(["--refresh", "--expect-no-changes"])).toMatchObject({ operation: "refresh", expectNoChanges: true });
    expect(parseArgs(["--destroy"]).operation).toBe("destroy");
    expect(parseArgs(["--stack", "qa", "--cwd=examples/huawei-only", "--backend", "file:///tmp/x", "--program=p.js"])).toMatchObject({
      stack: "qa",
      cwd: "examples/huawei-only",
      backend: "file:///tmp/x",
      program: "p.js",
    });
  });

  it.each([
    [["--destroy", "--preview"], "--destroy and --preview cannot be used together"],
    [["--destroy", "--expect-no-changes"], "--expect-no-changes does not go with --destroy"],
    [["--stack"], "--stack needs a value"],
    [["--stack", "a/b"], '--stack "a/b": use letters, digits, "-", "_" and "."'],
    [["--preview=yes"], "--preview takes no value"],
    [["--clear-pending"], 'unknown argument "--clear-pending"'],
  ])("%j is refused: %s", (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(new UsageError(message));
  });
});
