// The repository stands alone: no source file or README cites a document outside it, and every docs/<file>.md#anchor
// cited in a comment (or a Markdown link inside docs/) names a file and a heading that exist.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { slug } from "../support/markdown";
import { REPO_ROOT } from "../../scripts/paths";

const tracked = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard"], { cwd: REPO_ROOT, encoding: "utf8" })
  .split("\n")
  .filter((f) => /\.(ts|md)$/.test(f) && fs.existsSync(path.join(REPO_ROOT, f)));


function anchorsOf(file: string): Set<string> {
  const text = fs.readFileSync(path.join(REPO_ROOT, file), "utf8");
  return new Set([...text.matchAll(/^#{1,6} (.+)$/gm)].map((m) => slug((m[1] as string).trim())));
}

describe("references inside the repository", () => {
  it("finds the files it checks", () => {
    expect(tracked.filter((f) => f.startsWith("provider/")).length).toBeGreaterThan(20);
    expect(tracked).toContain("docs/README.md");
  });

  it("no file cites the design or API notes that live outside the repository", () => {
    const outside = tracked.filter((f) => f !== "test/docs/references.test.ts" && /\b(API|API-NEXT|DESIGN)\.md\b|\.\.\/shared\//.test(fs.readFileSync(path.join(REPO_ROOT, f), "utf8")));
    expect(outside).toEqual([]);
  });

  it("every docs/<file>.md#anchor cited resolves to a heading of that file", () => {
    const broken: string[] = [];
    for (const f of tracked) {
      const text = fs.readFileSync(path.join(REPO_ROOT, f), "utf8");
      const inDocs = f.startsWith("docs/");
      const cites: (readonly [string, string | undefined])[] = [...text.matchAll(/docs\/([a-z0-9-]+\.md)(?:#([a-z0-9-]+))?/g)].map((m) => [`docs/${m[1]}`, m[2]] as const);
      // Inside docs/, Markdown links are relative: (file.md#anchor) and (#anchor).
      if (inDocs) {
        for (const m of text.matchAll(/\]\(([a-z0-9-]+\.md)?(?:#([a-z0-9-]+))?\)/g)) cites.push([m[1] === undefined ? f : `docs/${m[1]}`, m[2]]);
      }
      for (const [file, anchor] of cites) {
        if (!fs.existsSync(path.join(REPO_ROOT, file))) broken.push(`${f}: ${file} does not exist`);
        else if (anchor !== undefined && !anchorsOf(file).has(anchor)) broken.push(`${f}: ${file}#${anchor} is no heading`);
      }
    }
    expect(broken).toEqual([]);
  });
});
