import { useCallback, useEffect, useRef, useState } from 'react';

export type ChainProblem = 'missing_link' | 'prev_mismatch' | 'missing_entry' | 'hash_mismatch' | 'head_mismatch' | 'unchained_entry';

export interface ChainResult {
  ok: boolean;
  checked: number;
  total: number;
  headHash: string;
  durationMs: number;
  firstBreak: { problem: ChainProblem; seq: number | null; auditId: number | null; expected: string; found: string } | null;
}

export type ChainState =
  | { status: 'idle' }
  | { status: 'running'; checked: number; total: number }
  | { status: 'done'; result: ChainResult }
  | { status: 'failed' };

/**
 * Runs GET /api/audit/chain/verify and follows its NDJSON stream (progress lines, then the result).
 * Leaving the page aborts the request, and the server stops walking.
 */
export function useChainVerification(): { state: ChainState; run: () => void } {
  const [state, setState] = useState<ChainState>({ status: 'idle' });
  const controller = useRef<AbortController | null>(null);
  useEffect(() => () => controller.current?.abort(), []);

  const run = useCallback(() => {
    controller.current?.abort();
    const abort = new AbortController();
    controller.current = abort;
    setState({ status: 'running', checked: 0, total: 0 });
    void (async () => {
      try {
        const response = await fetch('/api/audit/chain/verify', { credentials: 'same-origin', headers: { accept: 'application/x-ndjson' }, signal: abort.signal });
        if (!response.ok || !response.body) throw new Error(String(response.status));
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        let final: ChainState = { status: 'failed' };
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let newline: number;
          while ((newline = buffer.indexOf('\n')) >= 0) {
            const line = JSON.parse(buffer.slice(0, newline)) as { type: string } & Partial<ChainResult>;
            buffer = buffer.slice(newline + 1);
            if (line.type === 'progress') setState({ status: 'running', checked: line.checked ?? 0, total: line.total ?? 0 });
            else if (line.type === 'result') final = { status: 'done', result: line as ChainResult };
          }
        }
        setState(final);
      } catch (error) {
        if (!abort.signal.aborted) setState({ status: 'failed' });
        void error;
      }
    })();
  }, []);

  return { state, run };
}
