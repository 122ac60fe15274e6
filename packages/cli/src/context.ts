import { HELP } from './help.js';
import { renderChunks, type Format, type Output } from './output.js';
import { createProgress, type Progress } from './progress.js';

/** What a command needs from the process: output streams and terminal facts (replaceable in tests). */
export interface Context {
  stdoutIsTTY: boolean;
  write(text: string): void;
  print(output: Output, format: Format): void;
  progress(forPeople: boolean): Progress;
  help(command: string): number;
}

export function processContext(): Context {
  const write = (text: string): void => {
    process.stdout.write(text);
  };
  return {
    stdoutIsTTY: process.stdout.isTTY === true,
    write,
    // piece by piece: stdout to a pipe or file is synchronous on Linux, so a large CSV is never one string
    print: (output, format) => {
      for (const piece of renderChunks(output, format)) write(piece);
    },
    progress: (forPeople) => createProgress(forPeople),
    help: (command) => {
      write((HELP[command] ?? HELP.main!) + '\n');
      return 0;
    },
  };
}
