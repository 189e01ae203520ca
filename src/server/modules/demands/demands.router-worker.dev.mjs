// The training worker when the server runs from source (tsx, vitest): on Node 20 the main thread's
// TypeScript loader does not reach a worker thread, so this registers tsx here, then runs the worker.
import { register } from 'tsx/esm/api';

register();
await import('./demands.router-worker.ts');
