import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { describeZodError } from '../../../shared/order-events';

/**
 * Who this terminal's kitchen peers are, in the data folder beside the database (mode 0600: it
 * holds the tokens this terminal presents to them): a database rebuilt empty still knows its
 * peers, and gets its orders back from them.
 */
export const PEER_FILE = 'kitchen-peers.json';

const pairedPeerSchema = z
  .object({
    terminalId: z.string().min(1).max(128),
    url: z.url({ protocol: /^https?$/ }),
    /** What this terminal presents to it. */
    callToken: z.string().min(1).max(128),
    /** SHA-256 (hex) of what it presents to this terminal. */
    acceptDigest: z.string().regex(/^[0-9a-f]{64}$/),
    pairedAt: z.iso.datetime(),
    /** Its HTTPS certificate (PEM), pinned when pairing; null: it speaks plain HTTP. */
    certificate: z.string().max(8192).nullable().default(null),
  })
  .strict();
export type PairedPeer = z.output<typeof pairedPeerSchema>;

const peerFileSchema = z.object({ peers: z.array(pairedPeerSchema).max(50) }).strict();

export class PeerFile {
  private peers: PairedPeer[];
  private readonly file: string;

  constructor(dataDir: string) {
    this.file = join(dataDir, PEER_FILE);
    this.peers = existsSync(this.file) ? PeerFile.read(this.file) : [];
  }

  private static read(file: string): PairedPeer[] {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new Error(
        `${file} cannot be read as JSON (${(error as Error).message}): pair the kitchen's terminals again after removing it`,
        {
          cause: error,
        },
      );
    }
    const parsed = peerFileSchema.safeParse(raw);
    if (!parsed.success) throw new Error(`${file} is not a list of kitchen peers: ${describeZodError(parsed.error)}`);
    return parsed.data.peers;
  }

  list(): readonly PairedPeer[] {
    return this.peers;
  }

  /** Adds or replaces a peer (paired again: new tokens); written before it counts. */
  save(peer: PairedPeer): void {
    this.write([...this.peers.filter((known) => known.terminalId !== peer.terminalId), peer]);
  }

  remove(terminalId: string): boolean {
    const kept = this.peers.filter((known) => known.terminalId !== terminalId);
    if (kept.length === this.peers.length) return false;
    this.write(kept);
    return true;
  }

  private write(peers: PairedPeer[]): void {
    const sorted = [...peers].sort((a, b) => a.terminalId.localeCompare(b.terminalId));
    const temporary = `${this.file}.new`;
    writeFileSync(temporary, `${JSON.stringify({ peers: sorted }, null, 2)}\n`, { mode: 0o600 });
    chmodSync(temporary, 0o600);
    renameSync(temporary, this.file);
    this.peers = sorted;
  }
}
