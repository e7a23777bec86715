/** Where a command writes: stdout and stderr lines (tests capture them). */
export interface Streams {
  out: (text: string) => void;
  err: (text: string) => void;
}

export const STDIO: Streams = {
  out: (text) => process.stdout.write(text + "\n"),
  err: (text) => process.stderr.write(text + "\n"),
};

export class UsageError extends Error {}
