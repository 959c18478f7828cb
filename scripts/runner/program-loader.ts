// Loads a Pulumi program (TypeScript or JavaScript) into this process, as many times as the runner needs it.
//
// Choice: programs are transpiled on the fly (typescript's transpileModule, the package is a devDependency that
// `npm ci` installs) instead of being compiled by the project build. examples/ stays outside the root build, the
// program runs from its own directory as `pulumi up` would run it, and an edited program needs no rebuild. Type
// errors are not reported here (examples/tsconfig.json type-checks the examples in `npm test`).
//
// While a program is loaded, two resolution rules apply to requires made FROM program files (not to node_modules):
// - "pulumi-dbbackup" and its exported subpaths resolve, through package.json's "exports", into the compiled root
//   this runner runs from (dist/ or a .dev/ build), as if the package were installed;
// - "@pulumi/pulumi" (and subpaths) resolve to the copy the runner uses, so the program's resources register with
//   the runner's mocks even when the program directory has a node_modules of its own (or none at all).
import * as fs from "node:fs";
import Module, { createRequire } from "node:module";
import * as path from "node:path";
import { COMPILED_ROOT } from "./host-workdir";
import { ProjectError } from "./project";
import { REPO_ROOT } from "./pulumi-modules";

const PACKAGE_NAME = "pulumi-dbbackup";

interface CompilableModule {
  filename: string;
  _compile(code: string, filename: string): void;
}
type ExtensionHandler = (module: CompilableModule, filename: string) => void;
interface ModuleInternals {
  _resolveFilename(request: string, parent: { filename?: string | null } | undefined, ...rest: unknown[]): string;
  _extensions: Record<string, ExtensionHandler | undefined>;
}
const internals = Module as unknown as ModuleInternals;

interface TypeScriptApi {
  transpileModule(
    input: string,
    opts: { compilerOptions: Record<string, unknown>; fileName: string; reportDiagnostics?: boolean },
  ): { outputText: string };
  ModuleKind: { CommonJS: number };
  ScriptTarget: { ES2022: number };
}

let typescript: TypeScriptApi | undefined;
function loadTypeScript(): TypeScriptApi {
  if (typescript !== undefined) return typescript;
  try {
    typescript = createRequire(require.resolve("typescript", { paths: [REPO_ROOT, __dirname] }))("typescript") as TypeScriptApi;
    return typescript;
  } catch {
    throw new ProjectError("the program is TypeScript and the typescript package is not installed: run `npm ci` (it installs the devDependencies)");
  }
}

/** package.json "exports" of pulumi-dbbackup: subpath ("." or "./sdk") → file in the compiled root. */
function packageExports(compiledRoot: string): Map<string, string> {
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { exports?: Record<string, unknown> };
  const out = new Map<string, string>();
  for (const [subpath, target] of Object.entries(pkg.exports ?? {})) {
    const file = typeof target === "string" ? target : (target as { default?: unknown; require?: unknown }).require ?? (target as { default?: unknown }).default;
    if (typeof file !== "string") continue;
    const rel = file.replace(/^\.\//, "");
    out.set(subpath, rel.startsWith("dist/") ? path.join(compiledRoot, rel.slice("dist/".length)) : path.join(REPO_ROOT, rel));
  }
  return out;
}

/** The file a program's index is in: package.json "main", index.ts or index.js of a directory, or the file itself. */
export function programEntry(main: string): string {
  if (fs.statSync(main).isFile()) return main;
  const pkgFile = path.join(main, "package.json");
  if (fs.existsSync(pkgFile)) {
    const pkgMain = (JSON.parse(fs.readFileSync(pkgFile, "utf8")) as { main?: unknown }).main;
    if (typeof pkgMain === "string") return path.resolve(main, pkgMain);
  }
  for (const name of ["index.ts", "index.js"]) {
    const file = path.join(main, name);
    if (fs.existsSync(file)) return file;
  }
  throw new ProjectError(`the program directory ${main} has no index.ts or index.js`);
}

export interface LoadedProgram {
  /** The program module's exports (the stack outputs, or a function returning them). */
  exports: unknown;
}

export class ProgramLoader {
  private readonly root: string;
  private readonly exportsMap: Map<string, string>;
  private uninstall: (() => void) | undefined;

  constructor(
    readonly entry: string,
    compiledRoot: string = COMPILED_ROOT,
  ) {
    this.root = path.dirname(entry);
    this.exportsMap = packageExports(compiledRoot);
  }

  private isProgramFile(file: string | null | undefined): boolean {
    if (typeof file !== "string") return false;
    const rel = path.relative(this.root, file);
    return rel !== "" && !rel.startsWith("..") && !path.isAbsolute(rel) && !rel.split(path.sep).includes("node_modules");
  }

  private mapRequest(request: string): string | undefined {
    if (request === PACKAGE_NAME || request.startsWith(`${PACKAGE_NAME}/`)) {
      const subpath = request === PACKAGE_NAME ? "." : `.${request.slice(PACKAGE_NAME.length)}`;
      const file = this.exportsMap.get(subpath);
      if (file === undefined) throw new ProjectError(`"${request}" is not exported by ${PACKAGE_NAME} (its exports: ${[...this.exportsMap.keys()].join(", ")})`);
      return file;
    }
    if (request === "@pulumi/pulumi" || request.startsWith("@pulumi/pulumi/")) return require.resolve(request, { paths: [REPO_ROOT] });
    return undefined;
  }

  /** Installs the resolution and .ts hooks (idempotent). */
  install(): void {
    if (this.uninstall !== undefined) return;
    const originalResolve = internals._resolveFilename;
    const originalTs = internals._extensions[".ts"];
    const fromProgram = (parent: { filename?: string | null } | undefined): boolean => this.isProgramFile(parent?.filename);
    const mapRequest = (request: string): string | undefined => this.mapRequest(request);
    internals._resolveFilename = function (this: unknown, request, parent, ...rest) {
      if (fromProgram(parent)) {
        const mapped = mapRequest(request);
        if (mapped !== undefined) return mapped;
      }
      return originalResolve.call(this, request, parent, ...rest);
    };
    internals._extensions[".ts"] = (module, filename) => {
      const ts = loadTypeScript();
      const source = fs.readFileSync(filename, "utf8");
      const { outputText } = ts.transpileModule(source, {
        fileName: filename,
        compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, inlineSourceMap: true, inlineSources: true },
      });
      module._compile(outputText, filename);
    };
    // Stack traces of program errors then point at the .ts lines.
    process.setSourceMapsEnabled(true);
    this.uninstall = () => {
      internals._resolveFilename = originalResolve;
      if (originalTs === undefined) delete internals._extensions[".ts"];
      else internals._extensions[".ts"] = originalTs;
    };
  }

  /** Runs the program's module body afresh (program files are dropped from the require cache first). */
  load(): LoadedProgram {
    this.install();
    this.forget();
    const exports = createRequire(this.entry)(this.entry) as unknown;
    return { exports };
  }

  /** Drops the program's own modules from the require cache, so the next load() runs them again. */
  forget(): void {
    for (const file of Object.keys(require.cache)) if (this.isProgramFile(file)) delete require.cache[file];
  }

  dispose(): void {
    this.forget();
    this.uninstall?.();
    this.uninstall = undefined;
  }
}
