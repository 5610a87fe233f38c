// The argument line the cases and train-cases commands share: FILE --backend cpu|webgpu
// --out RESULT.json (also --backend=… and --out=…), with a UsageError naming what is wrong,
// and the reading of the input and writing of the result, with a one-line CliError.

import { constants } from 'node:fs';
import { access, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import process from 'node:process';

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

/** A user error found while reading the input or writing the result: one line, exit 2. */
export class CliError extends Error {}

/** The input file as JSON. A UTF-8 byte-order mark (some Windows editors write one) is fine. */
export async function readJsonInput(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${systemReason(error)}`);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new CliError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
}

/**
 * Checks, before any work, that the result can be written at `out`: its folder exists and
 * can be written to, and `out` is not itself a folder.
 */
export async function checkOutPath(out: string): Promise<void> {
  const target = path.resolve(out);
  const folder = path.dirname(target);
  const info = await stat(folder).catch(() => null);
  if (!info) throw new CliError(`cannot write ${out}: the folder ${folder} does not exist`);
  if (!info.isDirectory()) throw new CliError(`cannot write ${out}: ${folder} is not a folder`);
  if ((await stat(target).catch(() => null))?.isDirectory())
    throw new CliError(`cannot write ${out}: it is a folder`);
  try {
    await access(folder, constants.W_OK);
  } catch {
    throw new CliError(`cannot write ${out}: the folder ${folder} is not writable`);
  }
}

/**
 * Writes the result through a temporary file and a rename, so a failure never leaves a
 * partial file at `out`.
 */
export async function writeOutput(out: string, text: string): Promise<void> {
  const target = path.resolve(out);
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
  try {
    await writeFile(tmp, text, 'utf8');
    await rename(tmp, target);
  } catch (error) {
    await rm(tmp, { force: true });
    throw new CliError(`cannot write ${out}: ${systemReason(error)}`);
  }
}

/** "no such file or directory" from an ENOENT error, else the error's message. */
function systemReason(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  const reasons: Record<string, string> = {
    ENOENT: 'no such file or folder',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    EISDIR: 'it is a folder',
    ENOTDIR: 'a part of the path is not a folder',
    EROFS: 'the file system is read-only',
    ENOSPC: 'no space left on the device',
  };
  return (e.code && reasons[e.code]) ?? e.message ?? String(error);
}
