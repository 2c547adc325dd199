import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { Engine, type Finding, isInside, type KbFileSystem, type KnowledgeBase, RULE_METADATA, severityRank } from '../core/index.js';
import { NodeFileSystem, toKbPath } from '../node/node-file-system.js';
import { formatFindings, type OutputFormat, OUTPUT_FORMATS, type ReportedFinding } from './formats.js';

/** Streams and environment the CLI runs with; injected so tests run it in-process. */
export interface CliEnvironment {
  readonly argv: readonly string[];
  readonly cwd: string;
  readonly stdout: { write(text: string): unknown; isTTY?: boolean };
  readonly stderr: { write(text: string): unknown; isTTY?: boolean };
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Folder of the KB bundled with the tool. */
  readonly bundledRoot?: string;
  readonly fs?: KbFileSystem;
  readonly today?: () => Date;
}

/** Exit codes: the contract for CI scripts. */
export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

const USAGE = `Usage: kb-lint [options] [paths...]

Checks the articles and scenario files of the knowledge base(s) at the given
paths (default: the current folder) and prints the findings.

Options:
  -f, --format <name>   Output format: ${OUTPUT_FORMATS.join(', ')} (default: stylish)
      --list-rules      Print the rules with their default severity and exit
  -h, --help            Print this help and exit
  -v, --version         Print the version and exit

Exit codes: 0 no errors, 1 errors found, 2 the tool could not run.
`;

/**
 * Runs `kb-lint` and resolves to its exit code. Never throws: a failure to
 * run is printed to stderr with exit code 2.
 */
export async function main(environment: CliEnvironment): Promise<number> {
  try {
    return await run(environment);
  } catch (error) {
    environment.stderr.write(`kb-lint: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT_USAGE;
  }
}

async function run(environment: CliEnvironment): Promise<number> {
  const { stdout, stderr } = environment;
  let parsed;
  try {
    parsed = parseArgs({
      args: [...environment.argv],
      allowPositionals: true,
      options: {
        format: { type: 'string', short: 'f', default: 'stylish' },
        'list-rules': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    stderr.write(`kb-lint: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    stdout.write(USAGE);
    return EXIT_OK;
  }
  if (values.version) {
    stdout.write(`${await toolVersion()}\n`);
    return EXIT_OK;
  }
  if (values['list-rules']) {
    for (const rule of RULE_METADATA) stdout.write(`${rule.id.padEnd(28)} ${rule.defaultSeverity.padEnd(8)} ${rule.description}\n`);
    return EXIT_OK;
  }
  const format = values.format as OutputFormat;
  if (!OUTPUT_FORMATS.includes(format)) {
    stderr.write(`kb-lint: unknown format "${values.format}"; expected one of ${OUTPUT_FORMATS.join(', ')}.\n`);
    return EXIT_USAGE;
  }

  const fileSystem = environment.fs ?? new NodeFileSystem();
  const engine = new Engine({ fs: fileSystem, ...(environment.bundledRoot ? { bundledRoot: toKbPath(environment.bundledRoot) } : {}), ...(environment.today ? { today: environment.today } : {}) });
  const targets = positionals.length > 0 ? positionals : ['.'];
  const findings: ReportedFinding[] = [];
  for (const target of targets) {
    const native = path.resolve(environment.cwd, target);
    const stat = await fs.stat(native).catch(() => undefined);
    if (stat === undefined) {
      stderr.write(`kb-lint: no such file or folder: ${target}\n`);
      return EXIT_USAGE;
    }
    const targetPath = toKbPath(native);
    for (const kb of await kbsFor(engine, targetPath, stat.isDirectory())) {
      for (const [file, fileFindings] of engine.checkAll(kb)) {
        if (!isInside(file, targetPath)) continue;
        for (const finding of fileFindings) findings.push(toReported(finding, environment.cwd, kb));
      }
    }
  }
  const unique = dedupe(findings).sort(compareReported);
  stdout.write(formatFindings(unique, format, { color: stdout.isTTY === true && environment.env.NO_COLOR === undefined }));
  return unique.some((finding) => finding.severity === 'error') ? EXIT_FINDINGS : EXIT_OK;
}

/** The KBs to check for a path: the enclosing KB, else the KBs below it, else the folder itself with defaults. */
async function kbsFor(engine: Engine, target: string, isDirectory: boolean): Promise<KnowledgeBase[]> {
  const enclosing = await engine.findEnclosingKbRoot(isDirectory ? target : path.posix.dirname(target));
  if (enclosing !== undefined) return [await engine.openKb(enclosing)];
  const below = isDirectory ? await engine.findKbRoots(target) : [];
  if (below.length > 0) return Promise.all(below.map(async (root) => engine.openKb(root)));
  return [await engine.openKb(isDirectory ? target : path.posix.dirname(target))];
}

function toReported(finding: Finding, cwd: string, kb: KnowledgeBase): ReportedFinding {
  return {
    file: path.relative(cwd, finding.path).split(path.sep).join('/'),
    line: finding.range.start.line + 1,
    column: finding.range.start.character + 1,
    endLine: finding.range.end.line + 1,
    endColumn: finding.range.end.character + 1,
    severity: finding.severity,
    rule: finding.ruleId,
    message: finding.message,
    fixable: (finding.fixes?.length ?? 0) > 0,
    kbRoot: kb.root,
  };
}

function dedupe(findings: ReportedFinding[]): ReportedFinding[] {
  const seen = new Set<string>();
  return findings.filter((finding) => {
    const key = `${finding.file}:${finding.line}:${finding.column}:${finding.rule}:${finding.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function compareReported(a: ReportedFinding, b: ReportedFinding): number {
  return (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.column - b.column || severityRank(b.severity) - severityRank(a.severity) || a.rule.localeCompare(b.rule);
}

async function toolVersion(): Promise<string> {
  return '0.1.0';
}
