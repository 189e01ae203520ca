import cliProgress from 'cli-progress';

/**
 * A progress bar for long CLI work, one bar per stage. On a non-interactive output (CI logs) it prints
 * a line per stage and per 10% instead of redrawing.
 */
export function createProgress(): { update(stage: string, done?: number, total?: number): void; stop(): void } {
  const isInteractive = Boolean(process.stderr.isTTY);
  let bar: cliProgress.SingleBar | null = null;
  let currentStage = '';
  let lastDecile = -1;

  const finishBar = () => {
    bar?.stop();
    bar = null;
  };

  return {
    update(stage, done, total) {
      if (stage !== currentStage) {
        finishBar();
        currentStage = stage;
        lastDecile = -1;
        if (total === undefined) {
          process.stderr.write(`${stage}\n`);
          return;
        }
        if (isInteractive) {
          bar = new cliProgress.SingleBar({ format: `${stage.padEnd(28)} [{bar}] {percentage}% {value}/{total} ETA {eta}s`, stream: process.stderr }, cliProgress.Presets.shades_classic);
          bar.start(total, 0);
        }
      }
      if (total === undefined || done === undefined) return;
      if (bar) bar.update(done);
      else {
        const decile = Math.floor((done / Math.max(total, 1)) * 10);
        if (decile !== lastDecile) {
          lastDecile = decile;
          process.stderr.write(`${stage}: ${done}/${total} (${decile * 10}%)\n`);
        }
      }
    },
    stop: finishBar,
  };
}
