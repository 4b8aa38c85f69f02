/** Runs the CLI in-process and keeps what it printed, for the CLI tests of every subcommand. */
import { main, type Io } from '../../src/cli/main.ts';

export async function runCli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: Io = { out: (s) => void (out += s), err: (s) => void (err += s) };
  const code = await main(argv, io);
  return { code, out, err };
}
