/**
 * Help where people look: every command answers --help and -h with its usage and an example (exit 0);
 * a misspelt command or option gets "did you mean"; an option without its value says which one;
 * file errors are in plain words.
 */
import { main, commands, type Io } from '../../src/cli/main';
import { msg, t } from '../../src/i18n';
import { closest } from '../../src/cli/args';

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (s) => out.push(s), err: (s) => err.push(s) };
  const code = await main(args, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('scorecard <command> --help', () => {
  for (const command of Object.keys(commands))
    for (const flag of ['--help', '-h'])
      it(`${command} ${flag}: its usage and an example, exit 0`, async () => {
        const r = await run([command, flag]);
        expect(r.code).toBe(0);
        expect(r.err).toBe('');
        expect(r.out).toContain(`  scorecard ${command}`);
        expect(r.out).toMatch(new RegExp(`Ví dụ / example:\\n  npx scorecard ${command}\\b`));
      });

  it('--help after other options still shows the help and does nothing else', async () => {
    const r = await run(['rank', 'khong-co-thu-muc', '--help']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('--received-from-file-times');
  });
});

describe('usage problems in plain words', () => {
  it('a misspelt command or option: did you mean', async () => {
    const cmd = await run(['rnak', 'x']);
    expect(cmd.code).toBe(2);
    expect(cmd.err).toBe(
      `${t('vi', 'cliDidYouMean', { problem: msg('cliUnknownCommand', { command: 'rnak' }).vi, suggestion: 'rank' })} / ${t('en', 'cliDidYouMean', { problem: msg('cliUnknownCommand', { command: 'rnak' }).en, suggestion: 'rank' })}`,
    );
    const opt = await run(['rank', 'x', '--recieved', 'a.csv']);
    expect(opt.code).toBe(2);
    expect(opt.err).toContain('Did you mean --received?');
    const far = await run(['rank', 'x', '--zzzzzz']);
    expect(far.err).toBe(
      `${msg('cliUnknownOption', { option: '--zzzzzz' }).vi} / ${msg('cliUnknownOption', { option: '--zzzzzz' }).en}`,
    );
  });

  it('an option without its value says which one and shows an example', async () => {
    const r = await run(['rank', 'x', '--received']);
    expect(r.code).toBe(2);
    expect(r.err).toContain(
      msg('cliMissingValue', { option: '--received', example: '--received ngay-nhan.csv' }).en,
    );
    const o = await run(['template', '--rulebook', 'binh-thuan-2019', '--annex', 'I', '-o']);
    expect(o.err).toContain(msg('cliMissingValue', { option: '-o', example: '-o ket-qua.xlsx' }).en);
  });

  it('a file that is not there: no system codes', async () => {
    for (const args of [
      ['check', '/khong-co/phieu.xlsx'],
      ['rank', '/khong-co'],
      ['score', '--rulebook', 'binh-thuan-2019', '--annex', 'I', '--entries', '/khong-co.json'],
    ]) {
      const r = await run(args);
      expect(r.code).toBe(2);
      expect(r.err).toContain(t('en', 'fsNotFound'));
      expect(r.err).not.toMatch(/ENOENT|EACCES|EISDIR/);
    }
  });

  it('closest: a prefix, or a few edits; nothing far away', () => {
    expect(closest('--rece', ['--received', '--rulebook'])).toBe('--received');
    expect(closest('chek', ['check', 'rank'])).toBe('check');
    expect(closest('hello', ['check', 'rank'])).toBeUndefined();
  });
});
