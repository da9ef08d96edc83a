// The core's worker thread from its TypeScript source, as `npm run serve` starts it (the desktop
// app runs a bundle instead). tsx is registered in this thread before the source is imported:
// before Node 22 a worker gets none of the module hooks of its host's tsx, and not even
// `--import tsx` among its flags makes its entry loadable (ERR_UNKNOWN_FILE_EXTENSION ".ts").
// Plain JavaScript, because nothing can load TypeScript here until this has run.
import { register } from 'tsx/esm/api';

register();
await import('../../electron/core/app/core-worker.ts');
