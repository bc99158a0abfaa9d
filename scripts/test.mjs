#!/usr/bin/env node
// `npm test`: runs every test suite this machine can run and says what it skipped.
//
//   node scripts/test.mjs [--only <suite>]... [vitest args...] [-- vitest args...]
//
// Suites: unit and integration run directly, and so does fuzz (coverage-guided, bounded in
// time); package packs the desktop app with
// electron-builder against a stand-in Electron (offline) and checks what it holds;
// lan, interop and e2e each run inside a fresh lab sandbox (test/lab/sandbox.sh: private network, mount and PID namespaces),
// which needs root. A suite whose prerequisites are missing is SKIPPED, or FAILED when
// PIGEON_REQUIRE_ALL=1 (CI). Ends with a summary table; exits non-zero on any failure.
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { delimiter, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const VITEST = join(ROOT, 'node_modules', 'vitest', 'vitest.mjs');
const SANDBOX = join(ROOT, 'test', 'lab', 'sandbox.sh');
const BUILD = join(ROOT, 'scripts', 'build.mjs');
const CHROMIUM = process.env.PIGEON_CHROMIUM ?? '/usr/bin/chromium';
const REQUIRE_ALL = process.env.PIGEON_REQUIRE_ALL === '1';
const SUITE_TIMEOUT_MS = Number(process.env.PIGEON_SUITE_TIMEOUT_MIN ?? 30) * 60_000;

const SUITES = [
  { name: 'unit+integration', projects: ['unit', 'integration'], sandbox: false, needs: [] },
  // Coverage-guided fuzzing, PIGEON_FUZZ_SECONDS (20) per target: about two minutes.
  { name: 'fuzz', projects: ['fuzz'], sandbox: false, needs: [] },
  { name: 'package', projects: ['package'], sandbox: false, needs: [], packs: true },
  { name: 'lan', projects: ['lan'], sandbox: true, needs: [] },
  {
    name: 'interop',
    projects: ['interop'],
    sandbox: true,
    needs: ['iptux', 'Xvfb', 'xdotool', 'xclip', 'import', 'dbus-run-session', 'tcpdump'],
  },
  { name: 'e2e', projects: ['e2e'], sandbox: true, needs: [CHROMIUM], build: true },
];

function usage() {
  console.log(`usage: node scripts/test.mjs [--only <suite>]... [vitest args] [-- vitest args]
suites: unit, integration, fuzz, package, lan, interop, e2e
env: PIGEON_REQUIRE_ALL=1 (missing prerequisites fail), PIGEON_SUITE_TIMEOUT_MIN (default 30),
     PIGEON_FUZZ_SECONDS (per fuzz target, default 20)`);
}

function parseArgs(argv) {
  const only = [];
  const passThrough = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--') {
      passThrough.push(...argv.slice(i + 1));
      break;
    } else if (arg === '--only') {
      only.push(argv[(i += 1)]);
    } else if (arg.startsWith('--only=')) {
      only.push(arg.slice('--only='.length));
    } else if (arg === '--help' || arg === '-h') {
      usage();
      process.exit(0);
    } else {
      passThrough.push(arg);
    }
  }
  const known = [
    'unit',
    'integration',
    'unit+integration',
    'fuzz',
    'package',
    'lan',
    'interop',
    'e2e',
  ];
  for (const name of only) {
    if (!known.includes(name)) {
      console.error(`unknown suite '${name}'`);
      usage();
      process.exit(2);
    }
  }
  return { only, passThrough };
}

/** The suites to run, with --only unit / --only integration narrowing the first one. */
function selectSuites(only) {
  if (only.length === 0) return SUITES;
  return SUITES.flatMap((suite) => {
    if (suite.sandbox || suite.packs) return only.includes(suite.name) ? [suite] : [];
    const projects = only.includes('unit+integration')
      ? suite.projects
      : suite.projects.filter((p) => only.includes(p));
    return projects.length ? [{ ...suite, name: projects.join('+'), projects }] : [];
  });
}

function onPath(command) {
  const candidates = command.includes('/')
    ? [command]
    : (process.env.PATH ?? '')
        .split(delimiter)
        .concat(['/usr/sbin', '/sbin'])
        .map((d) => join(d, command));
  return candidates.some((file) => {
    try {
      accessSync(file, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

let sandboxProbe;
/** Why a sandbox cannot be made here, or '' when it can (checked once, for real). */
function sandboxProblem() {
  if (sandboxProbe !== undefined) return sandboxProbe;
  const missing = ['unshare', 'ip'].filter((tool) => !onPath(tool));
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    sandboxProbe = `needs root and iproute2 (not root${missing.length ? `; missing ${missing.join(', ')}` : ''})`;
  } else if (missing.length) {
    sandboxProbe = `needs root and iproute2 (missing ${missing.join(', ')})`;
  } else {
    const probe = spawnSync('bash', [SANDBOX, 'ip', 'link', 'show', 'lo'], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    sandboxProbe =
      probe.status === 0
        ? ''
        : `cannot create network namespaces (${(probe.stderr || probe.error?.message || 'sandbox failed').trim()})`;
  }
  return sandboxProbe;
}

/** Why electron-builder cannot pack here, or '' when it can. */
function packagingProblem() {
  if (!existsSync(join(ROOT, 'node_modules', 'electron-builder', 'cli.js'))) {
    return 'electron-builder is not installed (run npm ci)';
  }
  // The check packs for Linux: electron-builder can do that on Linux and macOS hosts.
  if (process.platform === 'win32') return 'packs a Linux dir build: needs a Linux or macOS host';
  return '';
}

/** Why a suite cannot run here, or '' when it can. */
function missingPrerequisites(suite) {
  if (!existsSync(VITEST)) return 'vitest is not installed (run npm ci)';
  if (suite.packs) return packagingProblem();
  if (!suite.sandbox) return '';
  const problem = sandboxProblem();
  if (problem) return problem;
  const missing = suite.needs.filter((tool) => !onPath(tool));
  if (suite.name === 'e2e' && !existsSync(join(ROOT, 'node_modules', 'playwright-core'))) {
    missing.push('playwright-core');
  }
  if (!missing.length) return '';
  const what = {
    interop: 'iptux, Xvfb, xdotool, xclip, imagemagick, dbus-x11, tcpdump',
    e2e: 'Debian chromium',
  }[suite.name];
  return `needs ${what} (missing ${missing.join(', ')})`;
}

let current; // the child running now, to pass signals on
let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    interrupted = true;
    if (current) current.kill('SIGTERM');
  });
}

/** Runs a command with inherited stdio; resolves with its exit status (timeouts fail). */
function runCommand(cmd, args, timeoutMs) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: ROOT, stdio: 'inherit', env: process.env });
    current = child;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      console.error(
        `\n${cmd} ${args.join(' ')}: no result after ${timeoutMs / 60_000} min, stopping it`,
      );
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
    }, timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      current = undefined;
      resolve({ code: 127, note: error.message });
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      current = undefined;
      resolve({
        code: code ?? 128,
        note: timedOut ? 'timed out' : signal ? `killed by ${signal}` : '',
      });
    });
  });
}

function heading(text) {
  console.log(`\n=== ${text} ${'='.repeat(Math.max(3, 72 - text.length))}`);
}

async function runSuite(suite, passThrough) {
  const problem = missingPrerequisites(suite);
  if (problem) {
    const line = `${REQUIRE_ALL ? 'FAILED' : 'SKIPPED'} ${suite.name}: ${problem}`;
    console.log(`\n${line}`);
    return { result: REQUIRE_ALL ? 'FAILED' : 'SKIPPED', note: problem };
  }
  if (suite.build && existsSync(BUILD)) {
    heading(`build for ${suite.name}: node scripts/build.mjs`);
    const built = await runCommand(process.execPath, [BUILD], SUITE_TIMEOUT_MS);
    if (built.code !== 0) return { result: 'FAILED', note: `build failed ${built.note}`.trim() };
  }
  // A JSON report beside the console one, for the counts in the closing line.
  const report = join(ROOT, 'test-results', `vitest-${suite.name.replace(/\W+/g, '-')}.json`);
  mkdirSync(dirname(report), { recursive: true });
  rmSync(report, { force: true });
  const vitestArgs = [
    VITEST,
    'run',
    ...suite.projects.flatMap((p) => ['--project', p]),
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
  ];
  // A filter may leave a suite without matching files: that is not a failure then.
  if (passThrough.length) vitestArgs.push('--passWithNoTests', ...passThrough);
  heading(`${suite.name}${suite.sandbox ? ' (in a lab sandbox)' : ''}`);
  const [cmd, args] = suite.sandbox
    ? ['bash', [SANDBOX, process.execPath, ...vitestArgs]]
    : [process.execPath, vitestArgs];
  const { code, note } = await runCommand(cmd, args, SUITE_TIMEOUT_MS);
  return {
    result: code === 0 ? 'passed' : 'FAILED',
    note: note || (code === 0 ? '' : `exit ${code}`),
    counts: readCounts(report),
  };
}

/** Passed/failed/skipped test counts from vitest's JSON report (zeros if it wrote none). */
function readCounts(file) {
  try {
    const json = JSON.parse(readFileSync(file, 'utf8'));
    return {
      passed: json.numPassedTests ?? 0,
      failed: json.numFailedTests ?? 0,
      skipped: (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0),
      failures: failedNames(json),
    };
  } catch {
    return { passed: 0, failed: 0, skipped: 0, failures: [] };
  }
}

/** "file > test" for each failed test, with the first line of its message: CI shows only
 *  the tail of the log, so the summary must name what failed. */
function failedNames(json) {
  const names = [];
  for (const file of json.testResults ?? []) {
    const path = relative(process.cwd(), String(file.name ?? ''));
    for (const test of file.assertionResults ?? []) {
      if (test.status !== 'failed') continue;
      const why = String(test.failureMessages?.[0] ?? '')
        .split('\n')[0]
        .slice(0, 200);
      names.push(`${path} > ${test.fullName ?? test.title}: ${why}`);
    }
    if ((file.assertionResults ?? []).length === 0 && file.status === 'failed') {
      names.push(
        `${path}: ${String(file.message ?? 'failed to run')
          .split('\n')[0]
          .slice(0, 200)}`,
      );
    }
  }
  return names;
}

function printSummary(rows) {
  heading('summary');
  const width = Math.max(...rows.map((r) => r.name.length), 5);
  console.log(`${'suite'.padEnd(width)}  ${'result'.padEnd(7)}  ${'seconds'.padStart(7)}  note`);
  for (const row of rows) {
    const seconds = row.result === 'SKIPPED' ? '-' : row.seconds.toFixed(1);
    console.log(
      `${row.name.padEnd(width)}  ${row.result.padEnd(7)}  ${seconds.padStart(7)}  ${row.note}`,
    );
  }
}

async function main() {
  const { only, passThrough } = parseArgs(process.argv.slice(2));
  const rows = [];
  for (const suite of selectSuites(only)) {
    if (interrupted) {
      rows.push({ name: suite.name, result: 'FAILED', seconds: 0, note: 'not run: interrupted' });
      continue;
    }
    const started = Date.now();
    const { result, note, counts } = await runSuite(suite, passThrough);
    rows.push({ name: suite.name, result, note, counts, seconds: (Date.now() - started) / 1000 });
  }
  printSummary(rows);
  const total = { passed: 0, failed: 0, skipped: 0 };
  for (const row of rows) {
    for (const key of Object.keys(total)) total[key] += row.counts?.[key] ?? 0;
  }
  const skippedSuites = rows.filter((r) => r.result === 'SKIPPED').length;
  console.log(`\ntests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
  if (skippedSuites > 0) console.log(`(${skippedSuites} suite(s) skipped: see the table above)`);
  const failures = rows.flatMap((r) => (r.counts?.failures ?? []).map((f) => `  ${r.name}: ${f}`));
  if (failures.length > 0) console.log(`\nfailed tests:\n${failures.join('\n')}`);
  const failed = interrupted || rows.some((r) => r.result === 'FAILED');
  process.exit(failed ? 1 : 0);
}

await main();
