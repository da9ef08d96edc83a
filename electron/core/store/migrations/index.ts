import { sql as initial } from './001-initial';
import { sql as kitchenState } from './002-kitchen-state';
import { sql as kitchenSync } from './003-kitchen-sync';
import { sql as offsetHealth } from './004-offset-health';
import { sql as bumpedVersion } from './005-bumped-version';
import { sql as screenIndex } from './006-screen-index';
import { sql as appliedEventsClustered } from './007-applied-events-clustered';
import { sql as kitchenLog } from './008-kitchen-log';
import { sql as avroSchemas } from './009-avro-schemas';
import { sql as kitchenAnswers } from './010-kitchen-answers';
import { sql as kitchenPeers } from './011-kitchen-peers';
import { sql as versionIdempotence } from './012-version-idempotence';
import { sql as snapshotVersion } from './013-snapshot-version';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Append only: a shipped migration is never edited (its checksum is recorded on every terminal). */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: '001-initial', sql: initial },
  { version: 2, name: '002-kitchen-state', sql: kitchenState },
  { version: 3, name: '003-kitchen-sync', sql: kitchenSync },
  { version: 4, name: '004-offset-health', sql: offsetHealth },
  { version: 5, name: '005-bumped-version', sql: bumpedVersion },
  { version: 6, name: '006-screen-index', sql: screenIndex },
  { version: 7, name: '007-applied-events-clustered', sql: appliedEventsClustered },
  { version: 8, name: '008-kitchen-log', sql: kitchenLog },
  { version: 9, name: '009-avro-schemas', sql: avroSchemas },
  { version: 10, name: '010-kitchen-answers', sql: kitchenAnswers },
  { version: 11, name: '011-kitchen-peers', sql: kitchenPeers },
  { version: 12, name: '012-version-idempotence', sql: versionIdempotence },
  { version: 13, name: '013-snapshot-version', sql: snapshotVersion },
];
