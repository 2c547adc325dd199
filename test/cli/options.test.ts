import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CliError } from '../../server/src/cli/cli-error.js';
import { DEFAULT_CACHE_LOCATION, parseOptions } from '../../server/src/cli/options.js';

describe('command-line options', () => {
  it('defaults to the stylish format on standard output for the current folder', () => {
    const options = parseOptions([]);
    assert.deepEqual(options.outputs, [{ format: 'stylish', file: undefined }]);
    assert.deepEqual(options.paths, ['.']);
    assert.equal(options.fix, 'off');
    assert.equal(options.cacheLocation, undefined);
  });

  it('pairs each --output-file with the --format just before it', () => {
    const options = parseOptions(['--format', 'sarif', '--output-file', 'kb.sarif', '--format', 'github', 'kb']);
    assert.deepEqual(options.outputs, [{ format: 'sarif', file: 'kb.sarif' }, { format: 'github', file: undefined }]);
    assert.deepEqual(options.paths, ['kb']);
  });

  it('applies a lone --output-file to the only format, wherever it stands', () => {
    assert.deepEqual(parseOptions(['-o', 'out.json', '-f', 'json']).outputs, [{ format: 'json', file: 'out.json' }]);
    assert.deepEqual(parseOptions(['--output-file', 'report.txt']).outputs, [{ format: 'stylish', file: 'report.txt' }]);
  });

  it('rejects an --output-file that no --format can take', () => {
    assert.throws(() => parseOptions(['-f', 'json', '-o', 'a', '-o', 'b']), CliError);
    assert.throws(() => parseOptions(['-o', 'a', '-f', 'json', '-f', 'github']), CliError);
  });

  it('rejects unknown formats, bad --max-warnings and --fix with --fix-dry-run', () => {
    assert.throws(() => parseOptions(['--format', 'junit']), /unknown format "junit"/);
    assert.throws(() => parseOptions(['--max-warnings', 'many']), /whole number/);
    assert.throws(() => parseOptions(['--max-warnings', '-1']), CliError);
    assert.throws(() => parseOptions(['--fix', '--fix-dry-run']), /cannot be used together/);
    assert.throws(() => parseOptions(['--changed-since', '']), /needs a git ref/);
  });

  it('reads --config, and rejects it without a path', () => {
    assert.equal(parseOptions([]).config, undefined);
    assert.equal(parseOptions(['--config', 'ci/kb.json', 'kb']).config, 'ci/kb.json');
    assert.equal(parseOptions(['-c', 'ci/kb.json']).config, 'ci/kb.json');
    assert.throws(() => parseOptions(['--config', '']), /--config needs the path/);
  });

  it('reads the CI options', () => {
    const options = parseOptions(['--quiet', '--max-warnings', '3', '--changed-since', 'origin/main', '--fix-dry-run']);
    assert.equal(options.quiet, true);
    assert.equal(options.maxWarnings, 3);
    assert.equal(options.changedSince, 'origin/main');
    assert.equal(options.fix, 'dry-run');
  });

  it('turns the cache on with --cache or --cache-location', () => {
    assert.equal(parseOptions(['--cache']).cacheLocation, DEFAULT_CACHE_LOCATION);
    assert.equal(parseOptions(['--cache-location', 'tmp/cache']).cacheLocation, 'tmp/cache');
  });
});
