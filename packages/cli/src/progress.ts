/**
 * Progress for long work: a single updating line on stderr, only when stderr is a terminal and the
 * output is for people. Quiet in pipes and in machine formats.
 */
export interface Progress {
  stage(name: string): void;
  done(): void;
}

export function createProgress(enabled: boolean, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!enabled || !stream.isTTY) return { stage() {}, done() {} };
  const start = Date.now();
  let last = '';
  return {
    stage(name) {
      last = name;
      stream.write(`\r\x1b[2K${name}… (${((Date.now() - start) / 1000).toFixed(1)} s)`);
    },
    done() {
      if (last) stream.write('\r\x1b[2K');
    },
  };
}
