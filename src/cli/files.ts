/**
 * Reading input files for the command-line tools.
 */

/** Why a file could not be read, in words rather than an errno code. */
export function readError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'is a folder, not a file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (error instanceof TypeError) return 'is not UTF-8 text';
  return error instanceof Error ? error.message : String(error);
}
