import { loadConfig } from './config.ts';
import { startServer } from './server.ts';

/** `node dist/node/server/main.js`: start the platform with the configuration from the environment. */
await startServer(loadConfig());
