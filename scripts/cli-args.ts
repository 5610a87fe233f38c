// The argument line the cases and train-cases commands share: FILE --backend cpu|webgpu
// --out RESULT.json (also --backend=… and --out=…), with a UsageError naming what is wrong.

export interface CliArgs {
  readonly file: string;
  readonly backend: 'cpu' | 'webgpu';
  readonly out: string;
}

export class UsageError extends Error {}

/** Non-finite numbers as JSON null (JSON has no NaN or infinity). */
export const finiteOrNull = (v: number): number | null => (Number.isFinite(v) ? v : null);

export function parseCliArgs(argv: readonly string[]): CliArgs {
  let file: string | undefined;
  let backend: string | undefined;
  let out: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const value = (): string => {
      const next = argv[i + 1];
      if (next === undefined) throw new UsageError(`${arg} needs a value`);
      i++;
      return next;
    };
    if (arg === '--backend') backend = value();
    else if (arg.startsWith('--backend=')) backend = arg.slice('--backend='.length);
    else if (arg === '--out') out = value();
    else if (arg.startsWith('--out=')) out = arg.slice('--out='.length);
    else if (arg === '-h' || arg === '--help') throw new UsageError('');
    else if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg}`);
    else if (file === undefined) file = arg;
    else throw new UsageError(`unexpected argument ${arg}`);
  }
  if (file === undefined) throw new UsageError('missing FILE');
  if (out === undefined) throw new UsageError('missing --out RESULT.json');
  backend ??= 'cpu';
  if (backend !== 'cpu' && backend !== 'webgpu')
    throw new UsageError(`--backend must be cpu or webgpu, got ${backend}`);
  return { file, backend, out };
}
