/**
 * Entry point that the extension host loads (`extensionTestsPath`): runs
 * every `*.test.js` beside it with mocha. The report goes to the file that
 * `KB_E2E_REPORT` names (a browser-hosted workbench does not forward the
 * extension host's console), else to the console; it ends with a
 * `N passed, N failed` line.
 */
import { appendFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

const { EVENT_SUITE_BEGIN, EVENT_TEST_PASS, EVENT_TEST_FAIL, EVENT_TEST_PENDING, EVENT_RUN_END } = Mocha.Runner.constants;

/** A spec-like reporter that writes through `write`. */
class LineReporter extends Mocha.reporters.Base {
  constructor(runner: Mocha.Runner, options: Mocha.MochaOptions) {
    super(runner, options);
    const file = process.env.KB_E2E_REPORT;
    const write = (line: string): void => (file ? appendFileSync(file, `${line}\n`) : console.log(line));
    const failures: Array<{ title: string; error: Error }> = [];
    let passed = 0;
    runner.on(EVENT_SUITE_BEGIN, (suite: Mocha.Suite) => {
      if (suite.title) write(`\n${suite.fullTitle()}`);
    });
    runner.on(EVENT_TEST_PASS, (test: Mocha.Test) => {
      passed++;
      write(`  ok   ${test.title} (${test.duration ?? 0} ms)`);
    });
    runner.on(EVENT_TEST_PENDING, (test: Mocha.Test) => write(`  skip ${test.title}`));
    runner.on(EVENT_TEST_FAIL, (test: Mocha.Test, error: Error) => {
      failures.push({ title: test.fullTitle(), error });
      write(`  FAIL ${test.title}`);
    });
    runner.once(EVENT_RUN_END, () => {
      for (const [index, { title, error }] of failures.entries()) write(`\n${index + 1}) ${title}\n${error.stack ?? error.message}`);
      write(`\n${passed} passed, ${failures.length} failed`);
    });
  }
}

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', reporter: LineReporter, color: false, timeout: Number(process.env.KB_E2E_TEST_TIMEOUT ?? 30_000) });
  for (const name of readdirSync(__dirname).filter((file) => file.endsWith('.test.js')).sort()) mocha.addFile(join(__dirname, name));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} in-editor tests failed`)) : resolve()));
  });
}
