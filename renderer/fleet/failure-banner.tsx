import type { FailureKind } from './fleet-client';
import { clockTime } from './format';

const HEADLINE: Record<FailureKind, string> = {
  unreachable: 'Fleet service unreachable',
  refused: 'Fleet service refused the access token (open the fleet link again)',
  missing: 'The fleet service no longer knows this terminal',
  invalid: 'Fleet service answered in a form this page does not read',
};

/** Says that what is on screen is the past: the last time data came in, or that none ever did. */
export function FailureBanner({ failure, receivedAt }: { failure: FailureKind; receivedAt: number | null }) {
  return (
    <p className="failure" role="alert">
      <span aria-hidden="true">⚠ </span>
      {HEADLINE[failure]} — {receivedAt === null ? 'no data yet' : `last data ${clockTime(receivedAt)}`}
    </p>
  );
}
