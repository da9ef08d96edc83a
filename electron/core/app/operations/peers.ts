import type { PeerLink } from '../../peers/peer-link';
import { ok, type CoreServices, type Operations } from './core-services';

const NO_PEER_LINK = 'this terminal has no peer link: set peers in its configuration (README "One kitchen without the internet")';

/** The kitchen peers (README "One kitchen without the internet"): listed, a code shown, a peer paired. */
export function peerOperations(
  core: CoreServices,
  link: PeerLink | undefined,
): Operations<'kitchenPeers' | 'peerPairingCode' | 'pairPeer' | 'unpairPeer'> {
  const listed = () => ok({ url: link?.url ?? null, peers: link?.views() ?? [], found: link?.found() ?? [] });
  return {
    kitchenPeers: listed,
    peerPairingCode: ({ pin }) => {
      const refused = core.pinRefusal(pin, 'a peer pairing code');
      if (refused) return refused;
      if (!link) return { ok: false, error: NO_PEER_LINK };
      return ok(link.issueCode());
    },
    pairPeer: async ({ url, code, pin }) => {
      const refused = core.pinRefusal(pin, 'pairing a kitchen peer');
      if (refused) return refused;
      if (!link) return { ok: false, error: NO_PEER_LINK };
      try {
        const peer = await link.pair(url, code);
        core.log('info', `kitchen peer ${peer.terminalId} paired at ${url}`);
        return ok(peer);
      } catch (error) {
        return { ok: false, error: (error as Error).message };
      }
    },
    unpairPeer: ({ terminalId, pin }) => {
      const refused = core.pinRefusal(pin, 'unpairing a kitchen peer');
      if (refused) return refused;
      if (!link) return { ok: false, error: NO_PEER_LINK };
      if (!link.unpair(terminalId)) return { ok: false, error: `no kitchen peer ${terminalId} (unpaired already?)` };
      core.log('warn', `kitchen peer ${terminalId} unpaired: its token is refused from now on`);
      return listed();
    },
  };
}
